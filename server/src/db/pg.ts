/**
 * DbConnection over a PostgreSQL server through `pg` (one client, no pool).
 * The driver is loaded on first use. Errors never carry the password.
 */
import type { DbConnection, Row, ServerConnectionOptions } from './connection.js';
import { driverTls } from './tls.js';

export async function connectPostgres(o: ServerConnectionOptions): Promise<DbConnection> {
  const pg = (await import('pg')).default;
  const client = new pg.Client({
    host: o.host ?? '127.0.0.1',
    port: o.port ?? 5432,
    user: o.user ?? 'postgres',
    password: o.password,
    database: o.database ?? 'postgres',
    ssl: driverTls(o.ssl),
    connectionTimeoutMillis: o.connectTimeoutMs ?? 10_000,
  });
  // an idle client's socket error must not crash the process: the next query reports it
  client.on('error', () => undefined);
  await client.connect();
  let closed = false;
  return {
    dialect: 'postgres',
    async query(sql: string, params?: readonly unknown[]): Promise<Row[]> {
      const r = await client.query(sql, params ? [...params] : undefined);
      return r.rows as Row[];
    },
    async exec(sql: string): Promise<void> {
      await client.query(sql);
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await client.end();
    },
  };
}
