/**
 * The DBML tree's most numerous nodes, built so that a node is its own span:
 * a name, a line or a setting is one object where it was two (the node and
 * its span object), and it still moves with its block.
 *
 * Each node is an object literal with a prototype (`{ __proto__: P, ... }`)
 * holding its block's anchor and its offsets relative to it, and `P` gives it
 * `start`/`end` accessors like an AnchoredSpan's (text/span.ts), `anchor`, a
 * `span` that answers the node itself, and `toJSON`. Why literals and not
 * classes: V8 pretenures the objects of an object literal whose objects
 * survive (they are allocated where the GC need not copy them), never those of
 * `new C()`; the tree survives whole, and as class instances it made the parse
 * a quarter slower though smaller. Why one prototype per kind, each with its
 * own accessor functions: shared accessors would see a dozen shapes
 * (megamorphic) and slow every reader.
 *
 * They implement ast.ts's interfaces exactly: every field reads as before
 * (`ident.span.start`, `line.parts`, `setting.nameSpan`), and `toJSON` writes
 * the same JSON, key for key and in the same order, as the plain objects they
 * replace. The position fields are named `…OfSpan` so that whatever walks a
 * node's keys but skips its spans (format.ts's `equalModuloSpans` skips `span`
 * and `…Span` keys) skips them too. A node's span is the node: it keeps its
 * identity for as long as its block is reused (WeakMaps keyed by `ident.span`
 * rely on it). Never spread a node (`{ ...node }` loses its prototype, hence
 * its span). The parsers build them; nothing else does. Never throws.
 */
import type { Body, ColumnDecl, ColumnTypeDecl, Element, Expr, Ident, InlineRefDecl, Line, QName, SettingItem, SettingList } from './ast.js';
import type { Anchor, Span } from '../../text/span.js';

/** A frozen empty list shared by every node without items (nothing adds to a parsed tree's lists). */
export const NO_ITEMS: never[] = Object.freeze([]) as unknown as never[];

/** The position fields of a node that is its own span (a standalone span has AnchoredSpan's: `anchor`, `rs`, `re`). */
interface Positioned {
  anchorOfSpan: Anchor;
  startOfSpan: number;
  endOfSpan: number;
}

function plain(s: Span): Span {
  return { start: s.start, end: s.end };
}

/**
 * Is `key` (the property JSON.stringify reaches a value through) a span's? A node is also the span of
 * whatever shares it (a one-part name's QName is spanned by its ident), and there it serialises as a span.
 */
function isSpanKey(key: string | undefined): boolean {
  return key !== undefined && (key === 'span' || key.endsWith('Span'));
}

/**
 * A standalone anchored span (where a node's span is not the node): the same own fields, accessors and
 * JSON as an AnchoredSpan, from an object literal.
 */
const ANCHORED: object & ThisType<{ anchor: Anchor; rs: number; re: number } & Span> = {
  get start(): number {
    return this.anchor.start + this.rs;
  },
  set start(v: number) {
    this.rs = v - this.anchor.start;
  },
  get end(): number {
    return this.anchor.start + this.re;
  },
  set end(v: number) {
    this.re = v - this.anchor.start;
  },
  toJSON(): unknown {
    return { start: this.start, end: this.end };
  },
};

/** A span at block-relative offsets [rs, re) of the block at `anchor`. */
export function spanNode(anchor: Anchor, rs: number, re: number): Span {
  return { __proto__: ANCHORED, anchor, rs, re } as unknown as Span;
}

const IDENT: object & ThisType<{ text: string; quoted: boolean } & Positioned & Span> = {
  get anchor(): Anchor {
    return this.anchorOfSpan;
  },
  get start(): number {
    return this.anchorOfSpan.start + this.startOfSpan;
  },
  set start(v: number) {
    this.startOfSpan = v - this.anchorOfSpan.start;
  },
  get end(): number {
    return this.anchorOfSpan.start + this.endOfSpan;
  },
  set end(v: number) {
    this.endOfSpan = v - this.anchorOfSpan.start;
  },
  get span(): Span {
    return this;
  },
  toJSON(key?: string): unknown {
    if (isSpanKey(key)) return plain(this);
    return { text: this.text, span: plain(this), quoted: this.quoted };
  },
};

/** A name as written (`users`, `"order items"`). */
export function identNode(anchor: Anchor, rs: number, re: number, text: string, quoted: boolean): Ident {
  return { __proto__: IDENT, text, quoted, anchorOfSpan: anchor, startOfSpan: rs, endOfSpan: re } as unknown as Ident;
}

