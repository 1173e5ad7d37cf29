/**
 * The server's live-database requests: connect with the options the client
 * sends (the password comes from the client's SecretStorage for this request
 * only), test or introspect, close. The last introspected schema is kept per
 * profile name for drift. Error messages never contain the password: the
 * driver's message is scrubbed before it leaves.
 */
import { readFileSync } from 'node:fs';
import { RequestType, type Connection } from 'vscode-languageserver';
import { connect, introspectWithWarnings, type ConnectionOptions, type DbConnection } from '../db/index.js';
import type { Schema } from '../engine/model/schema.js';
import { DbIntrospectRequest, type DbConnectionParams, type DbIntrospectParams, type DbIntrospectResult } from './protocol.js';

const CONNECT_TIMEOUT_MS = 10_000;

/** Replaces every occurrence of the secret (and its URL-encoded form) in a message. */
export function scrub(message: string, secret: string | undefined): string {
  if (!secret) return message;
  let out = message;
  for (const s of new Set([secret, encodeURIComponent(secret)])) if (s.length >= 1) out = out.split(s).join('***');
  return out;
}

export function toConnectionOptions(p: DbConnectionParams): ConnectionOptions {
  if (p.dialect === 'sqlite') {
    if (!p.file) throw new Error('a SQLite connection needs a database file');
    return { dialect: 'sqlite', bytes: new Uint8Array(readFileSync(p.file)) };
  }
  return {
    dialect: p.dialect,
    ...(p.host ? { host: p.host } : {}),
    ...(p.port ? { port: p.port } : {}),
    ...(p.user ? { user: p.user } : {}),
    ...(p.password ? { password: p.password } : {}),
    ...(p.database ? { database: p.database } : {}),
    ...(p.ssl !== undefined ? { ssl: p.ssl } : {}),
    connectTimeoutMs: CONNECT_TIMEOUT_MS,
  };
}

async function serverVersion(conn: DbConnection): Promise<string | undefined> {
  const sql = conn.dialect === 'sqlite' ? 'SELECT sqlite_version() AS v' : 'SELECT version() AS v';
  const rows = await conn.query(sql);
  const v = rows[0]?.['v'];
  return typeof v === 'string' ? v.split(/ on |,/)[0]?.trim() : undefined;
}

export class LiveDatabases {
  /** profile name -> the last introspected schema */
  readonly schemas = new Map<string, Schema>();

  async introspect(params: DbIntrospectParams): Promise<DbIntrospectResult> {
    const started = performance.now();
    let conn: DbConnection | undefined;
    try {
      conn = await connect(toConnectionOptions(params.connection));
      const version = await serverVersion(conn);
      if (params.test) return { ok: true, ms: Math.round(performance.now() - started), ...(version ? { serverVersion: version } : {}) };
      const { schema, warnings } = await introspectWithWarnings(conn, params.connection.schemas?.length ? { schemas: params.connection.schemas } : {});
      this.schemas.set(params.id, schema);
      return { ok: true, ms: Math.round(performance.now() - started), ...(version ? { serverVersion: version } : {}), schema, warnings: warnings.map((w) => `${w.code} ${w.message}`) };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return { ok: false, error: scrub(message || 'connection failed', params.connection.password) };
    } finally {
      await conn?.close().catch(() => undefined);
    }
  }

  register(connection: Connection, logError: (message: string, err: unknown) => void): void {
    connection.onRequest(new RequestType<DbIntrospectParams, DbIntrospectResult, void>(DbIntrospectRequest), async (params: DbIntrospectParams): Promise<DbIntrospectResult> => {
      try {
        return await this.introspect(params);
      } catch (err) {
        // never log the params: they hold the password
        logError('database request failed', new Error(scrub(err instanceof Error ? err.message : String(err), params?.connection?.password)));
        return { ok: false, error: 'internal error (see the SchemaSage log)' };
      }
    });
  }
}
