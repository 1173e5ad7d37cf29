/**
 * Positions for node-sql-parser's AST, which records none for identifiers.
 *
 * Approach: lex the statement with the engine's SQL lexer (one pass, strings
 * and comments are single or skipped tokens, so a name inside a string never
 * matches), keep only identifier tokens and dots, then walk the AST in the
 * order its object keys were created, which is the order the grammar read
 * the text (`with`, `columns`, `from`, `where`, `groupby`, ... ; `left` before
 * `right`; a WITH item's name before its body). Every name the walk meets (a
 * table with its schema, a column with its qualifier, an alias) is matched to
 * the first run of tokens at or after a moving cursor that spells it
 * (`a . b` for qualified names, an unqualified name never matches the tail of
 * a dotted one), and the cursor moves past it. A name not found after the
 * cursor is looked up from the statement's start; one not found at all has no
 * span and the binder falls back to the statement's span.
 *
 * Results are stored per AST object (and per array slot for names that
 * node-sql-parser keeps as bare strings) in a `Locations` map the binder reads.
 */
import { lexSql, isIdentToken, Dot } from '../syntax/sql/lexer.js';
import type { Span } from '../text/span.js';
import type { AstNode } from './parse.js';
import type { QueryDialect } from './types.js';

/** A located name: one span per written part (`schema`, `table`, `column`), and whether each was quoted. */
export interface Located {
  parts: Span[];
  quoted: boolean[];
}

/** Where each name of one statement's AST was written (spans relative to the statement text). */
export class Locations {
  private readonly map = new Map<object, Map<string, Located>>();

  set(owner: object, slot: string, loc: Located): void {
    let m = this.map.get(owner);
    if (!m) {
      m = new Map();
      this.map.set(owner, m);
    }
    m.set(slot, loc);
  }

  get(owner: object, slot: string): Located | undefined {
    return this.map.get(owner)?.get(slot);
  }
}

/** Identifier and dot tokens of a statement, as parallel arrays (no per-token objects kept). */
export interface NameTokens {
  /** lower-cased unquoted name; '' for a dot */
  names: string[];
  starts: number[];
  ends: number[];
  quoted: boolean[];
  dot: boolean[];
}

const QUOTE_OPEN = new Set([34, 96, 91]); // " ` [

/** Unquotes an identifier token image (`"a""b"` -> `a"b`). */
export function unquote(image: string): string {
  const c = image.charCodeAt(0);
  if (!QUOTE_OPEN.has(c)) return image;
  const close = c === 91 ? ']' : image[0];
  const inner = image.endsWith(close) && image.length > 1 ? image.slice(1, -1) : image.slice(1);
  return inner.includes(close + close) ? inner.split(close + close).join(close) : inner;
}

export function nameTokens(sql: string, dialect: QueryDialect): NameTokens {
  const { tokens } = lexSql(sql, dialect);
  const out: NameTokens = { names: [], starts: [], ends: [], quoted: [], dot: [] };
  for (const t of tokens) {
    const isDot = t.tokenType === Dot;
    if (!isDot && !isIdentToken(t.tokenType)) {
      // keep a separator so `a , b` is never read as `a . b`
      if (out.names.length && out.names[out.names.length - 1] !== '\u0000') pushTok(out, '\u0000', t.startOffset, t.startOffset, false, false);
      continue;
    }
    const img = t.image;
    const quoted = !isDot && QUOTE_OPEN.has(img.charCodeAt(0));
    pushTok(out, isDot ? '' : unquote(img).toLowerCase(), t.startOffset, t.startOffset + img.length, quoted, isDot);
  }
  return out;
}

function pushTok(o: NameTokens, name: string, s: number, e: number, quoted: boolean, dot: boolean): void {
  o.names.push(name);
  o.starts.push(s);
  o.ends.push(e);
  o.quoted.push(quoted);
  o.dot.push(dot);
}

/** Matches `parts` (lower-cased) as `p0 . p1 . p2` starting at token i. */
function matchAt(t: NameTokens, i: number, parts: string[]): boolean {
  if (i > 0 && t.dot[i - 1]) return false; // never the tail of a longer dotted name
  let k = i;
  for (let p = 0; p < parts.length; p++) {
    if (p > 0) {
      if (!t.dot[k]) return false;
      k++;
    }
    if (k >= t.names.length || t.names[k] !== parts[p]) return false;
    k++;
  }
  return true;
}