const QNAME: object & ThisType<{ parts: Ident[]; tuple: Ident[] | undefined } & Positioned & Span> = {
  get anchor(): Anchor {
    return this.anchorOfSpan;
  },
  get start(): number {
    return this.anchorOfSpan.start + this.startOfSpan;
  },
  set start(v: number) {
    this.startOfSpan = v - this.anchorOfSpan.start;
  },
  get end(): number {
    return this.anchorOfSpan.start + this.endOfSpan;
  },
  set end(v: number) {
    this.endOfSpan = v - this.anchorOfSpan.start;
  },
  get span(): Span {
    return this;
  },
  toJSON(key?: string): unknown {
    if (isSpanKey(key)) return plain(this);
    return { parts: this.parts, span: plain(this), tuple: this.tuple };
  },
};

/** A dotted name of several parts, or with a `.(a, b)` tuple (a one-part name is a `nameExprNode`, or a plain object spanned by its ident). */
export function qnameNode(anchor: Anchor, rs: number, re: number, parts: Ident[], tuple: Ident[] | undefined): QName {
  return { __proto__: QNAME, parts, tuple, anchorOfSpan: anchor, startOfSpan: rs, endOfSpan: re } as unknown as QName;
}

const SETTING: object & ThisType<{ name: string; nameSpan: Span; value: Expr | undefined } & Positioned & Span> = {
  get anchor(): Anchor {
    return this.anchorOfSpan;
  },
  get start(): number {
    return this.anchorOfSpan.start + this.startOfSpan;
  },
  set start(v: number) {
    this.startOfSpan = v - this.anchorOfSpan.start;
  },
  get end(): number {
    return this.anchorOfSpan.start + this.endOfSpan;
  },
  set end(v: number) {
    this.endOfSpan = v - this.anchorOfSpan.start;
  },
  get span(): Span {
    return this;
  },
  toJSON(key?: string): unknown {
    if (isSpanKey(key)) return plain(this);
    return { name: this.name, nameSpan: plain(this.nameSpan), value: this.value, span: plain(this) };
  },
};

/** `[name: value]`, or a flag `[pk]` (whose name span is the setting itself: pass `nameSpan` undefined). */
export function settingNode(anchor: Anchor, rs: number, re: number, name: string, nameSpan: Span | undefined, value: Expr | undefined): SettingItem {
  const s = { __proto__: SETTING, name, nameSpan, value, anchorOfSpan: anchor, startOfSpan: rs, endOfSpan: re } as unknown as SettingItem & Span;
  if (!nameSpan) s.nameSpan = s;
  return s;
}

const SETTING_LIST: object & ThisType<{ items: SettingItem[] } & Positioned & Span> = {
  get anchor(): Anchor {
    return this.anchorOfSpan;
  },
  get start(): number {
    return this.anchorOfSpan.start + this.startOfSpan;
  },
  set start(v: number) {
    this.startOfSpan = v - this.anchorOfSpan.start;
  },
  get end(): number {
    return this.anchorOfSpan.start + this.endOfSpan;
  },
  set end(v: number) {
    this.endOfSpan = v - this.anchorOfSpan.start;
  },
  get span(): Span {
    return this;
  },
  toJSON(key?: string): unknown {
    if (isSpanKey(key)) return plain(this);
    return { items: this.items, span: plain(this) };
  },
};

/** `[a, b: c]` */
export function settingListNode(anchor: Anchor, rs: number, re: number, items: SettingItem[]): SettingList {
  return { __proto__: SETTING_LIST, items, anchorOfSpan: anchor, startOfSpan: rs, endOfSpan: re } as unknown as SettingList;
}

const LINE: object & ThisType<{ type: 'line'; parts: Expr[]; commaSeparated: boolean; settings: SettingList | undefined } & Positioned & Span> = {
  get anchor(): Anchor {
    return this.anchorOfSpan;
  },
  get start(): number {
    return this.anchorOfSpan.start + this.startOfSpan;
  },
  set start(v: number) {
    this.startOfSpan = v - this.anchorOfSpan.start;
  },
  get end(): number {
    return this.anchorOfSpan.start + this.endOfSpan;
  },
  set end(v: number) {
    this.endOfSpan = v - this.anchorOfSpan.start;
  },
  get span(): Span {
    return this;
  },
  toJSON(key?: string): unknown {
    if (isSpanKey(key)) return plain(this);
    return { type: this.type, parts: this.parts, commaSeparated: this.commaSeparated, settings: this.settings, span: plain(this) };
  },
};

