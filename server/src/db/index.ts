/**
 * The database IO edge: open a DbConnection from plain options or a URL, and
 * introspect it into the Schema model, sample its data for inference
 * evidence. Drivers load on first use.
 */
import type { ConnectionOptions, DbConnection } from './connection.js';
import { parseConnectionUrl } from './connection.js';

export * from './connection.js';
export { introspect, introspectWithWarnings, type IntrospectOptions, type IntrospectResult } from './introspect.js';
export { sampleEvidence, withReadOnly, type ReadOnlyQuery, type SampleOptions } from './sample.js';

/** Opens a connection; rejects with the driver's error (which never holds the password). */
export async function connect(o: ConnectionOptions): Promise<DbConnection> {
  if (o.dialect === 'sqlite') return (await import('./sqlite.js')).openSqlite(o.bytes);
  if (o.dialect === 'postgres') return (await import('./pg.js')).connectPostgres(o);
  return (await import('./mysql.js')).connectMysql(o);
}

/** Opens a connection from a `postgres://` or `mysql://` URL. */
export async function connectUrl(url: string): Promise<DbConnection> {
  const o = parseConnectionUrl(url);
  if (!o) throw new Error('unsupported connection URL (expected postgres:// or mysql://)');
  return connect(o);
}
