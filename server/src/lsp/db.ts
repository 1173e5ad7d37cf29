/**
 * The server's live-database requests: connect with the options the client
 * sends (the password comes from the client's SecretStorage for this request
 * only), test or introspect, close. The last introspected schema is kept per
 * profile name for drift. Error messages never contain the password: the
 * driver's message is scrubbed before it leaves.
 *
 * The assistant's requests: `schemasage/db/query` runs ONE statement a user
 * confirmed (reads in a READ ONLY transaction with a row limit and a
 * timeout; writes only with `allowWrite`, DROP/TRUNCATE and other
 * destructive statements only with `confirmDestructive` as well) and
 * `schemasage/db/samples` reads a few rows per table for grounding, read-only,
 * LIMITed, time-boxed, with personal-data columns never selected.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { RequestType, type Connection } from './lsp.js';
import { connect, embeddedConnectionOptions, introspectWithWarnings, withReadOnly, type AnyConnectionOptions, type DbConnection, type EmbeddedConnection, type EmbeddedParams, type Row } from '../db/index.js';
import { classifyStatement, limitedQuery } from '../engine/ai/statement.js';
import { DbQueryRequest, DbSamplesRequest, maskedSample, sampleQuery, toCell, type Cell, type DbQueryParams, type DbQueryResult, type DbSamplesParams, type DbSamplesResult, type SampleResult } from '../engine/ai/db-requests.js';
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
const DEFAULT_QUERY_ROWS = 200;
const MAX_QUERY_ROWS = 1000;
const DEFAULT_QUERY_TIMEOUT_MS = 5000;
const MAX_QUERY_TIMEOUT_MS = 60_000;
/** tables sampled per request for grounding */
const MAX_SAMPLE_TABLES = 12;

/**
 * Runs a confirmed write with a statement timeout: PostgreSQL in its own
 * transaction (`SET LOCAL statement_timeout`, committed only on success);
 * MySQL/MariaDB and SQLite as one statement (DDL commits by itself there),
 * time-boxed.
 */
