/**
 * Completion of table and column names inside queries. The statement under
 * the cursor is usually incomplete, so this never asks node-sql-parser: it
 * reads the statement's tokens, collects the tables the statement names
 * (after FROM / JOIN / INTO / UPDATE / USING and in FROM lists, with their
 * aliases, plus CTE names) and decides from the tokens before the cursor
 * what fits: tables after FROM / JOIN / INTO / UPDATE, a relation's columns
 * after `alias.`, an INSERT target's columns in its column list, and the
 * columns of every table in scope elsewhere (SELECT, WHERE, ON, SET, ...),
 * qualified by their relation where two relations have the name.
 */
import type { IToken } from 'chevrotain';
import type { Schema, Table } from '../model/schema.js';
import type { Span } from '../text/span.js';
import { splitStatements } from '../syntax/sql/split.js';
import { lexSql, isIdentToken, Dot } from '../syntax/sql/lexer.js';
import { catalogFor, findColumn, findTable } from './catalog.js';
import { unquote } from './locate.js';
import { isPlainSqlIdentifier, quoteSql } from '../ide/util/sql-names.js';
import type { QueryCompletion, QueryCompletionResult, QueryDialect, QueryReference } from './types.js';

const TABLE_KEYWORDS = new Set(['from', 'join', 'into', 'update', 'table']);
const CLAUSE_KEYWORDS = new Set(['select', 'where', 'on', 'and', 'or', 'by', 'having', 'set', 'when', 'then', 'else', 'not', 'returning', 'case', 'in', 'between', 'like', 'distinct', 'values', 'from', 'join', 'into', 'update', 'table', 'using', 'with']);
/** Words that end a table reference (never an alias). */
const NOT_ALIAS = new Set(['where', 'join', 'on', 'inner', 'left', 'right', 'full', 'cross', 'natural', 'group', 'order', 'limit', 'set', 'values', 'using', 'union', 'intersect', 'except', 'having', 'window', 'returning', 'select', 'outer', 'lateral', 'offset', 'fetch', 'for', 'default', 'as', 'straight_join', 'output', 'with', 'default', 'partition', 'qualify']);

interface TableRef {
  table?: Table;
  /** the name the statement uses for it: alias, or the table's own name */
  name: string;
  /** a CTE name (columns unknown here) */
  cte?: boolean;
  /** where the table's (or CTE's) name is written: the CTE's definition, or the table in FROM */
  nameAt?: Span;
  /** where the alias is defined */
  aliasAt?: Span;
}

/**
 * Completions at `offset` (into `text`) for the query statement under the
 * cursor. Returns an empty list where no name fits (an alias position, inside
 * a string).
 */
