/**
 * Formatting: canonical, idempotent, comment-preserving DBML.
 *
 * Reads the generic tree (ast.ts layer 1) and `syntax.comments`; writes the
 * whole document again in one layout:
 *
 * - keywords, names and setting names keep the user's spelling and case
 *   (DBML keywords are case-insensitive; rewriting them would fight teams
 *   that chose `table` or `TABLE`); runs of spaces inside a setting name
 *   (`not   null`) collapse to one;
 * - `Keyword name as alias [a, b: v] {`, one item per line, bodies indented
 *   by the editor's unit (tabSize spaces or a tab), `}` on its own line;
 *   short forms as `Keyword name: value`;
 * - settings as `[pk, not null, note: 'x']`, tuples and call arguments with
 *   `, `, relationship operators spaced (` > `);
 * - inside a table or partial, consecutive column lines (no blank line or
 *   other item between them) align their name, type and settings columns;
 * - top-level elements are separated by one blank line, except runs of
 *   one-line elements of the same kind (`Ref: ...` lines) the user wrote
 *   without one; inside bodies the user's blank lines are kept (at most one);
 * - comments stay where they were relative to the code: trailing comments on
 *   the same line, own-line comments before the item that follows them;
 *   block comments and strings (multi-line too) are copied verbatim. An item
 *   with a comment inside it (between its own tokens) is copied verbatim.
 *
 * Never changes meaning: a document with syntax errors is not formatted, and
 * every result is checked before it is returned (the same tokens in the same
 * order, and a reparse yields the same declarations modulo spans); a result
 * that fails the check is dropped and the document left as it is.
 */
import type { Workspace } from '../workspace.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Comment, DbmlFile, Element, Expr, Ident, Line, QName, SettingList } from '../syntax/dbml/ast.js';
import { parseDbml } from '../syntax/dbml/parse.js';
import { COMPACT_FLAGS, compactDecl, compactLine, isCompactColumn, isCompactColumnDecl, isCompactIndexDecl, isCompactIndexes, isCompactRef, isCompactRefDecl, materializeIndexes, materializeRef, type CompactColumn, type CompactIndexLine, type CompactRefNode } from '../syntax/dbml/nodes.js';
import type { FormatOptions, TextEdit } from './types.js';

/** Formats DBML text; returns the text unchanged when it cannot be formatted safely. */
export function formatDbml(text: string, options: FormatOptions): string {
  return formatDbmlDetailed(text, options).text;
}

/**
 * Why a text was or was not formatted: `syntax` (it does not parse), `unsafe`
 * (the layout failed the meaning check; a formatter bug, never expected).
 */
export type FormatStatus = 'formatted' | 'unchanged' | 'syntax' | 'unsafe';

/** Formats DBML text and says what happened; tests use the status to catch `unsafe`. */
export function formatDbmlDetailed(text: string, options: FormatOptions): { text: string; status: FormatStatus } {
  const { file, diagnostics } = parseDbml(text, 'untitled:format');
  const r = formatParsed(text, file, diagnostics, options);
  return { text: r.text ?? text, status: r.status };
}

/** Edits that format one workspace file: none when it is already formatted or cannot be. */
export function format(ws: Workspace, uri: string, options: FormatOptions): TextEdit[] {
  const file = ws.getFile(uri);
  // formatting is DBML's only (SQL and Prisma files are left as they are)
  if (!file || file.language !== 'dbml') return [];
  const out = formatParsed(file.text, file.dbml, file.parseDiagnostics, options).text;
  if (out === undefined || out === file.text) return [];
  return [minimalEdit(file.text, out)];
}

/** One edit replacing only the differing middle of two texts (keeps cursors and markers stable). */
function minimalEdit(before: string, after: string): TextEdit {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  return { span: { start, end: endB }, newText: after.slice(start, endA) };
}

/**
 * True when a parse diagnostic means the text did not parse (DBML001), as
 * opposed to a validation finding (an unknown setting, a duplicate column):
 * those documents are still formatted, since their generic tree is whole.
 */
