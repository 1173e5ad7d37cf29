/**
 * DbConnection over MySQL or MariaDB through `mysql2/promise` (one
 * connection). `exec` runs multi-statement scripts. Loaded on first use.
 */
import type { DbConnection, Row, ServerConnectionOptions } from './connection.js';
import { driverTls } from './tls.js';

export async function connectMysql(o: ServerConnectionOptions): Promise<DbConnection> {
  const mysql = await import('mysql2/promise');
  const conn = await mysql.createConnection({
    host: o.host ?? '127.0.0.1',
    port: o.port ?? 3306,
    user: o.user ?? 'root',
    password: o.password ?? '',
    database: o.database,
    ssl: driverTls(o.ssl) || undefined,
    connectTimeout: o.connectTimeoutMs ?? 10_000,
    multipleStatements: true,
    supportBigNumbers: true,
    dateStrings: true,
  });
  conn.on('error', () => undefined);
  let closed = false;
  return {
    dialect: 'mysql',
    async query(sql: string, params?: readonly unknown[]): Promise<Row[]> {
      const [rows] = await conn.query(sql, params ? [...params] : undefined);
      return Array.isArray(rows) ? (rows as Row[]) : [];
    },
    async exec(sql: string): Promise<void> {
      await conn.query(sql);
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await conn.end();
    },
  };
}