/** One line of a body. */
export function lineNode(anchor: Anchor, rs: number, re: number, parts: Expr[], commaSeparated: boolean, settings: SettingList | undefined): Line {
  return { __proto__: LINE, type: 'line', parts, commaSeparated, settings, anchorOfSpan: anchor, startOfSpan: rs, endOfSpan: re } as unknown as Line;
}

const VALUE_LINE: object & ThisType<{ type: 'line'; parts: Expr[]; commaSeparated: boolean; settings: SettingList | undefined } & Positioned & Span> = {
  get anchor(): Anchor {
    return this.anchorOfSpan;
  },
  get start(): number {
    return this.anchorOfSpan.start + this.startOfSpan;
  },
  set start(v: number) {
    this.startOfSpan = v - this.anchorOfSpan.start;
  },
  get end(): number {
    return this.anchorOfSpan.start + this.endOfSpan;
  },
  set end(v: number) {
    this.endOfSpan = v - this.anchorOfSpan.start;
  },
  get span(): Span {
    return this;
  },
  toJSON(key?: string): unknown {
    if (isSpanKey(key)) return plain(this);
    return { type: this.type, parts: this.parts, commaSeparated: this.commaSeparated, span: plain(this), settings: this.settings };
  },
};

/** The `: value` line of an element (`Ref: a.id > b.id [delete: cascade]`): in JSON its settings follow its span, as they always did. */
export function valueLineNode(anchor: Anchor, rs: number, re: number, parts: Expr[], settings: SettingList | undefined): Line {
  return { __proto__: VALUE_LINE, type: 'line', parts, commaSeparated: false, settings, anchorOfSpan: anchor, startOfSpan: rs, endOfSpan: re } as unknown as Line;
}

const BODY: object & ThisType<{ items: (Element | Line)[]; openSpan: Span; closeSpan: Span | undefined } & Positioned & Span> = {
  get anchor(): Anchor {
    return this.anchorOfSpan;
  },
  get start(): number {
    return this.anchorOfSpan.start + this.startOfSpan;
  },
  set start(v: number) {
    this.startOfSpan = v - this.anchorOfSpan.start;
  },
  get end(): number {
    return this.anchorOfSpan.start + this.endOfSpan;
  },
  set end(v: number) {
    this.endOfSpan = v - this.anchorOfSpan.start;
  },
  get span(): Span {
    return this;
  },
  toJSON(key?: string): unknown {
    if (isSpanKey(key)) return plain(this);
    return { items: this.items, openSpan: this.openSpan, closeSpan: this.closeSpan, span: plain(this) };
  },
};

/** `{ ... }` */
export function bodyNode(anchor: Anchor, rs: number, re: number, items: (Element | Line)[], openSpan: Span, closeSpan: Span | undefined): Body {
  return { __proto__: BODY, items, openSpan, closeSpan, anchorOfSpan: anchor, startOfSpan: rs, endOfSpan: re } as unknown as Body;
}

const TEXT_EXPR: object & ThisType<{ kind: 'number' | 'color'; text: string } & Positioned & Span> = {
  get anchor(): Anchor {
    return this.anchorOfSpan;
  },
  get start(): number {
    return this.anchorOfSpan.start + this.startOfSpan;
  },
  set start(v: number) {
    this.startOfSpan = v - this.anchorOfSpan.start;
  },
  get end(): number {
    return this.anchorOfSpan.start + this.endOfSpan;
  },
  set end(v: number) {
    this.endOfSpan = v - this.anchorOfSpan.start;
  },
  get span(): Span {
    return this;
  },
  toJSON(key?: string): unknown {
    if (isSpanKey(key)) return plain(this);
    return { kind: this.kind, text: this.text, span: plain(this) };
  },
};

/** A number or a color: `12`, `#3498db`. */
export function textExprNode(anchor: Anchor, rs: number, re: number, kind: 'number' | 'color', text: string): Expr {
  return { __proto__: TEXT_EXPR, kind, text, anchorOfSpan: anchor, startOfSpan: rs, endOfSpan: re } as unknown as Expr;
}

