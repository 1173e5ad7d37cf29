/**
 * Saved connections: profiles live in the `schemasage.connections` setting
 * (no secrets: host, port, user, database, TLS, SQLite file), passwords in
 * VS Code's SecretStorage under the profile's name. Nothing here logs.
 */
import * as vscode from 'vscode';
import type { DbConnectionParams } from '../protocol.js';
import type { EmbeddedParams } from '../../../server/src/db/pglite.js';
import { embeddedDirName, isEmbedded, type ConnectionProfile } from './model.js';

export * from './model.js';

const SECRET_PREFIX = 'schemasage.connection.password:';

let defaultStorage: vscode.Uri | undefined;
let companionId: string | undefined;

/** The name of the optional companion extension that carries PGlite (`<publisher>.schemasage-pglite`). */
export const PGLITE_COMPANION = 'schemasage-pglite';

/**
 * Where embedded databases saved on disk live (the extension's global
 * storage), and whose companion extension may carry PGlite; set once at
 * activation.
 */
export function setEmbeddedStorage(uri: vscode.Uri, extensionId?: string): void {
  defaultStorage = uri;
  const publisher = extensionId?.split('.')[0];
  companionId = publisher ? `${publisher}.${PGLITE_COMPANION}` : undefined;
}

/** The companion extension's id (`<publisher>.schemasage-pglite`), once activation told whose it is. */
export function pgliteCompanionId(): string | undefined {
  return companionId;
}

/**
 * The folder holding PGlite when it is not beside the server: the
 * `schemasage.connections.pgliteDir` setting, else the companion
 * extension's `dist/pglite` when it is installed.
 */
function pgliteDir(): string | undefined {
  const set = vscode.workspace.getConfiguration('schemasage').get<string>('connections.pgliteDir')?.trim();
  if (set) return set;
  const companion = companionId ? vscode.extensions.getExtension(companionId) : undefined;
  return companion ? vscode.Uri.joinPath(companion.extensionUri, 'dist', 'pglite').fsPath : undefined;
}

/**
 * What the server needs for an embedded PostgreSQL. Sent as an extra
 * `embedded` field of the connection parameters (the server's
 * `embeddedConnectionOptions` reads it).
 */
export type EmbeddedConnectionParams = DbConnectionParams & { embedded: EmbeddedParams };

export class ConnectionStore {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly storage: vscode.Uri | undefined = defaultStorage,
  ) {}

  /** The data directory of an embedded database saved on disk. */
  embeddedDataDir(profile: ConnectionProfile): vscode.Uri | undefined {
    const root = this.storage ?? defaultStorage;
    if (!root || !isEmbedded(profile) || profile.embedded.storage !== 'disk') return undefined;
    return vscode.Uri.joinPath(root, 'pglite', embeddedDirName(vscode.workspace.workspaceFolders?.[0]?.uri.toString() ?? '', profile.name));
  }

  list(): ConnectionProfile[] {
    const raw = vscode.workspace.getConfiguration('schemasage').get<unknown[]>('connections') ?? [];
    return raw.filter((p): p is ConnectionProfile => !!p && typeof p === 'object' && typeof (p as ConnectionProfile).name === 'string' && ['postgres', 'mysql', 'sqlite'].includes((p as ConnectionProfile).dialect));
  }

  get(name: string): ConnectionProfile | undefined {
    return this.list().find((p) => p.name === name);
  }

  /** Adds or replaces (by `previousName` or the same name) a profile; the password, when given, goes to SecretStorage. */
  async save(profile: ConnectionProfile, password: string | undefined, previousName?: string): Promise<void> {
    const others = this.list().filter((p) => p.name !== profile.name && p.name !== previousName);
    const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await vscode.workspace.getConfiguration('schemasage').update('connections', [...others, clean(profile)], target);
    if (previousName && previousName !== profile.name) {
      const old = await this.secrets.get(SECRET_PREFIX + previousName);
      await this.secrets.delete(SECRET_PREFIX + previousName);
      if (password === undefined && old !== undefined) password = old;
    }
    if (password !== undefined) {
      if (password) await this.secrets.store(SECRET_PREFIX + profile.name, password);
      else await this.secrets.delete(SECRET_PREFIX + profile.name);
    }
  }

  async remove(name: string): Promise<void> {
    const rest = this.list().filter((p) => p.name !== name);
    const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await vscode.workspace.getConfiguration('schemasage').update('connections', rest, target);
    await this.secrets.delete(SECRET_PREFIX + name);
  }

  password(name: string): Thenable<string | undefined> {
    return this.secrets.get(SECRET_PREFIX + name);
  }

  /** What the server needs to connect (the password only for this request). */
  async params(profile: ConnectionProfile, options: { recreate?: boolean } = {}): Promise<DbConnectionParams> {
    if (profile.dialect === 'sqlite') {
      const file = absolute(profile.file);
      return { dialect: 'sqlite', ...(file ? { file } : {}) };
    }
    if (isEmbedded(profile)) {
      const dataDir = this.embeddedDataDir(profile)?.fsPath;
      const schemaFile = absolute(profile.embedded.schemaFile);
      const moduleDir = pgliteDir();
      const embedded: EmbeddedParams = { key: profile.name, ...(dataDir ? { dataDir } : {}), ...(schemaFile ? { schemaFile } : {}), ...(moduleDir ? { pgliteDir: moduleDir } : {}), ...(options.recreate ? { recreate: true } : {}) };
      const p: EmbeddedConnectionParams = { dialect: 'postgres', embedded, ...(profile.schemas?.length ? { schemas: profile.schemas } : {}) };
      return p;
    }
    const password = await this.password(profile.name);
    return {
      dialect: profile.dialect,
      ...(profile.host ? { host: profile.host } : {}),
      ...(profile.port ? { port: profile.port } : {}),
      ...(profile.user ? { user: profile.user } : {}),
      ...(password ? { password } : {}),
      ...(profile.database ? { database: profile.database } : {}),
      ...(profile.tls && profile.tls !== 'off' ? { ssl: profile.tls === 'verify' ? true : { rejectUnauthorized: false } } : {}),
      ...(profile.schemas?.length ? { schemas: profile.schemas } : {}),
    };
  }
}

/** A path relative to the first workspace folder made absolute. */
function absolute(file: string | undefined): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return file && folder && !/^([/\\]|[A-Za-z]:)/.test(file) ? vscode.Uri.joinPath(folder, file).fsPath : file;
}

function clean(p: ConnectionProfile): ConnectionProfile {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) if (v !== undefined && v !== '' && !(Array.isArray(v) && !v.length)) out[k] = v;
  return out as unknown as ConnectionProfile;
}
