/**
 * The history table `schemasage_migrations`: its DDL and the statements the
 * runner uses on it, per dialect, as text with positional parameters; and
 * driver rows back into `HistoryRow`s. One row per migration name:
 * `status` is `running` while a migration that records progress runs,
 * `applied`, or `failed` (with `statements_done` statements of it done and the
 * error). Pure: the edge runs the SQL.
 */

export type HistoryDialect = 'postgres' | 'mysql' | 'sqlite';

export const HISTORY_TABLE = 'schemasage_migrations';

export type HistoryStatus = 'running' | 'applied' | 'failed';

/** One row of the history table. */
export interface HistoryRow {
  name: string;
  checksum: string;
  /** ISO-8601 text as the database returned it */
  appliedAt?: string;
  appliedBy?: string;
  durationMs?: number;
  status: HistoryStatus;
  /** statements of the up section done (progress, and where a failure stopped) */
  statementsDone: number;
  statementsTotal?: number;
  error?: string;
}

/** The statements on the history table, for one dialect. Parameters are `$n` (postgres) or `?`. */
export interface HistorySql {
  /** CREATE TABLE IF NOT EXISTS */
  create: string;
  /** every row, no parameters */
  select: string;
  /** (name, checksum, applied_by, status, statements_done, statements_total) */
  insert: string;
  /** (statements_done, name) */
  progress: string;
  /** (checksum, duration_ms, statements_done, name): status applied, applied_at now, error cleared */
  finish: string;
  /** (statements_done, error, name): status failed */
  fail: string;
  /** (checksum, statements_total, name): status running again (resume) */
  restart: string;
  /** (name) */
  remove: string;
}

function ph(d: HistoryDialect): (i: number) => string {
  return d === 'postgres' ? (i) => `$${i}` : () => '?';
}

/** The history table's statements in `d`. */
export function historySql(d: HistoryDialect): HistorySql {
  const p = ph(d);
  const t = d === 'mysql' ? `\`${HISTORY_TABLE}\`` : `"${HISTORY_TABLE}"`;
  const now = d === 'postgres' ? 'clock_timestamp()' : d === 'mysql' ? 'CURRENT_TIMESTAMP(3)' : `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;
  const create =
    d === 'postgres'
      ? `CREATE TABLE IF NOT EXISTS ${t} (
  name varchar(255) PRIMARY KEY,
  checksum char(64) NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  applied_by varchar(255),
  duration_ms bigint,
  status varchar(16) NOT NULL,
  statements_done integer NOT NULL DEFAULT 0,
  statements_total integer,
  error text
)`
      : d === 'mysql'
        ? `CREATE TABLE IF NOT EXISTS ${t} (
  name varchar(255) NOT NULL PRIMARY KEY,
  checksum char(64) NOT NULL,
  applied_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  applied_by varchar(255),
  duration_ms bigint,
  status varchar(16) NOT NULL,
  statements_done int NOT NULL DEFAULT 0,
  statements_total int,
  error text
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`
        : `CREATE TABLE IF NOT EXISTS ${t} (
  name TEXT PRIMARY KEY,
  checksum TEXT NOT NULL,
  applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  applied_by TEXT,
  duration_ms INTEGER,
  status TEXT NOT NULL,
  statements_done INTEGER NOT NULL DEFAULT 0,
  statements_total INTEGER,
  error TEXT
)`;
  return {
    create,
    select: `SELECT name, checksum, applied_at, applied_by, duration_ms, status, statements_done, statements_total, error FROM ${t} ORDER BY name`,
    insert: `INSERT INTO ${t} (name, checksum, applied_at, applied_by, status, statements_done, statements_total) VALUES (${p(1)}, ${p(2)}, ${now}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)})`,
    progress: `UPDATE ${t} SET statements_done = ${p(1)} WHERE name = ${p(2)}`,
    finish: `UPDATE ${t} SET status = 'applied', checksum = ${p(1)}, duration_ms = ${p(2)}, statements_done = ${p(3)}, applied_at = ${now}, error = NULL WHERE name = ${p(4)}`,
    fail: `UPDATE ${t} SET status = 'failed', statements_done = ${p(1)}, error = ${p(2)} WHERE name = ${p(3)}`,
    restart: `UPDATE ${t} SET status = 'running', checksum = ${p(1)}, statements_total = ${p(2)}, error = NULL WHERE name = ${p(3)}`,
    remove: `DELETE FROM ${t} WHERE name = ${p(1)}`,
  };
}

function text(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

function num(v: unknown): number | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/** Driver rows of `HistorySql.select` as `HistoryRow`s (dates, bigints and numeric strings normalised). */
export function parseHistoryRows(rows: readonly Record<string, unknown>[]): HistoryRow[] {
  return rows.map((r) => {
    const status = String(r.status ?? '');
    const row: HistoryRow = {
      name: String(r.name ?? ''),
      checksum: String(r.checksum ?? '').trim(),
      status: status === 'applied' || status === 'running' ? status : 'failed',
      statementsDone: num(r.statements_done) ?? 0,
    };
    const appliedAt = text(r.applied_at);
    if (appliedAt !== undefined) row.appliedAt = appliedAt;
    const by = text(r.applied_by);
    if (by !== undefined) row.appliedBy = by;
    const ms = num(r.duration_ms);
    if (ms !== undefined) row.durationMs = ms;
    const total = num(r.statements_total);
    if (total !== undefined) row.statementsTotal = total;
    const err = text(r.error);
    if (err !== undefined) row.error = err;
    return row;
  });
}
