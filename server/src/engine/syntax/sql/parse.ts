/**
 * SQL front end entry: text -> statement slices (split.ts) -> per statement
 * token tree (parser.ts over scan.ts) -> typed statement (read.ts),
 * with syntax diagnostics. Never throws.
 *
 * Statements that cannot change the schema (INSERT, COPY, SET, GRANT, ...) are
 * recognised by their first word and never tokenised: data-heavy dumps cost
 * one character scan. DDL statements are cached by position in an
 * `SqlParseCache` (one per document): a statement inside the text the edit left
 * alone (the common prefix and suffix of the old and new text) is reused, with
 * its spans shifted in place; only statements in the edited range are parsed.
 * No statement text is hashed: the cost of a keystroke beyond the split is the
 * two comparisons of the unchanged text.
 */
import type { SqlDiag, SqlDialect, SqlFile, SqlStatement } from './ast.js';
import { SqlCodes } from './ast.js';
import { splitStatements } from './split.js';
import { EscString, isStringToken, MyQuotedIdent, MyString } from './lexer.js';
import { parseTree } from './parser.js';
import { NON_DDL, StatementReader } from './read.js';
import type { Span } from '../../text/span.js';

interface ParsedStatement {
  /** the absolute offset the spans currently use */
  base: number;
  statement: SqlStatement;
  diagnostics: SqlDiag[];
  /** every span object of statement and diagnostics, for shifting */
  spans: Span[];
}

/**
 * Reusable statement parses of ONE document, keyed by statement text. Keep one
 * per document and pass it to every `parseSql` of that document.
 */
export class SqlParseCache {
  /** @internal */
  dialect: SqlDialect | undefined;
  /** @internal the text of the last parse */
  text: string | undefined;
  /** @internal its statements in order (a parse only for DDL statements: the others cost a word scan) */
  slices: { start: number; end: number; parsed: ParsedStatement | undefined }[] = [];
  /** statements served from the cache by the last parse (for tests and benchmarks) */
  reused = 0;
}

/** Compared at once by the engine (a memcmp), before the last chunk's characters one by one. */
const CHUNK = 4096;

/** Length of the common prefix of `a` and `b`. */
function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i + CHUNK <= n && a.slice(i, i + CHUNK) === b.slice(i, i + CHUNK)) i += CHUNK;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Length of the common suffix of `a` and `b`, at most `max`. */
function commonSuffix(a: string, b: string, max: number): number {
  const la = a.length;
  const lb = b.length;
  let k = 0;
  while (k + CHUNK <= max && a.slice(la - k - CHUNK, la - k) === b.slice(lb - k - CHUNK, lb - k)) k += CHUNK;
  while (k < max && a.charCodeAt(la - 1 - k) === b.charCodeAt(lb - 1 - k)) k++;
  return k;
}

const DDL_START = new Set(['create', 'alter', 'drop', 'comment', 'use', 'rename']);

let reader: StatementReader | undefined;

const NO_SPANS: Span[] = [];

/** The first word of a statement, lower-cased ('' when it does not start with a word). */
function firstWord(text: string, dialect: SqlDialect): { word: string; start: number; end: number } {
  let i = 0;
  // MySQL executable comment prefix `/*!50001 CREATE ...`
  if (dialect === 'mysql' && text.startsWith('/*')) {
    i = 2;
    if (text.charCodeAt(i) === 77 /* M */) i++;
    if (text.charCodeAt(i) !== 33 /* ! */) return { word: '', start: 0, end: 0 };
    i++;
    while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    while (i < text.length && text.charCodeAt(i) <= 32) i++;
  }
  const s = i;
  while (i < text.length) {
    const c = text.charCodeAt(i) | 0x20;
    if ((c >= 97 && c <= 122) || c === 95 || (i > s && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57)) i++;
    else break;
  }
  return { word: text.slice(s, i).toLowerCase(), start: s, end: i };
}

/**
 * Parses one statement whose text starts at `base` in the document `doc`.
 * Spans come out absolute; with `collect`, every span object is listed for
 * later shifts.
 */
