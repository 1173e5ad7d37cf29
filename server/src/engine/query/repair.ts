/**
 * Offset-preserving repairs for statements node-sql-parser rejects although
 * the database accepts them. Each repair rewrites the statement into one the
 * grammar reads WITHOUT moving any character that carries a name (it blanks
 * with spaces or swaps same-length keywords), so the locator's spans stay
 * right; the binder then checks the names as usual. Tried only after the
 * plain parse failed; the original error stands when no repair helps.
 */
import { lexSql } from '../syntax/sql/lexer.js';
import { unquote } from './locate.js';
import { parseQuery, type ParseOutcome } from './parse.js';
import type { QueryDialect } from './types.js';

/** Parses one statement, trying the repairs below when node-sql-parser rejects it. Never throws. */
export function parseRepaired(sql: string, dialect: QueryDialect, depth = 0): ParseOutcome {
  const first = parseQuery(sql, dialect);
  if (first.ok || depth > 1) return first;
  if (COUNT_ERROR.test(first.message)) return parseWithoutColumnList(sql, dialect) ?? first;
  const head = firstWord(sql);
  if (head === 'with') {
    const r = parseWithPrefix(sql, dialect, depth);
    if (r) return r;
  }
  if (dialect === 'postgres' && head === 'delete') {
    const r = parseDeleteUsing(sql);
    if (r) return r;
  }
  if (dialect === 'postgres' || dialect === 'mssql') {
    const r = parseWithoutFetch(sql, dialect, depth);
    if (r) return r;
  }
  return first;
}

function firstWord(sql: string): string {
  const m = /^[\s(]*([A-Za-z]+)/.exec(sql);
  return m ? m[1].toLowerCase() : '';
}

/**
 * `WITH ... INSERT / UPDATE / DELETE` (PostgreSQL, SQL Server): the grammar
 * takes WITH only before SELECT. The CTEs are parsed as `WITH ... SELECT 1`
 * and the main statement on its own (padded with spaces to keep offsets);
 * the CTE list is then put on the main statement's AST, first in key order,
 * as the locator expects.
 */
function parseWithPrefix(sql: string, dialect: QueryDialect, depth: number): ParseOutcome | undefined {
  const { tokens } = lexSql(sql, dialect);
  let level = 0;
  let mainAt = -1;
  for (let k = 1; k < tokens.length; k++) {
    const img = tokens[k].image;
    if (img === '(') level++;
    else if (img === ')') level--;
    else if (level === 0 && /^(insert|update|delete|merge)$/i.test(img)) {
      mainAt = tokens[k].startOffset;
      break;
    }
  }
  if (mainAt < 0) return undefined;
  const ctes = parseQuery(sql.slice(0, mainAt) + 'SELECT 1', dialect);
  if (!ctes.ok || !ctes.ast.length) return undefined;
  const main = parseRepaired(' '.repeat(mainAt) + sql.slice(mainAt), dialect, depth + 1);
  if (!main.ok) return main;
  const withList = ctes.ast[0].with;
  return {
    ok: true,
    ast: main.ast.map((a, i) => {
      if (i > 0) return a;
      const o: Record<string, unknown> = { with: withList };
      for (const k in a) if (k !== 'with') o[k] = a[k];
      return o;
    }),
  };
}

/** `FETCH FIRST n ROWS ONLY` / `OFFSET n ROWS` hold no names: blanked when the grammar lacks them. */
function parseWithoutFetch(sql: string, dialect: QueryDialect, depth: number): ParseOutcome | undefined {
  const { tokens } = lexSql(sql, dialect);
  let text = sql;
  let changed = false;
  for (let k = 0; k < tokens.length; k++) {
    const w = tokens[k].image.toLowerCase();
    if (w !== 'fetch') continue;
    const next = tokens[k + 1]?.image.toLowerCase();
    if (next !== 'first' && next !== 'next') continue;
    let e = k + 2;
    while (e < tokens.length && !/^(only|ties)$/i.test(tokens[e].image)) e++;
    if (e >= tokens.length) continue;
    const s0 = tokens[k].startOffset;
    const e0 = tokens[e].startOffset + tokens[e].image.length;
    text = text.slice(0, s0) + ' '.repeat(e0 - s0) + text.slice(e0);
    changed = true;
    k = e;
  }
  if (!changed) return undefined;
  const r = parseRepaired(text, dialect, depth + 1);
  return r.ok ? r : undefined;
}

/** node-sql-parser rejects `INSERT INTO t (a, b) VALUES (1)` itself, without a position. */
const COUNT_ERROR = /column count doesn't match value count/i;

/**
 * Parses an INSERT whose column list node-sql-parser refused to match with
 * its rows: the list is blanked with spaces (offsets stay put), the rest is
 * parsed, and the list's names are put back into the AST so the binder checks
 * them and reports QRY005 on the offending rows.
 */
function parseWithoutColumnList(sql: string, dialect: QueryDialect): ParseOutcome | undefined {
  const { tokens } = lexSql(sql, dialect);
  let k = tokens.findIndex((t) => t.image.toLowerCase() === 'into');
  if (k < 0) return undefined;
  k++;
  while (k + 1 < tokens.length && tokens[k + 1].image === '.') k += 2;
  k++;
  if (k >= tokens.length || tokens[k].image !== '(') return undefined;
  const open = tokens[k].startOffset;
  const names: string[] = [];
  let close = -1;
  for (k++; k < tokens.length; k++) {
    const img = tokens[k].image;
    if (img === ')') {
      close = tokens[k].startOffset;
      break;
    }
    if (img !== ',') names.push(unquote(img));
  }
  if (close < 0) return undefined;
  const blanked = sql.slice(0, open) + ' '.repeat(close + 1 - open) + sql.slice(close + 1);
  const r = parseQuery(blanked, dialect);
  if (!r.ok) return undefined;
  return { ok: true, ast: r.ast.map((a) => (a.type === 'insert' || a.type === 'replace' ? { ...a, columns: names } : a)) };
}

/**
 * PostgreSQL's `DELETE FROM t USING a, b WHERE ...`, which node-sql-parser
 * lacks, read as `DELETE FROM t ,     a, b WHERE ...` (same offsets): the
 * same relations in scope, the first one the target.
 */
function parseDeleteUsing(sql: string): ParseOutcome | undefined {
  const { tokens } = lexSql(sql, 'postgres');
  let depth = 0;
  for (let k = 0; k < tokens.length; k++) {
    const img = tokens[k].image;
    if (img === '(') depth++;
    else if (img === ')') depth--;
    else if (depth === 0 && img.length === 5 && img.toLowerCase() === 'using' && tokens[k + 1]?.image !== '(') {
      const at = tokens[k].startOffset;
      const r = parseQuery(sql.slice(0, at) + ',    ' + sql.slice(at + 5), 'postgres');
      return r.ok ? r : undefined;
    }
  }
  return undefined;
}

