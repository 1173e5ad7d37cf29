/**
 * Queries checked against the schema: the SELECT / INSERT / UPDATE / DELETE /
 * WITH statements of a text are parsed with node-sql-parser (in the file's
 * dialect) and bound to the dialect-neutral Schema, giving diagnostics
 * (QRY001 unknown table, QRY002 unknown column, QRY003 ambiguous column,
 * QRY004 incomparable join types, QRY005 INSERT column count, QRY010 parse
 * error), references for hover / definition / rename, and completions.
 *
 * DDL statements are skipped: they belong to the DDL front end
 * (`engine/syntax/sql`), whose splitter cuts the text into statements here too.
 * Pure and total: never throws, never touches IO.
 */
import type { Schema } from '../model/schema.js';
import type { Diagnostic } from '../diagnostics.js';
import { shiftSpan, type Span } from '../text/span.js';
import { splitStatements } from '../syntax/sql/split.js';
import { lexSql } from '../syntax/sql/lexer.js';
import { catalogFor } from './catalog.js';
import { QueryBinder } from './bind.js';
import { locate, nameTokens } from './locate.js';
import { parseRepaired } from './repair.js';
import type { AstNode } from './parse.js';
import { isQueryStatement } from './statement-kind.js';
import { QueryCodes, type CheckedStatement, type QueryCheck, type QueryCheckOptions, type QueryDialect, type QueryReference } from './types.js';

export type {
  QueryCheck,
  QueryCheckOptions,
  CheckedStatement,
  QueryReference,
  QueryDialect,
  QueryStatementKind,
  QueryCompletion,
  QueryCompletionKind,
  QueryCompletionResult,
} from './types.js';
export { QueryCodes } from './types.js';
export { queryCompletions } from './complete.js';
export { referenceAt } from './references.js';

export { isQueryStatement, statementFirstWord } from './statement-kind.js';

/**
 * Checks every query statement of `text` against `schema` in `dialect`.
 * Spans are offsets into `text` plus `options.offset` (default 0).
 */
export function checkQueries(schema: Schema, text: string, dialect: QueryDialect, options?: QueryCheckOptions): QueryCheck {
  const offset = options?.offset ?? 0;
  const uri = options?.uri ?? '';
  const statements: CheckedStatement[] = [];
  const diagnostics: Diagnostic[] = [];
  const references: QueryReference[] = [];
  for (const slice of splitStatements(text, dialect)) {
    if (!isQueryStatement(text, slice.start, slice.end)) continue;
    const base = slice.start + offset;
    const r = checkStatement(schema, text.slice(slice.start, slice.end), dialect);
    const st: CheckedStatement = { span: { start: base, end: slice.end + offset }, kind: r.kind, parsed: r.parsed, tables: [...r.tables] };
    if (r.outputColumns) st.outputColumns = r.outputColumns;
    statements.push(st);
    for (const d of r.diagnostics) diagnostics.push({ ...d, uri, span: shiftSpan(d.span, base) });
    for (const x of r.references) {
      const moved: QueryReference = { ...x, span: shiftSpan(x.span, base) };
      if (x.definitionSpan) moved.definitionSpan = shiftSpan(x.definitionSpan, base);
      references.push(moved);
    }
  }
  return { statements, diagnostics, references };
}

/** One statement's result with spans relative to the statement; cached per schema object and statement text. */
interface StatementResult {
  kind: CheckedStatement['kind'];
  parsed: boolean;
  tables: string[];
  outputColumns?: string[];
  diagnostics: Diagnostic[];
  references: QueryReference[];
}

const RESULT_CACHE_LIMIT = 8192;
const resultCache = new WeakMap<Schema, Map<string, StatementResult>>();

/**
 * Checks one statement. A re-check after an edit only re-binds statements
 * whose text changed (or all of them when the schema object changed); the
 * cached results are never handed out, only copied with shifted spans.
 */
function checkStatement(schema: Schema, sql: string, dialect: QueryDialect): StatementResult {
  let cache = resultCache.get(schema);
  if (!cache) {
    cache = new Map();
    resultCache.set(schema, cache);
  }
  const key = dialect + '\u0000' + sql;
  const hit = cache.get(key);
  if (hit) return hit;
  const r = checkUncached(schema, sql, dialect);
  if (cache.size >= RESULT_CACHE_LIMIT) cache.clear();
  cache.set(key, r);
  return r;
}

