/**
 * The fast path of the Prisma block parser: one hand-written pass over the
 * characters of one top-level block, building exactly the tree that the
 * chevrotain path of parse.ts (lexer.ts + parser.ts) builds for that block,
 * with the same objects, keys, spans and shared span objects.
 *
 * It only accepts what is plainly valid: at the first thing that would give
 * the chevrotain path a syntax diagnostic (or that it does not bother to
 * decide: block comments, non-ASCII outside strings and comments, `@ id`,
 * a number glued to letters, ...) it gives up and returns undefined, and the
 * chevrotain path, which owns recovery and error messages, parses the block.
 * So the two agree by construction on every block this one accepts; the
 * equivalence is also checked over the corpus and fuzzed inputs
 * (server/test/prisma/fast-block.test.ts).
 *
 * Why: per-line chevrotain parsing (token objects, lookahead functions,
 * recovery bookkeeping) dominated the time to the first diagnostics of a
 * large schema. Never throws; reads no state but its arguments.
 */
import type { PArg, PArgs, PAttribute, PExpr, PField, PFieldType, PIdent, PPath, PProperty, PrismaBlock, PrismaBlockKind } from './ast.js';
import { unescapePrisma } from './parser.js';

/** Thrown internally when the block is not plainly valid; never escapes. */
const BAIL: unique symbol = Symbol('bail');

// character classes (ASCII only; anything >= 128 outside strings and comments gives up)
const ID_START = 1; // [A-Za-z_]: an Identifier that no NumberLit can take
const NAME_START = 2; // [A-Za-z0-9_]: the first character of an attribute name or of a dotted part
const NAME_REST = 4; // [A-Za-z0-9_-]
const DIGIT = 8;
const CC = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  const digit = c >= 48 && c <= 57;
  CC[c] = (letter ? ID_START : 0) | (letter || digit ? NAME_START : 0) | (letter || digit || c === 45 ? NAME_REST : 0) | (digit ? DIGIT : 0);
}

function is(c: number, cls: number): boolean {
  return c < 128 && (CC[c] & cls) !== 0;
}

const KEYWORDS = new Set<string>(['model', 'view', 'type', 'enum', 'datasource', 'generator']);

// the scanner's state: one block at a time (the parser is not reentrant, and need not be)
let src = '';
/** current position: always at a non-blank character of the line, a line break, or the block's end */
let pos = 0;
/** end of the block (a line end of `src`) */
let end = 0;
/** end of the last consumed token */
let lastEnd = 0;
/** the last scanned name had a `.` */
let sawDot = false;
/** `///` lines seen since the previous member */
let doc: string | undefined;

// Lists are gathered in reused buffers (one per nesting depth) and copied out
// at their exact length: a list grown by `push` from `[]` reserves 17 slots,
// and the tree of a large schema holds hundreds of thousands of short lists.
const argBufs: PArg[][] = [];
let argDepth = 0;
const exprBufs: PExpr[][] = [];
let exprDepth = 0;
const attrBuf: PAttribute[] = [];

function bail(): never {
  throw BAIL;
}

/** Skips blanks on the current line. */
function skipInline(): void {
  let c = src.charCodeAt(pos);
  while (c === 32 || c === 9 || c === 12 || c === 11) c = src.charCodeAt(++pos);
}

/** Skips blanks, line breaks and `//` comments (collecting `///` lines) up to the block's end. */
function skipTrivia(): void {
  while (pos < end) {
    const c = src.charCodeAt(pos);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11) pos++;
    else if (c === 47) {
      if (src.charCodeAt(pos + 1) !== 47) bail();
      const s = pos;
      pos += 2;
      let d = src.charCodeAt(pos);
      while (pos < end && d !== 10 && d !== 13) d = src.charCodeAt(++pos);
      if (src.charCodeAt(s + 2) === 47) {
        const line = src.slice(s + 3, pos).trim();
        doc = doc === undefined ? line : doc + '\n' + line;
      }
    } else return;
  }
}

