/**
 * Prisma front end entry: text -> top-level blocks (a cheap character scan)
 * -> per block: tokens -> header + one parsed member per logical line ->
 * `PrismaBlock`, with syntax diagnostics (PRISMA001). Never throws.
 *
 * Two paths per block: fast-block.ts, a hand-written pass that takes plainly
 * valid blocks (nearly all of them) without tokens or lookahead machinery,
 * and, for any block it declines, the chevrotain lexer and parser here, which
 * own recovery and every syntax message. Both build the same tree.
 *
 * Incremental by shape: a block whose text equals a block of the previous
 * parse (same cache) reuses that parse; when it moved, its spans are shifted
 * in place. So a keystroke re-lexes and re-parses one block.
 *
 * Recovery: a broken line gets one error at its position and is dropped
 * whole (as Prisma does: a member never spans lines); the lines after it
 * parse as usual. A block without its `}` ends where the next top-level keyword
 * starts a line at column 0.
 */
import type { IToken } from 'chevrotain';
import type { PArgs, PAttribute, PExpr, PIdent, PPath, PrismaBlock, PrismaBlockKind, PrismaDiag, PrismaFile } from './ast.js';
import { lex } from './lexer.js';
import { foundText, getParser } from './parser.js';
import { PrismaCodes } from './codes.js';
import { fastBlock } from './fast-block.js';

/** The diagnostics of a block without any (shared: never written to) */
const NO_DIAGNOSTICS: PrismaDiag[] = [];

/** @internal */
export interface BlockParse {
  /** absolute start offset the spans currently use */
  start: number;
  block: PrismaBlock | undefined;
  diagnostics: PrismaDiag[];
}

/** Reusable block parses of one file, keyed by the block's exact text. */
export class PrismaParseCache {
  /** @internal */
  blocks = new Map<string, BlockParse[]>();
}

const KEYWORDS = new Set<string>(['model', 'view', 'type', 'enum', 'datasource', 'generator']);

interface Segment {
  start: number;
  end: number;
  /** a keyword block, or lines that start with no known keyword */
  keyword: boolean;
  /** offset of the first non-comment line (the keyword or the junk) */
  headStart: number;
}

function isIdentChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45;
}

/** The word at `i` (letters, digits, `_`, `-`). */
function wordAt(text: string, i: number): string {
  let j = i;
  while (j < text.length && isIdentChar(text.charCodeAt(j))) j++;
  return text.slice(i, j);
}

/**
 * Splits the file into top-level segments: a keyword block (with the comment
 * lines right above it) runs to the line where its braces balance; other
 * non-comment lines form junk segments. Comments outside blocks are skipped.
 */
export function splitSegments(text: string): Segment[] {
  const out: Segment[] = [];
  const n = text.length;
  let pos = 0;
  let pendingComment = -1;
  let cur: Segment | undefined;
  let depth = 0;
  let inComment = false;
  while (pos < n) {
    // one line: [pos, eol)
    let eol = pos;
    while (eol < n) {
      const c = text.charCodeAt(eol);
      if (c === 10 || c === 13) break;
      eol++;
    }
    let first = pos;
    while (first < eol) {
      const c = text.charCodeAt(first);
      if (c !== 32 && c !== 9 && c !== 0xfeff && c !== 12 && c !== 11) break;
      first++;
    }
    let blank = first === eol;
    let comment = !blank && text.charCodeAt(first) === 47 && (text.charCodeAt(first + 1) === 47 || text.charCodeAt(first + 1) === 42);
    let scanFrom = first;
    if (inComment) {
      // inside a /* */ comment that began on an earlier line
      const close = text.indexOf('*/', pos);
      if (close < 0 || close >= eol) scanFrom = eol;
      else {
        inComment = false;
        scanFrom = close + 2;
      }
      comment = true;
      blank = false;
    } else if (comment && text.charCodeAt(first + 1) === 42) {
      const close = text.indexOf('*/', first + 2);
      if (close < 0 || close >= eol) {
        inComment = true;
        scanFrom = eol;
      } else scanFrom = close + 2;
    }
    if (cur && cur.keyword && !blank && !comment && (depth > 0 ? first === pos : depth === 0) && KEYWORDS.has(wordAt(text, first))) {
      // a keyword at column 0 inside an open block (the block lost its `}`), or any
      // keyword line after a head that never opened its `{`
      out.push(cur);
      cur = undefined;
      depth = 0;
    }
    if (!cur && !blank && !comment) {
      const kw = KEYWORDS.has(wordAt(text, first));
      const start = kw && pendingComment >= 0 ? pendingComment : first;
      cur = { start, end: eol, keyword: kw, headStart: first };
      depth = 0;
    }
    if (cur) {
      // count braces outside strings and comments
      for (let i = scanFrom; i < eol; i++) {
        const c = text.charCodeAt(i);
        if (c === 47 && text.charCodeAt(i + 1) === 42) {
          const close = text.indexOf('*/', i + 2);
          if (close < 0 || close >= eol) {
            inComment = true;
            break;
          }
          i = close + 1;
        } else if (c === 34) {
          i++;
          while (i < eol) {
            const d = text.charCodeAt(i);
            if (d === 92) i++;
            else if (d === 34) break;
            i++;
          }
        } else if (c === 47 && text.charCodeAt(i + 1) === 47) break;
        else if (c === 123) depth++;
        else if (c === 125) depth--;
      }
      cur.end = eol;
      if (depth <= 0 && (!cur.keyword || hasBrace(text, cur.headStart, eol))) {
        out.push(cur);
        cur = undefined;
        depth = 0;
      }
      pendingComment = -1;
    } else if (comment) {
      if (pendingComment < 0) pendingComment = first;
    } else pendingComment = -1;
    // next line
    pos = eol;
    if (pos < n && text.charCodeAt(pos) === 13) pos++;
    if (pos < n && text.charCodeAt(pos) === 10) pos++;
  }
  if (cur) out.push(cur);
  return out;
}