export function queryCompletions(schema: Schema, text: string, offset: number, dialect: QueryDialect): QueryCompletionResult {
  const empty: QueryCompletionResult = { span: { start: offset, end: offset }, items: [] };
  let start = 0;
  let end = text.length;
  for (const s of splitStatements(text, dialect)) {
    if (s.start <= offset) {
      start = s.start;
      end = s.end;
    } else break;
  }
  if (offset > end) {
    // after the last statement's end: only when no terminator lies between
    if (text.slice(end, offset).includes(';')) return empty;
    end = offset;
  }
  let sql = text.slice(start, Math.max(end, offset));
  const rel = offset - start;
  let tokens = lexSql(sql, dialect).tokens;
  // a quoted name being typed (`u."disp|`) is unterminated and swallows the rest: close it at the cursor
  const open = openQuoteAt(tokens, rel);
  if (open) {
    sql = sql.slice(0, rel) + open + sql.slice(rel);
    tokens = lexSql(sql, dialect).tokens;
  }
  // the token under / before the cursor
  let i = -1;
  for (let k = 0; k < tokens.length; k++) {
    if (tokens[k].startOffset < rel) i = k;
    else break;
  }
  let span: Span = { start: offset, end: offset };
  let prev = i;
  if (i >= 0) {
    const t = tokens[i];
    const tEnd = t.startOffset + t.image.length;
    if (tEnd >= rel) {
      if (isIdentToken(t.tokenType)) {
        span = { start: start + t.startOffset, end: start + (open ? rel : tEnd) };
        prev = i - 1;
      } else if (t.tokenType !== Dot && t.image !== ',' && t.image !== '(' && t.image !== ')' && t.image !== '=' && tEnd > rel) return empty; // inside a string or number
    }
  }
  const cat = catalogFor(schema);
  const refs = tableRefs(tokens, cat, dialect);
  const items: QueryCompletion[] = [];

  // `alias.` or `schema.`
  if (prev >= 1 && tokens[prev].tokenType === Dot && isIdentToken(tokens[prev - 1].tokenType)) {
    const q = unquote(tokens[prev - 1].image).toLowerCase();
    const r = refs.find((x) => x.name.toLowerCase() === q) ?? refs.find((x) => x.table?.name.toLowerCase() === q);
    if (r?.table) pushColumns(items, r.table, r.name, dialect);
    else if (!r) {
      const inSchema = schema.tables.filter((t) => t.schema.toLowerCase() === q);
      for (const t of inSchema) items.push(tableItem(t, dialect, false));
      if (!inSchema.length) {
        const lookup = findTable(cat, dialect, undefined, q, false);
        if (lookup.found) pushColumns(items, lookup.found, lookup.found.name, dialect);
      }
    }
    return { span, items };
  }

  // walk back to the clause keyword, noticing an INSERT column list
  let depth = 0;
  let keyword = '';
  let keywordAt = -1;
  for (let k = prev; k >= 0; k--) {
    const img = tokens[k].image;
    if (img === ')') depth++;
    else if (img === '(') {
      if (depth === 0) {
        // `INSERT INTO t (` : the target's columns
        const name = qualifiedBefore(tokens, k - 1);
        if (name && name.startIdx >= 1 && tokens[name.startIdx - 1].image.toLowerCase() === 'into') {
          const lookup = findTable(cat, dialect, name.schema ? { text: name.schema, quoted: false } : undefined, name.name, name.quoted);
          if (lookup.found) pushColumns(items, lookup.found, lookup.found.name, dialect);
          return { span, items };
        }
      } else depth--;
    } else if (depth === 0 && tokens[k].tokenType !== Dot) {
      const w = img.toLowerCase();
      if (CLAUSE_KEYWORDS.has(w) && isIdentToken(tokens[k].tokenType) && img[0] !== '"' && img[0] !== '`' && img[0] !== '[') {
        keyword = w;
        keywordAt = k;
        break;
      }
    }
  }
  if (TABLE_KEYWORDS.has(keyword)) {
    const direct = keywordAt === prev || (keyword === 'from' && prev >= 0 && tokens[prev].image === ',');
    if (!direct) return empty;
    for (const r of refs) if (r.cte) items.push({ label: r.name, kind: 'alias', detail: 'CTE' });
    for (const t of schema.tables) items.push(tableItem(t, dialect, t.schema !== schema.defaultSchema));
    return { span, items };
  }
  if (keyword === 'using' && !(prev >= 0 && tokens[prev].image === '(')) {
    for (const t of schema.tables) items.push(tableItem(t, dialect, t.schema !== schema.defaultSchema));
    return { span, items };
  }
  // columns of every table in scope, then the aliases and tables themselves
  const seen = new Set<string>();
  const owners: string[] = [];
  for (const r of refs) {
    if (!r.table) continue;
    const before = items.length;
    pushColumns(items, r.table, r.name, dialect, seen);
    for (let k = before; k < items.length; k++) owners.push(r.name);
  }
  // a name two relations have would be ambiguous bare: offer it qualified (`u.id`, `o.id`)
  const counts = new Map<string, number>();
  for (const it of items) counts.set(it.label.toLowerCase(), (counts.get(it.label.toLowerCase()) ?? 0) + 1);
  for (let k = 0; k < items.length; k++) {
    const it = items[k];
    if ((counts.get(it.label.toLowerCase()) ?? 0) < 2) continue;
    it.insertText = `${writeName(owners[k], dialect)}.${it.insertText ?? it.label}`;
    it.label = `${owners[k]}.${it.label}`;
  }
  for (const r of refs) {
    if (r.table && r.name !== r.table.name) items.push({ label: r.name, kind: 'alias', detail: r.table.key, tableKey: r.table.key });
    else if (r.table) items.push(tableItem(r.table, dialect, false));
    else if (r.cte) items.push({ label: r.name, kind: 'alias', detail: 'CTE' });
  }
  return { span, items };
}

function tokenSpan(t: IToken): Span {
  return { start: t.startOffset, end: t.startOffset + t.image.length };
}

/**
 * The name under `offset` of ONE statement `sql` read from its tokens alone:
 * the fallback for hover and definition while the statement does not parse
 * (`SELECT u.email FROM users u WHERE`). Tables after FROM / JOIN / INTO /
 * UPDATE, aliases (defined and used as qualifiers), CTE names, `alias.column`,
 * and a bare column that exactly one table in the statement has. Spans are
 * relative to `sql`. Undefined where the tokens do not say.
 */