function parseOne(doc: string, stmtText: string, base: number, dialect: SqlDialect, collect: boolean): ParsedStatement {
  // spans are only listed for a cache (never pushed to otherwise: one shared empty list)
  const spans: Span[] = collect ? [] : NO_SPANS;
  const diagnostics: SqlDiag[] = [];
  const diag = (start: number, end: number, severity: SqlDiag['severity'], code: string, message: string): void => {
    const span = { start: start + base, end: Math.max(end, start + 1) + base };
    if (collect) spans.push(span);
    diagnostics.push({ span, severity, code, message });
  };
  const fw = firstWord(stmtText, dialect);
  if (!DDL_START.has(fw.word)) {
    const span = { start: base, end: base + stmtText.length };
    if (collect) spans.push(span);
    if (fw.word && !NON_DDL.has(fw.word) && dialect !== 'mssql') {
      diag(fw.start, fw.end, 'error', SqlCodes.syntax, `Unknown statement '${stmtText.slice(fw.start, fw.end)}'`);
    }
    const path = dialect === 'postgres' && (fw.word === 'set' || fw.word === 'select') && stmtText.includes('search_path') ? searchPath(stmtText) : undefined;
    const st: SqlStatement = path ? { kind: 'setSearchPath', schemas: path, span } : { kind: 'other', keyword: fw.word, unsupported: false, span };
    return { base, statement: st, diagnostics, spans };
  }
  const tree = parseTree(doc, dialect, base, base + stmtText.length);
  for (const e of tree.lexErrors) diag(e.offset, e.offset + e.length, 'error', SqlCodes.syntax, `Unexpected character '${stmtText.slice(e.offset, e.offset + Math.min(e.length, 10))}'`);
  // only the last token can run to the end of the statement (an unterminated quote swallows the rest)
  const lt = tree.lastType;
  if (lt !== undefined && tree.lastEnd === stmtText.length) {
    const c0 = stmtText.charCodeAt(tree.lastStart);
    if (isStringToken(lt) || c0 === 34 || c0 === 96 || c0 === 91) {
      if (unterminated(stmtText.slice(tree.lastStart, tree.lastEnd), lt !== EscString && lt !== MyString && lt !== MyQuotedIdent)) diag(tree.lastStart, tree.lastStart + 1, 'error', SqlCodes.unterminated, 'Unterminated string or quoted name');
    }
  }
  for (const e of tree.errors) diag(e.offset, e.offset + e.length, 'error', SqlCodes.syntax, e.message);
  reader ??= new StatementReader();
  // the reader adds its diagnostics and spans to this statement's lists
  const statement = reader.read(tree.items, stmtText, dialect, base, collect, spans, diagnostics);
  if (statement.kind === 'other' && statement.unsupported) {
    diag(0, Math.min(stmtText.length, fw.end + 20), 'info', SqlCodes.unsupported, `${statement.keyword.toUpperCase()} is not modelled: the statement is skipped`);
  }
  return { base, statement, diagnostics, spans };
}

const SET_PATH = /^set\s+(?:session\s+|local\s+)?search_path\s*(?:=|to)\s*([\s\S]*)$/i;
const SET_CONFIG = /^select\s+(?:pg_catalog\s*\.\s*)?set_config\s*\(\s*'search_path'\s*,\s*'((?:[^']|'')*)'/i;

/** The schemas of a search_path setting, or undefined when the statement is not one. */
function searchPath(stmt: string): string[] | undefined {
  let list: string;
  const m = SET_PATH.exec(stmt);
  if (m) list = m[1];
  else {
    const c = SET_CONFIG.exec(stmt);
    if (!c) return undefined;
    list = c[1].split("''").join("'");
  }
  const out: string[] = [];
  for (const raw of list.split(',')) {
    let item = raw.trim();
    if (!item || /^default$/i.test(item)) continue;
    if (item.length >= 2 && item[0] === "'" && item[item.length - 1] === "'") item = item.slice(1, -1).trim();
    const quoted = item.length >= 2 && item[0] === '"' && item[item.length - 1] === '"';
    const name = quoted ? item.slice(1, -1).split('""').join('"') : item.toLowerCase();
    if (!name || name === '$user' || name === 'pg_catalog') continue;
    out.push(name);
  }
  return out;
}

