/**
 * The DBML direct parser: one pass over a block's characters that scans and
 * parses at once, for blocks without any lexical or syntax error (nearly every
 * block of a real file). No token array, no token objects, no copies of the
 * block's text: it reads the file's text in place between two offsets and
 * slices out only the strings the tree keeps.
 *
 * It is the fast parser (fast-parser.ts) over a scanner that yields the very
 * tokens the chevrotain lexer (lexer.ts) yields, with the same decisions in the
 * same order, building the same tree (the statement builder and the string
 * decoders are tree.ts's; its nodes serialise like fast-parser.ts's, key for
 * key). For less memory per character, its most numerous nodes are their own
 * spans (nodes.ts), every array is allocated at its exact size and short names
 * are shared strings (the tree reads as the same data). It
 * gives up (returns undefined) wherever the lexer would report something (an
 * unterminated string, name, expression or comment, a character no token
 * matches), where a token's extent would depend on the lexer's backtracking
 * (a number glued to letters, `12abc`), and wherever the fast parser gives up;
 * the caller then takes the token path, which owns every diagnostic. So this
 * path never changes what is reported or built. Never throws.
 */
import type { Body, Comment, Element, Expr, Ident, Line, QName, RelOp, SettingItem, SettingList } from './ast.js';
import { blockBase, blockText, type Anchor, type DocText, type Span } from '../../text/span.js';
import { joinValue, makeStatement, mkSpan, tripleValue, unescapeString } from './tree.js';
import { COMPACT_ARRAY, COMPACT_INCREMENT, COMPACT_NOT_NULL, COMPACT_NULL, COMPACT_PK, COMPACT_QUOTED, COMPACT_UNIQUE, NO_ITEMS, backtickExprNode, compactColumnBits, type CompactType, CompactIndexesNode, CompactIndexLine, CompactInlineRef, CompactLineNode, CompactRefNode, type CompactColumn, type CompactDefault, sharedDefault, bodyNode, callExprNode, identNode, nameExprNode, qnameNode, settingListNode, settingNode, spanNode, stringExprNode, textExprNode } from './nodes.js';

type Statement = Element | Line;

// token types (small integers; the order makes the class tests below ranges; typed `number` so that
// the compiler does not narrow the current token across `next()`)
const EOF: number = 0;
const IDENT: number = 1;
const QIDENT: number = 2;
const SSTRING: number = 3;
const TSTRING: number = 4;
const NUMBER: number = 5;
const COLOR: number = 6;
const BACKTICK: number = 7;
const TILDE: number = 8;
const LPAREN: number = 9;
const NE: number = 10;
const LT: number = 11;
const GT: number = 12;
const MINUS: number = 13;
const PLUS: number = 14;
const LCURLY: number = 15;
const RCURLY: number = 16;
const LBRACK: number = 17;
const RBRACK: number = 18;
const RPAREN: number = 19;
const COMMA: number = 20;
const COLON: number = 21;
const DOT: number = 22;

const REL_OPS: readonly RelOp[] = ['<>', '<', '>', '-'];

/** Can a token of type `t` start a `primary` (name, string, number, color, backtick expression, `~partial`, tuple)? */
function isPrimaryStart(t: number): boolean {
  return t >= IDENT && t <= LPAREN;
}

/** Can a token of type `t` start an `atom` (a primary, a relation operator, a sign)? */
function isAtomStart(t: number): boolean {
  return t >= IDENT && t <= PLUS;
}

function isRelOp(t: number): boolean {
  return t >= NE && t <= MINUS;
}

/** An Identifier's continuation character: `[A-Za-z0-9_$\u0080-\uffff]`. */
function isIdentPart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c >= 128;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Setting names of two words as shared strings: the tree keeps one `not null`, not one per column. */
const NOT_NULL = 'not null';
const PRIMARY_KEY = 'primary key';

/**
 * A string the tree keeps, made from `s[start, end)` without keeping `s`. V8 makes a slice of 13
 * characters or more a sliced string, which points into its parent: a name or note sliced from a file's
 * first version would keep that whole version alive after the file is edited (at 5,000 tables, 3.3 MB
 * next to the current text). Shorter slices are copies already; longer ones are copied here: the
 * concatenation is a cons string, which reading its last character flattens into a new string of its own
 * (the sink keeps the read from being optimised away), and the collector then drops the cons for it.
 */
let flatSink = 0;
export function keep(s: string, start: number, end: number): string {
  if (end - start <= 12) return s.slice(start, end);
  const v = s.slice(start, start + 1) + s.slice(start + 1, end);
  flatSink ^= v.charCodeAt(v.length - 1);
  return v;
}

/**
 * How a block with compact records keeps its text, which they are parsed again from when a reader asks
 * for their nodes: through the file's text holder when the block was parsed from the file's text in
 * place (`doc`, whose text is `src`: nothing of a version outlives it), else as its own text.
 */
function keepText(anchor: Anchor, src: string, from: number, to: number, doc: DocText | undefined): void {
  if (doc) anchor.doc = doc;
  else anchor.text = from === 0 && to === src.length ? src : src.slice(from, to);
}

/**
 * Names as shared strings: a schema repeats its column, table and type names (`id`, `created_at`, `int`,
 * `customer_1064_id`) thousands of times, and one string per name instead of one per occurrence is less
 * to allocate, to copy through the young generation and to keep. A direct-mapped cache hashed from the
 * characters in place, so a hit allocates nothing. What it holds are copies (`keep`), so it never holds
 * on to a file's text.
 */
const INTERN_SIZE = 4096;
const internTable: string[] = new Array<string>(INTERN_SIZE).fill('');

function intern(s: string, start: number, end: number): string {
  const len = end - start;
  // a hash of four characters and the length is enough to spread short names, two more for long ones
  // (`customer_1064_id`, `customer_1065_id`): the comparison below decides
  const mid = start + (len >> 1);
  let h = Math.imul(len ^ (s.charCodeAt(start) << 7), 0x01000193) ^ s.charCodeAt(end - 1);
  h = Math.imul(h, 0x01000193) ^ (s.charCodeAt(mid) << 3) ^ s.charCodeAt(mid - 1);
  if (len > 12) h = Math.imul(h, 0x01000193) ^ (s.charCodeAt(end - 4) << 5) ^ s.charCodeAt(end - 5);
  h = (h ^ (h >>> 15)) & (INTERN_SIZE - 1);
  const c = internTable[h];
  if (c.length === len) {
    let i = 0;
    while (i < len && c.charCodeAt(i) === s.charCodeAt(start + i)) i++;
    if (i === len) return c;
  }
  const v = keep(s, start, end);
  internTable[h] = v;
  return v;
}

/** Compact column lines on (the default) or off: tests parse both ways and compare. */
let compactColumns = true;

/** Turns compact column lines (nodes.ts CompactColumn) on or off; returns the previous setting. */
export function setCompactColumns(on: boolean): boolean {
  const was = compactColumns;
  compactColumns = on;
  return was;
}