/** At the end of a line: a line break, a `//` comment or the block's end. */
function atLineEnd(): boolean {
  if (pos >= end) return true;
  const c = src.charCodeAt(pos);
  return c === 10 || c === 13 || (c === 47 && src.charCodeAt(pos + 1) === 47);
}

/** FNV-1a step over one UTF-16 code (the identifier table's hash). */
function step(h: number, c: number): number {
  return Math.imul(h ^ c, 16777619);
}
const FNV = 0x811c9dc5 | 0;

/** hash of the last scanned name (whole, dots included) */
let nameHash = 0;

/**
 * Scans a (dotted) name whose first character at `from` was checked by the
 * caller; returns its end and sets `sawDot` and `nameHash`. Gives up where
 * the chevrotain lexer would do something else than end the name cleanly.
 */
function scanName(from: number): number {
  let h = step(FNV, src.charCodeAt(from));
  let i = from + 1;
  let dot = false;
  for (;;) {
    const c = src.charCodeAt(i);
    if (c < 128 && (CC[c] & NAME_REST) !== 0) {
      h = step(h, c);
      i++;
    } else if (c === 46) {
      const n = src.charCodeAt(i + 1);
      if (!is(n, NAME_START)) bail();
      dot = true;
      h = step(step(h, c), n);
      i += 2;
    } else if (c >= 128) bail();
    else break;
  }
  sawDot = dot;
  nameHash = h;
  return i;
}

// ------------------------------------------------------------ the identifier table
// One canonical string per short name, shared across parses: repeated names
// (`String`, `id`, `@map`, model names used as types) cost no allocation, and
// the validator's lookups and comparisons meet the same string object (the
// literals the validator compares with are seeded, so those compare by
// pointer). Only names shorter than 13 characters: V8 copies such slices, so
// the table never keeps a document's text alive. Reset when full.

const TABLE_SIZE = 1 << 15;
const TABLE_MASK = TABLE_SIZE - 1;
const TABLE_MAX = TABLE_SIZE >> 1;
const INTERN_MAX_LENGTH = 12;
const table: string[] = new Array<string>(TABLE_SIZE).fill('');
let tableCount = 0;

const SEEDS = [
  'model', 'view', 'type', 'enum', 'datasource', 'generator', 'String', 'Boolean', 'Int', 'BigInt', 'Float', 'Decimal', 'DateTime', 'Json', 'Bytes',
  'Unsupported', 'id', 'unique', 'index', 'map', 'default', 'relation', 'updatedAt', 'ignore', 'schema', 'fulltext', 'shardKey', 'db', 'fields',
  'references', 'onDelete', 'onUpdate', 'name', 'sort', 'length', 'clustered', 'ops', 'Cascade', 'Restrict', 'NoAction', 'SetNull', 'SetDefault',
  'autoincrement', 'now', 'uuid', 'cuid', 'ulid', 'nanoid', 'auto', 'sequence', 'dbgenerated', 'true', 'false', 'provider', 'url', 'env', 'directUrl',
  'relationMode', 'schemas', 'output', 'Asc', 'Desc', 'value', 'VarChar', 'Text', 'Char', 'Uuid', 'ObjectId', 'Timestamp', 'Timestamptz', 'Date',
];

function seed(): void {
  table.fill('');
  tableCount = 0;
  for (const w of SEEDS) {
    if (w.length > INTERN_MAX_LENGTH) continue;
    let h = FNV;
    for (let k = 0; k < w.length; k++) h = step(h, w.charCodeAt(k));
    let i = h & TABLE_MASK;
    while (table[i] !== '' && table[i] !== w) i = (i + 1) & TABLE_MASK;
    if (table[i] === '') {
      table[i] = w;
      tableCount++;
    }
  }
}
seed();

