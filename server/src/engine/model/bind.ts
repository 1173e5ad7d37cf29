/**
 * Binding: all files of a workspace into one Schema, with the symbol index
 * (declarations + every name occurrence) and the cross-file diagnostics
 * (unknown/ambiguous names, duplicates, incompatible ref types).
 * STUB: replaced by the real binder.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { SourceFile, WorkspaceOptions } from '../workspace.js';
import { emptySchema, type Column, type DatabaseType, type Enum, type EnumValue, type Schema, type Table, type TableGroup } from './schema.js';
import type { Occurrence, SchemaSymbol } from './symbols.js';

/** What a symbol stands for in the model. */
export type SymbolTarget =
  | { kind: 'table'; table: Table }
  | { kind: 'column'; table: Table; column: Column }
  | { kind: 'enum'; enum: Enum }
  | { kind: 'enumValue'; enum: Enum; value: EnumValue }
  | { kind: 'tableGroup'; group: TableGroup }
  | { kind: 'alias'; table: Table }
  | { kind: 'other' };

export interface Binding {
  schema: Schema;
  databaseType: DatabaseType;
  symbols: SchemaSymbol[];
  /** binding diagnostics per file */
  diagnosticsByUri: Map<string, Diagnostic[]>;
  /** every occurrence per file, sorted by span start */
  occurrencesByUri: Map<string, Occurrence[]>;
  /** occurrences per symbol id (definition first) */
  occurrencesBySymbol: Occurrence[][];
  occurrenceAt(uri: string, offset: number): Occurrence | undefined;
  target(symbolId: number): SymbolTarget;
  /** symbol id of a table by its model key (`schema.name`) */
  tableSymbol(key: string): number | undefined;
  /** symbol id of a column by `schema.table.column` key */
  columnSymbol(key: string): number | undefined;
}

export function bind(files: SourceFile[], options: WorkspaceOptions, _previous?: Binding): Binding {
  const schema = emptySchema();
  return {
    schema,
    databaseType: options.defaultDatabaseType ?? 'generic',
    symbols: [],
    diagnosticsByUri: new Map(),
    occurrencesByUri: new Map(),
    occurrencesBySymbol: [],
    occurrenceAt: () => undefined,
    target: () => ({ kind: 'other' }),
    tableSymbol: () => undefined,
    columnSymbol: () => undefined,
  };
  void files;
}
