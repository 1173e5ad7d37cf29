/**
 * The one place where engine data (uris, UTF-16 offsets, spans, plain result
 * objects) and LSP types meet. Handlers call `fromLsp*` on their params, the
 * engine, then `toLsp*` on the result; nothing else in lsp/ does arithmetic on
 * positions.
 *
 * Positions use each file's own LineIndex (`ws.getFile(uri).lineIndex`), so a
 * span in another file (a reference, a related diagnostic, a rename edit) is
 * converted with that file's lines. Never reads files, never logs.
 */
import * as lsp from './lsp.js';
import type { Workspace } from '../engine/workspace.js';
import type { Diagnostic, DiagnosticData as EngineDiagnosticData, Severity } from '../engine/diagnostics.js';
import type { Span } from '../engine/text/span.js';
import type { LineIndex } from '../engine/text/line-index.js';
import * as ide from '../engine/ide/index.js';
import { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES } from '../engine/ide/types.js';

/** The `source` of every diagnostic we publish. */
export const DIAGNOSTIC_SOURCE = 'schemasage';

/** The semantic tokens legend, in the engine's order (the encoding indexes into it). */
export const semanticTokensLegend: lsp.SemanticTokensLegend = {
  tokenTypes: [...SEMANTIC_TOKEN_TYPES],
  tokenModifiers: [...SEMANTIC_TOKEN_MODIFIERS],
};

// ---------------------------------------------------------------- positions

function lineIndexOf(ws: Workspace, uri: string): LineIndex | undefined {
  return ws.getFile(uri)?.lineIndex;
}

/** Offset of an LSP position in a workspace file (0 when the file is unknown). */
export function fromLspPosition(ws: Workspace, uri: string, pos: lsp.Position): number {
  const li = lineIndexOf(ws, uri);
  return li ? li.offset(pos) : 0;
}

/** Span of an LSP range in a workspace file. */
export function fromLspRange(ws: Workspace, uri: string, range: lsp.Range): Span {
  const li = lineIndexOf(ws, uri);
  if (!li) return { start: 0, end: 0 };
  const start = li.offset(range.start);
  const end = li.offset(range.end);
  return end >= start ? { start, end } : { start: end, end: start };
}

export function toLspPosition(ws: Workspace, uri: string, offset: number): lsp.Position {
  const li = lineIndexOf(ws, uri);
  return li ? li.position(offset) : { line: 0, character: 0 };
}

export function toLspRange(ws: Workspace, uri: string, span: Span): lsp.Range {
  const li = lineIndexOf(ws, uri);
  if (!li) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { start: li.position(span.start), end: li.position(Math.max(span.start, span.end)) };
}

export function toLspLocation(ws: Workspace, loc: ide.Location): lsp.Location {
  return { uri: loc.uri, range: toLspRange(ws, loc.uri, loc.span) };
}

export function toLspLocations(ws: Workspace, locs: ide.Location[]): lsp.Location[] {
  return locs.map((l) => toLspLocation(ws, l));
}

// -------------------------------------------------------------- diagnostics

const severityToLsp: Record<Severity, lsp.DiagnosticSeverity> = {
  error: lsp.DiagnosticSeverity.Error,
  warning: lsp.DiagnosticSeverity.Warning,
  info: lsp.DiagnosticSeverity.Information,
  hint: lsp.DiagnosticSeverity.Hint,
};

const severityFromLsp: Record<number, Severity> = {
  [lsp.DiagnosticSeverity.Error]: 'error',
  [lsp.DiagnosticSeverity.Warning]: 'warning',
  [lsp.DiagnosticSeverity.Information]: 'info',
  [lsp.DiagnosticSeverity.Hint]: 'hint',
};

/**
 * Payload kept in `Diagnostic.data` so a later codeAction request can rebuild
 * the engine diagnostic (the client echoes `data` back unchanged). No offsets:
 * the range locates it (VS Code moves a shown diagnostic's range with the
 * user's edits, offsets would go stale), and an LSP diagnostic without offsets
 * stays the same object, and the same JSON, while its lines do not move.
 */
type LspDiagnosticData = EngineDiagnosticData;

export function toLspDiagnostic(ws: Workspace, d: Diagnostic): lsp.Diagnostic {
  const out: lsp.Diagnostic = {
    range: toLspRange(ws, d.uri, d.span),
    severity: severityToLsp[d.severity] ?? lsp.DiagnosticSeverity.Error,
    code: d.code,
    source: DIAGNOSTIC_SOURCE,
    message: d.message,
  };
  if (d.related?.length) {
    out.relatedInformation = d.related.map((r) => ({
      location: { uri: r.uri, range: toLspRange(ws, r.uri, r.span) },
      message: r.message,
    }));
  }
  if (d.tags?.length) {
    out.tags = d.tags.map((t) => (t === 'unnecessary' ? lsp.DiagnosticTag.Unnecessary : lsp.DiagnosticTag.Deprecated));
  }
  if (d.data?.suggestions || d.data?.inferred || d.data?.fix) {
    const data: LspDiagnosticData = {};
    if (d.data.suggestions) data.suggestions = d.data.suggestions;
    if (d.data.inferred) data.inferred = d.data.inferred;
    if (d.data.fix) data.fix = d.data.fix;
    out.data = data;
  }
  return out;
}

