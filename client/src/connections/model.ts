/**
 * Connection profiles as plain data (no vscode): the shape saved in the
 * `schemasage.connections` setting, reading one from a URL, and describing
 * one without its password.
 */
import { parseConnectionUrl } from '../../../server/src/db/connection.js';

export type TlsMode = 'off' | 'require' | 'verify';

export interface ConnectionProfile {
  name: string;
  dialect: 'postgres' | 'mysql' | 'sqlite';
  host?: string;
  port?: number;
  user?: string;
  database?: string;
  /** off (default), require (TLS without verifying the certificate), verify (TLS, certificate verified) */
  tls?: TlsMode;
  /** SQLite: the database file, absolute or relative to the first workspace folder */
  file?: string;
  /** PostgreSQL schemas / MySQL databases to read */
  schemas?: string[];
  /** schema files (globs relative to the workspace folder) that should match this database: drift */
  schemaFiles?: string[];
}

/** A profile (and its password) from a postgres:// or mysql:// URL; undefined when the URL is not one. */
export function profileFromUrl(name: string, url: string): { profile: ConnectionProfile; password?: string } | undefined {
  const o = parseConnectionUrl(url);
  if (!o) return undefined;
  const tls: TlsMode | undefined = o.ssl === undefined ? undefined : o.ssl === false ? 'off' : o.ssl === true ? 'verify' : 'require';
  const profile: ConnectionProfile = { name, dialect: o.dialect, ...(o.host ? { host: o.host } : {}), ...(o.port ? { port: o.port } : {}), ...(o.user ? { user: o.user } : {}), ...(o.database ? { database: o.database } : {}), ...(tls ? { tls } : {}) };
  return { profile, ...(o.password ? { password: o.password } : {}) };
}

/** One line about a profile, never with a password. */
export function describeProfile(p: ConnectionProfile): string {
  if (p.dialect === 'sqlite') return `SQLite · ${p.file ?? '(no file)'}`;
  const kind = p.dialect === 'postgres' ? 'PostgreSQL' : 'MySQL/MariaDB';
  return `${kind} · ${p.user ? `${p.user}@` : ''}${p.host ?? 'localhost'}${p.port ? `:${p.port}` : ''}/${p.database ?? ''}${p.tls && p.tls !== 'off' ? ' · TLS' : ''}`;
}
