/**
 * A forgiving DBML scanner for completion: reads text up to the cursor and
 * reports the bracket nesting, the tokens of the statement being typed at each
 * level, and what the cursor sits in (a partial word, a quoted name, a string,
 * a comment). Works on any text, finished or not; never throws. Completion
 * needs this because the document being typed rarely parses cleanly.
 */
import type { Span } from '../../text/span.js';

export type TokKind = 'word' | 'qword' | 'string' | 'number' | 'expr' | 'color' | 'punct' | 'group';

export interface Tok {
  kind: TokKind;
  /** source text; for `group` the bracket pair (`[]`, `()`) */
  text: string;
  /** name or string value without quotes */
  value: string;
  start: number;
  end: number;
}

export interface Frame {
  /** `root` for the file level */
  open: 'root' | '{' | '[' | '(';
  /** tokens of the statement being written at this level, up to the cursor */
  line: Tok[];
  /** the enclosing level's statement when this bracket opened (`Table users as U` for a table body) */
  outer: Tok[];
  /** for `{`: the lowercased first word of `outer` (`table`, `indexes`, `enum`, ...) */
  owner: string;
  /** for `{`: the statements finished before the current one (column lines of a table) */
  done: Tok[][];
}

export type CursorIn =
  | { kind: 'code' }
  | { kind: 'word'; span: Span; prefix: string }
  | { kind: 'qword'; span: Span; prefix: string }
  | { kind: 'string'; span: Span; prefix: string }
  | { kind: 'none' };

export interface ScanResult {
  /** root first, innermost last */
  frames: Frame[];
  cursor: CursorIn;
}

const IDENT_START = /[A-Za-z_\u00C0-\uFFFF]/;
const IDENT_PART = /[A-Za-z0-9_\u00C0-\uFFFF]/;

export function isIdentPart(c: string | undefined): boolean {
  return c !== undefined && IDENT_PART.test(c);
}

