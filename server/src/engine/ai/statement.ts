/**
 * What one SQL statement from a chat answer would do if a user ran it:
 * read, write, or destroy (DROP/TRUNCATE, ALTER ... DROP, DELETE/UPDATE
 * without WHERE), and how to run a read with a row limit. The "Run in…"
 * confirmation and the server's `schemasage/db/query` request both use it;
 * the server also runs reads inside a READ ONLY transaction, so a
 * misclassified write still cannot change anything.
 *
 * One pass over the text, skipping strings, quoted names and comments;
 * pure and total.
 */
import { splitStatements } from '../syntax/sql/split.js';

export type RunDialect = 'postgres' | 'mysql' | 'sqlite';

export type StatementKind = 'read' | 'write' | 'destructive';

export interface StatementClass {
  /** `empty`: nothing to run; `multiple`: more than one statement (run one at a time) */
  kind: StatementKind | 'empty' | 'multiple';
  /** the statement without surrounding blanks, comments or the trailing `;` */
  sql: string;
  /** first keyword, upper-cased (`SELECT`, `WITH`, `DROP`, ...) */
  keyword: string;
  /** why it is not a plain read, for the confirmation */
  reason?: string;
}

const READ_FIRST = new Set(['SELECT', 'WITH', 'VALUES', 'TABLE', 'EXPLAIN', 'SHOW', 'DESCRIBE', 'DESC', 'PRAGMA']);
const WRITE_WORDS = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'UPSERT', 'REPLACE', 'CREATE', 'ALTER', 'DROP', 'TRUNCATE', 'GRANT', 'REVOKE', 'COPY', 'CALL', 'DO', 'VACUUM', 'ANALYZE', 'REINDEX', 'CLUSTER', 'LOCK', 'SET', 'RESET', 'ATTACH', 'DETACH']);

/** The words `classifyStatement` looks for after the first one (the rest are never sliced). */
const INTERESTING = new Set(['DROP', 'INTO', 'WHERE', 'MERGE', 'INSERT', 'UPDATE', 'DELETE', 'ANALYZE']);

/**
 * Upper-cased words outside strings, quoted names and comments, with their
 * parenthesis depth: the first word, then only the INTERESTING ones (words
 * of other lengths are skipped without building a string).
 */
function words(sql: string): { w: string; depth: number }[] {
  const out: { w: string; depth: number }[] = [];
  const n = sql.length;
  let depth = 0;
  let i = 0;
  while (i < n) {
    const c = sql.charCodeAt(i);
    if (c === 45 /* - */ && sql.charCodeAt(i + 1) === 45) {
      const e = sql.indexOf('\n', i);
      i = e < 0 ? n : e + 1;
    } else if (c === 35 /* # */) {
      const e = sql.indexOf('\n', i);
      i = e < 0 ? n : e + 1;
    } else if (c === 47 /* / */ && sql.charCodeAt(i + 1) === 42) {
      const e = sql.indexOf('*/', i + 2);
      i = e < 0 ? n : e + 2;
    } else if (c === 39 /* ' */ || c === 34 /* " */ || c === 96 /* ` */) {
      let j = i + 1;
      while (j < n) {
        const d = sql.charCodeAt(j);
        if (d === 92 /* \ */ && c === 39) j += 2;
        else if (d === c) {
          if (sql.charCodeAt(j + 1) === c) j += 2;
          else break;
        } else j++;
      }
      i = j + 1;
    } else if (c === 91 /* [ */) {
      const e = sql.indexOf(']', i);
      i = e < 0 ? n : e + 1;
    } else if (c === 36 /* $ */) {
      // PostgreSQL dollar quoting: $tag$ ... $tag$
      let j = i + 1;
      while (j < n) {
        const d = sql.charCodeAt(j);
        if ((d >= 65 && d <= 90) || (d >= 97 && d <= 122) || (d >= 48 && d <= 57) || d === 95) j++;
        else break;
      }
      if (sql.charCodeAt(j) === 36) {
        const tag = sql.slice(i, j + 1);
        const e = sql.indexOf(tag, j + 1);
        i = e < 0 ? n : e + tag.length;
      } else i = j;
    } else if (c === 40) {
      depth++;
      i++;
    } else if (c === 41) {
      depth = Math.max(0, depth - 1);
      i++;
    } else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) {
      let j = i + 1;
      while (j < n) {
        const d = sql.charCodeAt(j);
        if ((d >= 65 && d <= 90) || (d >= 97 && d <= 122) || d === 95 || (d >= 48 && d <= 57) || d === 36) j++;
        else break;
      }
      const len = j - i;
      if (out.length === 0 || (len >= 4 && len <= 7)) {
        const w = sql.slice(i, j).toUpperCase();
        if (out.length === 0 || INTERESTING.has(w)) out.push({ w, depth });
      }
      i = j;
    } else i++;
  }
  return out;
}