export function isSyntaxError(d: Diagnostic): boolean {
  return d.code === 'DBML001';
}

function formatParsed(text: string, file: DbmlFile, diagnostics: Diagnostic[], options: FormatOptions): { text?: string; status: FormatStatus } {
  if (diagnostics.some(isSyntaxError) || file.syntax.strays.length > 0) return { status: 'syntax' };
  const out = new Printer(text, file, options).print();
  if (out === text) return { text, status: 'unchanged' };
  if (!sameTokens(text, out)) return { status: 'unsafe' };
  const again = parseDbml(out, 'untitled:format');
  if (again.diagnostics.some(isSyntaxError) || again.file.syntax.strays.length > 0) return { status: 'unsafe' };
  if (!sameMeaning(again, { file, diagnostics })) return { status: 'unsafe' };
  return { text: out, status: 'formatted' };
}

// ---------------------------------------------------------------- safety checks

/**
 * The tokens of a DBML text, whitespace dropped: words, single punctuation
 * characters, and strings and comments whole (a line comment without its
 * trailing spaces). Formatting may only change the whitespace between these.
 */
export function dbmlTokens(text: string): string[] {
  const out: string[] = [];
  const t = new TokenScan(text);
  while (t.next()) out.push(text.slice(t.start, t.end));
  return out;
}

/** A scan of `dbmlTokens`' tokens, one at a time, as offsets (nothing allocated per token). */
class TokenScan {
  start = 0;
  end = 0;
  private i = 0;
  constructor(private readonly text: string) {}

  /** Moves to the next token (`start`, `end`); false at the end of the text. */
  next(): boolean {
    const text = this.text;
    const n = text.length;
    let i = this.i;
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (i >= n) {
      this.i = n;
      return false;
    }
    const start = i;
    const c = text.charCodeAt(i);
    let end: number;
    if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      while (i < n && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
      end = i;
      while (end > start && isTrimmed(text.charCodeAt(end - 1))) end--;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      const close = text.indexOf('*/', i + 2);
      i = end = close < 0 ? n : close + 2;
    } else if (c === 39 /* ' */ && text.startsWith("'''", i)) {
      i += 3;
      while (i < n && !text.startsWith("'''", i)) i += text.charCodeAt(i) === 92 ? 2 : 1;
      i = end = Math.min(n, i + 3);
    } else if (c === 39 || c === 34 /* " */ || c === 96 /* ` */) {
      i++;
      // a backtick runs over lines and has no escapes; quotes stop at the line's end
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === c || (c !== 96 && (d === 10 || d === 13))) break;
        i += d === 92 && c !== 96 ? 2 : 1;
      }
      i = end = Math.min(n, i + 1);
    } else if (isWordChar(c, text, i)) {
      i++;
      while (i < n && isWordChar(text.charCodeAt(i), text, i)) i++;
      end = i;
    } else end = ++i;
    this.i = i;
    this.start = start;
    this.end = end;
    return true;
  }
}

/** The whitespace `dbmlTokens` skips between tokens. */
function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 12 || c === 11 || c === 0xa0 || c === 0xfeff;
}

/** What `trimEnd` removes (JavaScript's white space and line terminators). */
function isTrimmed(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c >= 128 && /\s/.test(String.fromCharCode(c)));
}

const WORD_CHAR = /[\p{L}\p{N}_$]/u;

/** A letter, digit, `_` or `$` at `i` (ASCII by comparison, the rest by the Unicode classes, one code unit at a time). */
function isWordChar(x: number, text: string, i: number): boolean {
  if (x < 128) return (x >= 97 && x <= 122) || (x >= 65 && x <= 90) || (x >= 48 && x <= 57) || x === 95 || x === 36;
  return WORD_CHAR.test(text[i]);
}