/** Builds the locations of one statement's AST. */
export function locate(asts: AstNode[], tokens: NameTokens): Locations {
  const locs = new Locations();
  let cursor = 0;

  const find = (parts: string[]): Located | undefined => {
    const lower = parts.map((p) => p.toLowerCase());
    const n = tokens.names.length;
    let at = -1;
    for (let i = cursor; i < n; i++) if (tokens.names[i] === lower[0] && matchAt(tokens, i, lower)) { at = i; break; }
    if (at < 0) {
      for (let i = 0; i < Math.min(cursor, n); i++) if (tokens.names[i] === lower[0] && matchAt(tokens, i, lower)) { at = i; break; }
      if (at < 0) return undefined;
    } else cursor = at + parts.length * 2 - 1;
    const spans: Span[] = [];
    const quoted: boolean[] = [];
    for (let p = 0; p < parts.length; p++) {
      const k = at + p * 2;
      spans.push({ start: tokens.starts[k], end: tokens.ends[k] });
      quoted.push(tokens.quoted[k]);
    }
    return { parts: spans, quoted };
  };
  const record = (owner: object, slot: string, parts: (string | undefined)[]): void => {
    const ps = parts.filter((p): p is string => typeof p === 'string' && p.length > 0);
    if (!ps.length) return;
    const l = find(ps);
    if (l) locs.set(owner, slot, l);
  };

  const walk = (v: unknown, key: string): void => {
    if (v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      if (NAME_LISTS.has(key)) {
        v.forEach((item, i) => {
          const s = nameText(item);
          if (s !== undefined) record(v, `#${i}`, [s]);
          else walk(item, key);
        });
        return;
      }
      for (const item of v) walk(item, key);
      return;
    }
    const node = v as AstNode;
    if (key === 'set' && node.column !== undefined && node.value !== undefined) {
      const col = nameText(node.column);
      if (col !== undefined) record(node, 'name', [nameText(node.table), col]);
      walk(node.value, 'value');
      return;
    }
    if (node.type === 'column_ref') {
      const col = nameText(node.column);
      if (col !== undefined && col !== '*') record(node, 'name', [nameText(node.schema), nameText(node.db), nameText(node.table), col]);
      else if (col === '*' && node.table) record(node, 'qualifier', [nameText(node.db), nameText(node.table)]);
      return;
    }
    if ((key === 'from' || key === 'table' || key === 'using') && typeof node.table === 'string' && node.type !== 'column_ref') {
      if (node.addition === true) return; // DELETE's copy of its FROM item
      record(node, 'name', [nameText(node.db), nameText(node.schema), node.table]);
      if (typeof node.as === 'string') record(node, 'alias', [node.as]);
      for (const k of ['on', 'using']) if (node[k]) walk(node[k], k);
      return;
    }
    if (key === 'with' || (node.stmt && node.name && typeof node.name === 'object')) {
      const nm = nameText(node.name);
      if (nm !== undefined && node.stmt) {
        record(node, 'name', [nm]);
        if (Array.isArray(node.columns)) walk(node.columns, 'cte_columns');
        walk(node.stmt, 'stmt');
        return;
      }
    }
    for (const k in node) {
      if (SKIP_KEYS.has(k)) continue;
      if (k === 'columns' && (node.type === 'insert' || node.type === 'replace')) {
        walk(node.columns, 'insert_columns');
        continue;
      }
      if (k === 'as' && typeof node.as === 'string') {
        record(node, 'alias', [node.as]);
        continue;
      }
      walk(node[k], k);
    }
  };
  for (const a of asts) walk(a, '');
  return locs;
}

/** Arrays whose items are bare names (strings or `{type:'default', value}`). */
const NAME_LISTS = new Set(['using', 'cte_columns', 'insert_columns']);
const SKIP_KEYS = new Set(['tableList', 'columnList', 'loc', 'dataType', 'keyword', 'type', 'operator', 'join', 'set_op']);

/** The text of a name node: a string, `{type, value}`, `{expr: {value}}`. */
export function nameText(x: unknown): string | undefined {
  if (typeof x === 'string') return x;
  if (x === null || typeof x !== 'object') return undefined;
  const o = x as AstNode;
  if (typeof o.value === 'string' && (o.type === 'default' || o.type === 'double_quote_string' || o.type === 'backticks_quote_string' || o.type === 'single_quote_string' || o.type === undefined)) return o.value;
  if (o.expr && typeof o.expr === 'object') return nameText(o.expr);
  return undefined;
}