const STRING_EXPR: object & ThisType<{ kind: 'string'; value: string; multiline: boolean } & Positioned & Span> = {
  get anchor(): Anchor {
    return this.anchorOfSpan;
  },
  get start(): number {
    return this.anchorOfSpan.start + this.startOfSpan;
  },
  set start(v: number) {
    this.startOfSpan = v - this.anchorOfSpan.start;
  },
  get end(): number {
    return this.anchorOfSpan.start + this.endOfSpan;
  },
  set end(v: number) {
    this.endOfSpan = v - this.anchorOfSpan.start;
  },
  get span(): Span {
    return this;
  },
  toJSON(key?: string): unknown {
    if (isSpanKey(key)) return plain(this);
    return { kind: this.kind, value: this.value, multiline: this.multiline, span: plain(this) };
  },
};

/** `'text'`, `'''text'''` */
export function stringExprNode(anchor: Anchor, rs: number, re: number, value: string, multiline: boolean): Expr {
  return { __proto__: STRING_EXPR, kind: 'string', value, multiline, anchorOfSpan: anchor, startOfSpan: rs, endOfSpan: re } as unknown as Expr;
}

const BACKTICK_EXPR: object & ThisType<{ kind: 'expression'; value: string } & Positioned & Span> = {
  get anchor(): Anchor {
    return this.anchorOfSpan;
  },
  get start(): number {
    return this.anchorOfSpan.start + this.startOfSpan;
  },
  set start(v: number) {
    this.startOfSpan = v - this.anchorOfSpan.start;
  },
  get end(): number {
    return this.anchorOfSpan.start + this.endOfSpan;
  },
  set end(v: number) {
    this.endOfSpan = v - this.anchorOfSpan.start;
  },
  get span(): Span {
    return this;
  },
  toJSON(key?: string): unknown {
    if (isSpanKey(key)) return plain(this);
    return { kind: this.kind, value: this.value, span: plain(this) };
  },
};

/** `` `now()` `` */
export function backtickExprNode(anchor: Anchor, rs: number, re: number, value: string): Expr {
  return { __proto__: BACKTICK_EXPR, kind: 'expression', value, anchorOfSpan: anchor, startOfSpan: rs, endOfSpan: re } as unknown as Expr;
}

const CALL_EXPR: object & ThisType<{ kind: 'call'; callee: QName; args: Expr[]; isArray: boolean; dims: string[] | undefined } & Positioned & Span> = {
  get anchor(): Anchor {
    return this.anchorOfSpan;
  },
  get start(): number {
    return this.anchorOfSpan.start + this.startOfSpan;
  },
  set start(v: number) {
    this.startOfSpan = v - this.anchorOfSpan.start;
  },
  get end(): number {
    return this.anchorOfSpan.start + this.endOfSpan;
  },
  set end(v: number) {
    this.endOfSpan = v - this.anchorOfSpan.start;
  },
  get span(): Span {
    return this;
  },
  toJSON(key?: string): unknown {
    if (isSpanKey(key)) return plain(this);
    return { kind: this.kind, callee: this.callee, args: this.args, isArray: this.isArray, span: plain(this), dims: this.dims };
  },
};

/** `varchar(255)`, `int[]`, `int[3][3]` */
export function callExprNode(anchor: Anchor, rs: number, re: number, callee: QName, args: Expr[], isArray: boolean, dims: string[] | undefined): Expr {
  return { __proto__: CALL_EXPR, kind: 'call', callee, args, isArray, dims, anchorOfSpan: anchor, startOfSpan: rs, endOfSpan: re } as unknown as Expr;
}

/** The properties through which JSON reaches a QName (elsewhere a one-part name is an expression). */
const QNAME_KEYS: ReadonlySet<string> = new Set(['name', 'callee', 'target', 'table']);

const NAME_EXPR = {
  get name(): QName {
    return this as unknown as QName;
  },
  get span(): Span {
    return (this as unknown as QName).parts[0].span;
  },
  toJSON(key?: string): unknown {
    const parts = (this as unknown as QName).parts;
    const span = plain(parts[0].span);
    const q = { parts, span };
    return key !== undefined && QNAME_KEYS.has(key) ? q : { kind: 'qname', name: q, span };
  },
};

/**
 * A plain one-part name as an expression (`users`, `int`, `"order items"`): the `qname` expression and
 * its QName in one object (`e.name === e`), spanned by its ident, so a plain name costs the ident, its
 * one-element `parts` and this, where it cost two objects more. `name` and `span` are accessors: walking
 * its keys sees `kind` and `parts`, never a cycle. JSON writes the expression, or the QName where it
 * is reached through a QName's property (`name`, `callee`, `target`, `table`); a list of QNames must
 * hold plain `{ parts, span }` objects instead (see interpret.ts's `members`).
 */
