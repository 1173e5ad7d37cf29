/**
 * Symbols and occurrences: the binder's index of every declared name and every
 * place a name is written, across all files of a workspace. Definition,
 * references, rename, highlights and hover are lookups in this index; no IDE
 * feature re-resolves names itself.
 */
import type { Span } from '../text/span.js';

export type SymbolKind =
  | 'schema'
  | 'table'
  | 'column'
  | 'alias'
  | 'enum'
  | 'enumValue'
  | 'tableGroup'
  | 'tablePartial'
  | 'note'
  | 'project'
  | 'ref'
  | 'index';

export interface SchemaSymbol {
  /** index into Binding.symbols */
  id: number;
  kind: SymbolKind;
  /** the name as the user wrote it, unquoted */
  name: string;
  /** display name: `core.users.id`, `public.users` */
  qualifiedName: string;
  uri: string;
  /** span of the declaring name (rename target) */
  nameSpan: Span;
  /** span of the whole declaration */
  span: Span;
  /** the containing symbol (column -> table, enumValue -> enum, alias -> table) */
  parent?: number;
  /** short detail: a column's type, a table's column count */
  detail?: string;
  /** model key: table/enum key `schema.name`, column `schema.table.column` */
  key: string;
}

export interface Occurrence {
  uri: string;
  /** span of just this name part (one segment of a dotted name) */
  span: Span;
  symbol: number;
  /** the declaration itself rather than a use */
  isDefinition: boolean;
  /** the name was quoted in the source (`"order items"`) */
  quoted: boolean;
}