function checkUncached(schema: Schema, sql: string, dialect: QueryDialect): StatementResult {
  const parsed = parseRepaired(sql, dialect);
  if (!parsed.ok) {
    let s = parsed.start;
    let e = parsed.end;
    if (s >= sql.length) {
      // "end of input": underline the statement's last word
      e = sql.length;
      s = e;
      while (s > 0 && !isBlank(sql.charCodeAt(s - 1))) s--;
      if (s === e) s = Math.max(0, e - 1);
    }
    const d: Diagnostic = { uri: '', span: { start: s, end: e }, severity: 'error', code: QueryCodes.parseError, message: parseMessage(parsed.message) };
    return { kind: kindOf(sql), parsed: false, tables: [], diagnostics: [d], references: [] };
  }
  try {
    return bindParsed(schema, sql, dialect, parsed.ast);
  } catch (e) {
    // a pathologically deep expression (thousands of ORs) can exhaust the stack in the walkers: report, never throw
    const deep = e instanceof RangeError;
    const message = deep ? 'Query too deeply nested to check' : `Internal error while checking the query: ${e instanceof Error ? e.message : String(e)}`;
    const d: Diagnostic = { uri: '', span: { start: 0, end: sql.length }, severity: 'warning', code: QueryCodes.parseError, message };
    return { kind: kindOf(sql), parsed: true, tables: [], diagnostics: [d], references: [] };
  }
}

function bindParsed(schema: Schema, sql: string, dialect: QueryDialect, asts: AstNode[]): StatementResult {
  const locs = locate(asts, nameTokens(sql, dialect));
  const rows = /^\s*(insert|replace)/i.test(sql) ? valueRowSpans(sql, dialect) : [];
  const binder = new QueryBinder(catalogFor(schema), dialect, locs, 0, { start: 0, end: sql.length }, '', rows);
  let kind: CheckedStatement['kind'] = 'other';
  let outputColumns: string[] | undefined;
  let tables: string[] = [];
  for (const ast of asts) {
    const b = binder.bindStatement(ast);
    if (kind === 'other') {
      kind = b.kind;
      outputColumns = b.outputColumns;
    }
    tables = b.tables;
  }
  const out: StatementResult = { kind, parsed: true, tables, diagnostics: binder.diagnostics, references: binder.references };
  if (outputColumns) out.outputColumns = outputColumns;
  return out;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function kindOf(sql: string): CheckedStatement['kind'] {
  const m = /^[\s(]*(\w+)/.exec(sql);
  const w = m ? m[1].toLowerCase() : '';
  if (w === 'select' || w === 'with') return 'select';
  if (w === 'insert' || w === 'replace') return 'insert';
  if (w === 'update' || w === 'delete') return w;
  return 'other';
}

/**
 * node-sql-parser's messages list every token it expected (often 40+);
 * keep what was found and a few expectations, which is what a reader needs.
 */
export function parseMessage(raw: string): string {
  const m = /^Expected (.*) but (.*) found\.?$/s.exec(raw);
  if (!m) return `Syntax error: ${raw}`;
  const expected = m[1].split(/, (?:or )?| or /).filter((x) => !/^\[|^"--"|^"\/\*"|^\[ \\t/.test(x));
  const shown = expected.slice(0, 6).join(', ');
  return `Syntax error: unexpected ${m[2]}${shown ? `; expected ${shown}${expected.length > 6 ? ', ...' : ''}` : ''}`;
}

/** Spans (relative to the statement) of the parenthesised rows after VALUES, at depth 0. */
function valueRowSpans(sql: string, dialect: QueryDialect): Span[] {
  const { tokens } = lexSql(sql, dialect);
  const out: Span[] = [];
  let depth = 0;
  let inValues = false;
  let rowStart = -1;
  for (const t of tokens) {
    const img = t.image;
    if (!inValues) {
      if (img === '(') depth++;
      else if (img === ')') depth--;
      else if (depth === 0 && img.length === 6 && img.toLowerCase() === 'values') inValues = true;
      continue;
    }
    if (img === '(') {
      if (depth === 0) rowStart = t.startOffset;
      depth++;
    } else if (img === ')') {
      depth--;
      if (depth === 0 && rowStart >= 0) {
        out.push({ start: rowStart, end: t.startOffset + 1 });
        rowStart = -1;
      }
    } else if (depth === 0 && img !== ',') {
      break; // ON CONFLICT / ON DUPLICATE KEY / RETURNING follow
    }
  }
  return out;
}
