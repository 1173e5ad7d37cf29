/** Shared helpers for the migration tests: what tables, columns and history rows a database has. */
import type { DbConnection } from '../../server/src/db/connection.ts';
import { historySql, parseHistoryRows, type HistoryRow } from '../../server/src/engine/history/index.ts';

/** The tables of the current schema/database, the history table aside, sorted. */
export async function tables(conn: DbConnection): Promise<string[]> {
  const sql =
    conn.dialect === 'postgres'
      ? `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1`
      : conn.dialect === 'mysql'
        ? `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY 1`
        : `SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1`;
  return (await conn.query(sql)).map((r) => String(r.name ?? r.NAME ?? r.TABLE_NAME)).filter((n) => n !== 'schemasage_migrations');
}

/** A table's columns in order. */
export async function columns(conn: DbConnection, table: string): Promise<string[]> {
  if (conn.dialect === 'sqlite') return (await conn.query(`SELECT name FROM pragma_table_info('${table}') ORDER BY cid`)).map((r) => String(r.name));
  const schema = conn.dialect === 'postgres' ? 'current_schema()' : 'DATABASE()';
  return (await conn.query(`SELECT column_name AS name FROM information_schema.columns WHERE table_schema = ${schema} AND table_name = '${table}' ORDER BY ordinal_position`)).map((r) =>
    String(r.name ?? r.COLUMN_NAME),
  );
}

/** The history table's rows. */
export async function history(conn: DbConnection): Promise<HistoryRow[]> {
  return parseHistoryRows(await conn.query(historySql(conn.dialect).select));
}