/** A name of a compact Ref's endpoint or name: plain ASCII, or quoted without a dot, a backslash or a line break. */
const REF_NAME = '(?:[A-Za-z_][A-Za-z0-9_]*|"[^"\\\\.\\r\\n]+")';
const REF_ENDPOINT = `${REF_NAME}(?:\\.${REF_NAME}){1,2}`;
const REF_ACTION = '(cascade|restrict|set null|set default|no action)';
const REF_SETTING = `(delete|update)[ \\t]*:[ \\t]*${REF_ACTION}`;
/**
 * A block that is one Ref line and nothing else (trailing blank lines aside): `Ref` (any case), a name or none, `:`,
 * two endpoints of two or three names around an operator, and `delete` / `update` settings or none.
 */
const COMPACT_REF = new RegExp(
  `[Rr][Ee][Ff](?:[ \\t]+(${REF_NAME}))?[ \\t]*:[ \\t]*(${REF_ENDPOINT})[ \\t]*(<>|<|>|-)[ \\t]*(${REF_ENDPOINT})` +
    `(?:[ \\t]*\\[[ \\t]*${REF_SETTING}(?:[ \\t]*,[ \\t]*${REF_SETTING})?[ \\t]*\\])?[ \\t\\r\\n]*`,
  'y',
);

/**
 * The block `src[from, to)` as a compact Ref (nodes.ts CompactRefNode) when it is one simple Ref line
 * that the full path would make into a Ref with no diagnostic; else undefined. Its offsets attach to
 * `anchor`, which then keeps the block's text (the line is parsed again from it when a reader asks for
 * its nodes).
 */
export function compactRefBlock(src: string, from: number, to: number, anchor: Anchor, doc?: DocText): CompactRefNode | undefined {
  if (!compactColumns || to - from < 12 || (src.charCodeAt(from) | 32) !== 114 /* R or r */) return undefined;
  COMPACT_REF.lastIndex = from;
  const m = COMPACT_REF.exec(src);
  if (!m || m.index + m[0].length !== to) return undefined;
  // the same setting twice is a diagnostic on the full path
  if (m[5] !== undefined && m[5] === m[7]) return undefined;
  const line = m[0].trimEnd();
  const end = line.length;
  const written = m[1];
  // positions, block-relative: the name follows `Ref`, the endpoints and the operator follow each other
  const nameStart = written === undefined ? -1 : line.indexOf(written, 3);
  const leftText = m[2];
  const valueStart = line.indexOf(leftText, written === undefined ? 3 : nameStart + written.length);
  const opStart = valueStart + leftText.length + spaces(line, valueStart + leftText.length);
  const op = m[3] as RelOp;
  const rightText = m[4];
  const rightStart = opStart + op.length + spaces(line, opStart + op.length);
  const rightEnd = rightStart + rightText.length;
  const settingsStart = m[5] === undefined ? -1 : line.indexOf('[', rightEnd);
  const actions: string[] = m[5] === undefined ? NO_ITEMS : m[7] === undefined ? [m[5], m[6]] : [m[5], m[6], m[7], m[8]];
  const left = splitNames(leftText);
  const right = splitNames(rightText);
  const nameQuoted = written !== undefined && written.charCodeAt(0) === 34;
  const name = written === undefined ? undefined : keep(written, nameQuoted ? 1 : 0, nameQuoted ? written.length - 1 : written.length);
  keepText(anchor, src, from, to, doc);
  return new CompactRefNode(anchor, end, name, nameStart, nameQuoted, valueStart, settingsStart >= 0 ? end : rightEnd, left.names, left.quoted, op, opStart, right.names, right.quoted, rightStart, actions, settingsStart);
}

/** The number of spaces and tabs at `i`. */
function spaces(s: string, i: number): number {
  let k = 0;
  while (s.charCodeAt(i + k) === 32 || s.charCodeAt(i + k) === 9) k++;
  return k;
}

/** `a.b.c` or `"a"."b"` as its names (unquoted, interned: a schema names the same tables and columns again and again) and a bit per quoted one. */
function splitNames(text: string): { names: string[]; quoted: number } {
  const names: string[] = [];
  let quoted = 0;
  let at = 0;
  while (at < text.length) {
    if (text.charCodeAt(at) === 34) {
      const close = text.indexOf('"', at + 1);
      quoted |= 1 << names.length;
      names.push(intern(text, at + 1, close));
      at = close + 2;
    } else {
      let dot = text.indexOf('.', at);
      if (dot < 0) dot = text.length;
      names.push(intern(text, at, dot));
      at = dot + 1;
    }
  }
  // exact size: a pushed-to array keeps room for 17 (136 bytes more than two or three names need)
  return { names: names.slice(), quoted };
}

/** A name in a compact index line: plain ASCII, or quoted without a backslash or a line break. */
const IX_NAME = '(?:[A-Za-z_][A-Za-z0-9_]*|"[^"\\\\\\r\\n]+")';
const IX_STRING = "'[^'\\\\\\r\\n]*'";
const IX_SETTING = `(?:unique|pk|name:[ \\t]*${IX_STRING}|type:[ \\t]*(?:btree|hash)|note:[ \\t]*${IX_STRING})`;
/** One index line: a name or a (name, ...) list, settings or none, then the line break. */
const IX_LINE = new RegExp(
  `([ \\t]*)(?:(${IX_NAME})|\\(([ \\t]*${IX_NAME}(?:[ \\t]*,[ \\t]*${IX_NAME})*)[ \\t]*\\)|\`([^\`\\\\\\r\\n]*)\`)(?:[ \\t]*\\[[ \\t]*(${IX_SETTING}(?:[ \\t]*,[ \\t]*${IX_SETTING})*)[ \\t]*\\])?[ \\t]*\\r?\\n`,
  'y',
);
const IX_OPEN = /[Ii][Nn][Dd][Ee][Xx][Ee][Ss][ \t]*\{[ \t]*\r?\n/y;
const IX_BLANK = /[ \t]*\r?\n/y;
const IX_CLOSE = /[ \t]*\}/y;
/** The name at `i` (plain or quoted): its text, interned when plain; `nameEnd` is where it ends. */
let nameEnd = 0;
function nameAt(src: string, i: number): string {
  if (src.charCodeAt(i) === 34) {
    const close = src.indexOf('"', i + 1);
    nameEnd = close + 1;
    return keep(src, i + 1, close);
  }
  let j = i;
  while (isIdentPart(src.charCodeAt(j))) j++;
  nameEnd = j;
  return intern(src, i, j);
}

/** Scratch lists of compactIndexesAt (an index line's names and settings, copied out at their exact size). */
const ixCols: string[] = [];
const ixStarts: number[] = [];
const ixNames: string[] = [];
const ixPositions: number[] = [];

/** The first index at or after `i` that is not a space or a tab. */
function skipBlanks(src: string, i: number): number {
  let c = src.charCodeAt(i);
  while (c === 32 || c === 9) c = src.charCodeAt(++i);
  return i;
}

/**
 * The `indexes { ... }` block at `start` of `src` as a compact record when every line is a simple
 * index line (see CompactIndexLine) and the block closes with `}` before `limit`; else undefined.
 * Each line is checked whole by a sticky regular expression (no match is made), then read by hand.
 * Offsets are relative to `from` (the block's start).
 */