function unterminated(image: string, doubledQuotes: boolean): boolean {
  const c = image.charCodeAt(0);
  if (c === 36 /* $ */) {
    const tagEnd = image.indexOf('$', 1);
    const tag = image.slice(0, tagEnd + 1);
    return image.length < tag.length * 2 || !image.endsWith(tag);
  }
  const q = c === 91 ? ']' : c === 34 || c === 96 ? image[0] : "'";
  const open = c === 91 || c === 34 || c === 96 ? 0 : image.indexOf("'");
  if (image.length - open < 2) return true;
  if (!image.endsWith(q)) return true;
  // an odd run of closing quotes at the end means the last one closes the token
  let k = 0;
  for (let j = image.length - 1; j > open && image[j] === q; j--) k++;
  return doubledQuotes && k % 2 === 0;
}

function shift(p: ParsedStatement, base: number): ParsedStatement {
  const delta = base - p.base;
  if (delta !== 0) {
    for (const s of p.spans) {
      s.start += delta;
      s.end += delta;
    }
    p.base = base;
  }
  return p;
}

/**
 * Parses a SQL script of `dialect`. Pass the document's `SqlParseCache` to
 * re-parse only the statements whose text changed. Never throws.
 */
export function parseSql(text: string, dialect: SqlDialect, cache?: SqlParseCache): SqlFile {
  const statements: SqlStatement[] = [];
  const diagnostics: SqlDiag[] = [];
  // the old statements reusable by position: [0, prefix) and [suffixFrom, end) of the new text are unchanged
  const old = cache && cache.dialect === dialect && cache.text !== undefined ? cache.slices : undefined;
  let prefix = 0;
  let suffixFrom = text.length;
  let delta = 0;
  if (cache) {
    cache.reused = 0;
    if (old) {
      const prev = cache.text!;
      prefix = commonPrefix(prev, text);
      suffixFrom = text.length - commonSuffix(prev, text, Math.min(prev.length, text.length) - prefix);
      delta = text.length - prev.length;
    }
  }
  const next: { start: number; end: number; parsed: ParsedStatement | undefined }[] = [];
  let k = 0; // first old statement not yet passed
  for (const slice of splitStatements(text, dialect)) {
    const stmtText = text.slice(slice.start, slice.end);
    let p: ParsedStatement | undefined;
    if (old && (slice.end <= prefix || slice.start >= suffixFrom)) {
      // same text at the old position (shifted by the edit's length change when after it)
      const from = slice.end <= prefix ? slice.start : slice.start - delta;
      while (k < old.length && old[k].start < from) k++;
      const o = old[k];
      if (o && o.start === from && o.end - o.start === slice.end - slice.start && o.parsed) {
        p = shift(o.parsed, slice.start);
        o.parsed = undefined;
        k++;
        cache!.reused++;
      }
    }
    if (!p) {
      try {
        p = parseOne(text, stmtText, slice.start, dialect, cache !== undefined);
      } catch (e) {
        const span = { start: slice.start, end: slice.end };
        p = {
          base: slice.start,
          statement: { kind: 'other', keyword: '', unsupported: false, span },
          diagnostics: [{ span: { start: slice.start, end: Math.min(slice.end, slice.start + 1) }, severity: 'error', code: SqlCodes.internal, message: `Internal error while parsing the statement: ${e instanceof Error ? e.message : String(e)}` }],
          spans: [span],
        };
      }
    }
    if (cache) next.push({ start: slice.start, end: slice.end, parsed: p.statement.kind !== 'other' ? p : undefined });
    statements.push(p.statement);
    for (const d of p.diagnostics) diagnostics.push(d);
  }
  if (cache) {
    cache.dialect = dialect;
    cache.text = text;
    cache.slices = next;
  }
  return { statements, diagnostics };
}
