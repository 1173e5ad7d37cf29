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
  /**
   * An embedded PostgreSQL (PGlite) instead of a server (dialect `postgres`):
   * created empty or from a workspace PostgreSQL schema file, kept in memory
   * or saved in the extension's global storage.
   */
  embedded?: EmbeddedProfile;
}

export interface EmbeddedProfile {
  /** memory: made again each session; disk: a data directory in the extension's global storage */
  storage: 'memory' | 'disk';
  /** the PostgreSQL schema file the database is created from, relative to the first workspace folder (or absolute) */
  schemaFile?: string;
}

/** Whether a profile is an embedded PostgreSQL (PGlite). */
export function isEmbedded(p: ConnectionProfile): p is ConnectionProfile & { embedded: EmbeddedProfile } {
  return p.dialect === 'postgres' && !!p.embedded && (p.embedded.storage === 'memory' || p.embedded.storage === 'disk');
}

/**
 * The folder name of an embedded database's data directory: the connection's
 * name made safe for any file system, prefixed with a short hash of the
 * workspace (two workspaces may use the same name).
 */
export function embeddedDirName(workspace: string, name: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < workspace.length; i++) {
    h ^= workspace.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  const safe = name.replace(/[^A-Za-z0-9._-]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).slice(0, 80);
  return `${h.toString(16).padStart(8, '0')}-${safe || '_'}`;
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
  if (isEmbedded(p)) return `Embedded PostgreSQL (PGlite) · ${p.embedded.schemaFile ?? 'empty'} · ${p.embedded.storage === 'disk' ? 'saved' : 'in memory'}`;
  if (p.dialect === 'sqlite') return `SQLite · ${p.file ?? '(no file)'}`;
  const kind = p.dialect === 'postgres' ? 'PostgreSQL' : 'MySQL/MariaDB';
  return `${kind} · ${p.user ? `${p.user}@` : ''}${p.host ?? 'localhost'}${p.port ? `:${p.port}` : ''}/${p.database ?? ''}${p.tls && p.tls !== 'off' ? ' · TLS' : ''}`;
}

/** A row count with the digit grouping of `locale` (the display language): `12,345`, `12.345`. */
export function formatRowCount(n: number, locale?: string): string {
  try {
    return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(n);
  } catch {
    return String(Math.round(n));
  }
}
