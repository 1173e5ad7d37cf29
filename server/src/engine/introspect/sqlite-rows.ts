/**
 * SQLite row-count estimates, pure: SQLite keeps no row statistics unless
 * `ANALYZE` filled `sqlite_stat1`, so a table's size comes from there when
 * present, else from a bounded `count(*)` (only when the whole file is small,
 * so it can never take long), else stays unknown. This module holds the SQL
 * text and the mapping into the model's `estimatedRows` setting; running the
 * statements is the caller's business (`server/src/db/introspect.ts`).
 */
import type { Schema } from '../model/schema.js';
import type { CatalogRow } from './rows.js';
import { num, str } from './rows.js';
import { setRowEstimate } from './estimate.js';

/** Whether `sqlite_stat1` exists, and the file's size in bytes; no parameters. */
export const SQLITE_ROWS_INFO_QUERY = `SELECT
  (SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1') AS stat1,
  (SELECT page_count FROM pragma_page_count()) * (SELECT page_size FROM pragma_page_size()) AS bytes`;

/** Every row of `sqlite_stat1` (run only when it exists). */
export const SQLITE_STAT1_QUERY = 'SELECT tbl AS tbl, idx AS idx, stat AS stat FROM sqlite_stat1';

/**
 * Files up to this size are counted exactly when they have no statistics:
 * counting reads each table's smallest b-tree once (78 MiB took ~180 ms in
 * sql.js on a busy machine), and 1,000 empty tables already take 16 MiB.
 */
export const DEFAULT_SQLITE_COUNT_LIMIT_BYTES = 64 * 1024 * 1024;

/** Tables per counting statement (one scalar subquery each; SQLite allows 2,000 result columns). */
const COUNT_BATCH = 200;

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * The tables whose rows can be counted: ordinary and WITHOUT ROWID tables
 * of the catalog's `objects` rows (SQLITE_QUERIES.objects), not views and
 * not virtual tables (their module may be missing, and counting an FTS
 * table scans it).
 */
export function sqliteCountableTables(objects: readonly CatalogRow[]): string[] {
  const out: string[] = [];
  for (const r of objects) {
    if (str(r['type']) !== 'table') continue;
    const sql = str(r['sql']) ?? '';
    if (/^\s*create\s+virtual\b/i.test(sql)) continue;
    out.push(str(r['name']) ?? '');
  }
  return out;
}

/** The counting statements for `tables`: each returns one row, column `"<i>"` = the count of `tables[i]` of its batch. */
export function sqliteCountQueries(tables: readonly string[]): { tables: string[]; sql: string }[] {
  const out: { tables: string[]; sql: string }[] = [];
  for (let i = 0; i < tables.length; i += COUNT_BATCH) {
    const batch = tables.slice(i, i + COUNT_BATCH);
    out.push({ tables: batch, sql: `SELECT ${batch.map((t, j) => `(SELECT count(*) FROM main.${quoteIdent(t)}) AS "${j}"`).join(', ')}` });
  }
  return out;
}

/**
 * Sets `estimatedRows` from `sqlite_stat1` rows: the first number of a
 * row's `stat` is the table's row count when ANALYZE ran (for a partial
 * index only the rows it covers, hence the largest per table). Returns the
 * tables that got an estimate.
 */
export function applySqliteStat1(schema: Schema, rows: readonly CatalogRow[]): Set<string> {
  const best = new Map<string, number>();
  for (const r of rows) {
    const tbl = str(r['tbl']);
    const stat = str(r['stat']);
    if (tbl === undefined || stat === undefined) continue;
    const space = stat.indexOf(' ');
    const n = num(space < 0 ? stat : stat.slice(0, space));
    if (n === undefined || n < 0) continue;
    const key = tbl.toLowerCase();
    if (n > (best.get(key) ?? -1)) best.set(key, n);
  }
  const done = new Set<string>();
  if (!best.size) return done;
  for (const t of schema.tables) {
    if (t.isView) continue;
    const n = best.get(t.name.toLowerCase());
    if (n === undefined) continue;
    setRowEstimate(t.settings, n);
    done.add(t.name);
  }
  return done;
}

/** Sets exact counts from the row of one sqliteCountQueries() statement. */
export function applySqliteCounts(schema: Schema, tables: readonly string[], row: CatalogRow | undefined): void {
  if (!row) return;
  const byName = new Map(schema.tables.map((t) => [t.name, t]));
  tables.forEach((name, j) => {
    const t = byName.get(name);
    if (t && !t.isView) setRowEstimate(t.settings, num(row[String(j)]), true);
  });
}