/** The canonical string of `src[s, e)` whose hash is `h`. */
function intern(s: number, e: number, h: number): string {
  const len = e - s;
  if (len > INTERN_MAX_LENGTH) return src.slice(s, e);
  let i = h & TABLE_MASK;
  for (;;) {
    const c = table[i];
    if (c === '') break;
    if (c.length === len) {
      let k = 0;
      while (k < len && c.charCodeAt(k) === src.charCodeAt(s + k)) k++;
      if (k === len) return c;
    }
    i = (i + 1) & TABLE_MASK;
  }
  const str = src.slice(s, e);
  if (tableCount >= TABLE_MAX) {
    seed();
    return str;
  }
  table[i] = str;
  tableCount++;
  return str;
}

/** The canonical string of `src[s, e)` (hashing it first). */
function internRange(s: number, e: number): string {
  let h = FNV;
  for (let k = s; k < e; k++) h = step(h, src.charCodeAt(k));
  return intern(s, e, h);
}

/** A name token -> path; a one-part path shares its span object with its part (as parser.ts's). */
function toPath(s: number, e: number, dot: boolean, h: number): PPath {
  const img = intern(s, e, h);
  const span = { start: s, end: e };
  if (!dot) return { parts: [{ text: img, span }], text: img, span };
  const parts: PIdent[] = [];
  let from = s;
  for (let k = s; k <= e; k++) {
    if (k === e || src.charCodeAt(k) === 46) {
      parts.push({ text: internRange(from, k), span: { start: from, end: k } });
      from = k + 1;
    }
  }
  return { parts, text: img, span };
}

/** Consumes the one-character token at `pos`. */
function take(): void {
  lastEnd = ++pos;
  skipInline();
}

function isExprStart(c: number): boolean {
  if (c >= 128) bail();
  return c === 34 || c === 91 || c === 45 || (CC[c] & (ID_START | DIGIT)) !== 0;
}

function expr(): PExpr {
  const c = src.charCodeAt(pos);
  const s = pos;
  if (c === 34) {
    let i = pos + 1;
    let esc = false;
    for (;;) {
      const d = src.charCodeAt(i);
      if (d === 34) break;
      if (d === 92) {
        const n = src.charCodeAt(i + 1);
        if (n !== n || n === 10 || n === 13 || n === 0x2028 || n === 0x2029) bail();
        esc = true;
        i += 2;
      } else if (d !== d || d === 10 || d === 13) bail();
      else i++;
    }
    const inner = src.slice(s + 1, i);
    pos = i;
    take();
    return { kind: 'string', value: esc ? unescapePrisma(inner) : inner, span: { start: s, end: lastEnd } };
  }
  if (c === 45 || is(c, DIGIT)) {
    let i = pos;
    if (c === 45 && !is(src.charCodeAt(++i), DIGIT)) bail();
    while (is(src.charCodeAt(i), DIGIT)) i++;
    if (src.charCodeAt(i) === 46 && is(src.charCodeAt(i + 1), DIGIT)) {
      i += 2;
      while (is(src.charCodeAt(i), DIGIT)) i++;
    }
    // a number glued to a letter: chevrotain's NumberLit backtracks there
    if (is(src.charCodeAt(i), ID_START)) bail();
    pos = lastEnd = i;
    skipInline();
    return { kind: 'number', value: src.slice(s, i), span: { start: s, end: i } };
  }
  if (c === 91) {
    take();
    let items: PExpr[];
    if (src.charCodeAt(pos) !== 93) {
      const buf = (exprBufs[exprDepth++] ??= []);
      buf.length = 0;
      for (;;) {
        buf.push(expr());
        const d = src.charCodeAt(pos);
        if (d === 44) take();
        else if (d === 93) break;
        else bail();
      }
      exprDepth--;
      items = buf.slice();
    } else items = [];
    take();
    return { kind: 'array', items, span: { start: s, end: lastEnd } };
  }
  if (is(c, ID_START)) {
    const e = scanName(s);
    const dot = sawDot;
    const h = nameHash;
    pos = lastEnd = e;
    skipInline();
    return identExpr(s, e, dot, h);
  }
  return bail();
}