/** Scans `text` from `from` (a top-level statement start) to `offset`. */
export function scanTo(text: string, from: number, offset: number): ScanResult {
  const root: Frame = { open: 'root', line: [], outer: [], owner: '', done: [] };
  const frames: Frame[] = [root];
  const top = () => frames[frames.length - 1];
  const push = (t: Tok) => top().line.push(t);
  let i = from;
  const n = Math.min(offset, text.length);
  while (i < n) {
    const c = text[i];
    if (c === '\n' || c === '\r') {
      const f = top();
      if (f.open === '{' && f.line.length) f.done.push(f.line);
      if (f.open === 'root' || f.open === '{') f.line = [];
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\f' || c === '\v' || c === '\u00a0' || c === '\ufeff') {
      i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      const e = lineEnd(text, i);
      if (offset <= e) return { frames, cursor: { kind: 'none' } };
      i = e;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const e = close < 0 ? text.length : close + 2;
      if (offset < e || close < 0) return { frames, cursor: { kind: 'none' } };
      i = e;
      continue;
    }
    if (c === "'") {
      const triple = text.startsWith("'''", i);
      const e = triple ? closeTriple(text, i) : closeQuote(text, i, "'");
      const closed = e.closed;
      if (offset < e.end || (!closed && offset <= e.end)) {
        const contentStart = i + (triple ? 3 : 1);
        const prefix = text.slice(contentStart, offset);
        const contentEnd = closed ? e.end - (triple ? 3 : 1) : e.end;
        return { frames, cursor: { kind: 'string', span: { start: contentStart, end: Math.max(offset, contentEnd) }, prefix } };
      }
      push({ kind: 'string', text: text.slice(i, e.end), value: text.slice(i + (triple ? 3 : 1), e.end - (triple ? 3 : 1)), start: i, end: e.end });
      i = e.end;
      continue;
    }
    if (c === '"') {
      const e = closeQuote(text, i, '"');
      if (offset < e.end || offset === e.end) {
        const end = e.closed ? e.end : e.end;
        return { frames, cursor: { kind: 'qword', span: { start: i, end: Math.max(offset, end) }, prefix: text.slice(i + 1, Math.min(offset, e.closed ? e.end - 1 : e.end)) } };
      }
      push({ kind: 'qword', text: text.slice(i, e.end), value: text.slice(i + 1, e.end - 1).replace(/\\(.)/g, '$1'), start: i, end: e.end });
      i = e.end;
      continue;
    }
    if (c === '`') {
      const e = closeQuote(text, i, '`');
      if (offset < e.end || !e.closed) return { frames, cursor: { kind: 'none' } };
      push({ kind: 'expr', text: text.slice(i, e.end), value: text.slice(i + 1, e.end - 1), start: i, end: e.end });
      i = e.end;
      continue;
    }
    if (IDENT_START.test(c)) {
      let e = i + 1;
      while (e < text.length && IDENT_PART.test(text[e])) e++;
      if (offset <= e) {
        let end = offset;
        while (end < text.length && IDENT_PART.test(text[end])) end++;
        return { frames, cursor: { kind: 'word', span: { start: i, end }, prefix: text.slice(i, offset) } };
      }
      const w = text.slice(i, e);
      push({ kind: 'word', text: w, value: w, start: i, end: e });
      i = e;
      continue;
    }
    if (/[0-9]/.test(c)) {
      let e = i + 1;
      while (e < text.length && /[0-9.A-Za-z_]/.test(text[e])) e++;
      if (offset <= e) return { frames, cursor: { kind: 'none' } };
      push({ kind: 'number', text: text.slice(i, e), value: text.slice(i, e), start: i, end: e });
      i = e;
      continue;
    }
    if (c === '#') {
      let e = i + 1;
      while (e < text.length && /[0-9A-Za-z]/.test(text[e])) e++;
      if (offset <= e) return { frames, cursor: { kind: 'none' } };
      push({ kind: 'color', text: text.slice(i, e), value: text.slice(i, e), start: i, end: e });
      i = e;
      continue;
    }
    if (c === '{' || c === '[' || c === '(') {
      const parent = top();
      const outer = parent.line.slice();
      const firstWord = outer.find((t) => t.kind === 'word');
      frames.push({ open: c, line: [], outer, owner: c === '{' ? (firstWord?.value.toLowerCase() ?? '') : '', done: [] });
      i++;
      continue;
    }
    if (c === '}' || c === ']' || c === ')') {
      const want = c === '}' ? '{' : c === ']' ? '[' : '(';
      const idx = findOpen(frames, want);
      if (idx > 0) {
        const closed = frames[idx];
        frames.length = idx;
        if (want === '{') top().line = [];
        else top().line.push({ kind: 'group', text: want + c, value: '', start: -1, end: i + 1 });
        void closed;
      }
      i++;
      continue;
    }
    if (c === '<' && text[i + 1] === '>') {
      push({ kind: 'punct', text: '<>', value: '<>', start: i, end: i + 2 });
      i += 2;
      continue;
    }
    push({ kind: 'punct', text: c, value: c, start: i, end: i + 1 });
    i++;
  }
  return { frames, cursor: { kind: 'code' } };
}

function findOpen(frames: Frame[], want: string): number {
  for (let k = frames.length - 1; k > 0; k--) {
    if (frames[k].open === want) return k;
    // a `}` closes any `[`/`(` left open inside its block; a `]`/`)` never closes a `{`
    if (frames[k].open === '{' && want !== '{') return -1;
  }
  return -1;
}

function lineEnd(text: string, i: number): number {
  let e = i;
  while (e < text.length && text[e] !== '\n' && text[e] !== '\r') e++;
  return e;
}

/** End offset after the closing quote; single-line for `"` and `'` (an unclosed one stops at the line end). */
function closeQuote(text: string, i: number, q: string): { end: number; closed: boolean } {
  let e = i + 1;
  while (e < text.length) {
    const ch = text[e];
    if (ch === '\\') {
      e += 2;
      continue;
    }
    if (ch === q) return { end: e + 1, closed: true };
    if ((ch === '\n' || ch === '\r') && q !== '`') return { end: e, closed: false };
    e++;
  }
  return { end: text.length, closed: false };
}

function closeTriple(text: string, i: number): { end: number; closed: boolean } {
  let e = i + 3;
  while (e < text.length) {
    if (text[e] === '\\') {
      e += 2;
      continue;
    }
    if (text.startsWith("'''", e)) return { end: e + 3, closed: true };
    e++;
  }
  return { end: text.length, closed: false };
}