export function tokenReferenceAt(schema: Schema, sql: string, offset: number, dialect: QueryDialect): QueryReference | undefined {
  const tokens = lexSql(sql, dialect).tokens;
  let k = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.startOffset > offset) break;
    if (isIdentToken(t.tokenType) && offset <= t.startOffset + t.image.length) k = i;
  }
  if (k < 0) return undefined;
  const tok = tokens[k];
  const span = tokenSpan(tok);
  const name = unquote(tok.image);
  const quoted = name !== tok.image;
  const cat = catalogFor(schema);
  const refs = tableRefs(tokens, cat, dialect);
  const same = (a: Span | undefined) => a !== undefined && a.start === span.start;
  for (const r of refs) {
    if (same(r.aliasAt)) return { kind: 'alias', span, name, tableKey: r.table?.key, definition: true, aliasOf: 'relation' };
    if (same(r.nameAt)) return r.cte ? { kind: 'alias', span, name, definition: true, aliasOf: 'cte' } : { kind: 'table', span, name, tableKey: r.table?.key };
  }
  const low = name.toLowerCase();
  const byName = (n: string) => refs.find((r) => r.name.toLowerCase() === n) ?? refs.find((r) => r.table?.name.toLowerCase() === n);
  // a qualifier: `u.` / `users.`
  if (k + 1 < tokens.length && tokens[k + 1].tokenType === Dot && !(k >= 1 && tokens[k - 1].tokenType === Dot)) {
    const r = byName(low);
    if (!r) return undefined;
    if (r.cte) return { kind: 'alias', span, name, aliasOf: 'cte', definitionSpan: r.nameAt };
    if (r.aliasAt) return { kind: 'alias', span, name, tableKey: r.table?.key, aliasOf: 'relation', definitionSpan: r.aliasAt };
    return { kind: 'table', span, name, tableKey: r.table?.key };
  }
  // `q.column`
  if (k >= 2 && tokens[k - 1].tokenType === Dot && isIdentToken(tokens[k - 2].tokenType)) {
    const r = byName(unquote(tokens[k - 2].image).toLowerCase());
    if (!r?.table) return undefined;
    const c = findColumn(cat, dialect, r.table, name, quoted).found;
    return c ? { kind: 'column', span, name, tableKey: r.table.key, column: c.name } : undefined;
  }
  // a bare name: an alias used alone, or the column exactly one table in the statement has
  const r = refs.find((x) => x.name.toLowerCase() === low && (x.aliasAt || x.cte));
  if (r) return { kind: 'alias', span, name, tableKey: r.table?.key, aliasOf: r.cte ? 'cte' : 'relation', definitionSpan: r.cte ? r.nameAt : r.aliasAt };
  let hit: QueryReference | undefined;
  const seen = new Set<Table>();
  for (const x of refs) {
    if (!x.table || seen.has(x.table)) continue;
    seen.add(x.table);
    const c = findColumn(cat, dialect, x.table, name, quoted).found;
    if (!c) continue;
    if (hit) return undefined; // ambiguous
    hit = { kind: 'column', span, name, tableKey: x.table.key, column: c.name };
  }
  return hit;
}

const CLOSE_QUOTE: Record<string, string> = { '"': '"', '`': '`', '[': ']' };

/** The closing quote to add when the cursor `rel` is inside an unterminated quoted name; '' otherwise. */
function openQuoteAt(tokens: IToken[], rel: number): string {
  for (let k = tokens.length - 1; k >= 0; k--) {
    const t = tokens[k];
    if (t.startOffset >= rel) continue;
    const img = t.image;
    const close = CLOSE_QUOTE[img[0]];
    if (!close || !isIdentToken(t.tokenType) || t.startOffset + img.length <= rel) return '';
    // terminated: ends with its quote and that quote is not the cursor's own text
    if (img.length > 1 && img.endsWith(close) && t.startOffset + img.length - 1 >= rel && !img.slice(1, rel - t.startOffset).includes(close)) return '';
    return close;
  }
  return '';
}

/** `name` as `dialect` must write it to mean it: bare when it can be, quoted otherwise. */
export function writeName(name: string, dialect: QueryDialect): string {
  return isPlainSqlIdentifier(name, dialect) ? name : quoteSql(name, dialect);
}

/** A table item; `qualify` (a table outside the default schema, where no `schema.` was typed) writes `schema.name`. */
function tableItem(t: Table, dialect: QueryDialect, qualify: boolean): QueryCompletion {
  const label = qualify && t.schema ? `${t.schema}.${t.name}` : t.name;
  const written = qualify && t.schema ? `${writeName(t.schema, dialect)}.${writeName(t.name, dialect)}` : writeName(t.name, dialect);
  const item: QueryCompletion = { label, kind: 'table', detail: `${t.isView ? 'view' : 'table'} ${t.key} (${t.columns.length} columns)`, tableKey: t.key };
  if (written !== label) item.insertText = written;
  return item;
}