/** Do the two texts have the same tokens? Compared as they are scanned. */
function sameTokens(a: string, b: string): boolean {
  const ta = new TokenScan(a);
  const tb = new TokenScan(b);
  for (;;) {
    const more = ta.next();
    if (more !== tb.next()) return false;
    if (!more) return true;
    const len = ta.end - ta.start;
    if (len !== tb.end - tb.start) return false;
    for (let k = 0; k < len; k++) if (a.charCodeAt(ta.start + k) !== b.charCodeAt(tb.start + k)) return false;
  }
}

/**
 * True when two parses mean the same: equal declarations (with their generic
 * trees) ignoring every span, and the same diagnostic codes.
 */
export function sameMeaning(a: { file: DbmlFile; diagnostics: Diagnostic[] }, b: { file: DbmlFile; diagnostics: Diagnostic[] }): boolean {
  const codes = (ds: Diagnostic[]) => ds.map((d) => `${d.severity}:${d.code}`).sort().join(',');
  return codes(a.diagnostics) === codes(b.diagnostics) && equalModuloSpans(a.file.decls, b.file.decls);
}

/** Two compact column lines mean the same (positions aside): every field that is not a position or a cache. */
function sameCompactColumn(a: CompactColumn, b: CompactColumn): boolean {
  return (
    a.cname === b.cname &&
    (a.bits & COMPACT_FLAGS) === (b.bits & COMPACT_FLAGS) &&
    a.tq1 === b.tq1 &&
    a.tq2 === b.tq2 &&
    a.typeText === b.typeText &&
    a.args.length === b.args.length &&
    a.args.every((x, i) => x === b.args[i]) &&
    a.cdefault?.kind === b.cdefault?.kind &&
    a.cdefault?.value === b.cdefault?.value &&
    a.note === b.note &&
    (a.ref === b.ref || (a.ref !== undefined && b.ref !== undefined && a.ref.op === b.ref.op && a.ref.parts.join('.') === b.ref.parts.join('.')))
  );
}

/** Two compact Ref lines mean the same (positions aside): name, endpoints, operator and settings. */
function sameCompactRef(a: CompactRefNode, b: CompactRefNode): boolean {
  return a.refName === b.refName && a.nameQuoted === b.nameQuoted && a.leftQuoted === b.leftQuoted && a.rightQuoted === b.rightQuoted && a.op === b.op && a.left.join('.') === b.left.join('.') && a.right.join('.') === b.right.join('.') && a.actions.join(',') === b.actions.join(',');
}

/** Two compact index lines mean the same (positions aside). */
function sameCompactIndexLine(a: CompactIndexLine, b: CompactIndexLine): boolean {
  return (
    a.cols.join('\u0000') === b.cols.join('\u0000') &&
    a.colQuoted === b.colQuoted &&
    a.expression === b.expression &&
    a.settingNames.join(',') === b.settingNames.join(',') &&
    a.name === b.name &&
    a.type === b.type &&
    a.note === b.note
  );
}