/** Classifies the statement(s) in `text` (see the module header). */
export function classifyStatement(text: string, dialect: RunDialect): StatementClass {
  const slices = splitStatements(text, dialect);
  if (slices.length === 0) return { kind: 'empty', sql: '', keyword: '' };
  if (slices.length > 1) return { kind: 'multiple', sql: text.trim(), keyword: '', reason: `${slices.length} statements: run them one at a time` };
  const sql = text.slice(slices[0].start, slices[0].end).trim();
  const ws = words(sql);
  const keyword = ws[0]?.w ?? '';
  const has = (w: string, depth?: number) => ws.some((x) => x.w === w && (depth === undefined || x.depth === depth));
  if (keyword === 'DROP') return { kind: 'destructive', sql, keyword, reason: 'DROP removes an object and everything in it' };
  if (keyword === 'TRUNCATE') return { kind: 'destructive', sql, keyword, reason: 'TRUNCATE deletes every row' };
  if (keyword === 'ALTER' && has('DROP')) return { kind: 'destructive', sql, keyword, reason: 'ALTER … DROP removes a column or constraint' };
  if ((keyword === 'DELETE' || keyword === 'UPDATE') && !has('WHERE', 0)) return { kind: 'destructive', sql, keyword, reason: `${keyword} without WHERE changes every row` };
  if (READ_FIRST.has(keyword)) {
    if (keyword === 'PRAGMA' && sql.includes('=')) return { kind: 'write', sql, keyword, reason: 'PRAGMA with a value changes a setting' };
    if (keyword === 'EXPLAIN' && has('ANALYZE')) return { kind: 'write', sql, keyword, reason: 'EXPLAIN ANALYZE runs the statement' };
    const w = ws.find((x, i) => i > 0 && (x.w === 'INSERT' || x.w === 'UPDATE' || x.w === 'DELETE' || x.w === 'MERGE'));
    if (w && keyword !== 'EXPLAIN') return { kind: 'write', sql, keyword, reason: `contains ${w.w}` };
    if (keyword === 'SELECT' && has('INTO', 0)) return { kind: 'write', sql, keyword, reason: 'SELECT … INTO writes its result' };
    return { kind: 'read', sql, keyword };
  }
  return { kind: 'write', sql, keyword, reason: WRITE_WORDS.has(keyword) ? `${keyword} changes the database` : `${keyword || 'this statement'} is not a query` };
}

const LIMIT_AT_END = /\blimit\s+\d+(\s*(,|offset)\s*\d+)?\s*$/i;

/**
 * The read to run for at most `maxRows` rows: SELECT/WITH/VALUES/TABLE are
 * wrapped (`SELECT * FROM (q) AS schemasage_q LIMIT n+1`, one extra row to
 * tell that more exist); on MySQL/MariaDB, which drop an ORDER BY inside a
 * derived table without LIMIT, a statement without its own LIMIT gets one
 * appended instead. EXPLAIN, SHOW and PRAGMA run as written (cut after).
 */
export function limitedQuery(c: StatementClass, dialect: RunDialect, maxRows: number): string {
  const n = Math.max(1, Math.floor(maxRows)) + 1;
  if (c.keyword !== 'SELECT' && c.keyword !== 'WITH' && c.keyword !== 'VALUES' && c.keyword !== 'TABLE') return c.sql;
  if (dialect === 'mysql' && !LIMIT_AT_END.test(c.sql) && c.keyword !== 'VALUES') return `${c.sql}\nLIMIT ${n}`;
  return `SELECT * FROM (\n${c.sql}\n) AS schemasage_q LIMIT ${n}`;
}