function pushColumns(items: QueryCompletion[], t: Table, via: string, dialect: QueryDialect, seen?: Set<string>): void {
  for (const c of t.columns) {
    if (seen) {
      const k = `${t.key}\u0000${c.name}`;
      if (seen.has(k)) continue;
      seen.add(k);
    }
    const item: QueryCompletion = { label: c.name, kind: 'column', detail: `${c.type.raw} (${via === t.name ? t.key : `${via}: ${t.key}`})`, tableKey: t.key, column: c.name };
    const written = writeName(c.name, dialect);
    if (written !== c.name) item.insertText = written;
    items.push(item);
  }
}

/** The qualified name ending at token `k` (`a`, `a.b`), read backwards. */
function qualifiedBefore(tokens: IToken[], k: number): { schema?: string; name: string; quoted: boolean; startIdx: number } | undefined {
  if (k < 0 || !isIdentToken(tokens[k].tokenType)) return undefined;
  const name = unquote(tokens[k].image);
  const quoted = tokens[k].image !== name;
  if (k >= 2 && tokens[k - 1].tokenType === Dot && isIdentToken(tokens[k - 2].tokenType)) return { schema: unquote(tokens[k - 2].image), name, quoted, startIdx: k - 2 };
  return { name, quoted, startIdx: k };
}

/** The tables (with aliases) and CTE names a statement mentions, found by a token scan. */
function tableRefs(tokens: IToken[], cat: ReturnType<typeof catalogFor>, dialect: QueryDialect): TableRef[] {
  const out: TableRef[] = [];
  let fromListDepth = -1;
  let depth = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    const img = t.image;
    if (img === '(') depth++;
    else if (img === ')') {
      depth--;
      if (fromListDepth > depth) fromListDepth = -1;
    }
    const w = isIdentToken(t.tokenType) ? img.toLowerCase() : '';
    // CTE: (WITH | RECURSIVE | ,) name [ (cols) ] AS (
    if (w && k + 1 < tokens.length && k >= 1) {
      const before = tokens[k - 1].image.toLowerCase();
      let j = k + 1;
      if (tokens[j].image === '(') {
        let d = 0;
        for (; j < tokens.length; j++) {
          if (tokens[j].image === '(') d++;
          else if (tokens[j].image === ')' && --d === 0) break;
        }
        j++;
      }
      if ((before === 'with' || before === 'recursive' || before === ',') && j + 1 < tokens.length && tokens[j].image.toLowerCase() === 'as' && tokens[j + 1].image === '(') {
        out.push({ name: unquote(img), cte: true, nameAt: tokenSpan(t) });
      }
    }
    const starts = (w && TABLE_KEYWORDS.has(w)) || w === 'using' || (img === ',' && fromListDepth === depth);
    if (!starts) {
      if (w && NOT_ALIAS.has(w) && w !== 'as' && fromListDepth === depth) fromListDepth = -1;
      continue;
    }
    if (w === 'from') fromListDepth = depth;
    let j = k + 1;
    if (j < tokens.length && tokens[j].image.toLowerCase() === 'only') j++;
    if (j >= tokens.length || !isIdentToken(tokens[j].tokenType)) continue;
    let schemaName: string | undefined;
    let name = unquote(tokens[j].image);
    let quoted = tokens[j].image !== name;
    while (j + 2 < tokens.length && tokens[j + 1].tokenType === Dot && isIdentToken(tokens[j + 2].tokenType)) {
      schemaName = name;
      name = unquote(tokens[j + 2].image);
      quoted = tokens[j + 2].image !== name;
      j += 2;
    }
    if (NOT_ALIAS.has(name.toLowerCase()) && !quoted) continue;
    const nameAt = tokenSpan(tokens[j]);
    let alias: string | undefined;
    let aliasAt: Span | undefined;
    let a = j + 1;
    if (a < tokens.length && tokens[a].image.toLowerCase() === 'as') a++;
    if (a < tokens.length && isIdentToken(tokens[a].tokenType) && !NOT_ALIAS.has(tokens[a].image.toLowerCase())) {
      alias = unquote(tokens[a].image);
      aliasAt = tokenSpan(tokens[a]);
    }
    const cte = out.find((r) => r.cte && r.name.toLowerCase() === name.toLowerCase());
    if (cte && !schemaName) {
      if (alias) out.push({ name: alias, cte: true, nameAt: aliasAt });
      continue;
    }
    const lookup = findTable(cat, dialect, schemaName ? { text: schemaName, quoted: false } : undefined, name, quoted);
    if (lookup.found) out.push({ table: lookup.found, name: alias ?? lookup.found.name, nameAt, aliasAt });
  }
  return out;
}
