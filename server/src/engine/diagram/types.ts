/**
 * The ER diagram's view model: what the diagram webview draws, as plain JSON
 * (no methods, no references into the Schema), so the language server can
 * send it over the wire and the webview can render it without the engine.
 *
 * Every string in it is data: the webview inserts names, types and notes as
 * text only. Colours are pre-sanitised to `#hex` or a CSS colour keyword.
 */
import type { Span } from '../text/span.js';

/** Where a table or column was written, for "reveal in source". */
export interface DiagramSource {
  uri: string;
  /** the name's span (what the editor selects on reveal) */
  span: Span;
}

export interface DiagramColumn {
  name: string;
  /** the type as written */
  type: string;
  pk: boolean;
  /** the column is the referencing side of a declared relationship */
  fk: boolean;
  unique: boolean;
  notNull: boolean;
  note?: string;
  source?: DiagramSource;
}

export interface DiagramTable {
  /** stable key `schema.name` (the Schema's table key) */
  key: string;
  schema: string;
  name: string;
  /** what the header shows: the name, schema-qualified outside the default schema */
  label: string;
  columns: DiagramColumn[];
  headerColor?: string;
  note?: string;
  /** the first table group that lists this table */
  group?: string;
  isView?: boolean;
  source?: DiagramSource;
}

/** One end of a relationship. */
export interface DiagramEnd {
  table: string;
  columns: string[];
  /** many rows on this side (crow's foot) */
  many: boolean;
  /** zero allowed on this side (circle) */
  optional: boolean;
}

export interface DiagramRelationship {
  /** stable id: `from(cols)->to(cols)`, suffixed `#n` when repeated */
  id: string;
  name?: string;
  /** the referencing (FK) side */
  from: DiagramEnd;
  /** the referenced (key) side */
  to: DiagramEnd;
  cardinality: '1-1' | '1-n' | 'n-1' | 'n-n';
  inferred: boolean;
  /** inferred only: in [0, 1] */
  confidence?: number;
  /** inferred only: one sentence per signal */
  evidence?: string[];
  color?: string;
  source?: DiagramSource;
}

export interface DiagramGroup {
  name: string;
  tables: string[];
  color: string;
  note?: string;
  source?: DiagramSource;
}

export interface DiagramNote {
  name: string;
  content: string;
  source?: DiagramSource;
}

export interface DiagramModel {
  version: 1;
  defaultSchema: string;
  /** schemas that hold at least one drawn table, sorted */
  schemas: string[];
  tables: DiagramTable[];
  relationships: DiagramRelationship[];
  groups: DiagramGroup[];
  notes: DiagramNote[];
}