function equalModuloSpans(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // compact indexes blocks and lines: by their fields, or against plain nodes as the nodes they stand for
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    if (isCompactIndexDecl(a) && isCompactIndexDecl(b)) return sameCompactIndexLine(a.line, b.line);
    if (isCompactIndexes(a) && isCompactIndexes(b)) {
      const bl = b.lines;
      return a.lines.length === bl.length && a.lines.every((l, i) => sameCompactIndexLine(l, bl[i]));
    }
    if (isCompactIndexDecl(a)) a = materializeIndexes(a.block).decls[a.i];
    else if (isCompactIndexes(a)) a = materializeIndexes(a).element;
    if (isCompactIndexDecl(b)) b = materializeIndexes(b.block).decls[b.i];
    else if (isCompactIndexes(b)) b = materializeIndexes(b).element;
  }
  // compact Refs: by their fields, or against a plain node as the nodes they stand for
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const ra = isCompactRefDecl(a) ? a.ref : isCompactRef(a) ? a : undefined;
    const rb = isCompactRefDecl(b) ? b.ref : isCompactRef(b) ? b : undefined;
    if (ra && rb && isCompactRefDecl(a) === isCompactRefDecl(b)) return sameCompactRef(ra, rb);
    if (ra) a = isCompactRefDecl(a) ? materializeRef(ra).decl : materializeRef(ra).element;
    if (rb) b = isCompactRefDecl(b) ? materializeRef(rb).decl : materializeRef(rb).element;
  }
  // compact column lines (and their declarations) compare by their fields; against a plain node, as the nodes they stand for
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const ca = isCompactColumnDecl(a) ? a.line : isCompactColumn(a) ? a : undefined;
    const cb = isCompactColumnDecl(b) ? b.line : isCompactColumn(b) ? b : undefined;
    if (ca && cb && isCompactColumnDecl(a) === isCompactColumnDecl(b)) return sameCompactColumn(ca, cb);
    if (ca) a = isCompactColumnDecl(a) ? compactDecl(ca) : compactLine(ca);
    if (cb) b = isCompactColumnDecl(b) ? compactDecl(cb) : compactLine(cb);
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!equalModuloSpans(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  // the keys that count: not a span's, not undefined; the same number on both sides, equal values
  let na = 0;
  for (const k of Object.keys(ra)) {
    const v = ra[k];
    if (v === undefined || isSpanKey(k)) continue;
    na++;
    if (!equalModuloSpans(v, rb[k])) return false;
  }
  let nb = 0;
  for (const k of Object.keys(rb)) if (rb[k] !== undefined && !isSpanKey(k)) nb++;
  return na === nb;
}

function isSpanKey(k: string): boolean {
  return k === 'span' || k.endsWith('Span');
}

// ---------------------------------------------------------------- printer

type Item = Element | Line;

interface Entry {
  item?: Item;
  comment?: Comment;
  start: number;
  end: number;
  /** comments between the item's own tokens */
  inner: Comment[];
}

const TABLE_KINDS = new Set(['table', 'tablepartial']);

class Printer {
  private readonly indentUnit: string;
  private readonly eol: string;

  constructor(
    private readonly text: string,
    private readonly file: DbmlFile,
    options: FormatOptions,
  ) {
    this.indentUnit = options.insertSpaces ? ' '.repeat(Math.max(1, options.tabSize)) : '\t';
    this.eol = text.includes('\r\n') ? '\r\n' : '\n';
  }

  print(): string {
    const comments = [...this.file.syntax.comments].sort((a, b) => a.span.start - b.span.start);
    const rows = this.printContainer(this.file.syntax.elements, comments, 0, undefined, 'file');
    if (rows.length === 0) return '';
    return rows.join(this.eol) + this.eol;
  }

  // ------------------------------------------------------------ containers

  /**
   * Prints the items of the file or of one body with the comments that lie
   * between them. `headerRows` is the row array the body continues (its last
   * row is the `... {` header), so comments on the brace's line stay there.
   */
  private printContainer(items: Item[], comments: Comment[], depth: number, rows: string[] | undefined, kind: string, bodyStart?: number): string[] {
    const out = rows ?? [];
    const entries = this.entries(items, comments);
    const indent = this.indentUnit.repeat(depth);
    const topLevel = kind === 'file';
    // alignment for column lines
    const aligned = TABLE_KINDS.has(kind) ? this.alignColumns(entries, depth) : new Map<Item, string>();

    let prevEnd = bodyStart ?? -1;
    /** the last entry that started a row (trailing comments do not) */
    let prev: Entry | undefined;
    let emittedSomething = false;
    for (let k = 0; k < entries.length; k++) {
      const e = entries[k];
      const gap = prevEnd < 0 ? '' : this.text.slice(prevEnd, e.start);
      const sameLine = prevEnd >= 0 && !/[\r\n]/.test(gap);
      if (e.comment && sameLine && (prev || bodyStart !== undefined) && out.length > 0) {
        out[out.length - 1] += ' ' + commentText(e.comment);
        prevEnd = e.end;
        continue;
      }
      // blank lines before this entry
      if (emittedSomething) {
        let blank = Math.min(1, countNewlines(gap) - 1) > 0;
        if (topLevel) blank = this.topLevelBlank(entries, k, prev!, blank);
        if (blank) out.push('');
      }
      if (e.comment) {
        out.push(...this.commentRows(e.comment, indent));
      } else if (e.item) {
        const pre = aligned.get(e.item);
        if (pre !== undefined) out.push(indent + pre);
        else this.printItem(e, depth, out);
      }
      emittedSomething = true;
      prevEnd = e.end;
      prev = e;
    }
    return out;
  }