/**
 * Rebuilds an engine diagnostic from one the client sends back in a
 * codeAction request. Diagnostics from other sources give undefined.
 */
export function fromLspDiagnostic(ws: Workspace, uri: string, d: lsp.Diagnostic): Diagnostic | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE) return undefined;
  const data = d.data as Partial<LspDiagnosticData> | undefined;
  const out: Diagnostic = {
    uri,
    span: fromLspRange(ws, uri, d.range),
    severity: severityFromLsp[d.severity ?? lsp.DiagnosticSeverity.Error] ?? 'error',
    code: d.code === undefined ? '' : String(d.code),
    message: typeof d.message === 'string' ? d.message : d.message.value,
  };
  if (Array.isArray(data?.suggestions)) out.data = { suggestions: data.suggestions };
  if (data?.inferred && typeof data.inferred === 'object') out.data = { ...out.data, inferred: data.inferred };
  if (data?.fix && typeof data.fix === 'object') out.data = { ...out.data, fix: data.fix };
  return out;
}

// -------------------------------------------------------------------- edits

export function toLspTextEdits(ws: Workspace, uri: string, edits: ide.TextEdit[]): lsp.TextEdit[] {
  return edits.map((e) => ({ range: toLspRange(ws, uri, e.span), newText: e.newText }));
}

export function toLspWorkspaceEdit(ws: Workspace, edit: ide.WorkspaceEdit): lsp.WorkspaceEdit {
  const changes: Record<string, lsp.TextEdit[]> = {};
  for (const [uri, edits] of Object.entries(edit.changes)) changes[uri] = toLspTextEdits(ws, uri, edits);
  return { changes };
}

// -------------------------------------------------------------------- hover

export function toLspHover(ws: Workspace, uri: string, h: ide.Hover): lsp.Hover {
  return { contents: { kind: lsp.MarkupKind.Markdown, value: h.contents }, range: toLspRange(ws, uri, h.span) };
}

// --------------------------------------------------------------- completion

const completionKindToLsp: Record<ide.CompletionKind, lsp.CompletionItemKind> = {
  keyword: lsp.CompletionItemKind.Keyword,
  table: lsp.CompletionItemKind.Class,
  column: lsp.CompletionItemKind.Field,
  enum: lsp.CompletionItemKind.Enum,
  enumValue: lsp.CompletionItemKind.EnumMember,
  type: lsp.CompletionItemKind.TypeParameter,
  setting: lsp.CompletionItemKind.Property,
  schema: lsp.CompletionItemKind.Module,
  snippet: lsp.CompletionItemKind.Snippet,
  value: lsp.CompletionItemKind.Value,
};

export function toLspCompletionItem(ws: Workspace, uri: string, c: ide.CompletionItem): lsp.CompletionItem {
  const item: lsp.CompletionItem = { label: c.label, kind: completionKindToLsp[c.kind] ?? lsp.CompletionItemKind.Text };
  if (c.detail !== undefined) item.detail = c.detail;
  if (c.documentation !== undefined) item.documentation = { kind: lsp.MarkupKind.Markdown, value: c.documentation };
  if (c.isSnippet) item.insertTextFormat = lsp.InsertTextFormat.Snippet;
  const text = c.insertText ?? c.label;
  if (c.replaceSpan) item.textEdit = { range: toLspRange(ws, uri, c.replaceSpan), newText: text };
  else if (c.insertText !== undefined) item.insertText = c.insertText;
  if (c.sortText !== undefined) item.sortText = c.sortText;
  if (c.filterText !== undefined) item.filterText = c.filterText;
  return item;
}

export function toLspCompletionList(ws: Workspace, uri: string, items: ide.CompletionItem[]): lsp.CompletionList {
  return { isIncomplete: false, items: items.map((c) => toLspCompletionItem(ws, uri, c)) };
}

// ------------------------------------------------------------------ symbols

const symbolKindToLsp: Record<ide.SymbolItemKind, lsp.SymbolKind> = {
  table: lsp.SymbolKind.Class,
  column: lsp.SymbolKind.Field,
  enum: lsp.SymbolKind.Enum,
  enumValue: lsp.SymbolKind.EnumMember,
  ref: lsp.SymbolKind.Interface,
  tableGroup: lsp.SymbolKind.Namespace,
  note: lsp.SymbolKind.String,
  project: lsp.SymbolKind.Module,
  index: lsp.SymbolKind.Key,
  partial: lsp.SymbolKind.Struct,
  records: lsp.SymbolKind.Array,
};