/** Does the line hold a `{`? (a keyword line without one keeps its block open for a `{` on a later line) */
function hasBrace(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 123) return true;
  return false;
}

function syntaxError(start: number, end: number, message: string): PrismaDiag {
  return { span: { start, end: Math.max(start, end) }, severity: 'error', code: PrismaCodes.syntax, message };
}

function tokEnd(t: IToken): number {
  return t.startOffset + t.image.length;
}

function identAt(t: IToken, base: number): PIdent {
  return { text: t.image, span: { start: base + t.startOffset, end: base + tokEnd(t) } };
}

/** The comments of a block and the first one not yet looked at. */
interface DocCursor {
  comments: IToken[];
  next: number;
}

/** The `///` documentation between `from` and `to` (asked for in offset order). */
function docBetween(d: DocCursor, from: number, to: number): string | undefined {
  const comments = d.comments;
  let doc: string | undefined;
  while (d.next < comments.length && comments[d.next].startOffset < from) d.next++;
  for (; d.next < comments.length; d.next++) {
    const c = comments[d.next];
    if (c.startOffset >= to) break;
    if (c.image.startsWith('///')) {
      const line = c.image.slice(3).trim();
      doc = doc === undefined ? line : doc + '\n' + line;
    }
  }
  return doc;
}

/**
 * Parses one keyword block's text at absolute offset `base` with chevrotain
 * (lexer.ts + parser.ts): the path that owns recovery and syntax messages.
 * @internal exported for the fast path's equivalence tests
 */