export function nameExprNode(parts: Ident[]): Extract<Expr, { kind: 'qname' }> & QName {
  return { __proto__: NAME_EXPR, kind: 'qname', parts } as unknown as Extract<Expr, { kind: 'qname' }> & QName;
}

/** Is `e` a `nameExprNode`? */
export function isNameExprNode(e: object): boolean {
  return Object.getPrototypeOf(e) === NAME_EXPR;
}

// ------------------------------------------------------------ compact column lines

/**
 * A simple column line of a Table body (`name type [flags, default: v, note: 's']`, which is nearly
 * every column of every schema) as one record, where the tree had about fifteen objects: the direct
 * parser builds it (direct-parser.ts `compactColumn`, which takes a line only when the token path and
 * the interpreter would build exactly this column with no diagnostic), and what the binder needs is in
 * its fields. It stands for the line in its body's `items` (`type`, `parts`, `commaSeparated`,
 * `settings`, `span`: a Line) and for the column in the table's `columns` through its declaration view
 * (`compactColumnDecl`: `name`, `type`, `settings`, `inlineRefs`, `span`: a ColumnDecl). Whatever a
 * reader asks of either beyond the fields is made on first access by parsing the line again with the
 * full parser and interpreting it (`materialize`, set by parse.ts), and kept, so identities hold (the
 * declaration's name is the line's first part's ident) and the JSON is the tree's, key for key.
 * Position fields end in `OfSpan` and caches in `Span`, so that key walkers that skip spans skip them
 * (format.ts compares declarations by their other keys: it compares views by their materialized
 * declarations). Never throws once built.
 */
export interface CompactColumn extends Span {
  anchorOfSpan: Anchor;
  /** the line's start and end, block-relative (the line starts at its name) */
  startOfSpan: number;
  endOfSpan: number;
  /** the name's end and the type's start, block-relative */
  nameEndOfSpan: number;
  typeStartOfSpan: number;
  /** the name, unquoted and unescaped */
  cname: string;
  /** the type's name, or its schema and name (`tq2` undefined when unqualified) */
  tq1: string;
  tq2: string | undefined;
  /** the type as the interpreter writes it (`varchar(255)`, `core.status`, `text[]`) and its arguments */
  typeText: string;
  args: string[];
  /** COMPACT_* bits */
  bits: number;
  /** the default's model kind and value (ColumnDefault), when there is one */
  defKind: 'number' | 'string' | 'expression' | 'boolean' | 'null' | undefined;
  defValue: string | undefined;
  note: string | undefined;
  /** what `materialize` made: the full parser's Line and the interpreter's ColumnDecl */
  madeSpan: { line: Line; decl: ColumnDecl } | undefined;
}

export const COMPACT_PK = 1;
export const COMPACT_UNIQUE = 2;
export const COMPACT_INCREMENT = 4;
export const COMPACT_NULL = 8;
export const COMPACT_NOT_NULL = 16;
export const COMPACT_QUOTED = 32;
export const COMPACT_ARRAY = 64;

let materializer: ((c: CompactColumn) => { line: Line; decl: ColumnDecl }) | undefined;

/** parse.ts: how a compact column's line and declaration are made (the full parser, then the interpreter). */
export function setCompactMaterializer(f: (c: CompactColumn) => { line: Line; decl: ColumnDecl }): void {
  materializer = f;
}

function materialize(c: CompactColumn): { line: Line; decl: ColumnDecl } {
  return (c.madeSpan ??= materializer!(c));
}

/** The full parser's Line for a compact column (made once, then kept). */
export function compactLine(c: CompactColumn): Line {
  return materialize(c).line;
}

/** The interpreter's ColumnDecl for a compact column (made once, then kept). */
export function compactDecl(c: CompactColumn): ColumnDecl {
  return materialize(c).decl;
}

/**
 * The record's class. A class, where the other nodes are prototyped object literals: a literal with
 * `__proto__` costs a runtime call per object (about a third of a microsecond, measured here), and there
 * is one record per column; the one constructor stays monomorphic.
 */
