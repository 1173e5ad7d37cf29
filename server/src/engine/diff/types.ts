/**
 * The data a schema diff produces: a flat list of changes from one Schema to
 * another, each carrying the objects on both sides so a planner can write the
 * forward SQL and the reverse. Plain data, no SQL, no dialect rendering.
 */
import type { Check, Column, Enum, Index, Relationship, Schema, Table } from '../model/schema.js';

/** The dialects whose identifier case folding the diff knows. */
export type DiffDialect = 'postgres' | 'mysql' | 'sqlite' | 'mssql' | 'generic';

/** A rename the user forces or refuses (`--rename old=new`). */
export interface RenameHint {
  kind: 'table' | 'column';
  /** for columns: the table's name (old or new name; `schema.name` accepted) */
  table?: string;
  from: string;
  to: string;
}

export interface DiffOptions {
  /** case folding of identifiers: PostgreSQL (and generic) compare exactly, the others case-insensitively */
  dialect?: DiffDialect;
  /** minimum confidence for a detected rename to be used (default 0.75) */
  renameThreshold?: number;
  /** renames to use whatever their confidence */
  renames?: RenameHint[];
  /** renames never to use; `true` refuses every detected rename */
  rejectRenames?: RenameHint[] | boolean;
}

/** A rename the diff considered: used when `accepted`. */
export interface RenameCandidate {
  kind: 'table' | 'column';
  /** for columns: the table's name in the target schema */
  table?: string;
  from: string;
  to: string;
  /** similarity in [0,1] (1 for forced renames) */
  confidence: number;
  accepted: boolean;
  /** true when the user forced it through `DiffOptions.renames` */
  forced?: boolean;
}

/** How a column type change behaves on existing data. */
export type TypeChangeKind =
  /** the new type holds every old value and needs no rewrite (varchar(10) -> varchar(20), varchar -> text) */
  | 'widen'
  /** the new type holds every old value but the table is rewritten (int -> bigint) */
  | 'widen-rewrite'
  /** values may not fit (length, precision, width decreases) */
  | 'narrow'
  /** a different kind of type: values are converted and may fail */
  | 'convert';

export interface ColumnAlteration {
  type?: TypeChangeKind;
  nullable?: boolean;
  default?: boolean;
  identity?: boolean;
  generated?: boolean;
  collation?: boolean;
}

export interface EnumValueAdd {
  value: string;
  /** the existing value it goes before, if any */
  before?: string;
  /** the existing value it goes after, if any */
  after?: string;
}

/**
 * One change. Tables named `table` are the target schema's table for
 * additions and alterations and the source schema's for drops; `fromTable`
 * is the source table where both exist.
 */
export type Change =
  | { kind: 'create-enum'; enum: Enum }
  | { kind: 'drop-enum'; enum: Enum }
  | {
      kind: 'alter-enum';
      from: Enum;
      to: Enum;
      added: EnumValueAdd[];
      removed: string[];
      renamed: { from: string; to: string }[];
      /** existing values changed order (needs the type recreated) */
      reordered: boolean;
    }
  | { kind: 'create-table'; table: Table }
  | { kind: 'drop-table'; table: Table }
  | { kind: 'rename-table'; fromTable: Table; table: Table; confidence: number }
  | { kind: 'create-view'; table: Table }
  | { kind: 'drop-view'; table: Table }
  | { kind: 'add-column'; table: Table; fromTable: Table; column: Column }
  | { kind: 'drop-column'; table: Table; fromTable: Table; column: Column }
  | { kind: 'rename-column'; table: Table; fromTable: Table; from: Column; to: Column; confidence: number }
  | { kind: 'alter-column'; table: Table; fromTable: Table; from: Column; to: Column; changes: ColumnAlteration }
  /** primary key columns (source names in `from`, target names in `to`); empty = none */
  | { kind: 'alter-primary-key'; table: Table; fromTable: Table; from: string[]; to: string[]; fromName?: string; toName?: string }
  | { kind: 'add-unique'; table: Table; fromTable: Table; columns: string[] }
  | { kind: 'drop-unique'; table: Table; fromTable: Table; columns: string[] }
  | { kind: 'add-index'; table: Table; fromTable?: Table; index: Index }
  | { kind: 'drop-index'; table: Table; fromTable: Table; index: Index }
  | { kind: 'add-check'; table: Table; fromTable: Table; check: Check }
  | { kind: 'drop-check'; table: Table; fromTable: Table; check: Check }
  /** `table` holds the key (target schema); `recreated` when only dropped and re-added around a column change */
  | { kind: 'add-foreign-key'; table: Table; relationship: Relationship; recreated?: boolean; newTable?: boolean }
  | { kind: 'drop-foreign-key'; table: Table; relationship: Relationship; recreated?: boolean; tableDropped?: boolean }
  | { kind: 'table-comment'; table: Table; from?: string; to?: string }
  | { kind: 'column-comment'; table: Table; column: Column; from?: string; to?: string };

export type ChangeKind = Change['kind'];

/** The diff of two schemas. */
export interface SchemaDiff {
  from: Schema;
  to: Schema;
  dialect: DiffDialect;
  changes: Change[];
  /** every rename considered, accepted or not */
  renames: RenameCandidate[];
}
