/**
 * DbConnection over an in-process PostgreSQL (`@electric-sql/pglite`, WASM):
 * the embedded default when no server is at hand. About 3 s to start and a
 * lot of memory, so share one per process or per test file. Loaded on first use.
 */
import type { DbConnection, Row } from './connection.js';

export interface PgliteConnection extends DbConnection {
  readonly dialect: 'postgres';
}

/** Starts a PGlite instance (in memory, or persisted in `dataDir`). */
export async function openPglite(dataDir?: string): Promise<PgliteConnection> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create(dataDir);
  let closed = false;
  return {
    dialect: 'postgres',
    async query(sql: string, params?: readonly unknown[]): Promise<Row[]> {
      const r = await db.query<Row>(sql, params ? [...params] : undefined);
      return r.rows;
    },
    async exec(sql: string): Promise<void> {
      await db.exec(sql);
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await db.close();
    },
  };
}