export class CompactLineNode implements CompactColumn {
  declare anchorOfSpan: Anchor;
  declare startOfSpan: number;
  declare endOfSpan: number;
  declare nameEndOfSpan: number;
  declare typeStartOfSpan: number;
  declare cname: string;
  declare tq1: string;
  declare tq2: string | undefined;
  declare typeText: string;
  declare args: string[];
  declare bits: number;
  declare defKind: CompactColumn['defKind'];
  declare defValue: string | undefined;
  declare note: string | undefined;
  declare madeSpan: { line: Line; decl: ColumnDecl } | undefined;

  constructor(
    anchor: Anchor,
    rs: number,
    re: number,
    nameEnd: number,
    typeStart: number,
    cname: string,
    tq1: string,
    tq2: string | undefined,
    typeText: string,
    args: string[],
    bits: number,
    defKind: CompactColumn['defKind'],
    defValue: string | undefined,
    note: string | undefined,
  ) {
    this.anchorOfSpan = anchor;
    this.startOfSpan = rs;
    this.endOfSpan = re;
    this.nameEndOfSpan = nameEnd;
    this.typeStartOfSpan = typeStart;
    this.cname = cname;
    this.tq1 = tq1;
    this.tq2 = tq2;
    this.typeText = typeText;
    this.args = args;
    this.bits = bits;
    this.defKind = defKind;
    this.defValue = defValue;
    this.note = note;
    this.madeSpan = undefined;
  }

  get anchor(): Anchor {
    return this.anchorOfSpan;
  }
  get start(): number {
    return this.anchorOfSpan.start + this.startOfSpan;
  }
  set start(v: number) {
    this.startOfSpan = v - this.anchorOfSpan.start;
  }
  get end(): number {
    return this.anchorOfSpan.start + this.endOfSpan;
  }
  set end(v: number) {
    this.endOfSpan = v - this.anchorOfSpan.start;
  }
  get span(): Span {
    return this;
  }
  get type(): 'line' {
    return 'line';
  }
  get parts(): Expr[] {
    return compactLine(this).parts;
  }
  get commaSeparated(): boolean {
    return false;
  }
  get settings(): SettingList | undefined {
    return compactLine(this).settings;
  }
  toJSON(key?: string): unknown {
    if (isSpanKey(key)) return plain(this);
    return (compactLine(this) as unknown as { toJSON(key?: string): unknown }).toJSON(key);
  }
}

/** A compact column's name span (plain, absolute: for a result, not for the tree; the declaration view is the anchored one). */
export function compactNameSpan(c: CompactColumn): Span {
  const a = c.anchorOfSpan.start;
  return { start: a + c.startOfSpan, end: a + c.nameEndOfSpan };
}

/** Is this body item a compact column line? */
export function isCompactColumn(x: object): x is CompactColumn {
  return x instanceof CompactLineNode;
}

/** A compact column's declaration view: a ColumnDecl whose fields come from its line. */
export interface CompactColumnDecl extends ColumnDecl, Span {
  readonly line: CompactColumn;
}

/** The view's class (a class for the reason CompactLineNode is one). */
class CompactDeclNode {
  declare readonly line: CompactColumn;

  constructor(line: CompactColumn) {
    (this as { line: CompactColumn }).line = line;
  }

  // as a Span, the view is its column's name (the model's `source.nameSpan`, the column's symbol and definition)
  get anchor(): Anchor {
    return this.line.anchorOfSpan;
  }
  get start(): number {
    return this.line.anchorOfSpan.start + this.line.startOfSpan;
  }
  get end(): number {
    return this.line.anchorOfSpan.start + this.line.nameEndOfSpan;
  }
  get name(): Ident {
    return compactDecl(this.line).name;
  }
  get type(): ColumnTypeDecl | undefined {
    return compactDecl(this.line).type;
  }
  get settings(): SettingItem[] {
    return compactDecl(this.line).settings;
  }
  get inlineRefs(): InlineRefDecl[] {
    // a compact line has no `ref:` setting
    return NO_ITEMS;
  }
  get span(): Span {
    return this.line;
  }
  toJSON(key?: string): unknown {
    if (isSpanKey(key)) return { start: this.start, end: this.end };
    return compactDecl(this.line);
  }
}

/** The ColumnDecl of a compact column line (the interpreter makes one per line). */
export function compactColumnDecl(line: CompactColumn): CompactColumnDecl {
  return new CompactDeclNode(line) as unknown as CompactColumnDecl;
}

/** Is this column declaration a compact line's view? */
export function isCompactColumnDecl(c: object): c is CompactColumnDecl {
  return c instanceof CompactDeclNode;
}
