/**
 * The assistant's two database requests between the client and the language
 * server (`schemasage/db/query`: run one statement a user confirmed;
 * `schemasage/db/samples`: a few masked rows per table for grounding), and
 * the pure half of sampling: which columns are personal data (never
 * selected; sent as `***`) and the LIMITed SELECT per table. Plain data and
 * text; the server's lsp/db.ts runs them. The connection parameters are the
 * server's `DbConnectionParams` (lsp/protocol.ts), restated structurally so
 * this module stays pure.
 */
import type { Schema, Table } from '../model/schema.js';
import { piiClass } from '../lint/rules/pii/classify.js';
import { quoteIdent } from '../migrate/index.js';
import type { RunDialect } from './statement.js';

export const DbQueryRequest = 'schemasage/db/query';
export const DbSamplesRequest = 'schemasage/db/samples';

/** How to connect to a server or file database (lsp/protocol.ts's DbConnectionParams adds the embedded kind). */
export interface QueryConnectionParams {
  dialect: RunDialect;
  host?: string;
  port?: number;
  user?: string;
  /** from SecretStorage; only held for the request */
  password?: string;
  database?: string;
  /** TLS: off, on with verification, or on without (`{ rejectUnauthorized: false }`) */
  ssl?: boolean | { rejectUnauthorized?: boolean; ca?: string };
  /** SQLite: the database file's path */
  file?: string;
  /** PostgreSQL schemas / MySQL databases to read (default: all user schemas / the connection's database) */
  schemas?: string[];
}

export interface DbQueryParams {
  connection: QueryConnectionParams;
  /** exactly one statement */
  sql: string;
  /** the confirmation said, in words, that this statement writes */
  allowWrite?: boolean;
  /** DROP/TRUNCATE (and other destructive statements): the user also typed the confirmation */
  confirmDestructive?: boolean;
  /** rows returned at most (default 200, at most 1000) */
  maxRows?: number;
  /** statement timeout in ms (default 5000, at most 60000) */
  timeoutMs?: number;
}

/** A cell as the panel shows it: text, or null for SQL NULL. */
export type Cell = string | null;

export type DbQueryResult =
  | {
      ok: true;
      /** what ran: `read` inside a READ ONLY transaction, or `write` */
      kind: 'read' | 'write' | 'destructive';
      columns: string[];
      rows: Cell[][];
      /** more rows existed than `maxRows` */
      truncated: boolean;
      ms: number;
    }
  | {
      ok: false;
      error: string;
      /** true when the server refused to run it (no database was touched) */
      refused?: boolean;
    };

/** One table to sample: the schema's table (columns classified here) as plain data. */
export interface SampleTable {
  key: string;
  schema: string;
  name: string;
  columns: Table['columns'];
}

export interface DbSamplesParams {
  connection: QueryConnectionParams;
  /** the default namespace of the schema the tables come from (unqualified in the query) */
  defaultSchema: string;
  tables: SampleTable[];
  /** rows per table (default 5, at most 20) */
  rows?: number;
  /** per-statement timeout in ms (default 2000) */
  timeoutMs?: number;
}

export interface SampleResult {
  columns: string[];
  rows: Cell[][];
}

export type DbSamplesResult =
  | {
      ok: true;
      /** by table key; tables that failed (missing, timed out) are absent */
      samples: Record<string, SampleResult>;
      /** per table that failed: why */
      skipped: Record<string, string>;
    }
  | { ok: false; error: string };

/** The mask written for a personal-data value (the same as grounding's). */
export const SAMPLE_MASK = '***';

/** The longest cell sent back. */
export const MAX_CELL_CHARS = 500;

export interface SampleQuery {
  sql: string;
  /** all columns of the table, in order */
  columns: string[];
  /** per column: personal data, never selected */
  masked: boolean[];
}

/**
 * The read for a table's sample: only the columns that are not personal data
 * (by name and type, as the PII lint classifies them), LIMITed. Undefined
 * when every column is personal data (nothing worth reading).
 */
export function sampleQuery(t: SampleTable, dialect: RunDialect, defaultSchema: string, limit: number): SampleQuery | undefined {
  const masked = t.columns.map((c) => piiClass(c) !== undefined);
  const selected = t.columns.filter((_, i) => !masked[i]);
  if (!selected.length) return undefined;
  const schema = { defaultSchema } as Pick<Schema, 'defaultSchema'>;
  const from = dialect === 'sqlite' || t.schema === schema.defaultSchema || !t.schema ? quoteIdent(t.name, dialect) : `${quoteIdent(t.schema, dialect)}.${quoteIdent(t.name, dialect)}`;
  const n = Math.max(1, Math.min(20, Math.floor(limit)));
  return { sql: `SELECT ${selected.map((c) => quoteIdent(c.name, dialect)).join(', ')} FROM ${from} LIMIT ${n}`, columns: t.columns.map((c) => c.name), masked };
}

/** A driver value as a cell: text (bytes and documents summarised, long text cut), or null. */
export function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  let s: string;
  if (typeof v === 'string') s = v;
  else if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') s = String(v);
  else if (v instanceof Date) s = Number.isNaN(v.getTime()) ? String(v) : v.toISOString();
  else if (v instanceof Uint8Array) s = `<${v.length} bytes>`;
  else {
    try {
      s = JSON.stringify(v) ?? String(v);
    } catch {
      s = String(v);
    }
  }
  return s.length > MAX_CELL_CHARS ? `${s.slice(0, MAX_CELL_CHARS)}\u2026` : s;
}

/** A sample's rows with the personal-data columns filled with the mask. */
export function maskedSample(q: SampleQuery, rows: readonly Record<string, unknown>[]): SampleResult {
  const out: Cell[][] = [];
  for (const r of rows) out.push(q.columns.map((name, i) => (q.masked[i] ? SAMPLE_MASK : toCell(r[name]))));
  return { columns: q.columns, rows: out };
}