function compactIndexesAt(src: string, start: number, limit: number, from: number, anchor: Anchor): CompactIndexesNode | undefined {
  IX_OPEN.lastIndex = start;
  if (!IX_OPEN.test(src)) return undefined;
  const open = src.indexOf('{', start);
  let at = IX_OPEN.lastIndex;
  const node = new CompactIndexesNode(anchor, start - from, open - from, 0);
  const lines: CompactIndexLine[] = [];
  for (;;) {
    if (at >= limit) return undefined;
    const i = skipBlanks(src, at);
    const c = src.charCodeAt(i);
    if (c === 125 /* } */) {
      node.closeOfSpan = i - from;
      break;
    }
    if (c === 10 || c === 13) {
      IX_BLANK.lastIndex = at;
      if (!IX_BLANK.test(src)) return undefined;
      at = IX_BLANK.lastIndex;
      continue;
    }
    IX_LINE.lastIndex = at;
    if (!IX_LINE.test(src)) return undefined;
    const next = IX_LINE.lastIndex;
    // the line as checked: read its parts in place
    // names and positions go to scratch lists first, then to lists of their exact size
    let n = 0;
    let quoted = 0;
    let expression: string | undefined;
    let j: number;
    if (c === 40 /* ( */) {
      j = skipBlanks(src, i + 1);
      for (;;) {
        if (n === 30) return undefined;
        if (src.charCodeAt(j) === 34) quoted |= 1 << n;
        ixStarts[n] = j - from;
        ixCols[n++] = nameAt(src, j);
        j = skipBlanks(src, nameEnd);
        if (src.charCodeAt(j) !== 44 /* , */) break;
        j = skipBlanks(src, j + 1);
      }
      j++; // the `)`
    } else if (c === 96 /* ` */) {
      const close = src.indexOf('`', i + 1);
      expression = keep(src, i + 1, close);
      j = close + 1;
    } else {
      if (c === 34) quoted = 1;
      ixStarts[n] = i - from;
      ixCols[n++] = nameAt(src, i);
      j = nameEnd;
    }
    let end = j;
    const line = new CompactIndexLine(anchor, i - from, 0, n === 0 ? NO_ITEMS : ixCols.slice(0, n), n === 0 ? NO_ITEMS : ixStarts.slice(0, n), quoted);
    line.expression = expression;
    j = skipBlanks(src, j);
    if (src.charCodeAt(j) === 91 /* [ */) {
      let k = 0;
      j = skipBlanks(src, j + 1);
      for (;;) {
        const ks = j;
        while (isIdentPart(src.charCodeAt(j))) j++;
        const key = intern(src, ks, j);
        // the same setting twice is a diagnostic on the full path
        for (let q = 0; q < k; q++) if (ixNames[q] === key) return undefined;
        ixPositions[k] = ks - from;
        ixNames[k++] = key;
        if (key === 'unique') line.unique = true;
        else if (key === 'pk') line.pk = true;
        else {
          j = skipBlanks(src, skipBlanks(src, j) + 1); // past the `:`
          let value: string;
          if (src.charCodeAt(j) === 39) {
            const close = src.indexOf("'", j + 1);
            value = keep(src, j + 1, close);
            j = close + 1;
          } else {
            const vs = j;
            while (isIdentPart(src.charCodeAt(j))) j++;
            value = intern(src, vs, j);
          }
          if (key === 'name') line.name = value;
          else if (key === 'note') line.note = value;
          else line.type = value;
        }
        j = skipBlanks(src, j);
        if (src.charCodeAt(j) !== 44 /* , */) break;
        j = skipBlanks(src, j + 1);
      }
      end = j + 1; // the `]`
      line.settingNames = ixNames.slice(0, k);
      line.settingStartsOfSpan = ixPositions.slice(0, k);
    }
    line.endOfSpan = end - from;
    lines.push(line);
    at = next;
  }
  if (lines.length === 0 || node.closeOfSpan + from >= limit) return undefined;
  node.lines = lines.slice(); // exact size (see splitNames)
  return node;
}

/** Is the statement's head the keyword `Table` (a plain name, any case)? */
function isTableKeyword(parts: readonly unknown[]): boolean {
  const p0 = parts[0] as Expr | undefined;
  if (!p0 || p0.kind !== 'qname' || p0.name.tuple || p0.name.parts.length !== 1) return false;
  const k = p0.name.parts[0];
  return !k.quoted && k.text.length === 5 && k.text.toLowerCase() === 'table';
}

/**
 * A compact column's type (`int`, `varchar(255)`, `numeric(10,2)`, `core.status`, `text[]`): its names, its
 * text as the interpreter writes it (`name(a,b)`, no spaces) and its arguments, one object for every line
 * that writes it the same way (a schema uses a handful), keyed by the type as written (quotes and spaces
 * included). A plain name (no arguments, schema or `[]`) is keyed by the name (an interned string: no key to make).
 */
const plainTypes = new Map<string, CompactType>();
const writtenTypes = new Map<string, CompactType>();

function plainType(tq1: string): CompactType {
  let t = plainTypes.get(tq1);
  if (!t) {
    t = { tq1, tq2: undefined, text: tq1, args: NO_ITEMS };
    if (plainTypes.size >= 4096) plainTypes.clear();
    plainTypes.set(tq1, t);
  }
  return t;
}

/** The type written at `src[start, end)`, its `[]` included (which makes it another type). */
function typeOf(src: string, start: number, end: number, tq1: string, tq2: string | undefined, argsStart: number, argsEnd: number, array: boolean): CompactType {
  // looked up by a slice; kept by a copy (see `keep`)
  let t = writtenTypes.get(src.slice(start, end));
  if (!t) {
    const written = keep(src, start, end);
    const name = tq2 === undefined ? tq1 : `${tq1}.${tq2}`;
    let args: string[] = NO_ITEMS;
    if (argsStart >= 0) args = Object.freeze(keep(src, argsStart, argsEnd - 1).split(',').map((x) => x.trim())) as string[];
    const text = argsStart >= 0 ? `${name}(${args.join(',')})` : name;
    t = { tq1, tq2, text: array ? `${text}[]` : text, args };
    if (writtenTypes.size >= 4096) writtenTypes.clear();
    writtenTypes.set(written, t);
  }
  return t;
}

let lineParser: DirectParser | undefined;

/** The full parser's Line for a compact column (nodes.ts `compactLine`). */
export function compactColumnLine(c: CompactColumn): Line {
  const p = (lineParser ??= new DirectParser());
  try {
    const a = c.anchorOfSpan;
    const base = blockBase(a);
    return p.lineAt(blockText(a), base, base + c.startOfSpan, base + c.endOfSpan, a);
  } finally {
    p.release();
  }
}

/** The full parser's Element for a compact indexes block (nodes.ts `materializeIndexes`). */
export function compactIndexesElement(r: CompactIndexesNode): Element {
  const p = (lineParser ??= new DirectParser());
  try {
    const a = r.anchorOfSpan;
    const base = blockBase(a);
    return p.lineAt(blockText(a), base, base + r.startOfSpan, base + r.closeOfSpan + 1, a) as unknown as Element;
  } finally {
    p.release();
  }
}