  /** Top-level spacing: one blank line between units, except runs of same-kind one-liners written together. */
  private topLevelBlank(entries: Entry[], k: number, prev: Entry, userBlank: boolean): boolean {
    const e = entries[k];
    // the element this entry leads to: itself, or the element its comment run is attached to
    const next = this.attachedElement(entries, k);
    if (!next) return userBlank; // a free comment keeps the user's spacing
    const prevEl = prev.item && prev.item.type === 'element' ? prev.item : undefined;
    if (!prevEl) {
      // after a free comment: keep the user's spacing
      return userBlank;
    }
    if (!userBlank && e.item === next && prevEl.kind === next.kind && this.isOneLine(prevEl) && this.isOneLine(next)) return false;
    return true;
  }

  /** The element an entry belongs to: the element itself, or the element a run of own-line comments directly precedes. */
  private attachedElement(entries: Entry[], k: number): Element | undefined {
    for (let j = k; j < entries.length; j++) {
      const e = entries[j];
      if (e.item) return e.item.type === 'element' ? e.item : undefined;
      const next = entries[j + 1];
      if (!next) return undefined;
      if (countNewlines(this.text.slice(e.end, next.start)) > 1) return undefined;
    }
    return undefined;
  }

  private isOneLine(el: Element): boolean {
    return !el.body && !/[\r\n]/.test(this.text.slice(el.span.start, el.span.end));
  }

  /** Items and the comments between them, in source order; comments inside an item go with it. */
  private entries(items: Item[], comments: Comment[]): Entry[] {
    const entries: Entry[] = items.map((item) => {
      const ext = this.extent(item);
      return { item, start: ext.start, end: ext.end, inner: [] };
    });
    entries.sort((a, b) => a.start - b.start);
    const loose: Entry[] = [];
    let j = 0;
    for (const c of comments) {
      while (j < entries.length && entries[j].end <= c.span.start) j++;
      const owner = j < entries.length && entries[j].start <= c.span.start && c.span.end <= entries[j].end ? entries[j] : undefined;
      if (owner) owner.inner.push(c);
      else loose.push({ comment: c, start: c.span.start, end: c.span.end, inner: [] });
    }
    return [...entries, ...loose].sort((a, b) => a.start - b.start);
  }

  private extent(item: Item): { start: number; end: number } {
    let start = item.span.start;
    let end = item.span.end;
    const extra = item.type === 'line' ? [item.settings?.span, ...item.parts.map((p) => p.span)] : [item.body?.span, item.settings?.span, item.value?.span, item.keyword.span];
    for (const s of extra) {
      if (!s) continue;
      start = Math.min(start, s.start);
      end = Math.max(end, s.end);
    }
    return { start, end };
  }

  private commentRows(c: Comment, indent: string): string[] {
    return [indent + commentText(c)];
  }

  // ------------------------------------------------------------ items

  private printItem(e: Entry, depth: number, out: string[]): void {
    const indent = this.indentUnit.repeat(depth);
    const item = e.item!;
    if (item.type === 'line') {
      out.push(indent + (e.inner.length ? this.verbatim(e) : this.printLine(item, depth)));
      return;
    }
    const el = item;
    const body = el.body;
    const bodyInterior = body && body.closeSpan ? { start: body.openSpan.end, end: body.closeSpan.start } : undefined;
    const bodyComments = e.inner.filter((c) => bodyInterior && c.span.start >= bodyInterior.start && c.span.end <= bodyInterior.end);
    if (bodyComments.length !== e.inner.length || (body && !body.closeSpan)) {
      out.push(indent + this.verbatim(e));
      return;
    }
    const header = this.printHeader(el, depth);
    if (!body) {
      out.push(indent + header);
      return;
    }
    if (body.items.length === 0 && bodyComments.length === 0) {
      out.push(indent + header + ' {}');
      return;
    }
    out.push(indent + header + ' {');
    this.printContainer(body.items, bodyComments, depth + 1, out, el.kind, body.openSpan.end);
    out.push(indent + '}');
  }