export function parseBlock(text: string, base: number): BlockParse {
  const { tokens, nl, comments, unexpected } = lex(text);
  const diagnostics: PrismaDiag[] = [];
  for (const u of unexpected) {
    const chars = text.slice(u.offset, u.offset + u.length);
    diagnostics.push(syntaxError(base + u.offset, base + u.offset + u.length, `Unexpected character${u.length > 1 ? 's' : ''} '${chars.length > 30 ? chars.slice(0, 30) + '…' : chars}'`));
  }
  for (const t of tokens) {
    if (t.tokenType.name === 'StringLit' && (t.image.length < 2 || !t.image.endsWith('"') || /(^|[^\\])(\\\\)*\\"$/.test(t.image))) {
      diagnostics.push(syntaxError(base + t.startOffset, base + tokEnd(t), 'Unterminated string'));
    }
  }
  const kwTok = tokens[0];
  if (!kwTok) return { start: base, block: undefined, diagnostics };
  const kind = kwTok.image as PrismaBlockKind;
  // comments are in offset order and asked for in offset order: one cursor keeps this linear
  const docs: DocCursor = { comments, next: 0 };
  const block: PrismaBlock = {
    kind,
    keyword: identAt(kwTok, base),
    fields: [],
    attributes: [],
    properties: [],
    span: { start: base + kwTok.startOffset, end: base + text.length },
    fullSpan: { start: base, end: base + text.length },
    closed: false,
  };
  const doc = docBetween(docs, 0, kwTok.startOffset);
  if (doc !== undefined) block.doc = doc;
  // header: keyword name {
  let i = 1;
  const nameTok = tokens[1];
  if (nameTok && !nl[1] && nameTok.tokenType.name === 'Identifier') {
    block.name = identAt(nameTok, base);
    if (nameTok.image.includes('.')) diagnostics.push(syntaxError(block.name.span.start, block.name.span.end, `A ${kind} name cannot contain '.'`));
    i = 2;
  } else {
    const at = nameTok && !nl[1] ? nameTok : kwTok;
    diagnostics.push(syntaxError(base + (at === kwTok ? tokEnd(kwTok) : at.startOffset), base + tokEnd(at), `Expected a name after \`${kwTok.image}\` but found ${at === kwTok ? 'end of line' : foundText(at)}`));
  }
  const open = tokens[i];
  if (open && open.tokenType.name === 'LCurly') i++;
  else {
    const t = open ?? tokens[tokens.length - 1];
    if (kind === 'type' && open?.tokenType.name === 'Equals') {
      diagnostics.push(syntaxError(base + open.startOffset, base + tokEnd(tokens[tokens.length - 1]), 'Type aliases are not supported: declare a composite type with `type Name { ... }`'));
      return { start: base, block: undefined, diagnostics };
    }
    diagnostics.push(syntaxError(base + (open ? t.startOffset : tokEnd(t)), base + tokEnd(t), `Expected '{' but found ${open ? foundText(open) : 'end of line'}`));
    // parse on from the next line
    while (i < tokens.length && !nl[i]) i++;
  }
  if (i < tokens.length && tokens[i].tokenType.name !== 'RCurly' && !nl[i]) {
    diagnostics.push(syntaxError(base + tokens[i].startOffset, base + tokEnd(tokens[i]), `Unexpected ${foundText(tokens[i])}: a member starts on its own line after '{'`));
    nl[i] = 1;
  }
  const parser = getParser();
  parser.base = base;
  let prevEnd = open ? tokEnd(open) : tokEnd(kwTok);
  while (i < tokens.length) {
    const t = tokens[i];
    if (t.tokenType.name === 'RCurly') {
      block.closed = true;
      block.span.end = base + tokEnd(t);
      i++;
      if (i < tokens.length) {
        const rest = tokens[i];
        diagnostics.push(syntaxError(base + rest.startOffset, base + tokEnd(tokens[tokens.length - 1]), `Unexpected ${foundText(rest)} after the end of the block`));
      }
      break;
    }
    // one line (Prisma allows no line break inside a member, not even in brackets)
    let j = i;
    let nested = -1;
    do {
      if (nested < 0 && tokens[j].tokenType.name === 'LCurly') nested = j;
      j++;
    } while (j < tokens.length && !nl[j]);
    if (nested >= 0) {
      const b = tokens[nested];
      diagnostics.push(syntaxError(base + b.startOffset, base + tokEnd(b), "Unexpected '{': blocks cannot be nested"));
      prevEnd = tokEnd(tokens[j - 1]);
      i = j;
      continue;
    }
    const lineTokens = tokens.slice(i, j);
    let member;
    parser.input = lineTokens;
    parser.beginLine();
    try {
      member = parser.member();
    } catch {
      member = undefined;
    }
    const errs = parser.errors;
    if (errs.length) {
      const e = errs[0];
      const tok = e.token;
      const isEof = tok.tokenType.name === 'EOF' || Number.isNaN(tok.startOffset);
      const at = isEof ? tokEnd(lineTokens[lineTokens.length - 1]) : tok.startOffset;
      diagnostics.push(syntaxError(base + at, base + (isEof ? at : tokEnd(tok)), e.message));
    }
    // a line with a syntax error is dropped whole, as Prisma does
    if (member && !errs.length) {
      const d = docBetween(docs, prevEnd, t.startOffset);
      if (member.kind === 'attribute') block.attributes.push(member.attribute);
      else if (member.kind === 'property') {
        if (member.property.key.text.includes('.')) diagnostics.push(syntaxError(member.property.key.span.start, member.property.key.span.end, `A property name cannot contain '.'`));
        if (kind === 'datasource' || kind === 'generator') block.properties.push(member.property);
        else diagnostics.push(syntaxError(member.property.span.start, member.property.span.end, `This line is not a valid field or attribute definition: \`key = value\` belongs in a datasource or generator`));
      } else {
        if (d !== undefined) member.field.doc = d;
        if (member.field.name.text.includes('.')) diagnostics.push(syntaxError(member.field.name.span.start, member.field.name.span.end, `A ${kind === 'enum' ? 'value' : 'field'} name cannot contain '.'`));
        if (kind === 'datasource' || kind === 'generator') {
          if (!errs.length) diagnostics.push(syntaxError(member.field.span.start, member.field.span.end, `This line is not a valid definition within a ${kind}: expected \`key = value\``));
        } else block.fields.push(member.field);
      }
    }
    prevEnd = tokEnd(tokens[j - 1]);
    i = j;
  }
  if (!block.closed) {
    const last = tokens[tokens.length - 1];
    diagnostics.push(syntaxError(base + kwTok.startOffset, base + tokEnd(kwTok), `This block is not closed: '}' is missing${last === kwTok ? '' : ''}`));
  }
  return { start: base, block, diagnostics };
}

// ------------------------------------------------------------ span shifting

function sh(s: { start: number; end: number } | undefined, d: number): void {
  if (s) {
    s.start += d;
    s.end += d;
  }
}
function shPath(p: PPath | undefined, d: number): void {
  if (!p) return;
  sh(p.span, d);
  // a one-part path shares its span object with its part
  for (const x of p.parts) if (x.span !== p.span) sh(x.span, d);
}
function shArgs(a: PArgs | undefined, d: number): void {
  if (!a) return;
  sh(a.span, d);
  for (const x of a.items) {
    // an unnamed argument shares its span object with its value
    if (x.span !== x.value?.span) sh(x.span, d);
    if (x.name) sh(x.name.span, d);
    shExpr(x.value, d);
  }
}
function shExpr(e: PExpr | undefined, d: number): void {
  if (!e) return;
  sh(e.span, d);
  if (e.kind === 'path') {
    // e.span is e.path.span (same object), itself shared by a one-part path's part
    if (e.path.span !== e.span) sh(e.path.span, d);
    for (const x of e.path.parts) if (x.span !== e.path.span) sh(x.span, d);
  } else if (e.kind === 'call') {
    shPath(e.callee, d);
    shArgs(e.args, d);
  } else if (e.kind === 'array') for (const x of e.items) shExpr(x, d);
}
function shAttr(a: PAttribute, d: number): void {
  sh(a.span, d);
  shPath(a.name, d);
  shArgs(a.args, d);
}
function shiftBlock(b: BlockParse, d: number): void {
  b.start += d;
  for (const x of b.diagnostics) sh(x.span, d);
  const k = b.block;
  if (!k) return;
  sh(k.span, d);
  sh(k.fullSpan, d);
  sh(k.keyword.span, d);
  if (k.name) sh(k.name.span, d);
  for (const f of k.fields) {
    sh(f.span, d);
    sh(f.name.span, d);
    if (f.type) {
      sh(f.type.span, d);
      shPath(f.type.name, d);
      shArgs(f.type.args, d);
    }
    for (const a of f.attributes) shAttr(a, d);
  }
  for (const a of k.attributes) shAttr(a, d);
  for (const p of k.properties) {
    sh(p.span, d);
    sh(p.key.span, d);
    shExpr(p.value, d);
  }
}

/**
 * Parses a Prisma schema file. With a `cache` (one per file), blocks whose
 * text is unchanged since the previous call are reused (spans shifted).
 */
export function parsePrisma(text: string, cache?: PrismaParseCache): PrismaFile {
  const blocks: PrismaBlock[] = [];
  const diagnostics: PrismaDiag[] = [];
  const previous = cache?.blocks;
  const next = new Map<string, BlockParse[]>();
  for (const seg of splitSegments(text)) {
    if (!seg.keyword) {
      const braces = text.slice(seg.headStart, seg.end).includes('{');
      let eol = seg.headStart;
      while (eol < seg.end && text.charCodeAt(eol) !== 10 && text.charCodeAt(eol) !== 13) eol++;
      diagnostics.push(
        syntaxError(seg.headStart, braces ? seg.end : eol, braces ? 'This block is invalid. It does not start with any known Prisma schema keyword.' : 'This line is invalid. It does not start with any known Prisma schema keyword.'),
      );
      continue;
    }
    const blockText = text.slice(seg.start, seg.end);
    let bp: BlockParse | undefined;
    const reusable = previous?.get(blockText);
    if (reusable && reusable.length) {
      bp = reusable.pop()!;
      if (bp.start !== seg.start) shiftBlock(bp, seg.start - bp.start);
    } else {
      // the hand-written pass takes plainly valid blocks; chevrotain the rest (recovery, messages)
      const fast = fastBlock(text, seg.start, seg.end);
      if (fast) bp = { start: seg.start, block: fast, diagnostics: NO_DIAGNOSTICS };
      else {
        try {
          bp = parseBlock(blockText, seg.start);
        } catch {
          bp = { start: seg.start, block: undefined, diagnostics: [syntaxError(seg.start, seg.end, 'This block could not be parsed')] };
        }
      }
    }
    // keyed by text only for a cache: hashing every block's text costs a whole-file pass
    if (cache) {
      const list = next.get(blockText);
      if (list) list.push(bp);
      else next.set(blockText, [bp]);
    }
    if (bp.block) blocks.push(bp.block);
    for (const d of bp.diagnostics) diagnostics.push({ ...d, span: { start: d.span.start, end: d.span.end } });
  }
  if (cache) cache.blocks = next;
  diagnostics.sort((a, b) => a.span.start - b.span.start);
  return { blocks, diagnostics };
}
