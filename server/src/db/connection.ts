/**
 * The one small query interface between SchemaSage and a live database: the
 * engine's introspection (and later apply/sampling code) is written against
 * `DbConnection` only, never against a driver. Connection options are plain
 * data; `describeConnection` is the only way to print them (it never shows a
 * password). This module imports no driver.
 */

/** The SQL dialect a connection speaks. MariaDB is `mysql`. */
export type DbDialect = 'postgres' | 'mysql' | 'sqlite';

/** One result row: column label -> value as the driver returns it. */
export type Row = Record<string, unknown>;

export interface DbConnection {
  readonly dialect: DbDialect;
  /** Runs one statement; `params` bind to `$1..` (postgres) or `?` (mysql, sqlite). */
  query(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs a script of one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  /** Releases the connection; later calls fail. Idempotent. */
  close(): Promise<void>;
}

export interface TlsOptions {
  /** verify the server certificate (default true when TLS is on) */
  rejectUnauthorized?: boolean;
  /** PEM text of the CA certificate(s) */
  ca?: string;
}

/** Where a server is, as plain data. */
export interface ServerConnectionOptions {
  dialect: 'postgres' | 'mysql';
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
  /** true/false, or TLS options (implies TLS on) */
  ssl?: boolean | TlsOptions;
  /** connect timeout in milliseconds */
  connectTimeoutMs?: number;
}

export interface SqliteConnectionOptions {
  dialect: 'sqlite';
  /** the database file's bytes; an empty database in memory when absent */
  bytes?: Uint8Array;
}

export interface PgliteLoadOptions {
  /**
   * A folder holding PGlite: the bundle folder (`index.js` + `pglite.wasm`,
   * `pglite.data`, `initdb.wasm`), a PGlite package's `dist` folder, the
   * package folder, or a folder where it was `npm install`ed.
   */
  moduleDir?: string;
  /** try the installed `@electric-sql/pglite` package last (default true) */
  packageFallback?: boolean;
}

/** An embedded PostgreSQL as plain connection options. */
export interface EmbeddedPostgresOptions extends PgliteLoadOptions {
  dialect: 'pglite';
  /** where the database lives (created when missing); in memory when absent */
  dataDir?: string;
  /** names the in-memory database across requests (e.g. the connection's name) */
  key?: string;
  /** the PostgreSQL schema file the database is created from (run once, when the database is created) */
  schema?: { uri: string; text: string };
  /** drop the database and create it again (from `schema`) */
  recreate?: boolean;
  /** data-directory databases close after this long unused (default 60 s) */
  idleMs?: number;
}

/** A server or a SQLite database. */
export type ConnectionOptions = ServerConnectionOptions | SqliteConnectionOptions;

/**
 * Every kind of connection `connect` opens: ConnectionOptions or an embedded
 * PostgreSQL (`pglite`, which opens a DbConnection of dialect `postgres`).
 * Kept apart from ConnectionOptions so code that reads server options from
 * a ConnectionOptions keeps compiling.
 */
export type AnyConnectionOptions = ConnectionOptions | EmbeddedPostgresOptions;

/** A one-line description for logs and messages: never includes the password. */
export function describeConnection(o: AnyConnectionOptions): string {
  if (o.dialect === 'sqlite') return `sqlite (${o.bytes ? `${o.bytes.length} bytes` : 'memory'})`;
  if (o.dialect === 'pglite') return `embedded PostgreSQL (${o.dataDir ?? `memory${o.key ? `: ${o.key}` : ''}`})${o.schema ? ` from ${o.schema.uri}` : ''}`;
  const user = o.user ? `${o.user}${o.password ? ':***' : ''}@` : '';
  return `${o.dialect}://${user}${o.host ?? 'localhost'}:${o.port ?? defaultPort(o.dialect)}/${o.database ?? ''}${o.ssl ? ' (tls)' : ''}`;
}

export function defaultPort(dialect: 'postgres' | 'mysql'): number {
  return dialect === 'postgres' ? 5432 : 3306;
}

/**
 * Parses `postgres://`, `postgresql://`, `mysql://`, `mariadb://` URLs into
 * options (`?sslmode=require|disable|no-verify`, `?ssl=true`). Returns
 * undefined for anything else.
 */
export function parseConnectionUrl(url: string): ServerConnectionOptions | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const scheme = u.protocol.replace(/:$/, '').toLowerCase();
  const dialect = scheme === 'postgres' || scheme === 'postgresql' ? 'postgres' : scheme === 'mysql' || scheme === 'mariadb' ? 'mysql' : undefined;
  if (!dialect) return undefined;
  const o: ServerConnectionOptions = { dialect };
  if (u.hostname) o.host = decodeURIComponent(u.hostname.replace(/^\[|\]$/g, ''));
  if (u.port) o.port = Number(u.port);
  if (u.username) o.user = decodeURIComponent(u.username);
  if (u.password) o.password = decodeURIComponent(u.password);
  const db = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (db) o.database = db;
  const mode = u.searchParams.get('sslmode') ?? u.searchParams.get('ssl-mode');
  const ssl = u.searchParams.get('ssl');
  if (mode) {
    const m = mode.toLowerCase();
    if (m === 'disable' || m === 'disabled') o.ssl = false;
    else if (m === 'no-verify' || m === 'require' || m === 'required' || m === 'prefer' || m === 'preferred') o.ssl = { rejectUnauthorized: false };
    else o.ssl = true;
  } else if (ssl) o.ssl = ssl === 'true' || ssl === '1';
  return o;
}