  /** An item copied as written (only its first line is re-indented). */
  private verbatim(e: Entry): string {
    return this.text.slice(e.start, e.end).trim();
  }

  /** `Keyword name(args) as alias [settings]`, or `Keyword name: value` for short forms. */
  private printHeader(el: Element, depth: number): string {
    let s = this.slice(el.keyword.span);
    if (el.name) s += ' ' + this.qname(el.name);
    if (el.nameArgs) s += (el.name ? '' : ' ') + '(' + el.nameArgs.map((a) => this.ident(a)).join(', ') + ')';
    if (el.alias) {
      const from = el.nameArgs?.length ? el.nameArgs[el.nameArgs.length - 1].span.end : el.name ? el.name.span.end : el.keyword.span.end;
      const between = this.text.slice(from, el.alias.span.start).replace(/[)\s]/g, '');
      s += ' ' + (between || 'as') + ' ' + this.ident(el.alias);
    }
    if (el.extra?.length) s += ' ' + el.extra.map((x) => this.expr(x)).join(' ');
    if (el.settings) s += ' ' + this.settings(el.settings, depth);
    if (el.value) s += ': ' + this.printLine(el.value, depth);
    const end = el.body ? el.body.openSpan.start : el.value ? el.value.span.end : el.span.end;
    const source = this.text.slice(el.span.start, end);
    if (!sameTokens(source, s)) return el.value ? this.text.slice(el.span.start, end).trim() : source.trim();
    return s;
  }

  /** A body line: its parts (space- or comma-separated) then its settings. */
  private printLine(line: Line, depth: number): string {
    const printed = this.lineCells(line).join(line.commaSeparated ? ', ' : ' ') + (line.settings ? ' ' + this.settings(line.settings, depth) : '');
    const source = this.text.slice(this.extent(line).start, this.extent(line).end);
    return sameTokens(source, printed) ? printed : source.trim();
  }

  /**
   * The parts of a line grouped into cells: parts written without whitespace
   * between them (`int[]`) stay glued together, since inserting a space
   * could change how they parse.
   */
  private lineCells(line: Line): string[] {
    const cells: string[] = [];
    let prevEnd = -1;
    for (const p of line.parts) {
      const s = this.expr(p);
      if (cells.length && !line.commaSeparated && p.span.start === prevEnd) cells[cells.length - 1] += s;
      else cells.push(s);
      prevEnd = p.span.end;
    }
    return cells;
  }

  /** Aligned rows for runs of column lines inside a table body, keyed by line. */
  private alignColumns(entries: Entry[], depth: number): Map<Item, string> {
    const result = new Map<Item, string>();
    let run: { line: Line; cells: string[]; settings: string }[] = [];
    const flush = () => {
      if (run.length > 1) {
        const widths: number[] = [];
        for (const r of run) {
          r.cells.forEach((c, j) => {
            const followed = j < r.cells.length - 1 || r.settings !== '';
            if (followed) widths[j] = Math.max(widths[j] ?? 0, c.length);
          });
        }
        for (const r of run) {
          const parts = r.cells.map((c, j) => (j < r.cells.length - 1 || r.settings !== '' ? c.padEnd(widths[j] ?? 0) : c));
          result.set(r.line, parts.join(' ') + (r.settings ? ' ' + r.settings : ''));
        }
      }
      run = [];
    };
    let prevEnd = -1;
    for (const e of entries) {
      if (e.comment) {
        // a trailing comment does not break a run; an own-line one does
        if (prevEnd >= 0 && /[\r\n]/.test(this.text.slice(prevEnd, e.start))) flush();
        prevEnd = e.end;
        continue;
      }
      const line = e.item!;
      const blankBefore = prevEnd >= 0 && countNewlines(this.text.slice(prevEnd, e.start)) > 1;
      if (blankBefore) flush();
      prevEnd = e.end;
      if (line.type !== 'line' || e.inner.length || line.commaSeparated || line.parts.length < 2 || line.parts[0].kind !== 'qname') {
        flush();
        continue;
      }
      const cells = this.lineCells(line);
      const settings = line.settings ? this.settings(line.settings, depth) : '';
      const printed = cells.join(' ') + (settings ? ' ' + settings : '');
      const source = this.text.slice(e.start, e.end);
      if (cells.length < 2 || /[\r\n]/.test(printed) || !sameTokens(source, printed)) {
        flush();
        continue;
      }
      run.push({ line, cells, settings });
    }
    flush();
    return result;
  }

  // ------------------------------------------------------------ expressions

  /**
   * `[a, b: v]` on one line; a list the user broke over lines (a line break
   * between its brackets and items, outside strings) gets one item per line.
   */
  private settings(list: SettingList, depth: number): string {
    const items = list.items.map((it) => this.slice(it.nameSpan).replace(/\s+/g, ' ') + (it.value ? ': ' + this.expr(it.value) : ''));
    if (items.length === 0 || !this.brokenOverLines(list)) return '[' + items.join(', ') + ']';
    const inner = this.indentUnit.repeat(depth + 1);
    return '[' + this.eol + items.map((x, i) => inner + x + (i < items.length - 1 ? ',' : '')).join(this.eol) + this.eol + this.indentUnit.repeat(depth) + ']';
  }

  private brokenOverLines(list: SettingList): boolean {
    let at = list.span.start + 1;
    for (const it of list.items) {
      if (/[\r\n]/.test(this.text.slice(at, it.span.start))) return true;
      at = it.span.end;
    }
    return /[\r\n]/.test(this.text.slice(at, list.span.end - 1));
  }

  private expr(e: Expr): string {
    switch (e.kind) {
      case 'qname':
        return this.qname(e.name);
      case 'tuple':
        return '(' + e.items.map((x) => this.expr(x)).join(', ') + ')';
      case 'call': {
        // `varchar(255)`, `now()`, `int[]`, `decimal(10, 2)[]`
        let s = this.qname(e.callee);
        let parenEnd = e.callee.span.end;
        if (e.args.length) {
          s += '(' + e.args.map((x) => this.expr(x)).join(', ') + ')';
          parenEnd = this.text.indexOf(')', e.args[e.args.length - 1].span.end) + 1;
        } else if (/^\s*\(/.test(this.text.slice(e.callee.span.end, e.span.end))) {
          s += '()';
          parenEnd = this.text.indexOf(')', e.callee.span.end) + 1;
        }
        if (e.isArray && parenEnd > 0 && parenEnd <= e.span.end) s += this.text.slice(parenEnd, e.span.end).replace(/\s+/g, '');
        return s;
      }
      case 'relation':
        return (e.left ? this.expr(e.left) + ' ' : '') + e.op + ' ' + this.expr(e.right);
      case 'words':
        return this.slice(e.span).replace(/\s+/g, ' ');
      case 'partial':
        return '~' + this.ident(e.name);
      case 'unary':
        return e.op + this.expr(e.operand);
      default:
        // strings (multi-line too), numbers, colors, backtick expressions, errors: as written
        return this.slice(e.span);
    }
  }

  private qname(q: QName): string {
    let s = q.parts.map((p) => this.ident(p)).join('.');
    if (q.tuple) s += (s ? '.' : '') + '(' + q.tuple.map((p) => this.ident(p)).join(', ') + ')';
    return s || this.slice(q.span);
  }

  private ident(id: Ident): string {
    return this.slice(id.span);
  }

  private slice(s: { start: number; end: number }): string {
    return this.text.slice(s.start, s.end);
  }
}

function commentText(c: Comment): string {
  return c.kind === 'line' ? c.text.trimEnd() : c.text;
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13 && s.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}