/** Where the names of a compact column line are: absolute spans (plain objects, for editor features). */
export interface CompactColumnTokens {
  name: Span;
  /** the type's name, or its schema and name */
  typeParts: Span[];
  /** each setting's name (`not null`: both words) */
  settingNames: Span[];
  /** the names of the inline ref's target (`users`, `id`), if the line has one */
  refTarget: Span[];
}

/**
 * The name, type-name and setting-name spans of a compact column line, from its text (the scanner run
 * over the line again; nothing of the tree is made): what semantic tokens, outlines and symbols need.
 */
export function compactColumnTokens(c: CompactColumn): CompactColumnTokens {
  const p = (lineParser ??= new DirectParser());
  try {
    const a = c.anchorOfSpan;
    const base = blockBase(a);
    return p.tokensAt(blockText(a), base, base + c.startOfSpan, base + c.endOfSpan, a.start - base);
  } finally {
    p.release();
  }
}

/** Thrown (and caught in `directParse`) where the token path would report something or decide otherwise. */
const BAIL = { bail: true } as const;

/** A scanner position, for lookahead. */
interface Mark {
  p: number;
  tt: number;
  ts: number;
  te: number;
  tnl: boolean;
  tesc: boolean;
  pt: number;
  pe: number;
  comments: number;
}

/** The anchor of no block (a parser between blocks). */
const NO_ANCHOR: Anchor = { start: 0, text: undefined, doc: undefined };

/**
 * One parser for all blocks (see `directParse`): reset per block, so a block costs no parser object,
 * no fresh stack and no comment list when it has no comments.
 */
class DirectParser {
  private src = '';
  /** the block's start in `src`: offsets relative to the block are `offset - from` */
  private from = 0;
  private to = 0;
  private anchor: Anchor = NO_ANCHOR;
  /** scan position: just after the current token */
  private p = 0;
  /** the current token: type, start, end (offsets into `src`), preceded by a line break, holds a backslash */
  private tt = EOF;
  private ts = 0;
  private te = 0;
  private tnl = true;
  private tesc = false;
  /** the previous (consumed) token's type and end */
  private pt = EOF;
  private pe = 0;
  /**
   * Nodes under construction, `stack[0, top)`: each list is sliced off at its end, so every array of
   * the tree is allocated at its exact size. (Popping moves `top` only: setting an array's length is a runtime call.)
   */
  private readonly stack: unknown[] = [];
  private top = 0;
  /** the block's comments, allocated at the first one */
  comments: Comment[] | undefined;
  /** body nesting (0: a top-level statement) */
  private depth = 0;
  /** the next body is a top-level Table's: its column lines may be compact */
  private compactNext = false;
  /** this block has compact column lines (its anchor keeps the block's text) */
  compactMade = false;

  /** Starts on the block `src[from, to)`, whose spans attach to `anchor`, at `at` (its start unless one line is parsed again). */
  reset(src: string, from: number, to: number, anchor: Anchor, at = from): void {
    this.src = src;
    this.from = from;
    this.to = to;
    this.anchor = anchor;
    this.p = at;
    this.tt = EOF;
    this.pt = EOF;
    this.pe = 0;
    this.top = 0;
    this.depth = 0;
    this.compactNext = false;
    this.compactMade = false;
    this.comments = undefined;
    this.scan(true);
  }

  /** Lets go of the block's text and nodes (the parser outlives them). */
  release(): void {
    this.src = '';
    this.anchor = NO_ANCHOR;
    this.comments = undefined;
    this.stack.length = 0;
    this.top = 0;
  }

  // ------------------------------------------------------------ scanner

