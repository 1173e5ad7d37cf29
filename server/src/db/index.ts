/**
 * The database IO edge: open a DbConnection from plain options or a URL, and
 * introspect it into the Schema model, sample its data for inference
 * evidence. Drivers load on first use; the embedded PostgreSQL (PGlite) is an
 * optional piece loaded from its own bundle (see pglite.ts).
 */
import type { AnyConnectionOptions, DbConnection } from './connection.js';
import { parseConnectionUrl } from './connection.js';

export * from './connection.js';
export { introspect, introspectWithWarnings, type IntrospectOptions, type IntrospectResult } from './introspect.js';
export { sampleEvidence, withReadOnly, type ReadOnlyQuery, type SampleOptions } from './sample.js';
export {
  PGLITE_BUNDLE_DIR,
  PgliteUnavailableError,
  checkPostgresDdl,
  closeAllEmbedded,
  closeEmbedded,
  embeddedConnectionOptions,
  loadPglite,
  openEmbeddedPostgres,
  type EmbeddedConnection,
  type EmbeddedParams,
  type SchemaLoadReport,
} from './pglite.js';

/** Opens a connection; rejects with the driver's error (which never holds the password). */
export async function connect(o: AnyConnectionOptions): Promise<DbConnection> {
  if (o.dialect === 'sqlite') return (await import('./sqlite.js')).openSqlite(o.bytes);
  if (o.dialect === 'postgres') return (await import('./pg.js')).connectPostgres(o);
  if (o.dialect === 'pglite') return (await import('./pglite.js')).openEmbeddedPostgres(o);
  return (await import('./mysql.js')).connectMysql(o);
}

/** Opens a connection from a `postgres://` or `mysql://` URL. */
export async function connectUrl(url: string): Promise<DbConnection> {
  const o = parseConnectionUrl(url);
  if (!o) throw new Error('unsupported connection URL (expected postgres:// or mysql://)');
  return connect(o);
}
