/**
 * Saved connections: profiles live in the `schemasage.connections` setting
 * (no secrets: host, port, user, database, TLS, SQLite file), passwords in
 * VS Code's SecretStorage under the profile's name. Nothing here logs.
 */
import * as vscode from 'vscode';
import type { DbConnectionParams } from '../protocol.js';
import type { ConnectionProfile } from './model.js';

export * from './model.js';

const SECRET_PREFIX = 'schemasage.connection.password:';

export class ConnectionStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

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
  async params(profile: ConnectionProfile): Promise<DbConnectionParams> {
    if (profile.dialect === 'sqlite') {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const file = profile.file && folder && !/^([/\\]|[A-Za-z]:)/.test(profile.file) ? vscode.Uri.joinPath(folder, profile.file).fsPath : profile.file;
      return { dialect: 'sqlite', ...(file ? { file } : {}) };
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

function clean(p: ConnectionProfile): ConnectionProfile {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) if (v !== undefined && v !== '' && !(Array.isArray(v) && !v.length)) out[k] = v;
  return out as unknown as ConnectionProfile;
}
