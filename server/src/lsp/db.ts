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
import picomatch from 'picomatch';
import { computeDrift } from '../engine/drift.js';
import { inferSchema } from '../engine/infer/index.js';
import { sampleEvidence } from '../db/sample.js';
import type { Diagnostic } from '../engine/diagnostics.js';
import { DbImportRequest, type DbImportParams, type DbImportResult, DbIntrospectRequest, type DbConnectionParams, type DbIntrospectParams, type DbIntrospectResult, type DriftItemInfo, type InferredInfo } from './protocol.js';
import type { ServerState } from './state.js';
import { renderSchema } from '../render.js';

const CONNECT_TIMEOUT_MS = 10_000;
/** candidates checked against data per introspection (each is one LIMITed query) */
const MAX_SAMPLED = 200;

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

interface Linked {
  schema: Schema;
  dialect: 'postgres' | 'mysql' | 'sqlite';
  match: ((path: string) => boolean) | undefined;
}

export class LiveDatabases {
  /** profile name -> the last introspected schema, and the files linked to it */
  readonly linked = new Map<string, Linked>();

  constructor(private readonly state: ServerState) {
    state.externalDiagnostics = () => this.driftDiagnostics();
  }

  /** The linked files' part of the workspace schema: the unit holding them, cut down to their tables. */
  private filesSchema(match: (path: string) => boolean): Schema | undefined {
    const uris = new Set(this.state.ws.files().map((f) => f.uri).filter((u) => {
      const rel = this.state.relativePath(u);
      return rel !== undefined && match(rel);
    }));
    if (!uris.size) return undefined;
    const binding = this.state.ws.binding();
    const part = binding.parts.find((p) => p.tables.some((t) => t.source && uris.has(t.source.uri)));
    if (!part) return undefined;
    const tables = part.tables.filter((t) => t.source && uris.has(t.source.uri));
    const keys = new Set(tables.map((t) => t.key));
    return { ...part, tables, relationships: part.relationships.filter((r) => keys.has(r.from.tableKey)) };
  }

  /** Drift of every linked connection, as diagnostics per file. */
  driftDiagnostics(): Map<string, Diagnostic[]> {
    const out = new Map<string, Diagnostic[]>();
    for (const [name, link] of this.linked) {
      if (!link.match) continue;
      const files = this.filesSchema(link.match);
      if (!files) continue;
      for (const d of computeDrift(files, link.schema, { database: name, dialect: link.dialect }).diagnostics) {
        const list = out.get(d.uri) ?? [];
        list.push(d);
        out.set(d.uri, list);
      }
    }
    return out;
  }

  private driftSummary(name: string): { files: number; items: DriftItemInfo[] } | undefined {
    const link = this.linked.get(name);
    if (!link?.match) return undefined;
    const files = this.filesSchema(link.match);
    if (!files) return { files: 0, items: [] };
    const uris = new Set(files.tables.map((t) => t.source?.uri));
    return { files: uris.size, items: computeDrift(files, link.schema, { database: name, dialect: link.dialect }).items };
  }

  async introspect(params: DbIntrospectParams): Promise<DbIntrospectResult> {
    const started = performance.now();
    let conn: DbConnection | undefined;
    try {
      conn = await connect(toConnectionOptions(params.connection));
      const version = await serverVersion(conn);
      if (params.test) return { ok: true, ms: Math.round(performance.now() - started), ...(version ? { serverVersion: version } : {}) };
      const { schema, warnings } = await introspectWithWarnings(conn, params.connection.schemas?.length ? { schemas: params.connection.schemas } : {});
      // undeclared relationships: every name-based candidate, then sampled data raises or lowers it (read-only, time-boxed)
      let inferred: InferredInfo[] = [];
      try {
        const candidates = inferSchema(schema, { minConfidence: 0 }).relationships.slice(0, MAX_SAMPLED);
        const scored = await sampleEvidence(conn, schema, candidates, { timeoutMs: 2000 });
        inferred = scored
          .filter((r) => r.confidence >= 0.5)
          .sort((a, b) => b.confidence - a.confidence)
          .map((r) => ({ from: `${r.from.table}(${r.from.columns.join(', ')})`, to: `${r.to.table}(${r.to.columns.join(', ')})`, confidence: r.confidence, evidence: r.evidence.map((e) => e.detail) }));
      } catch (err) {
        this.state.logError('sampling inferred relationships failed', new Error(scrub(String((err as Error).message ?? err), params.connection.password)));
      }
      const globs = (params.schemaFiles ?? []).filter((g) => typeof g === 'string' && g.trim());
      this.linked.set(params.id, {
        schema,
        dialect: params.connection.dialect,
        match: globs.length ? picomatch(globs, { dot: true, nocase: true }) : undefined,
      });
      await this.state.ready;
      this.state.sync();
      const drift = this.driftSummary(params.id);
      // the drift diagnostics of the linked files change with the database
      this.state.schedule();
      return { ok: true, ms: Math.round(performance.now() - started), ...(version ? { serverVersion: version } : {}), schema, warnings: warnings.map((w) => `${w.code} ${w.message}`), ...(drift ? { drift } : {}), inferred };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return { ok: false, error: scrub(message || 'connection failed', params.connection.password) };
    } finally {
      await conn?.close().catch(() => undefined);
    }
  }

  /** The connection's last introspected schema as DBML, SQL in its own dialect, or Prisma. */
  import(params: DbImportParams): DbImportResult {
    const link = this.linked.get(params.id);
    if (!link) return { ok: false, error: `'${params.id}' has not been read yet: expand or refresh it first` };
    const r = renderSchema(link.schema, params.format, { dialect: link.dialect });
    return 'error' in r ? { ok: false, error: r.error } : { ok: true, text: r.text, tables: link.schema.tables.length };
  }

  register(connection: Connection): void {
    connection.onRequest(new RequestType<DbImportParams, DbImportResult, void>(DbImportRequest), (params: DbImportParams): DbImportResult => {
      try {
        return this.import(params);
      } catch (err) {
        this.state.logError('import failed', err);
        return { ok: false, error: 'internal error (see the SchemaSage log)' };
      }
    });
    const logError = (message: string, err: unknown) => this.state.logError(message, err);
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