/** A path or a call after its name token [s, e). */
function identExpr(s: number, e: number, dot: boolean, h: number): PExpr {
  const p = toPath(s, e, dot, h);
  if (src.charCodeAt(pos) === 40) {
    const args = argList();
    return { kind: 'call', callee: p, args, span: { start: s, end: args.span.end } };
  }
  return { kind: 'path', path: p, span: p.span };
}

function argList(): PArgs {
  const open = pos;
  take();
  let items: PArg[];
  if (src.charCodeAt(pos) !== 41) {
    const buf = (argBufs[argDepth++] ??= []);
    buf.length = 0;
    for (;;) {
      buf.push(arg());
      const d = src.charCodeAt(pos);
      if (d === 44) {
        take();
        if (src.charCodeAt(pos) === 41) break;
      } else if (d === 41) break;
      else bail();
    }
    argDepth--;
    items = buf.slice();
  } else items = [];
  take();
  return { items, span: { start: open, end: lastEnd } };
}

function arg(): PArg {
  const s = pos;
  if (is(src.charCodeAt(s), ID_START)) {
    const e = scanName(s);
    const dot = sawDot;
    const h = nameHash;
    pos = lastEnd = e;
    skipInline();
    if (src.charCodeAt(pos) === 58) {
      const name: PIdent = { text: intern(s, e, h), span: { start: s, end: e } };
      take();
      const value = isExprStart(src.charCodeAt(pos)) ? expr() : undefined;
      return { name, value, span: { start: s, end: lastEnd } };
    }
    const value = identExpr(s, e, dot, h);
    return { name: undefined, value, span: value.span };
  }
  const value = expr();
  return { name: undefined, value, span: value.span };
}

/** `@name(args)` on a field (`block` false, at `@`) or `@@name(args)` on a block (at `@@`). */
function attribute(block: boolean): PAttribute {
  const s = pos;
  const ns = s + (block ? 2 : 1);
  // `@ id`, `@@ id`, `@@` on a field: the chevrotain path decides
  if (!is(src.charCodeAt(ns), NAME_START)) bail();
  const ne = scanName(ns);
  const name = toPath(ns, ne, sawDot, nameHash);
  pos = lastEnd = ne;
  skipInline();
  const args = src.charCodeAt(pos) === 40 ? argList() : undefined;
  return { name, block, args, span: { start: s, end: lastEnd } };
}

function fieldType(): PFieldType {
  const s = pos;
  const e = scanName(s);
  const name = toPath(s, e, sawDot, nameHash);
  pos = lastEnd = e;
  skipInline();
  const args = src.charCodeAt(pos) === 40 ? argList() : undefined;
  let list = false;
  if (src.charCodeAt(pos) === 91) {
    take();
    if (src.charCodeAt(pos) !== 93) bail();
    take();
    list = true;
  }
  let optional = false;
  if (src.charCodeAt(pos) === 63) {
    take();
    optional = true;
  }
  let bang = false;
  if (src.charCodeAt(pos) === 33) {
    take();
    bang = true;
  }
  const t: PFieldType = { name, optional, list, unsupported: undefined, args: undefined, bang, span: { start: s, end: lastEnd } };
  if (args) {
    const a0 = args.items[0]?.value;
    if (name.text === 'Unsupported' && a0?.kind === 'string' && args.items.length === 1) t.unsupported = a0.value;
    else t.args = args;
  }
  return t;
}