export function toLspSymbolKind(kind: ide.SymbolItemKind): lsp.SymbolKind {
  return symbolKindToLsp[kind] ?? lsp.SymbolKind.Variable;
}

export function toLspDocumentSymbol(ws: Workspace, uri: string, s: ide.DocumentSymbol): lsp.DocumentSymbol {
  // The protocol requires the selection range inside the full range.
  const full = { start: Math.min(s.span.start, s.selectionSpan.start), end: Math.max(s.span.end, s.selectionSpan.end) };
  const out: lsp.DocumentSymbol = {
    name: s.name || ' ',
    kind: toLspSymbolKind(s.kind),
    range: toLspRange(ws, uri, full),
    selectionRange: toLspRange(ws, uri, s.selectionSpan),
  };
  if (s.detail !== undefined) out.detail = s.detail;
  if (s.children.length) out.children = s.children.map((c) => toLspDocumentSymbol(ws, uri, c));
  return out;
}

/** Flat symbols for clients without hierarchical document symbol support. */
export function toLspSymbolInformation(ws: Workspace, uri: string, symbols: ide.DocumentSymbol[]): lsp.SymbolInformation[] {
  const out: lsp.SymbolInformation[] = [];
  const walk = (s: ide.DocumentSymbol, container: string | undefined): void => {
    const info: lsp.SymbolInformation = { name: s.name || ' ', kind: toLspSymbolKind(s.kind), location: { uri, range: toLspRange(ws, uri, s.span) } };
    if (container !== undefined) info.containerName = container;
    out.push(info);
    for (const c of s.children) walk(c, s.name);
  };
  for (const s of symbols) walk(s, undefined);
  return out;
}

export function toLspWorkspaceSymbol(ws: Workspace, s: ide.WorkspaceSymbol): lsp.SymbolInformation {
  const out: lsp.SymbolInformation = { name: s.name, kind: toLspSymbolKind(s.kind), location: toLspLocation(ws, s.location) };
  if (s.containerName !== undefined) out.containerName = s.containerName;
  return out;
}

// ------------------------------------------------------------------ folding

const CLOSERS = new Set(['}', ']', ')']);

/**
 * Offsets to lines. A fold that ends on a line starting with a closing bracket
 * stops on the line before, so the `}` stays visible (as VS Code's own
 * indentation folding does). Folds of a single line are dropped.
 */
export function toLspFoldingRanges(ws: Workspace, uri: string, ranges: ide.FoldingRange[]): lsp.FoldingRange[] {
  const li = lineIndexOf(ws, uri);
  if (!li) return [];
  const out: lsp.FoldingRange[] = [];
  for (const r of ranges) {
    const startLine = li.position(r.start).line;
    let endLine = li.position(Math.max(r.start, r.end - 1)).line;
    if (endLine > startLine) {
      const lineText = li.text.slice(li.lineStarts[endLine], li.lineEnd(endLine)).trimStart();
      if (CLOSERS.has(lineText.charAt(0))) endLine--;
    }
    if (endLine <= startLine) continue;
    const fr: lsp.FoldingRange = { startLine, endLine };
    if (r.kind) fr.kind = r.kind;
    out.push(fr);
  }
  return out;
}

// ---------------------------------------------------------------- selection

/**
 * One chain per requested position, innermost first. Spans that do not contain
 * the previous one are skipped (the protocol requires each parent to contain
 * its child); a position with no spans gets an empty range at itself.
 */
export function toLspSelectionRanges(ws: Workspace, uri: string, offsets: number[], chains: Span[][]): lsp.SelectionRange[] {
  return offsets.map((offset, i) => {
    const spans: Span[] = [];
    for (const s of chains[i] ?? []) {
      const prev = spans[spans.length - 1];
      if (s.start > offset || s.end < offset) continue;
      if (prev && (s.start > prev.start || s.end < prev.end || (s.start === prev.start && s.end === prev.end))) continue;
      spans.push(s);
    }
    if (!spans.length) spans.push({ start: offset, end: offset });
    let parent: lsp.SelectionRange | undefined;
    for (let k = spans.length - 1; k >= 0; k--) {
      const range: lsp.SelectionRange = { range: toLspRange(ws, uri, spans[k]) };
      if (parent) range.parent = parent;
      parent = range;
    }
    return parent!;
  });
}

// ----------------------------------------------------------- semantic tokens

