/**
 * The DBML generic tree's node builders, shared by the chevrotain parser
 * (parser.ts, which recovers from errors) and the fast parser (fast-parser.ts,
 * which handles error-free blocks only): both build exactly the same tree
 * because both build it here. Also string literal decoding. Never throws.
 */
import type { IToken } from 'chevrotain';
import type { Body, Element, Expr, Line, QName, SettingList } from './ast.js';
import { AnchoredSpan, type Anchor, type Span } from '../../text/span.js';
import { lineNode, NO_ITEMS, spanNode, valueLineNode } from './nodes.js';

type Statement = Element | Line;

/** A span at absolute offsets, attached to the block's anchor. */
export function mkSpan(anchor: Anchor, start: number, end: number): Span {
  const a = anchor.start;
  return spanNode(anchor, start - a, end - a);
}

/** The span of a token (its offsets are relative to the block). */
export function tokenSpan(anchor: Anchor, t: IToken): Span {
  return new AnchoredSpan(anchor, t.startOffset, t.startOffset + t.image.length);
}

/** The span from the start of token `first` to the end of token `last` (both of the block at `anchor`). */
export function tokensSpan(anchor: Anchor, first: IToken, last: IToken): Span {
  return new AnchoredSpan(anchor, first.startOffset, last.startOffset + last.image.length);
}

/** `image` without its opening and closing `quote` (either may be missing). */
export function unquote(image: string, quote: string): string {
  let s = image.startsWith(quote) ? image.slice(quote.length) : image;
  if (s.endsWith(quote) && s.length >= quote.length) s = s.slice(0, s.length - quote.length);
  return s;
}

/** Unescapes DBML string escapes (\' \" \\ \n \t, line continuation). */
export function unescapeString(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\(\r\n|[\s\S])/g, (_m, c: string) => {
    switch (c) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case '\n':
      case '\r\n':
        return '';
      default:
        return c;
    }
  });
}

/** Removes the common indentation of a triple-quoted string, as DBML does. */
export function tripleValue(raw: string): string {
  let body = unquote(raw, "'''");
  const lines = body.split(/\r\n|\r|\n/);
  if (lines.length > 1) {
    if (lines[0].trim() === '') lines.shift();
    if (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
    const indents = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length);
    const min = indents.length ? Math.min(...indents) : 0;
    body = lines.map((l) => l.slice(min)).join('\n');
  }
  return unescapeString(body);
}

/** Several values after `:` become one: bare words join (`set null`), else the first. */
export function joinValue(anchor: Anchor, values: Expr[]): Expr {
  if (values.length === 1) return values[0];
  const span = mkSpan(anchor, values[0].span.start, values[values.length - 1].span.end);
  if (values.every((v) => v.kind === 'qname' && v.name.parts.length === 1 && !v.name.parts[0].quoted)) {
    return { kind: 'words', text: values.map((v) => (v.kind === 'qname' ? v.name.parts[0].text : '')).join(' '), span };
  }
  return values[0];
}

/** Has `xs` no holes (recovery may leave some)? */
function intact(xs: readonly (Expr | undefined)[]): boolean {
  for (let i = 0; i < xs.length; i++) if (!xs[i]) return false;
  return true;
}

/**
 * A statement from its head atoms, `: value`, settings and body: an Element when it has a keyword head, else a Line.
 * `firstStart` is the absolute start of the statement's first token, `colonEnd` the absolute end of its `:` (if any).
 */
export function makeStatement(
  anchor: Anchor,
  firstStart: number,
  parts: Expr[],
  commaSeparated: boolean,
  colonEnd: number | undefined,
  value: Expr[] | undefined,
  settings: SettingList | undefined,
  body: Body | undefined,
): Statement {
  // recovery may leave holes; an intact list (every fast-parsed one) is used as it is
  const ps = intact(parts) ? parts : parts.filter(Boolean);
  const start = ps.length ? ps[0].span.start : firstStart;
  let head = ps[0];
  if (head && head.kind === 'call' && !head.isArray && head.callee.parts.length === 1 && body !== undefined) {
    // `Records(id, name) { ... }`: keyword with arguments and no name
    ps.splice(1, 0, { kind: 'tuple', items: head.args, span: mkSpan(anchor, head.callee.span.end, head.span.end) });
    head = ps[0] = { kind: 'qname', name: head.callee, span: mkSpan(anchor, head.callee.span.start, head.callee.span.end) };
  }
  const isElement = (body !== undefined || colonEnd !== undefined) && head && head.kind === 'qname' && head.name.parts.length === 1 && !head.name.parts[0].quoted;
  if (!isElement) {
    let end = ps.length ? ps[ps.length - 1].span.end : start;
    if (settings) end = Math.max(end, settings.span.end);
    if (body) end = body.span.end;
    const a = anchor.start;
    return lineNode(anchor, start - a, end - a, ps, commaSeparated, settings);
  }
  const keyword = (head as { name: QName }).name.parts[0];
  // (the span is set below; the keyword's holds its place, which fixes the JSON key order)
  const el: Element = { type: 'element', keyword, kind: keyword.text.toLowerCase(), span: keyword.span };
  // name, alias and name arguments come from the remaining head parts
  let i = 1;
  const p1 = ps[1];
  if (p1) {
    if (p1.kind === 'qname') {
      el.name = p1.name;
      i = 2;
    } else if (p1.kind === 'call' && !p1.isArray) {
      el.name = p1.callee;
      el.nameArgs = p1.args.flatMap((a) => (a.kind === 'qname' && a.name.parts.length === 1 ? [a.name.parts[0]] : []));
      i = 2;
    } else if (p1.kind === 'tuple' && el.kind === 'records') {
      el.nameArgs = p1.items.flatMap((a) => (a.kind === 'qname' && a.name.parts.length === 1 ? [a.name.parts[0]] : []));
      i = 2;
    }
  }
  const maybeAs = ps[i];
  if (maybeAs && maybeAs.kind === 'qname' && maybeAs.name.parts.length === 1 && maybeAs.name.parts[0].text.toLowerCase() === 'as' && !maybeAs.name.parts[0].quoted) {
    const a = ps[i + 1];
    if (a && a.kind === 'qname' && a.name.parts.length === 1) {
      el.alias = a.name.parts[0];
      i += 2;
    }
  }
  if (i < ps.length) {
    // leftover head parts are kept as a stray line on the element for the interpreter to report
    el.extra = ps.slice(i);
  }
  el.settings = settings;
  let end = ps[ps.length - 1].span.end;
  if (settings) end = Math.max(end, settings.span.end);
  if (colonEnd !== undefined) {
    const vs = value === undefined || value.length === 0 ? NO_ITEMS : intact(value) ? value : value.filter(Boolean);
    const vStart = vs.length ? vs[0].span.start : colonEnd;
    let vEnd = vs.length ? vs[vs.length - 1].span.end : colonEnd;
    end = Math.max(end, vEnd, colonEnd);
    // `Ref: a.b > c.d [delete: cascade]`: settings belong to the value line
    if (settings) {
      vEnd = Math.max(vEnd, settings.span.end);
      el.settings = undefined;
    }
    const a = anchor.start;
    el.value = valueLineNode(anchor, vStart - a, vEnd - a, vs, settings);
  }
  if (body) {
    el.body = body;
    end = Math.max(end, body.span.end);
  }
  el.span = mkSpan(anchor, start, end);
  return el;
}
