/**
 * SchemaSage's own messages between the client and the language server
 * (beyond LSP). Shared by client/ and server/lsp; types only.
 */
import type { QueryConnectionParams } from '../engine/ai/db-requests.js';

/** Server -> client notification after each diagnostics pass. */
export const StatusNotification = 'schemasage/status';

export interface StatusParams {
  /** number of tables in the bound workspace schema */
  tables: number;
  relationships: number;
  errors: number;
  warnings: number;
  /** files in the workspace schema */
  files: number;
}

/**
 * `initializationOptions` the client may pass in `initialize`. Mirrors the
 * `schemasage.*` settings without the prefix; every field is optional.
 */
export interface InitializationOptions {
  diagnostics?: {
    /** delay between the last edit and recomputing diagnostics (default 150; tests use 0) */
    debounceMs?: number;
    /** least pause after the last edit before inference and lint run again (default 300; grows with their cost) */
    analysisDelayMs?: number;
    /** most diagnostics published per file, the most severe first (default 1000; 0: all) */
    maxPerFile?: number;
  };
  dialects?: Record<string, string>;
  lint?: { enabled?: boolean; rules?: Record<string, string> };
}

/** The `schemasage` settings section, as sent by workspace/didChangeConfiguration or pulled by workspace/configuration. */
export interface SchemaSageSettings {
  diagnostics?: { debounceMs?: number; analysisDelayMs?: number; maxPerFile?: number };
  /** glob (relative to a workspace folder) -> SQL dialect (`postgres`, `mysql`, `sqlite`, `mssql`) */
  dialects?: Record<string, string>;
  /** lint rules and inferred relationships */
  lint?: { enabled?: boolean; rules?: Record<string, string> };
  /** where migration files live, relative to the workspace folder */
  migrations?: { folder?: string };
}

/** Client -> server request: what the server knows about one file (the status bar shows it). */
export const FileInfoRequest = 'schemasage/fileInfo';

export interface FileInfoParams {
  uri: string;
}

export interface FileInfo {
  /** undefined when the file is not in the workspace schema */
  language?: 'dbml' | 'sql' | 'prisma';
  /** SQL files: the dialect, and how it was chosen */
  dialect?: 'postgres' | 'mysql' | 'sqlite' | 'mssql';
  dialectSource?: 'explicit' | 'pragma' | 'setting' | 'extension' | 'content' | 'default';
  tables?: number;
}

/** A line/character position, as LSP writes it (UTF-16 characters). */
export interface OutlinePosition {
  line: number;
  character: number;
}

export interface OutlineRange {
  start: OutlinePosition;
  end: OutlinePosition;
}

/** Client -> server request: the workspace's tables per file, for the sidebar's Schema view. */
export const OutlineRequest = 'schemasage/outline';

export interface OutlineColumn {
  name: string;
  type: string;
  pk: boolean;
  /** part of a declared foreign key */
  fk: boolean;
  unique: boolean;
  nullable: boolean;
  note?: string;
  range?: OutlineRange;
}

export interface OutlineTable {
  key: string;
  schema: string;
  name: string;
  isView?: boolean;
  note?: string;
  columns: OutlineColumn[];
  /** the table's name in its file */
  range?: OutlineRange;
}

export interface OutlineFile {
  uri: string;
  language: 'dbml' | 'sql' | 'prisma';
  dialect?: 'postgres' | 'mysql' | 'sqlite' | 'mssql';
  errors: number;
  warnings: number;
  tables: OutlineTable[];
}

/** A relationship the engine inferred and nobody declared, to review. */
export interface OutlineInferred {
  /** `table(col, …)` of the referencing side */
  from: string;
  to: string;
  confidence: number;
  evidence: string[];
  uri?: string;
  /** the referencing column (where the quick fix "Declare this relationship" is) */
  range?: OutlineRange;
}

export interface Outline {
  files: OutlineFile[];
  inferred: OutlineInferred[];
}

/** Client -> server request: the bound schema of one file's unit (or the whole workspace) for the diagram. */
export const SchemaModelRequest = 'schemasage/schemaModel';

export interface SchemaModelParams {
  /** the file whose unit to return; absent: the whole workspace */
  uri?: string;
}

/** How the client names a live database to the server (a saved profile plus its secret, never stored by the server). */
export interface DbConnectionParams extends QueryConnectionParams {
  /** Embedded PostgreSQL (PGlite): sent with dialect 'postgres' instead of host, port and user */
  embedded?: import('../db/pglite.js').EmbeddedParams;
}

/** Client -> server request: connect, and test the connection or introspect the database. */
export const DbIntrospectRequest = 'schemasage/db/introspect';

export interface DbIntrospectParams {
  /** the profile's name: the server keeps the last introspected schema under it (for drift) */
  id: string;
  connection: DbConnectionParams;
  /** only connect and run a trivial query */
  test?: boolean;
  /** schema files (globs relative to the workspace folder) that should match this database: drift is reported on them */
  schemaFiles?: string[];
}

/** An inferred relationship of a live database, with the evidence (data inclusion among it). */
export interface InferredInfo {
  from: string;
  to: string;
  confidence: number;
  evidence: string[];
}