/** One member line of `blk` at `pos`; `d` is its documentation. */
function member(blk: PrismaBlock, d: string | undefined): void {
  const c = src.charCodeAt(pos);
  if (c === 64) {
    if (src.charCodeAt(pos + 1) !== 64) bail();
    blk.attributes.push(attribute(true));
    return;
  }
  if (!is(c, ID_START)) bail();
  const ks = pos;
  const ke = scanName(ks);
  if (sawDot) bail();
  const text = intern(ks, ke, nameHash);
  pos = lastEnd = ke;
  skipInline();
  const config = blk.kind === 'datasource' || blk.kind === 'generator';
  if (src.charCodeAt(pos) === 61) {
    if (!config) bail();
    take();
    const value = atLineEnd() ? undefined : expr();
    const p: PProperty = { key: { text, span: { start: ks, end: ke } }, value, span: { start: ks, end: lastEnd } };
    blk.properties.push(p);
    return;
  }
  if (config) bail();
  let colon = false;
  if (src.charCodeAt(pos) === 58) {
    take();
    colon = true;
  }
  const t = src.charCodeAt(pos);
  if (t >= 128 || is(t, DIGIT)) bail();
  const type = is(t, ID_START) ? fieldType() : undefined;
  let attributes: PAttribute[];
  if (src.charCodeAt(pos) === 64) {
    attrBuf.length = 0;
    while (src.charCodeAt(pos) === 64) attrBuf.push(attribute(false));
    attributes = attrBuf.slice();
  } else attributes = [];
  const f: PField = { name: { text, span: { start: ks, end: ke } }, type, attributes, doc: d, colon, span: { start: ks, end: lastEnd } };
  blk.fields.push(f);
}

function block(start: number): PrismaBlock {
  pos = start;
  argDepth = 0;
  exprDepth = 0;
  doc = undefined;
  skipTrivia();
  const blockDoc = doc;
  const ks = pos;
  if (!is(src.charCodeAt(ks), ID_START)) bail();
  const ke = scanName(ks);
  if (sawDot) bail();
  const kw = intern(ks, ke, nameHash);
  if (!KEYWORDS.has(kw)) bail();
  pos = ke;
  skipInline();
  const ns = pos;
  if (!is(src.charCodeAt(ns), ID_START)) bail();
  const ne = scanName(ns);
  if (sawDot) bail();
  const name = intern(ns, ne, nameHash);
  pos = ne;
  skipInline();
  if (src.charCodeAt(pos) !== 123) bail();
  take();
  if (!atLineEnd() && src.charCodeAt(pos) !== 125) bail();
  // the same keys in the same order as parse.ts's blocks (one hidden class)
  const blk: PrismaBlock = {
    kind: kw as PrismaBlockKind,
    keyword: { text: kw, span: { start: ks, end: ke } },
    fields: [],
    attributes: [],
    properties: [],
    span: { start: ks, end },
    fullSpan: { start, end },
    closed: false,
  };
  if (blockDoc !== undefined) blk.doc = blockDoc;
  blk.name = { text: name, span: { start: ns, end: ne } };
  doc = undefined;
  for (;;) {
    skipTrivia();
    if (pos >= end) bail();
    if (src.charCodeAt(pos) === 125) {
      blk.closed = true;
      blk.span.end = pos + 1;
      pos++;
      skipTrivia();
      if (pos < end) bail();
      return blk;
    }
    const d = doc;
    doc = undefined;
    member(blk, d);
    if (!atLineEnd()) bail();
  }
}

/**
 * Parses the block `text[start, end)` (`end` at a line end) with absolute
 * spans, or returns undefined when the block is not plainly valid (then the
 * chevrotain path must parse it).
 */
export function fastBlock(text: string, start: number, blockEnd: number): PrismaBlock | undefined {
  src = text;
  end = blockEnd;
  try {
    return block(start);
  } catch {
    return undefined;
  } finally {
    // keep no reference to this text or its tree once done
    src = '';
    doc = undefined;
    attrBuf.length = 0;
    for (const b of argBufs) b.length = 0;
    for (const b of exprBufs) b.length = 0;
  }
}
