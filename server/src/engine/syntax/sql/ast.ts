/**
 * The SQL front end's compact AST: one typed node per DDL statement, built by
 * the statement reader (read.ts) from the token tree of parser.ts. Plain data
 * with absolute spans; names keep their written form and quoting. Nothing here
 * resolves names across statements: that is interpret.ts.
 */
import type { Diagnostic } from '../../diagnostics.js';
import type { Span } from '../../text/span.js';

export type SqlDialect = 'postgres' | 'mysql' | 'sqlite' | 'mssql';

/** A syntax diagnostic before it is attached to a file. */
export type SqlDiag = Omit<Diagnostic, 'uri'>;

/** An identifier: `text` is unquoted (and folded to lower case for unquoted PostgreSQL names). */
export interface SqlIdent {
  text: string;
  /** exactly as written, quotes included */
  written: string;
  span: Span;
  quoted: boolean;
}

/** A possibly qualified name: `parts` in order (`db.schema.name`); the last part is the name. */
export interface SqlQName {
  parts: SqlIdent[];
  span: Span;
}

export interface SqlTypeRef {
  /** type name words joined by one space, lower-cased unless quoted, without schema (`character varying`) */
  name: string;
  /** the qualified name as written, for user-defined types (enums, domains) */
  ref?: SqlQName;
  args: string[];
  isArray: boolean;
  /** the whole type as written */
  raw: string;
  span: Span;
}

export type SqlRefAction = 'cascade' | 'restrict' | 'set null' | 'set default' | 'no action';

export interface SqlReference {
  table: SqlQName;
  columns: SqlIdent[];
  onDelete?: SqlRefAction;
  onUpdate?: SqlRefAction;
  span: Span;
}

export interface SqlColumnDef {
  name: SqlIdent;
  /** absent for SQLite columns without a type and T-SQL computed columns */
  type?: SqlTypeRef;
  /** true: NOT NULL, false: NULL, undefined: not stated */
  notNull?: boolean;
  default?: string;
  primaryKey: boolean;
  unique: boolean;
  references?: SqlReference;
  checks: string[];
  collate?: string;
  /** `GENERATED ... AS IDENTITY`, `IDENTITY(1,1)`, AUTO_INCREMENT, AUTOINCREMENT, serial types */
  autoIncrement: boolean;
  /** `GENERATED ALWAYS AS (expr) [STORED|VIRTUAL]` or T-SQL `AS (expr)`: the expression text */
  generated?: string;
  comment?: string;
  /** other clauses kept as written (name -> text) */
  settings: Record<string, string>;
  span: Span;
}

export type SqlConstraintKind = 'primaryKey' | 'unique' | 'foreignKey' | 'check' | 'index' | 'exclude';

export interface SqlIndexPart {
  column?: SqlIdent;
  expression?: string;
  desc?: boolean;
  span: Span;
}

export interface SqlTableConstraint {
  kind: SqlConstraintKind;
  name?: SqlIdent;
  /** key columns (PRIMARY KEY, UNIQUE, FOREIGN KEY, KEY/INDEX) */
  parts: SqlIndexPart[];
  references?: SqlReference;
  /** CHECK expression */
  expression?: string;
  /** MySQL FULLTEXT/SPATIAL, T-SQL CLUSTERED ... */
  indexType?: string;
  span: Span;
}

export interface SqlCreateTable {
  kind: 'createTable';
  name: SqlQName;
  ifNotExists: boolean;
  temporary: boolean;
  columns: SqlColumnDef[];
  constraints: SqlTableConstraint[];
  /** `PARTITION OF parent` */
  partitionOf?: SqlQName;
  /** `CREATE TABLE x AS SELECT` (columns unknown) */
  asSelect: boolean;
  comment?: string;
  /** LIKE, INHERITS, PARTITION BY, WITHOUT ROWID, ENGINE=..., ... as written */
  settings: Record<string, string>;
  span: Span;
}

export type SqlAlterAction =
  | { kind: 'addColumn'; column: SqlColumnDef; span: Span }
  | { kind: 'dropColumn'; name: SqlIdent; span: Span }
  | {
      kind: 'alterColumn';
      name: SqlIdent;
      type?: SqlTypeRef;
      notNull?: boolean;
      setDefault?: string;
      dropDefault?: boolean;
      span: Span;
    }
  /** MySQL CHANGE old new-def / MODIFY def */
  | { kind: 'changeColumn'; from: SqlIdent; column: SqlColumnDef; span: Span }
  | { kind: 'renameColumn'; from: SqlIdent; to: SqlIdent; span: Span }
  | { kind: 'addConstraint'; constraint: SqlTableConstraint; span: Span }
  | { kind: 'dropConstraint'; name: SqlIdent; span: Span }
  | { kind: 'renameTo'; to: SqlQName; span: Span }
  | { kind: 'attachPartition'; partition: SqlQName; span: Span }
  /** tolerated and without effect on the model (OWNER TO, SET STATISTICS, ...) */
  | { kind: 'other'; text: string; span: Span };

