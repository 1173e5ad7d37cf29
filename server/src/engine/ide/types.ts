/**
 * Editor features as plain data, in engine terms (uris, offsets, spans).
 * `lsp/convert.ts` turns these into LSP types; the CLI and tests read them as
 * they are. Nothing here knows about the protocol.
 */
import type { Span } from '../text/span.js';

export interface Location {
  uri: string;
  span: Span;
}

export interface TextEdit {
  span: Span;
  newText: string;
}

/** Edits per file uri. */
export interface WorkspaceEdit {
  changes: Record<string, TextEdit[]>;
}

export interface Hover {
  /** markdown */
  contents: string;
  span: Span;
}

export type CompletionKind =
  | 'keyword'
  | 'table'
  | 'column'
  | 'enum'
  | 'enumValue'
  | 'type'
  | 'setting'
  | 'schema'
  | 'snippet'
  | 'value';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** markdown */
  documentation?: string;
  /** text to insert; `label` when absent. May be a snippet when `isSnippet` */
  insertText?: string;
  isSnippet?: boolean;
  /** span replaced by the completion (defaults to the word at the cursor) */
  replaceSpan?: Span;
  sortText?: string;
  filterText?: string;
}

export type SymbolItemKind = 'table' | 'column' | 'enum' | 'enumValue' | 'ref' | 'tableGroup' | 'note' | 'project' | 'index' | 'partial' | 'records';

export interface DocumentSymbol {
  name: string;
  detail?: string;
  kind: SymbolItemKind;
  span: Span;
  selectionSpan: Span;
  children: DocumentSymbol[];
}

export interface WorkspaceSymbol {
  name: string;
  kind: SymbolItemKind;
  containerName?: string;
  location: Location;
}

export interface FoldingRange {
  /** offsets; the protocol edge turns them into lines */
  start: number;
  end: number;
  kind?: 'comment' | 'region' | 'imports';
}

export type HighlightKind = 'read' | 'write' | 'text';

export interface DocumentHighlight {
  span: Span;
  kind: HighlightKind;
}

/** Semantic token types we emit; the LSP legend is built from this list in order. */
export const SEMANTIC_TOKEN_TYPES = [
  'namespace',
  'type',
  'class',
  'enum',
  'enumMember',
  'property',
  'variable',
  'keyword',
  'string',
  'number',
  'comment',
  'operator',
  'decorator',
] as const;
export type SemanticTokenType = (typeof SEMANTIC_TOKEN_TYPES)[number];

export const SEMANTIC_TOKEN_MODIFIERS = ['declaration', 'definition', 'readonly', 'defaultLibrary'] as const;
export type SemanticTokenModifier = (typeof SEMANTIC_TOKEN_MODIFIERS)[number];

export interface SemanticToken {
  span: Span;
  type: SemanticTokenType;
  modifiers: SemanticTokenModifier[];
}

export interface CodeAction {
  title: string;
  kind: 'quickfix' | 'refactor' | 'source';
  edit: WorkspaceEdit;
  /** codes of the diagnostics this fixes */
  fixes?: { code: string; span: Span }[];
  isPreferred?: boolean;
}

export interface FormatOptions {
  tabSize: number;
  insertSpaces: boolean;
}

export type RenameResult = { edit: WorkspaceEdit } | { error: string };

export interface PrepareRename {
  span: Span;
  placeholder: string;
}