  /** Moves to the next token. `first`: the block's first token counts as starting a line. */
  private scan(first: boolean): void {
    const s = this.src;
    const n = this.to;
    let i = this.p;
    let nl = first;
    let c = 0;
    for (;;) {
      if (i >= n) {
        this.tt = EOF;
        this.ts = this.te = this.p = n;
        this.tnl = nl;
        return;
      }
      c = s.charCodeAt(i);
      if (c === 32 || c === 9) i++;
      else if (c === 10 || c === 13) {
        nl = true;
        i++;
      } else if (c === 12 || c === 11 || c === 0xa0 || c === 0xfeff) i++;
      else if (c === 47) {
        const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
        if (d === 47) {
          let j = i + 2;
          while (j < n) {
            const e = s.charCodeAt(j);
            if (e === 10 || e === 13) break;
            j++;
          }
          this.comment('line', i, j);
          i = j;
        } else if (d === 42) {
          const k = s.indexOf('*/', i + 2);
          if (k < 0 || k + 2 > n) throw BAIL;
          // a line break inside a block comment separates the tokens around it
          if (!nl) {
            for (let j = i + 2; j < k; j++) {
              const e = s.charCodeAt(j);
              if (e === 10 || e === 13) {
                nl = true;
                break;
              }
            }
          }
          this.comment('block', i, k + 2);
          i = k + 2;
        } else throw BAIL;
      } else break;
    }
    this.ts = i;
    this.tnl = nl;
    let j = i + 1;
    let t: number;
    switch (c) {
      case 123:
        t = LCURLY;
        break;
      case 125:
        t = RCURLY;
        break;
      case 91:
        t = LBRACK;
        break;
      case 93:
        t = RBRACK;
        break;
      case 40:
        t = LPAREN;
        break;
      case 41:
        t = RPAREN;
        break;
      case 44:
        t = COMMA;
        break;
      case 58:
        t = COLON;
        break;
      case 46:
        t = DOT;
        break;
      case 126:
        t = TILDE;
        break;
      case 60:
        if (j < n && s.charCodeAt(j) === 62) {
          j++;
          t = NE;
        } else t = LT;
        break;
      case 62:
        t = GT;
        break;
      case 45:
        t = MINUS;
        break;
      case 43:
        t = PLUS;
        break;
      case 39:
        if (i + 2 < n && s.charCodeAt(i + 1) === 39 && s.charCodeAt(i + 2) === 39) {
          // '''…''': backslash escapes anything; ends at the first ''' (unterminated: give up)
          j = i + 3;
          for (;;) {
            if (j >= n) throw BAIL;
            const e = s.charCodeAt(j);
            if (e === 92) j += 2;
            else if (e === 39 && j + 2 < n && s.charCodeAt(j + 1) === 39 && s.charCodeAt(j + 2) === 39) {
              j += 3;
              break;
            } else j++;
          }
          t = TSTRING;
        } else {
          j = this.quoted(i, 39);
          t = SSTRING;
        }
        break;
      case 34:
        j = this.quoted(i, 34);
        t = QIDENT;
        break;
      case 96: {
        const k = s.indexOf('`', j);
        if (k < 0 || k >= n) throw BAIL;
        j = k + 1;
        t = BACKTICK;
        break;
      }
      case 35:
        while (j < n) {
          const e = s.charCodeAt(j);
          if ((e >= 97 && e <= 122) || (e >= 65 && e <= 90) || (e >= 48 && e <= 57) || e === 95) j++;
          else break;
        }
        t = COLOR;
        break;
      default:
        if (isDigit(c)) {
          // \d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![A-Za-z_]): where the longest match is glued to a name
          // character, the lexer backtracks into shorter matches or an Identifier: leave that to it
          while (j < n && isDigit(s.charCodeAt(j))) j++;
          if (j + 1 < n && s.charCodeAt(j) === 46 && isDigit(s.charCodeAt(j + 1))) {
            j += 2;
            while (j < n && isDigit(s.charCodeAt(j))) j++;
          }
          if (j < n && (s.charCodeAt(j) | 32) === 101) {
            let k = j + 1;
            if (k < n && (s.charCodeAt(k) === 43 || s.charCodeAt(k) === 45)) k++;
            if (k < n && isDigit(s.charCodeAt(k))) {
              k++;
              while (k < n && isDigit(s.charCodeAt(k))) k++;
              j = k;
            }
          }
          if (j < n && isIdentPart(s.charCodeAt(j))) throw BAIL;
          t = NUMBER;
        } else if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 128) {
          while (j < n && isIdentPart(s.charCodeAt(j))) j++;
          t = IDENT;
        } else throw BAIL;
    }
    this.tt = t;
    this.te = this.p = j;
  }

  /** The end of a one-line `'…'` or `"…"` starting at `i` (backslash escapes); gives up when unterminated. */
  private quoted(i: number, quote: number): number {
    const s = this.src;
    const n = this.to;
    let j = i + 1;
    let esc = false;
    for (;;) {
      if (j >= n) throw BAIL;
      const e = s.charCodeAt(j);
      if (e === quote) break;
      if (e === 92) {
        // `\.`: the escaped character is not a line terminator
        const d = j + 1 < n ? s.charCodeAt(j + 1) : 10;
        if (d === 10 || d === 13 || d === 0x2028 || d === 0x2029) throw BAIL;
        esc = true;
        j += 2;
      } else if (e === 10 || e === 13) throw BAIL;
      else j++;
    }
    this.tesc = esc;
    return j + 1;
  }

  private comment(kind: Comment['kind'], start: number, end: number): void {
    const f = this.from;
    (this.comments ??= []).push({ kind, span: spanNode(this.anchor, start - f, end - f), text: keep(this.src, start, end) });
  }

  /** Consumes the current token. */
  private next(): void {
    this.pt = this.tt;
    this.pe = this.te;
    this.scan(false);
  }

  private mark(): Mark {
    return { p: this.p, tt: this.tt, ts: this.ts, te: this.te, tnl: this.tnl, tesc: this.tesc, pt: this.pt, pe: this.pe, comments: this.comments ? this.comments.length : 0 };
  }

  private rewind(m: Mark): void {
    this.p = m.p;
    this.tt = m.tt;
    this.ts = m.ts;
    this.te = m.te;
    this.tnl = m.tnl;
    this.tesc = m.tesc;
    this.pt = m.pt;
    this.pe = m.pe;
    if (this.comments) this.comments.length = m.comments;
  }

  /** The type of the token `k` ahead (1 = the current one). */
  private peek(k: number): number {
    if (k === 1) return this.tt;
    const m = this.mark();
    for (let i = 1; i < k && this.tt !== EOF; i++) this.next();
    const t = this.tt;
    this.rewind(m);
    return t;
  }

  /** Is the current token on the same line as the previous one (and not the end)? */
  private sameLine(): boolean {
    return this.tt !== EOF && !this.tnl;
  }

  private span(start: number, end: number): Span {
    return spanNode(this.anchor, start - this.from, end - this.from);
  }

  private text(): string {
    return intern(this.src, this.ts, this.te);
  }

  private push(x: unknown): void {
    this.stack[this.top++] = x;
  }

  /** The items pushed since `mark`, as an exact-size array; pops them. */
  private take<T>(mark: number): T[] {
    const out = this.stack.slice(mark, this.top) as T[];
    this.top = mark;
    return out;
  }

  // ------------------------------------------------------------ parser (fast-parser.ts, decision for decision)

  private signedNumberAhead(): boolean {
    const m = this.mark();
    let k = 1;
    let found = false;
    for (; k < 64; k++) {
      const t = this.tt;
      if (t === NUMBER) {
        found = k > 1;
        break;
      }
      if (t !== MINUS && t !== PLUS) break;
      this.next();
    }
    this.rewind(m);
    return found;
  }

  /** `[]` or `[3]` glued to the previous token: an array dimension. */
  private arrayDimAhead(): boolean {
    if (this.tt !== LBRACK || this.pe !== this.ts) return false;
    const t2 = this.peek(2);
    return t2 === RBRACK || (t2 === NUMBER && this.peek(3) === RBRACK);
  }

  block(): Statement[] {
    const mark = this.top;
    while (this.tt !== EOF) {
      if (!isAtomStart(this.tt)) throw BAIL;
      this.push(this.statement());
    }
    return this.take<Statement>(mark);
  }

  private statement(): Statement {
    const a = this.anchor;
    const firstStart = a.start + this.ts - this.from;
    const mark = this.top;
    this.push(this.atom());
    let commaSeparated = false;
    while (this.sameLine()) {
      const t = this.tt;
      if (t === COMMA) {
        this.next();
        commaSeparated = true;
      } else if (!isAtomStart(t)) break;
      this.push(this.atom());
    }
    let colonEnd: number | undefined;
    let values: Expr[] | undefined;
    if (this.sameLine() && this.tt === COLON) {
      colonEnd = a.start + this.te - this.from;
      this.next();
      const vmark = this.top;
      // the first value may follow on the next line
      while (this.top === vmark || this.sameLine()) {
        const t = this.tt;
        if (t === EOF) break;
        if (t === COMMA) this.next();
        else if (!isAtomStart(t)) break;
        this.push(this.atom());
      }
      values = this.take<Expr>(vmark);
    }
    const parts = this.take<Expr>(mark);
    const settings = this.sameLine() && this.tt === LBRACK ? this.settingList() : undefined;
    // a top-level Table's column lines may be compact (see compactColumn)
    if (this.tt === LCURLY && this.depth === 0 && colonEnd === undefined && compactColumns && isTableKeyword(parts)) this.compactNext = true;
    const body = this.tt === LCURLY ? this.body() : undefined;
    return makeStatement(a, firstStart, parts, commaSeparated, colonEnd, values, settings, body);
  }

  private body(): Body {
    const openStart = this.ts;
    const openEnd = this.te;
    const compact = this.compactNext;
    this.compactNext = false;
    this.next();
    const mark = this.top;
    this.depth++;
    for (;;) {
      const t = this.tt;
      if (t === EOF || t === RCURLY) break;
      // a stray token, or two statements on one line: the chevrotain parser reports them
      if (!isAtomStart(t) || (this.top > mark && !this.tnl)) throw BAIL;
      if (compact) {
        // an `indexes { ... }` block of simple lines: one record (its text is the block's, kept on the anchor)
        if (t === IDENT && this.te - this.ts === 7 && (this.src.charCodeAt(this.ts) | 32) === 105) {
          const x = compactIndexesAt(this.src, this.ts, this.to, this.from, this.anchor);
          if (x) {
            this.push(x);
            this.compactMade = true;
            // on after the `}`, as if the parser had read it
            this.pt = RCURLY;
            this.pe = this.p = this.from + x.closeOfSpan + 1;
            this.scan(false);
            continue;
          }
        }
        const c = this.compactColumn();
        if (c) {
          this.push(c);
          continue;
        }
      }
      this.push(this.statement());
    }
    this.depth--;
    if (this.tt !== RCURLY) throw BAIL;
    const closeStart = this.ts;
    const closeEnd = this.te;
    this.next();
    const items = this.take<Element | Line>(mark);
    const f = this.from;
    return bodyNode(this.anchor, openStart - f, closeEnd - f, items, this.span(openStart, openEnd), this.span(closeStart, closeEnd));
  }

  private settingList(): SettingList {
    const openStart = this.ts;
    this.next();
    const mark = this.top;
    if (this.tt === IDENT) {
      this.push(this.settingItem());
      while (this.tt === COMMA) {
        this.next();
        if (this.tt !== IDENT) throw BAIL;
        this.push(this.settingItem());
      }
    }
    if (this.tt !== RBRACK) throw BAIL;
    const closeEnd = this.te;
    this.next();
    const f = this.from;
    return settingListNode(this.anchor, openStart - f, closeEnd - f, this.take<SettingItem>(mark));
  }

  private settingItem(): SettingItem {
    const a = this.anchor;
    const nameStart = this.ts;
    let name = this.text().toLowerCase();
    let nameEnd = this.te;
    this.next();
    if (this.sameLine() && this.tt === IDENT) {
      const second = this.text().toLowerCase();
      nameEnd = this.te;
      this.next();
      const more = this.sameLine() && this.tt === IDENT;
      // the two-word names as constants, without building (and dropping) the joined string
      if (!more && name === 'not' && second === 'null') name = NOT_NULL;
      else if (!more && name === 'primary' && second === 'key') name = PRIMARY_KEY;
      else {
        name += ' ' + second;
        while (this.sameLine() && this.tt === IDENT) {
          name += ' ' + this.text().toLowerCase();
          nameEnd = this.te;
          this.next();
        }
      }
    }
    let v: Expr | undefined;
    const f = this.from;
    // the value's end, block-relative: the previous token's end, unless several values were joined
    let vEnd = 0;
    if (this.tt === COLON) {
      this.next();
      if (!isAtomStart(this.tt)) throw BAIL;
      v = this.atom();
      vEnd = this.pe - f;
      if (this.sameLine() && isAtomStart(this.tt)) {
        const mark = this.top;
        this.push(v);
        while (this.sameLine() && isAtomStart(this.tt)) this.push(this.atom());
        v = joinValue(a, this.take<Expr>(mark));
        vEnd = v.span.end - a.start;
      }
    }
    // a flag's span is its name's, as in parser.ts: the setting itself
    if (!v) return settingNode(a, nameStart - f, nameEnd - f, name, undefined, undefined);
    return settingNode(a, nameStart - f, vEnd, name, this.span(nameStart, nameEnd), v);
  }

  private atom(): Expr {
    const a = this.anchor;
    const t = this.tt;
    if ((t === MINUS || t === PLUS) && this.signedNumberAhead()) {
      const st = this.stack;
      const mark = this.top;
      while (this.tt === MINUS || this.tt === PLUS) {
        this.push(this.ts);
        this.next();
      }
      let e: Expr = textExprNode(a, this.ts - this.from, this.te - this.from, 'number', this.text());
      this.next();
      const f = this.from;
      for (let k = this.top - 1; k >= mark; k--) {
        const opStart = st[k] as number;
        e = { kind: 'unary', op: this.src.charCodeAt(opStart) === 45 ? '-' : '+', operand: e, span: mkSpan(a, a.start + opStart - f, e.span.end) };
      }
      this.top = mark;
      return e;
    }
    if (isRelOp(t)) {
      // a prefix relation: `ref: > users.id`
      const opSpan = this.span(this.ts, this.te);
      this.next();
      const right = this.primary();
      return { kind: 'relation', op: REL_OPS[t - NE], opSpan, right, span: mkSpan(a, opSpan.start, right.span.end) };
    }
    const left = this.primary();
    const n = this.tt;
    if (n !== EOF && !this.tnl && isRelOp(n)) {
      const opSpan = this.span(this.ts, this.te);
      this.next();
      const right = this.primary();
      return { kind: 'relation', op: REL_OPS[n - NE], opSpan, left, right, span: mkSpan(a, left.span.start, right.span.end) };
    }
    return left;
  }

  private primary(): Expr {
    const start = this.ts;
    const end = this.te;
    switch (this.tt) {
      case IDENT:
      case QIDENT:
        return this.nameOrCall();
      case SSTRING: {
        const raw = keep(this.src, start + 1, end - 1);
        const value = this.tesc ? unescapeString(raw) : raw;
        this.next();
        return stringExprNode(this.anchor, start - this.from, end - this.from, value, false);
      }
      case TSTRING: {
        const value = tripleValue(this.text());
        this.next();
        return stringExprNode(this.anchor, start - this.from, end - this.from, value, true);
      }
      case NUMBER: {
        const text = this.text();
        this.next();
        return textExprNode(this.anchor, start - this.from, end - this.from, 'number', text);
      }
      case COLOR: {
        const text = this.text();
        this.next();
        return textExprNode(this.anchor, start - this.from, end - this.from, 'color', text);
      }
      case BACKTICK: {
        const value = keep(this.src, start + 1, end - 1);
        this.next();
        return backtickExprNode(this.anchor, start - this.from, end - this.from, value);
      }
      case TILDE: {
        this.next();
        if (this.tt !== IDENT && this.tt !== QIDENT) throw BAIL;
        const n = this.name();
        return { kind: 'partial', name: n, span: mkSpan(this.anchor, this.anchor.start + start - this.from, n.span.end) };
      }
      case LPAREN:
        return this.tuple();
      default:
        throw BAIL;
    }
  }

  private tuple(): Extract<Expr, { kind: 'tuple' }> {
    const openStart = this.ts;
    const items = this.tupleItems();
    return { kind: 'tuple', items, span: this.span(openStart, this.pe) };
  }

  /** `(a, b)`: the items; on return the `)` is the previous token. */
  private tupleItems(): Expr[] {
    this.next();
    const mark = this.top;
    if (isAtomStart(this.tt)) {
      this.push(this.atom());
      while (this.tt === COMMA) {
        this.next();
        if (!isAtomStart(this.tt)) throw BAIL;
        this.push(this.atom());
      }
    }
    if (this.tt !== RPAREN) throw BAIL;
    this.next();
    return this.take<Expr>(mark);
  }

  /** `a`, `a.b.c`, `a.(x, y)`, `varchar(255)`, `int[]`, `int[3][3]` */
  private nameOrCall(): Expr {
    const a = this.anchor;
    // block-relative offsets (read here rather than through the nodes' span accessors)
    const rs = this.ts - this.from;
    const first = this.name();
    let parts: Ident[];
    let tuple: Extract<Expr, { kind: 'tuple' }> | undefined;
    if (this.tt === DOT) {
      const mark = this.top;
      this.push(first);
      while (this.tt === DOT) {
        this.next();
        const t = this.tt;
        if (t === IDENT || t === QIDENT) this.push(this.name());
        else if (t === LPAREN) tuple = this.tuple();
        else throw BAIL;
      }
      parts = this.take<Ident>(mark);
    } else parts = [first];
    // the tuple's end (names after it do not count, as in the token path), else the last name's
    const re = tuple ? tuple.span.end - a.start : this.pe - this.from;
    // `varchar(255)`: the call keeps the arguments and the `)`'s end, not a tuple node
    let args: Expr[] | undefined;
    let argsEnd = -1;
    if (this.sameLine() && this.pt !== RPAREN && this.tt === LPAREN) {
      args = this.tupleItems();
      argsEnd = this.pe;
    }
    let dims: string[] | undefined;
    let arrEnd = -1;
    while (this.arrayDimAhead()) {
      this.next();
      let size = '';
      if (this.tt === NUMBER) {
        size = this.text();
        this.next();
      }
      arrEnd = this.te;
      this.next();
      (dims ??= []).push(size);
    }
    if (parts.length === 1 && !tuple && !args && !dims) return nameExprNode(parts);
    // a one-part callee (`varchar(255)`) is spanned by its name
    const qn: QName =
      parts.length === 1 && !tuple
        ? { parts, span: first.span }
        : qnameNode(a, rs, re, parts, tuple ? tuple.items.flatMap((e) => (e.kind === 'qname' && e.name.parts.length === 1 ? [e.name.parts[0]] : [])) : undefined);
    if (args || dims) {
      const end = (dims ? arrEnd : argsEnd) - this.from;
      return callExprNode(a, rs, end, qn, args ?? NO_ITEMS, !!dims, dims && dims.slice());
    }
    // the expression and its name have one span
    return { kind: 'qname', name: qn, span: qn.span };
  }

  /**
   * A simple column line at the current token, as one record (nodes.ts CompactColumn), or undefined
   * (nothing consumed) when the line is anything else: the full path then parses it. Takes exactly the
   * lines for which `statement` builds a plain line and the interpreter's `column` a column with no
   * diagnostic: a plain or quoted name; a type `t`, `s.t`, `t(n)`, `t(n, m)`, `s.t(n)`, each maybe `[]`
   * glued; at most one setting list of distinct `pk`/`primary key`, `unique`, `increment`, `null` or
   * `not null` (not both), `default:` a number, 'string', `expression`, true, false or null,
   * `note:` a 'string', and one `ref: OP target` whose target is one to three plain names glued by
   * dots; nothing else on the line, and no `{` next (which would make it an element).
   */
  private compactColumn(): CompactColumn | undefined {
    const t0 = this.tt;
    if (t0 !== IDENT && t0 !== QIDENT) return undefined;
    this.saveCompact();
    const f = this.from;
    const src = this.src;
    const ns = this.ts;
    const ne = this.te;
    let bits = 0;
    let cname: string;
    if (t0 === IDENT) cname = intern(src, ns, ne);
    else {
      const raw = keep(src, ns + 1, ne - 1);
      cname = this.tesc ? unescapeString(raw) : raw;
      bits |= COMPACT_QUOTED;
    }
    this.next();
    if (!this.sameLine() || (this.tt !== IDENT && this.tt !== QIDENT)) return this.failCompact();
    const ts = this.ts;
    let te = this.te;
    const tq1 = this.nameText();
    let tq2: string | undefined;
    this.next();
    if (this.tt === DOT && this.pe === this.ts) {
      this.next();
      if ((this.tt !== IDENT && this.tt !== QIDENT) || this.pe !== this.ts) return this.failCompact();
      tq2 = this.nameText();
      te = this.te;
      this.next();
    }
    let argsStart = -1;
    let argsEnd = -1;
    if (this.sameLine() && this.tt === LPAREN) {
      argsStart = this.te;
      this.next();
      if (this.tt !== NUMBER) return this.failCompact();
      this.next();
      if (this.tt === COMMA) {
        this.next();
        if (this.tt !== NUMBER) return this.failCompact();
        this.next();
      }
      if (this.tt !== RPAREN) return this.failCompact();
      te = argsEnd = this.te;
      this.next();
    }
    if (this.tt === LBRACK && this.pe === this.ts) {
      this.next();
      if (this.tt !== RBRACK) return this.failCompact();
      te = this.te;
      bits |= COMPACT_ARRAY;
      this.next();
    }
    let defKind: CompactDefault['kind'] | undefined;
    let defValue: string | undefined;
    let note: string | undefined;
    let ref: CompactInlineRef | undefined;
    let re = this.pe;
    if (this.sameLine() && this.tt === LBRACK) {
      this.next();
      for (;;) {
        if (this.tt !== IDENT) return this.failCompact();
        const refStart = this.ts;
        const w = this.text().toLowerCase();
        this.next();
        let bit = 0;
        if (w === 'pk') bit = COMPACT_PK;
        else if (w === 'unique') bit = COMPACT_UNIQUE;
        else if (w === 'increment') bit = COMPACT_INCREMENT;
        else if (w === 'null') bit = COMPACT_NULL;
        else if (w === 'not' || w === 'primary') {
          if (!this.sameLine() || this.tt !== IDENT) return this.failCompact();
          const w2 = this.text().toLowerCase();
          if (w === 'not' && w2 === 'null') bit = COMPACT_NOT_NULL;
          else if (w === 'primary' && w2 === 'key') bit = COMPACT_PK;
          else return this.failCompact();
          this.next();
        } else if (w === 'ref') {
          // one `ref: OP target`, the target one to three plain names glued by dots
          if (ref !== undefined || this.tt !== COLON) return this.failCompact();
          this.next();
          const ot = this.tt;
          if (!isRelOp(ot)) return this.failCompact();
          this.next();
          if (this.tt !== IDENT) return this.failCompact();
          const target = this.ts;
          const names = [intern(src, this.ts, this.te)];
          this.next();
          while (this.tt === DOT && this.pe === this.ts) {
            this.next();
            if (this.tt !== IDENT || this.pe !== this.ts || names.length === 3) return this.failCompact();
            names.push(intern(src, this.ts, this.te));
            this.next();
          }
          // the target ends the setting: a `.` with a space, a call, `[]` or another word would make it something else
          if (this.tt !== COMMA && this.tt !== RBRACK) return this.failCompact();
          // exact size (see splitNames)
          ref = new CompactInlineRef(REL_OPS[ot - NE], names.length === 1 ? names : names.slice(), refStart - f, target - f, this.pe - f);
        } else if (w === 'default' || w === 'note') {
          if (this.tt !== COLON) return this.failCompact();
          this.next();
          const vt = this.tt;
          if (w === 'note') {
            if (note !== undefined) return this.failCompact();
            if (vt === SSTRING) {
              const raw = keep(src, this.ts + 1, this.te - 1);
              note = this.tesc ? unescapeString(raw) : raw;
            } else if (vt === TSTRING) note = tripleValue(this.text());
            else return this.failCompact();
          } else {
            if (defKind !== undefined) return this.failCompact();
            if (vt === NUMBER) {
              defKind = 'number';
              defValue = this.text();
            } else if (vt === SSTRING) {
              defKind = 'string';
              const raw = keep(src, this.ts + 1, this.te - 1);
              defValue = this.tesc ? unescapeString(raw) : raw;
            } else if (vt === TSTRING) {
              defKind = 'string';
              defValue = tripleValue(this.text());
            } else if (vt === BACKTICK) {
              defKind = 'expression';
              defValue = keep(src, this.ts + 1, this.te - 1);
            } else if (vt === IDENT) {
              const low = this.text().toLowerCase();
              if (low === 'true' || low === 'false') defKind = 'boolean';
              else if (low === 'null') defKind = 'null';
              else return this.failCompact();
              defValue = low;
            } else return this.failCompact();
          }
          this.next();
        } else return this.failCompact();
        if (bit) {
          // a repeated flag (or pk with primary key) is a duplicate: the interpreter reports it
          if (bits & bit) return this.failCompact();
          bits |= bit;
        }
        if (this.tt !== COMMA) break;
        this.next();
      }
      if (this.tt !== RBRACK) return this.failCompact();
      re = this.te;
      this.next();
    }
    // null with not null is a duplicate; more on the line, or a body next, is no plain column
    if ((bits & (COMPACT_NULL | COMPACT_NOT_NULL)) === (COMPACT_NULL | COMPACT_NOT_NULL) || this.sameLine() || this.tt === LCURLY) return this.failCompact();
    // a comment inside the line (not one after it) stays with the full path
    if (this.comments && this.comments.length > this.cComments && this.comments[this.cComments].span.start < this.anchor.start + (re - f)) return this.failCompact();
    const array = (bits & COMPACT_ARRAY) !== 0;
    const ctype = argsEnd < 0 && tq2 === undefined && !array ? plainType(tq1) : typeOf(src, ts, te, tq1, tq2, argsStart, argsEnd, array);
    const packed = compactColumnBits(bits, ne - ns - cname.length, ts - ne);
    if (packed === undefined) return this.failCompact();
    this.compactMade = true;
    return new CompactLineNode(this.anchor, ns - f, re - f, cname, ctype, packed, defKind === undefined ? undefined : sharedDefault(defKind, defValue!), note, ref);
  }

  // where compactColumn started (fields, not a Mark: it runs for every column line)
  private cP = 0;
  private cTt = EOF;
  private cTs = 0;
  private cTe = 0;
  private cTnl = false;
  private cTesc = false;
  private cPt = EOF;
  private cPe = 0;
  private cComments = 0;

  private saveCompact(): void {
    this.cP = this.p;
    this.cTt = this.tt;
    this.cTs = this.ts;
    this.cTe = this.te;
    this.cTnl = this.tnl;
    this.cTesc = this.tesc;
    this.cPt = this.pt;
    this.cPe = this.pe;
    this.cComments = this.comments ? this.comments.length : 0;
  }

  /** Back to where compactColumn started: the full path parses the line. */
  private failCompact(): undefined {
    this.p = this.cP;
    this.tt = this.cTt;
    this.ts = this.cTs;
    this.te = this.cTe;
    this.tnl = this.cTnl;
    this.tesc = this.cTesc;
    this.pt = this.cPt;
    this.pe = this.cPe;
    if (this.comments) this.comments.length = this.cComments;
    return undefined;
  }

  /** The current name token's text: a plain name interned, a quoted one unquoted and unescaped. */
  private nameText(): string {
    if (this.tt === IDENT) return this.text();
    const raw = keep(this.src, this.ts + 1, this.te - 1);
    return this.tesc ? unescapeString(raw) : raw;
  }

  /**
   * The full parser's Line for the line `src[lineStart, lineEnd)` of the block at `from` (a compact
   * column's, which parses without error): the nodes the block's parse would have built for it.
   */
  lineAt(src: string, from: number, lineStart: number, lineEnd: number, anchor: Anchor): Line {
    this.reset(src, from, lineEnd, anchor, lineStart);
    // a body line: never a compact table body of its own
    this.depth = 1;
    return this.statement() as Line;
  }

  /** compactColumnTokens: the line `src[lineStart, lineEnd)`'s names; `shift` turns a text offset into a file offset. */
  tokensAt(src: string, from: number, lineStart: number, lineEnd: number, shift: number): CompactColumnTokens {
    this.reset(src, from, lineEnd, NO_ANCHOR, lineStart);
    const at = (start: number, end: number): Span => ({ start: start + shift, end: end + shift });
    const name = at(this.ts, this.te);
    this.next();
    const typeParts = [at(this.ts, this.te)];
    this.next();
    if (this.tt === DOT) {
      this.next();
      typeParts.push(at(this.ts, this.te));
      this.next();
    }
    const settingNames: Span[] = [];
    const refTarget: Span[] = [];
    // past the arguments and `[]` to the setting list, if any
    while (this.tt !== EOF && !(this.tt === LBRACK && this.pe !== this.ts)) this.next();
    if (this.tt === LBRACK) {
      this.next();
      while (this.tt === IDENT) {
        const start = this.ts;
        let end = this.te;
        const w = this.text().toLowerCase();
        this.next();
        if ((w === 'not' || w === 'primary') && this.tt === IDENT) {
          end = this.te;
          this.next();
        }
        settingNames.push(at(start, end));
        if (this.tt === COLON) {
          this.next();
          this.next();
          // `ref: OP a.b`: past the operator to the target's names
          if (w === 'ref') {
            refTarget.push(at(this.ts, this.te));
            this.next();
            while (this.tt === DOT) {
              this.next();
              refTarget.push(at(this.ts, this.te));
              this.next();
            }
          }
        }
        if (this.tt !== COMMA) break;
        this.next();
      }
    }
    return { name, typeParts, settingNames, refTarget };
  }

  private name(): Ident {
    const start = this.ts;
    const end = this.te;
    const f = this.from;
    let id: Ident;
    if (this.tt === IDENT) id = identNode(this.anchor, start - f, end - f, intern(this.src, start, end), false);
    else {
      const raw = keep(this.src, start + 1, end - 1);
      id = identNode(this.anchor, start - f, end - f, this.tesc ? unescapeString(raw) : raw, true);
    }
    this.next();
    return id;
  }
}

let parser: DirectParser | undefined;

/** The statements and comments of a block without lexical or syntax errors. */
export interface DirectParse {
  statements: Statement[];
  comments: Comment[];
}

/**
 * Parses the block `src[from, to)` when it has no lexical or syntax error, else
 * returns undefined (take the token path: lexer.ts, fast-parser.ts, parser.ts).
 * Spans attach to `anchor` (whose start is `from`'s absolute offset).
 */
export function directParse(src: string, from: number, to: number, anchor: Anchor, doc?: DocText): DirectParse | undefined {
  const p = (parser ??= new DirectParser());
  try {
    p.reset(src, from, to, anchor);
    const statements = p.block();
    // compact column lines are parsed again from their block's text when a reader asks for their nodes
    if (p.compactMade) keepText(anchor, src, from, to, doc);
    // the shared empty list for a block without comments, else the list at its exact size
    return { statements, comments: p.comments ? p.comments.slice() : NO_ITEMS };
  } catch {
    // BAIL, or a bug in this path: either way the token path takes the block
    return undefined;
  } finally {
    p.release();
  }
}