export interface SqlAlterTable {
  kind: 'alterTable';
  name: SqlQName;
  ifExists: boolean;
  actions: SqlAlterAction[];
  span: Span;
}

export interface SqlCreateIndex {
  kind: 'createIndex';
  name?: SqlIdent;
  table: SqlQName;
  unique: boolean;
  using?: string;
  parts: SqlIndexPart[];
  include: SqlIdent[];
  where?: string;
  span: Span;
}

export interface SqlCreateEnum {
  kind: 'createEnum';
  name: SqlQName;
  values: { text: string; span: Span }[];
  span: Span;
}

export interface SqlAlterEnum {
  kind: 'alterEnum';
  name: SqlQName;
  addValue?: { text: string; span: Span };
  renameValue?: { from: string; to: string };
  span: Span;
}

export interface SqlCreateDomain {
  kind: 'createDomain';
  name: SqlQName;
  type?: SqlTypeRef;
  notNull?: boolean;
  default?: string;
  checks: string[];
  span: Span;
}

export interface SqlCommentOn {
  kind: 'commentOn';
  target: 'table' | 'column' | 'other';
  name: SqlQName;
  /** null for `IS NULL` */
  text: string | null;
  span: Span;
}

export interface SqlCreateSchema {
  kind: 'createSchema';
  name: SqlIdent;
  span: Span;
}

export interface SqlCreateView {
  kind: 'createView';
  name: SqlQName;
  materialized: boolean;
  /** written column list, or names derived from a simple select list */
  columns: SqlIdent[];
  span: Span;
}

export interface SqlCreateSequence {
  kind: 'createSequence';
  name: SqlQName;
  span: Span;
}

export type SqlDropKind = 'table' | 'view' | 'index' | 'type' | 'domain' | 'schema' | 'sequence';

export interface SqlDrop {
  kind: 'drop';
  object: SqlDropKind;
  names: SqlQName[];
  ifExists: boolean;
  span: Span;
}

/** `ALTER INDEX [IF EXISTS] name RENAME TO new` (PostgreSQL; Prisma migrations write it). */
export interface SqlRenameIndex {
  kind: 'renameIndex';
  name: SqlQName;
  to: SqlIdent;
  span: Span;
}

/** PostgreSQL `SET search_path ...` / `SELECT pg_catalog.set_config('search_path', ...)`. */
export interface SqlSetSearchPath {
  kind: 'setSearchPath';
  /** schema names in order (`"$user"` and `pg_catalog` left out); empty for `''` or DEFAULT */
  schemas: string[];
  span: Span;
}

/** MySQL `USE db` / T-SQL `USE [db]`: later unqualified names live there. */
export interface SqlUse {
  kind: 'use';
  name: SqlIdent;
  span: Span;
}

/** A statement without effect on the schema (DML, SET, GRANT, functions, ...), or DDL we do not model. */
export interface SqlOther {
  kind: 'other';
  /** first keywords, lower case (`insert`, `create function`) */
  keyword: string;
  /** true for DDL that could change the schema but is not modelled (reported as SQL002) */
  unsupported: boolean;
  span: Span;
}

export type SqlStatement =
  | SqlCreateTable
  | SqlAlterTable
  | SqlCreateIndex
  | SqlCreateEnum
  | SqlAlterEnum
  | SqlCreateDomain
  | SqlCommentOn
  | SqlCreateSchema
  | SqlCreateView
  | SqlCreateSequence
  | SqlDrop
  | SqlRenameIndex
  | SqlSetSearchPath
  | SqlUse
  | SqlOther;

export interface SqlFile {
  statements: SqlStatement[];
  diagnostics: SqlDiag[];
}

/** Diagnostic codes of the SQL front end (documented in docs/sql-coverage.md). */
export const SqlCodes = {
  /** syntax error */
  syntax: 'SQL001',
  /** DDL that is recognised but not modelled (information) */
  unsupported: 'SQL002',
  /** unterminated string, quoted name or comment */
  unterminated: 'SQL003',
  /** reference to an unknown table */
  unknownTable: 'SQL101',
  /** reference to an unknown column */
  unknownColumn: 'SQL102',
  /** a table (or view) declared twice */
  duplicateTable: 'SQL103',
  /** a column declared twice in one table */
  duplicateColumn: 'SQL104',
  /** ALTER/COMMENT/INDEX on a table that does not exist */
  missingTable: 'SQL105',
  /** an enum or type declared twice */
  duplicateType: 'SQL106',
  /** a bug: an exception caught at the front end's boundary */
  internal: 'SQL199',
} as const;