/** One difference between the linked schema files and the database. */
export interface DriftItemInfo {
  code: string;
  message: string;
  table?: string;
}

export type DbIntrospectResult =
  | {
      ok: true;
      ms: number;
      serverVersion?: string;
      schema?: import('../engine/model/schema.js').Schema;
      warnings?: string[];
      drift?: { files: number; items: DriftItemInfo[] };
      /** relationships the database does not declare, inferred from names and checked against sampled data */
      inferred?: InferredInfo[];
      /** Embedded PostgreSQL made from a schema file: how the file loaded (each rejected statement is a PGCHECK001 diagnostic on the file) */
      schemaLoad?: { uri: string; statements: number; failed: number; ms: number };
    }
  | { ok: false; error: string };

/** Client -> server request: the last introspected schema of a connection, written as schema text. */
export const DbImportRequest = 'schemasage/db/import';

export interface DbImportParams {
  /** the profile's name (introspected before) */
  id: string;
  format: 'dbml' | 'sql' | 'prisma';
}

export type DbImportResult = { ok: true; text: string; tables: number } | { ok: false; error: string };

/** What the desired schema (a file's unit) is compared against. */
export type PlanAgainst = { kind: 'git'; rev: string } | { kind: 'connection'; id: string } | { kind: 'migrations'; folder?: string };

/** Client -> server request: the migration plan that takes `against` to the schema of `uri`'s unit. */
export const PlanRequest = 'schemasage/plan';

export interface PlanParams {
  uri: string;
  against: PlanAgainst;
  dialect?: 'postgres' | 'mysql' | 'sqlite' | 'mssql';
  renames?: { kind: 'table' | 'column'; table?: string; from: string; to: string }[];
  rejectRenames?: { kind: 'table' | 'column'; table?: string; from: string; to: string }[];
  online?: boolean;
}

export type PlanResult = { ok: true; plan: import('../engine/migrate/index.js').MigrationPlan; from: string; to: string; changes: number; folder: string } | { ok: false; error: string };

/** Client -> server request: apply the pending migrations of a folder to a connection (after the user confirmed). */
export const MigrateApplyRequest = 'schemasage/migrate/apply';

export interface MigrateApplyParams {
  id: string;
  connection: DbConnectionParams;
  /** absolute path of the migrations folder */
  folder: string;
  /** hazard codes the user confirmed */
  allowHazards: string[];
}

/** Server -> client notification while applying. */
export const MigrateProgressNotification = 'schemasage/migrate/progress';

export type MigrateApplyResult = { ok: boolean; done: string[]; error?: string };

/** Client -> server: the code generation targets (built-in, and the workspace's own in a trusted workspace). */
export const TargetsRequest = 'schemasage/codegen/targets';

export interface TargetsParams {
  /** the workspace is trusted: its `.schemasage/templates/` folders count */
  trusted: boolean;
}

export interface TargetInfo {
  id: string;
  name: string;
  description: string;
  language: string;
  /** `workspace` for a template of `.schemasage/templates/` */
  origin: 'built-in' | 'workspace';
}

/** Client -> server: generate a target's files from the schema of `uri`'s unit (or the workspace). */
export const GenerateRequest = 'schemasage/codegen/generate';

export interface GenerateParams {
  target: string;
  uri?: string;
  tables?: string[];
  trusted: boolean;
}

export type GenerateResponse = { ok: true; files: { path: string; content: string }[]; warnings: string[] } | { ok: false; error: string };

/** Client -> server: the schema of `uri`'s unit (or the workspace) as SQL DDL of another dialect or warehouse, with the conversion report. */
export const ConvertRequest = 'schemasage/codegen/convert';

export interface ConvertParams {
  to: string;
  uri?: string;
}

export type ConvertResponse =
  | { ok: true; sql: string; report: import('../engine/codegen/convert.js').ConvertReport; markdown: string }
  | { ok: false; error: string };

/** Client -> server: infer a schema from data files (cancellable; progress by notification). */
export const DataInferRequest = 'schemasage/data/infer';

export interface DataInferParams {
  /** absolute paths of data files or folders */
  paths: string[];
}

export type DataInferResult =
  | {
      ok: true;
      dbml: string;
      report: import('../engine/detect/data/quality.js').QualityReport;
      pii: import('../engine/detect/data/pii.js').PiiFinding[];
      files: number;
      rows: number;
      errors: { path: string; line: number; column: number; message: string }[];
      aborted: boolean;
    }
  | { ok: false; error: string };

export const DataProgressNotification = 'schemasage/data/progress';

/** Client -> server: the migrations folder's status against a connection's history table. */
export const MigrateStatusRequest = 'schemasage/migrate/status';

export interface MigrateStatusParams {
  id: string;
  connection: DbConnectionParams;
  /** absolute path of the migrations folder */
  folder: string;
}

export type MigrateStatusResult =
  | { ok: true; current?: string; entries: { name: string; state: 'pending' | 'applied' | 'edited' | 'failed' | 'missing-file'; message: string; path?: string }[] }
  | { ok: false; error: string };
