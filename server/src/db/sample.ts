/**
 * Data evidence for inference, the IO half: runs the engine's inclusion
 * queries (engine/infer/sample.ts) against a live database and returns the
 * candidates with their confidence moved by what the data says.
 *
 * Sampling never writes and never runs long: every statement runs inside a
 * read-only transaction (PostgreSQL `SET TRANSACTION READ ONLY`, MySQL/MariaDB
 * `START TRANSACTION READ ONLY`, SQLite a plain transaction under
 * `PRAGMA query_only`) that is always rolled back, with a per-statement
 * timeout (`SET LOCAL statement_timeout`; MariaDB `max_statement_time`,
 * MySQL `max_execution_time`; for in-process engines, which cannot be
 * interrupted, a timer that discards a late answer). Session settings are
 * restored after.
 */
import type { DbConnection, Row } from './connection.js';
import type { Schema, Table } from '../engine/model/schema.js';
import type { InferredRelationship } from '../engine/infer/index.js';
import { DATA_INCLUSION, DEFAULT_SAMPLE_LIMIT, inclusionEvidence, inclusionQuery, readCounts, withDataEvidence } from '../engine/infer/sample.js';

export interface SampleOptions {
  /** rows sampled per candidate (default 1000) */
  limit?: number;
  /** per-statement timeout in milliseconds (default 2000) */
  timeoutMs?: number;
}

/** A query function that only runs inside the read-only, time-boxed transaction. */
export type ReadOnlyQuery = (sql: string) => Promise<Row[]>;

const DEFAULT_TIMEOUT_MS = 2000;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Rejects when the statement has not answered within `ms`. The server's own
 * timeout normally fires first; this covers in-process engines (sql.js,
 * PGlite) whose statements block the event loop and cannot be interrupted:
 * their late answer is discarded, as a timeout would have.
 */
async function timeBoxed<T>(run: () => Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`statement timeout (${ms} ms)`)), ms);
  });
  const started = performance.now();
  try {
    const result = await Promise.race([run(), late]);
    if (performance.now() - started > ms) throw new Error(`statement timeout (${ms} ms)`);
    return result;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs `work` inside a read-only transaction with a per-statement timeout,
 * then rolls back and restores the session's settings, whatever happened.
 * A failing statement (a write, a timeout, a type error) rejects its own
 * `query` call only; the transaction stays usable for the next statement.
 */
export async function withReadOnly<T>(conn: DbConnection, timeoutMs: number, work: (query: ReadOnlyQuery) => Promise<T>): Promise<T> {
  const ms = Math.max(1, Math.floor(timeoutMs));
  if (conn.dialect === 'postgres') {
    await conn.exec('BEGIN');
    try {
      await conn.exec('SET TRANSACTION READ ONLY');
      await conn.exec(`SET LOCAL statement_timeout = ${ms}`);
      // a failed statement aborts a PostgreSQL transaction: each runs under a savepoint
      return await work(async (sql) => {
        await conn.exec('SAVEPOINT schemasage_sample');
        try {
          const rows = await timeBoxed(() => conn.query(sql), ms + 250);
          await conn.exec('RELEASE SAVEPOINT schemasage_sample');
          return rows;
        } catch (e) {
          await conn.exec('ROLLBACK TO SAVEPOINT schemasage_sample');
          throw e;
        }
      });
    } finally {
      await conn.exec('ROLLBACK');
    }
  }
  if (conn.dialect === 'mysql') {
    // MariaDB: max_statement_time (seconds, every statement); MySQL 8: max_execution_time (ms, SELECT only)
    let restore: string | undefined;
    try {
      const [row] = await conn.query('SELECT @@SESSION.max_statement_time AS t');
      await conn.exec(`SET SESSION max_statement_time = ${ms / 1000}`);
      restore = `SET SESSION max_statement_time = ${Number(row?.['t'] ?? 0)}`;
    } catch {
      const [row] = await conn.query('SELECT @@SESSION.max_execution_time AS t');
      await conn.exec(`SET SESSION max_execution_time = ${ms}`);
      restore = `SET SESSION max_execution_time = ${Number(row?.['t'] ?? 0)}`;
    }
    try {
      await conn.exec('START TRANSACTION READ ONLY');
      try {
        return await work((sql) => timeBoxed(() => conn.query(sql), ms + 250));
      } finally {
        await conn.exec('ROLLBACK');
      }
    } finally {
      await conn.exec(restore);
    }
  }
  // SQLite (sql.js): query_only refuses every write; the transaction keeps one consistent snapshot
  const [row] = await conn.query('PRAGMA query_only');
  const before = Number(row?.['query_only'] ?? 0) ? 'ON' : 'OFF';
  await conn.exec('PRAGMA query_only = ON');
  try {
    await conn.exec('BEGIN');
    try {
      return await work((sql) => timeBoxed(() => conn.query(sql), ms));
    } finally {
      await conn.exec('ROLLBACK');
    }
  } finally {
    await conn.exec(`PRAGMA query_only = ${before}`);
  }
}

function tableOf(schema: Schema, byKey: Map<string, Table>, end: InferredRelationship['from']): Table | undefined {
  return byKey.get(end.tableKey) ?? schema.tables.find((t) => t.schema === end.schema && t.name === end.table);
}

/** Whether both ends name existing tables and columns of `schema` (the only SQL worth sending). */
function sampleable(schema: Schema, byKey: Map<string, Table>, r: InferredRelationship): boolean {
  if (!r.from.columns.length || r.from.columns.length !== r.to.columns.length) return false;
  for (const end of [r.from, r.to]) {
    const t = tableOf(schema, byKey, end);
    if (!t) return false;
    for (const c of end.columns) if (!t.columns.some((x) => x.name === c)) return false;
  }
  return true;
}

/**
 * The candidates with data evidence: for each, up to `limit` non-null values
 * of its referencing column(s) are looked up in the referenced key, and the
 * share found raises or lowers its confidence (`data:inclusion`). A
 * candidate that cannot be measured (unknown table, a statement that fails
 * or times out) keeps its confidence and gets a zero-weight note saying why.
 * Same order as `candidates`; inputs are not changed.
 */
export async function sampleEvidence(conn: DbConnection, schema: Schema, candidates: InferredRelationship[], options?: SampleOptions): Promise<InferredRelationship[]> {
  const limit = options?.limit ?? DEFAULT_SAMPLE_LIMIT;
  const timeoutMs = options?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const byKey = new Map(schema.tables.map((t) => [t.key, t]));
  if (!candidates.some((r) => sampleable(schema, byKey, r))) return candidates.slice();
  return withReadOnly(conn, timeoutMs, async (query) => {
    const out: InferredRelationship[] = [];
    for (const r of candidates) {
      if (!sampleable(schema, byKey, r)) {
        out.push(r);
        continue;
      }
      try {
        const counts = readCounts((await query(inclusionQuery(r, conn.dialect, limit, schema.defaultSchema)))[0]);
        out.push(counts ? withDataEvidence(r, inclusionEvidence(r, counts)) : r);
      } catch (e) {
        out.push(withDataEvidence(r, { signal: DATA_INCLUSION, weight: 0, detail: `not measured: ${message(e)}` }));
      }
    }
    return out;
  });
}