const tokenTypeIndex = new Map<string, number>(SEMANTIC_TOKEN_TYPES.map((t, i) => [t, i]));
const tokenModifierBit = new Map<string, number>(SEMANTIC_TOKEN_MODIFIERS.map((m, i) => [m, 1 << i]));

/**
 * Relative (delta) encoding of the protocol: five integers per token
 * (deltaLine, deltaStartChar, length, type, modifiers). Tokens spanning lines
 * are split into one token per line, since not every client supports
 * multi-line tokens; overlapping tokens are dropped.
 */
export function toLspSemanticTokens(ws: Workspace, uri: string, tokens: ide.SemanticToken[]): lsp.SemanticTokens {
  const li = lineIndexOf(ws, uri);
  if (!li) return { data: [] };
  const sorted = [...tokens].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  let lastEnd = 0;
  const push = (line: number, char: number, length: number, type: number, mods: number): void => {
    if (length <= 0) return;
    const deltaLine = line - prevLine;
    data.push(deltaLine, deltaLine === 0 ? char - prevChar : char, length, type, mods);
    prevLine = line;
    prevChar = char;
  };
  for (const t of sorted) {
    const type = tokenTypeIndex.get(t.type);
    if (type === undefined || t.span.end <= t.span.start || t.span.start < lastEnd) continue;
    let mods = 0;
    for (const m of t.modifiers) mods |= tokenModifierBit.get(m) ?? 0;
    const start = li.position(t.span.start);
    const end = li.position(t.span.end);
    if (start.line === end.line) {
      push(start.line, start.character, end.character - start.character, type, mods);
    } else {
      for (let line = start.line; line <= end.line; line++) {
        const from = line === start.line ? start.character : 0;
        const to = line === end.line ? end.character : li.lineEnd(line) - li.lineStarts[line];
        push(line, from, to - from, type, mods);
      }
    }
    lastEnd = t.span.end;
  }
  return { data };
}

// --------------------------------------------------------------- highlights

const highlightKindToLsp: Record<ide.HighlightKind, lsp.DocumentHighlightKind> = {
  read: lsp.DocumentHighlightKind.Read,
  write: lsp.DocumentHighlightKind.Write,
  text: lsp.DocumentHighlightKind.Text,
};

export function toLspDocumentHighlights(ws: Workspace, uri: string, hs: ide.DocumentHighlight[]): lsp.DocumentHighlight[] {
  return hs.map((h) => ({ range: toLspRange(ws, uri, h.span), kind: highlightKindToLsp[h.kind] ?? lsp.DocumentHighlightKind.Text }));
}

// ------------------------------------------------------------- code actions

const codeActionKindToLsp: Record<ide.CodeAction['kind'], lsp.CodeActionKind> = {
  quickfix: lsp.CodeActionKind.QuickFix,
  refactor: lsp.CodeActionKind.Refactor,
  source: lsp.CodeActionKind.Source,
};

/**
 * Engine code actions to LSP ones. `sent` are the diagnostics of the request,
 * so each action can name the ones it fixes (matched by code and span).
 */
export function toLspCodeAction(ws: Workspace, a: ide.CodeAction, sent: { engine: Diagnostic; lsp: lsp.Diagnostic }[]): lsp.CodeAction {
  const out: lsp.CodeAction = { title: a.title, kind: codeActionKindToLsp[a.kind] ?? lsp.CodeActionKind.QuickFix, edit: toLspWorkspaceEdit(ws, a.edit) };
  if (a.isPreferred) out.isPreferred = true;
  if (a.fixes?.length) {
    const fixed = sent.filter((s) => a.fixes!.some((f) => f.code === s.engine.code && f.span.start === s.engine.span.start && f.span.end === s.engine.span.end));
    if (fixed.length) out.diagnostics = fixed.map((s) => s.lsp);
  }
  return out;
}

/** True when an action of `kind` passes the request's `context.only` filter. */
export function codeActionKindAllowed(kind: ide.CodeAction['kind'], only: lsp.CodeActionKind[] | undefined): boolean {
  if (!only?.length) return true;
  const k = codeActionKindToLsp[kind] ?? lsp.CodeActionKind.QuickFix;
  return only.some((o) => k === o || k.startsWith(o + '.'));
}

// --------------------------------------------------------------- formatting

export function fromLspFormattingOptions(o: lsp.FormattingOptions): ide.FormatOptions {
  return { tabSize: typeof o.tabSize === 'number' && o.tabSize > 0 ? o.tabSize : 2, insertSpaces: o.insertSpaces !== false };
}

// ------------------------------------------------------------------- rename

export function toLspPrepareRename(ws: Workspace, uri: string, p: ide.PrepareRename): { range: lsp.Range; placeholder: string } {
  return { range: toLspRange(ws, uri, p.span), placeholder: p.placeholder };
}
