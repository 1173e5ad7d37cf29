/**
 * node-sql-parser behind one small function: parse ONE query statement in a
 * dialect and return its AST as plain unknown data, or the parser's error
 * with an offset into the statement. Never throws.
 *
 * Only the per-dialect builds are imported (each ~300 KB instead of the
 * 5 MB all-dialect bundle); parsers are created on first use. Results are
 * cached by statement text per dialect, so re-checking a file after a
 * keystroke only re-parses the statements whose text changed (node-sql-parser
 * costs about 1 ms per ordinary query). This module is the only importer of
 * node-sql-parser and is never used for DDL, which has its own front end.
 */
import pgBuild from 'node-sql-parser/build/postgresql.js';
import myBuild from 'node-sql-parser/build/mysql.js';
import liteBuild from 'node-sql-parser/build/sqlite.js';
import tsqlBuild from 'node-sql-parser/build/transactsql.js';
import type { QueryDialect } from './types.js';

/** An AST node as node-sql-parser builds it: an open record, read defensively. */
export type AstNode = Record<string, unknown>;

export type ParseOutcome =
  | { ok: true; ast: AstNode[] }
  | { ok: false; message: string; start: number; end: number };

interface ForeignParser {
  astify(sql: string, opt: { database: string }): unknown;
}
type ParserCtor = new () => ForeignParser;

const BUILDS: Record<QueryDialect, { ctor: () => ParserCtor; database: string }> = {
  postgres: { ctor: () => (pgBuild as unknown as { Parser: ParserCtor }).Parser, database: 'PostgresQL' },
  mysql: { ctor: () => (myBuild as unknown as { Parser: ParserCtor }).Parser, database: 'MySQL' },
  sqlite: { ctor: () => (liteBuild as unknown as { Parser: ParserCtor }).Parser, database: 'Sqlite' },
  mssql: { ctor: () => (tsqlBuild as unknown as { Parser: ParserCtor }).Parser, database: 'TransactSQL' },
};

const parsers = new Map<QueryDialect, ForeignParser>();
const CACHE_LIMIT = 4096;
const caches = new Map<QueryDialect, Map<string, ParseOutcome>>();

function parserFor(dialect: QueryDialect): ForeignParser {
  let p = parsers.get(dialect);
  if (!p) {
    const Ctor = BUILDS[dialect].ctor();
    p = new Ctor();
    parsers.set(dialect, p);
  }
  return p;
}

/** Parses one statement (its text without terminator). Cached by text; never throws. */
export function parseQuery(sql: string, dialect: QueryDialect): ParseOutcome {
  let cache = caches.get(dialect);
  if (!cache) {
    cache = new Map();
    caches.set(dialect, cache);
  }
  const hit = cache.get(sql);
  if (hit) return hit;
  const out = parseUncached(sql, dialect);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(sql, out);
  return out;
}

/**
 * node-sql-parser's SQLite grammar lags SQLite (no `ON CONFLICT ... DO
 * UPDATE`, no `[bracketed]` names): a statement it rejects is retried with
 * the PostgreSQL grammar (upserts, RETURNING) and then the T-SQL one
 * (brackets). Accepting what one of them reads is lenient by design: the
 * binder still checks every name, and the SQLite grammar's error is the one
 * reported when all fail.
 */
const FALLBACKS: Partial<Record<QueryDialect, QueryDialect[]>> = { sqlite: ['postgres', 'mssql'] };

function parseUncached(sql: string, dialect: QueryDialect): ParseOutcome {
  const first = parseWith(sql, dialect);
  if (first.ok) return first;
  for (const other of FALLBACKS[dialect] ?? []) {
    const r = parseWith(sql, other);
    if (r.ok) return r;
  }
  return first;
}

function parseWith(sql: string, dialect: QueryDialect): ParseOutcome {
  try {
    const r = parserFor(dialect).astify(sql, { database: BUILDS[dialect].database });
    const list = Array.isArray(r) ? r : [r];
    return { ok: true, ast: list.filter((x): x is AstNode => typeof x === 'object' && x !== null) };
  } catch (e) {
    return errorOutcome(e, sql.length);
  }
}

/** node-sql-parser (peggy) errors carry `location.start/end.offset`; anything else spans the statement. */
function errorOutcome(e: unknown, length: number): ParseOutcome {
  const err = (typeof e === 'object' && e !== null ? e : {}) as { message?: unknown; location?: { start?: { offset?: unknown }; end?: { offset?: unknown } } };
  const message = typeof err.message === 'string' ? err.message : String(e);
  const s = err.location?.start?.offset;
  const en = err.location?.end?.offset;
  if (typeof s === 'number' && typeof en === 'number') {
    const start = Math.max(0, Math.min(s, length));
    let end = Math.max(start, Math.min(en, length));
    if (end === start && start < length) end = start + 1;
    return { ok: false, message, start, end };
  }
  return { ok: false, message, start: 0, end: length };
}
