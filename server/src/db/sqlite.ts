/**
 * DbConnection over SQLite through `sql.js` (WASM, no native build): a
 * database opened from a file's bytes or empty in memory. Reading and writing
 * the file is the caller's business (`exportBytes` returns the new bytes).
 */
import type { DbConnection, Row } from './connection.js';
import type { SqlJsStatic, Database } from 'sql.js';

let sqlJs: Promise<SqlJsStatic> | undefined;

function loadSqlJs(): Promise<SqlJsStatic> {
  sqlJs ??= import('sql.js').then((m) => m.default());
  return sqlJs;
}

export interface SqliteConnection extends DbConnection {
  readonly dialect: 'sqlite';
  /** the database as file bytes (for saving) */
  exportBytes(): Uint8Array;
}

export async function openSqlite(bytes?: Uint8Array): Promise<SqliteConnection> {
  const SQL = await loadSqlJs();
  const db: Database = new SQL.Database(bytes);
  db.exec('PRAGMA foreign_keys = ON');
  let closed = false;
  return {
    dialect: 'sqlite',
    async query(sql: string, params?: readonly unknown[]): Promise<Row[]> {
      const stmt = db.prepare(sql);
      try {
        if (params && params.length) stmt.bind(params as (string | number | null | Uint8Array)[]);
        const rows: Row[] = [];
        while (stmt.step()) rows.push(stmt.getAsObject() as Row);
        return rows;
      } finally {
        stmt.free();
      }
    },
    async exec(sql: string): Promise<void> {
      db.exec(sql);
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      db.close();
    },
    exportBytes(): Uint8Array {
      return db.export();
    },
  };
}