async function runWrite(conn: DbConnection, sql: string, timeoutMs: number): Promise<Row[]> {
  if (conn.dialect === 'postgres') {
    await conn.exec('BEGIN');
    try {
      await conn.exec(`SET LOCAL statement_timeout = ${timeoutMs}`);
      const rows = await conn.query(sql);
      await conn.exec('COMMIT');
      return rows;
    } catch (err) {
      await conn.exec('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`statement timeout (${timeoutMs} ms)`)), timeoutMs);
  });
  try {
    return await Promise.race([conn.query(sql), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Replaces every occurrence of the secret (and its URL-encoded form) in a message. */
/** Connects for one request; a failure is a message with the password scrubbed, never a throw. */
export async function connectFor(params: DbConnectionParams): Promise<{ ok: true; db: DbConnection } | { ok: false; error: string }> {
  try {
    return { ok: true, db: await connect(toConnectionOptions(params)) };
  } catch (err) {
    return { ok: false, error: scrub(String((err as Error)?.message ?? err) || 'connection failed', params.password) };
  }
}

export function scrub(message: string, secret: string | undefined): string {
  if (!secret) return message;
  let out = message;
  for (const s of new Set([secret, encodeURIComponent(secret)])) if (s.length >= 1) out = out.split(s).join('***');
  return out;
}

/**
 * Driver options from what the client sent. An embedded PostgreSQL (PGlite)
 * profile arrives as a `postgres` connection with an extra `embedded` field
 * (client/src/connections/profiles.ts) and opens through `connect` as well.
 */
export function toConnectionOptions(p: DbConnectionParams): AnyConnectionOptions {
  const embedded: EmbeddedParams | undefined = p.embedded;
  if (embedded && typeof embedded === 'object' && typeof embedded.key === 'string') return embeddedConnectionOptions(embedded);
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

/** Why the request may not run, before any connection is opened; undefined when it may. */
export function refusal(params: DbQueryParams): DbQueryResult | undefined {
  const c = classifyStatement(typeof params.sql === 'string' ? params.sql : '', params.connection.dialect);
  if (c.kind === 'empty') return { ok: false, refused: true, error: 'There is no statement to run.' };
  if (c.kind === 'multiple') return { ok: false, refused: true, error: `Run one statement at a time (${c.reason}).` };
  if (c.kind !== 'read' && params.allowWrite !== true) return { ok: false, refused: true, error: `Refused: this statement writes (${c.reason}); it runs only after a confirmation that allows writing.` };
  if (c.kind === 'destructive' && params.confirmDestructive !== true) return { ok: false, refused: true, error: `Refused: ${c.reason}; it runs only after the typed confirmation.` };
  return undefined;
}

/**
 * Runs one confirmed statement on an open connection: a read inside a READ
 * ONLY transaction with the row limit and the timeout (withReadOnly), a write
 * through `runWrite`. Refuses what `refusal` refuses. Never throws.
 */
export async function runQuery(conn: DbConnection, params: DbQueryParams): Promise<DbQueryResult> {
  const refused = refusal(params);
  if (refused) return refused;
  const c = classifyStatement(params.sql, conn.dialect);
  if (c.kind === 'empty' || c.kind === 'multiple') return { ok: false, refused: true, error: 'There is no single statement to run.' };
  const maxRows = Math.max(1, Math.min(MAX_QUERY_ROWS, Math.floor(params.maxRows ?? DEFAULT_QUERY_ROWS)));
  const timeoutMs = Math.max(100, Math.min(MAX_QUERY_TIMEOUT_MS, Math.floor(params.timeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS)));
  const started = performance.now();
  try {
    const rows = c.kind === 'read' ? await withReadOnly(conn, timeoutMs, (q) => q(limitedQuery(c, conn.dialect, maxRows))) : await runWrite(conn, c.sql, timeoutMs);
    const columns = rows.length ? Object.keys(rows[0]) : [];
    const out: Cell[][] = [];
    for (let i = 0; i < rows.length && i < maxRows; i++) out.push(columns.map((k) => toCell(rows[i][k])));
    return { ok: true, kind: c.kind, columns, rows: out, truncated: rows.length > maxRows, ms: Math.round(performance.now() - started) };
  } catch (err) {
    return { ok: false, error: scrub(err instanceof Error ? err.message : String(err), params.connection.password) || 'the statement failed' };
  }
}

/**
 * A few rows of each table for grounding, on an open connection: every
 * statement read-only and time-boxed (withReadOnly), LIMITed, selecting only
 * the columns that are not personal data (those come back as `***`).
 * A table that fails (missing, timed out) is skipped with the reason.
 */
export async function readSamples(conn: DbConnection, params: DbSamplesParams): Promise<DbSamplesResult> {
  const rows = Math.max(1, Math.min(20, Math.floor(params.rows ?? 5)));
  const timeoutMs = Math.max(100, Math.min(10_000, Math.floor(params.timeoutMs ?? 2000)));
  const samples: Record<string, SampleResult> = {};
  const skipped: Record<string, string> = {};
  try {
    await withReadOnly(conn, timeoutMs, async (query) => {
      for (const t of params.tables.slice(0, MAX_SAMPLE_TABLES)) {
        const q = sampleQuery(t, conn.dialect, params.defaultSchema, rows);
        if (!q) {
          skipped[t.key] = 'every column is personal data';
          continue;
        }
        try {
          samples[t.key] = maskedSample(q, await query(q.sql));
        } catch (err) {
          skipped[t.key] = scrub(err instanceof Error ? err.message : String(err), params.connection.password);
        }
      }
    });
  } catch (err) {
    return { ok: false, error: scrub(err instanceof Error ? err.message : String(err), params.connection.password) || 'sampling failed' };
  }
  return { ok: true, samples, skipped };
}

export class LiveDatabases {
  /** profile name -> the last introspected schema, and the files linked to it */
  readonly linked = new Map<string, Linked>();
  /** Embedded PostgreSQL profiles made from a schema file: the statements PostgreSQL rejected, per file uri */
  private readonly schemaChecks = new Map<string, Diagnostic[]>();

  constructor(private readonly state: ServerState) {
    state.externalDiagnostics = () => {
      const out = this.driftDiagnostics();
      for (const [uri, list] of this.schemaChecks) out.set(uri, [...(out.get(uri) ?? []), ...list]);
      return out;
    };
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
      const load = (conn as Partial<EmbeddedConnection>).schemaLoad;
      if (load) this.schemaChecks.set(load.uri, load.diagnostics);
      const schemaLoad = load ? { schemaLoad: { uri: load.uri, statements: load.statements, failed: load.failed, ms: load.ms } } : {};
      if (load) this.state.schedule();
      if (params.test) return { ok: true, ms: Math.round(performance.now() - started), ...(version ? { serverVersion: version } : {}), ...schemaLoad };
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
      return { ok: true, ms: Math.round(performance.now() - started), ...(version ? { serverVersion: version } : {}), schema, warnings: warnings.map((w) => `${w.code} ${w.message}`), ...(drift ? { drift } : {}), inferred, ...schemaLoad };
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

  /** Runs one statement (see the module header) on a connection of its own. Never throws: refusals and failures are results. */
  async query(params: DbQueryParams): Promise<DbQueryResult> {
    const refused = refusal(params);
    if (refused) return refused;
    let conn: DbConnection | undefined;
    try {
      conn = await connect(toConnectionOptions(params.connection));
      const r = await runQuery(conn, params);
      // sql.js works on a copy of the file's bytes: a confirmed write is saved back
      if (r.ok && r.kind !== 'read' && params.connection.dialect === 'sqlite' && params.connection.file && 'exportBytes' in conn) {
        writeFileSync(params.connection.file, (conn as DbConnection & { exportBytes(): Uint8Array }).exportBytes());
      }
      return r;
    } catch (err) {
      return { ok: false, error: scrub(err instanceof Error ? err.message : String(err), params.connection.password) || 'the statement failed' };
    } finally {
      await conn?.close().catch(() => undefined);
    }
  }

  /** A few rows per table for grounding (see `readSamples`), on a connection of its own. */
  async samples(params: DbSamplesParams): Promise<DbSamplesResult> {
    let conn: DbConnection | undefined;
    try {
      conn = await connect(toConnectionOptions(params.connection));
      return await readSamples(conn, params);
    } catch (err) {
      return { ok: false, error: scrub(err instanceof Error ? err.message : String(err), params.connection.password) || 'sampling failed' };
    } finally {
      await conn?.close().catch(() => undefined);
    }
  }

  register(connection: Connection): void {
    connection.onRequest(new RequestType<DbQueryParams, DbQueryResult, void>(DbQueryRequest), async (params: DbQueryParams): Promise<DbQueryResult> => {
      try {
        return await this.query(params);
      } catch (err) {
        this.state.logError('query failed', new Error(scrub(err instanceof Error ? err.message : String(err), params?.connection?.password)));
        return { ok: false, error: 'internal error (see the SchemaSage log)' };
      }
    });
    connection.onRequest(new RequestType<DbSamplesParams, DbSamplesResult, void>(DbSamplesRequest), async (params: DbSamplesParams): Promise<DbSamplesResult> => {
      try {
        return await this.samples(params);
      } catch (err) {
        this.state.logError('sampling failed', new Error(scrub(err instanceof Error ? err.message : String(err), params?.connection?.password)));
        return { ok: false, error: 'internal error (see the SchemaSage log)' };
      }
    });
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
