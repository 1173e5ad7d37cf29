/**
 * The DBML tree's most numerous nodes, built so that a node is its own span:
 * a name, a line or a setting is one object where it was two (the node and
 * its span object), and it still moves with its block.
 *
 * Each node is an instance of a small class per kind holding its block's
 * anchor and its offsets relative to it; the class gives it `start`/`end`
 * accessors like an AnchoredSpan's (text/span.ts), `anchor`, a `span` that
 * answers the node itself, and `toJSON`. Classes, not object literals with a
 * prototype (`{ __proto__: P, ... }`, what these were until 2026-11-24): such a
 * literal costs a runtime call per object (100 ns against 17 for `new`, measured
 * here), and with compact column lines the tree has few enough nodes that V8's
 * pretenuring of literal allocation sites (which once made literals the faster
 * choice) no longer pays for it: the parse is 1.1x faster at 5,000 tables and
 * 1.35x at 1,000 as classes (docs/performance.md). Why one class per kind, each
 * with its own accessor functions: shared accessors would see a dozen shapes
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
import type { Body, ColumnDecl, ColumnTypeDecl, Element, Expr, Ident, IndexDecl, InlineRefDecl, Line, QName, RefDecl, RelOp, SettingItem, SettingList } from './ast.js';
import { blockBase, blockText, type Anchor, type Span } from '../../text/span.js';

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
 * JSON as an AnchoredSpan.
 */
class AnchoredSpanNode {
  declare anchor: Anchor;
  declare rs: number;
  declare re: number;
  constructor(anchor: Anchor, rs: number, re: number) {
    this.anchor = anchor;
    this.rs = rs;
    this.re = re;
  }
  get start(): number {
    return this.anchor.start + this.rs;
  }
  set start(v: number) {
    this.rs = v - this.anchor.start;
  }
  get end(): number {
    return this.anchor.start + this.re;
  }
  set end(v: number) {
    this.re = v - this.anchor.start;
  }
  toJSON(): unknown {
    return { start: this.start, end: this.end };
  }
}

/** A span at block-relative offsets [rs, re) of the block at `anchor`. */
export function spanNode(anchor: Anchor, rs: number, re: number): Span {
  return new AnchoredSpanNode(anchor, rs, re) as unknown as Span;
}

class IdentNode {
  declare text: string;
  declare quoted: boolean;
  declare anchorOfSpan: Anchor;
  declare startOfSpan: number;
  declare endOfSpan: number;
  constructor(text: string, quoted: boolean, anchorOfSpan: Anchor, startOfSpan: number, endOfSpan: number) {
    this.text = text;
    this.quoted = quoted;
    this.anchorOfSpan = anchorOfSpan;
    this.startOfSpan = startOfSpan;
    this.endOfSpan = endOfSpan;
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
  toJSON(key?: string): unknown {
    if (isSpanKey(key)) return plain(this);
    return { text: this.text, span: plain(this), quoted: this.quoted };
  }
}

/** A name as written (`users`, `"order items"`). */
export function identNode(anchor: Anchor, rs: number, re: number, text: string, quoted: boolean): Ident {
  return new IdentNode(text, quoted, anchor, rs, re) as unknown as Ident;
}

class QNameNode {
  declare parts: Ident[];
  declare tuple: Ident[] | undefined;
  declare anchorOfSpan: Anchor;
  declare startOfSpan: number;
  declare endOfSpan: number;
  constructor(parts: Ident[], tuple: Ident[] | undefined, anchorOfSpan: Anchor, startOfSpan: number, endOfSpan: number) {
    this.parts = parts;
    this.tuple = tuple;
    this.anchorOfSpan = anchorOfSpan;
    this.startOfSpan = startOfSpan;
    this.endOfSpan = endOfSpan;
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
  toJSON(key?: string): unknown {
    if (isSpanKey(key)) return plain(this);
    return { parts: this.parts, span: plain(this), tuple: this.tuple };
  }
}

/** A dotted name of several parts, or with a `.(a, b)` tuple (a one-part name is a `nameExprNode`, or a plain object spanned by its ident). */
export function qnameNode(anchor: Anchor, rs: number, re: number, parts: Ident[], tuple: Ident[] | undefined): QName {
  return new QNameNode(parts, tuple, anchor, rs, re) as unknown as QName;
}

class SettingNode {
  declare name: string;
  declare nameSpan: Span;
  declare value: Expr | undefined;
  declare anchorOfSpan: Anchor;
  declare startOfSpan: number;
  declare endOfSpan: number;
  constructor(name: string, nameSpan: Span | undefined, value: Expr | undefined, anchorOfSpan: Anchor, startOfSpan: number, endOfSpan: number) {
    this.name = name;
    // a flag is its own name span
    this.nameSpan = nameSpan ?? (this as unknown as Span);
    this.value = value;
    this.anchorOfSpan = anchorOfSpan;
    this.startOfSpan = startOfSpan;
    this.endOfSpan = endOfSpan;
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
  toJSON(key?: string): unknown {
    if (isSpanKey(key)) return plain(this);
    return { name: this.name, nameSpan: plain(this.nameSpan), value: this.value, span: plain(this) };
  }
}

/** `[name: value]`, or a flag `[pk]` (whose name span is the setting itself: pass `nameSpan` undefined). */
export function settingNode(anchor: Anchor, rs: number, re: number, name: string, nameSpan: Span | undefined, value: Expr | undefined): SettingItem {
  return new SettingNode(name, nameSpan, value, anchor, rs, re) as unknown as SettingItem;
}

class SettingListNode {
  declare items: SettingItem[];
  declare anchorOfSpan: Anchor;
  declare startOfSpan: number;
  declare endOfSpan: number;
  constructor(items: SettingItem[], anchorOfSpan: Anchor, startOfSpan: number, endOfSpan: number) {
    this.items = items;
    this.anchorOfSpan = anchorOfSpan;
    this.startOfSpan = startOfSpan;
    this.endOfSpan = endOfSpan;
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
  toJSON(key?: string): unknown {
    if (isSpanKey(key)) return plain(this);
    return { items: this.items, span: plain(this) };
  }
}

/** `[a, b: c]` */
export function settingListNode(anchor: Anchor, rs: number, re: number, items: SettingItem[]): SettingList {
  return new SettingListNode(items, anchor, rs, re) as unknown as SettingList;
}

class LineNode {
  declare type: 'line';
  declare parts: Expr[];
  declare commaSeparated: boolean;
  declare settings: SettingList | undefined;
  declare anchorOfSpan: Anchor;
  declare startOfSpan: number;
  declare endOfSpan: number;
  constructor(type: 'line', parts: Expr[], commaSeparated: boolean, settings: SettingList | undefined, anchorOfSpan: Anchor, startOfSpan: number, endOfSpan: number) {
    this.type = type;
    this.parts = parts;
    this.commaSeparated = commaSeparated;
    this.settings = settings;
    this.anchorOfSpan = anchorOfSpan;
    this.startOfSpan = startOfSpan;
    this.endOfSpan = endOfSpan;
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
  toJSON(key?: string): unknown {
    if (isSpanKey(key)) return plain(this);
    return { type: this.type, parts: this.parts, commaSeparated: this.commaSeparated, settings: this.settings, span: plain(this) };
  }
}

/** One line of a body. */
export function lineNode(anchor: Anchor, rs: number, re: number, parts: Expr[], commaSeparated: boolean, settings: SettingList | undefined): Line {
  return new LineNode('line', parts, commaSeparated, settings, anchor, rs, re) as unknown as Line;
}

class ValueLineNode {
  declare type: 'line';
  declare parts: Expr[];
  declare commaSeparated: boolean;
  declare settings: SettingList | undefined;
  declare anchorOfSpan: Anchor;
  declare startOfSpan: number;
  declare endOfSpan: number;
  constructor(type: 'line', parts: Expr[], commaSeparated: boolean, settings: SettingList | undefined, anchorOfSpan: Anchor, startOfSpan: number, endOfSpan: number) {
    this.type = type;
    this.parts = parts;
    this.commaSeparated = commaSeparated;
    this.settings = settings;
    this.anchorOfSpan = anchorOfSpan;
    this.startOfSpan = startOfSpan;
    this.endOfSpan = endOfSpan;
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
  toJSON(key?: string): unknown {
    if (isSpanKey(key)) return plain(this);
    return { type: this.type, parts: this.parts, commaSeparated: this.commaSeparated, span: plain(this), settings: this.settings };
  }
}

/** The `: value` line of an element (`Ref: a.id > b.id [delete: cascade]`): in JSON its settings follow its span, as they always did. */
export function valueLineNode(anchor: Anchor, rs: number, re: number, parts: Expr[], settings: SettingList | undefined): Line {
  return new ValueLineNode('line', parts, false, settings, anchor, rs, re) as unknown as Line;
}

class BodyNode {
  declare items: (Element | Line)[];
  declare openSpan: Span;
  declare closeSpan: Span | undefined;
  declare anchorOfSpan: Anchor;
  declare startOfSpan: number;
  declare endOfSpan: number;
  constructor(items: (Element | Line)[], openSpan: Span, closeSpan: Span | undefined, anchorOfSpan: Anchor, startOfSpan: number, endOfSpan: number) {
    this.items = items;
    this.openSpan = openSpan;
    this.closeSpan = closeSpan;
    this.anchorOfSpan = anchorOfSpan;
    this.startOfSpan = startOfSpan;
    this.endOfSpan = endOfSpan;
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
  toJSON(key?: string): unknown {
    if (isSpanKey(key)) return plain(this);
    return { items: this.items, openSpan: this.openSpan, closeSpan: this.closeSpan, span: plain(this) };
  }
}

/** `{ ... }` */
export function bodyNode(anchor: Anchor, rs: number, re: number, items: (Element | Line)[], openSpan: Span, closeSpan: Span | undefined): Body {
  return new BodyNode(items, openSpan, closeSpan, anchor, rs, re) as unknown as Body;
}

class TextExprNode {
  declare kind: 'number' | 'color';
  declare text: string;
  declare anchorOfSpan: Anchor;
  declare startOfSpan: number;
  declare endOfSpan: number;
  constructor(kind: 'number' | 'color', text: string, anchorOfSpan: Anchor, startOfSpan: number, endOfSpan: number) {
    this.kind = kind;
    this.text = text;
    this.anchorOfSpan = anchorOfSpan;
    this.startOfSpan = startOfSpan;
    this.endOfSpan = endOfSpan;
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
  toJSON(key?: string): unknown {
    if (isSpanKey(key)) return plain(this);
    return { kind: this.kind, text: this.text, span: plain(this) };
  }
}

/** A number or a color: `12`, `#3498db`. */
export function textExprNode(anchor: Anchor, rs: number, re: number, kind: 'number' | 'color', text: string): Expr {
  return new TextExprNode(kind, text, anchor, rs, re) as unknown as Expr;
}

class StringExprNode {
  declare kind: 'string';
  declare value: string;
  declare multiline: boolean;
  declare anchorOfSpan: Anchor;
  declare startOfSpan: number;
  declare endOfSpan: number;
  constructor(kind: 'string', value: string, multiline: boolean, anchorOfSpan: Anchor, startOfSpan: number, endOfSpan: number) {
    this.kind = kind;
    this.value = value;
    this.multiline = multiline;
    this.anchorOfSpan = anchorOfSpan;
    this.startOfSpan = startOfSpan;
    this.endOfSpan = endOfSpan;
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
  toJSON(key?: string): unknown {
    if (isSpanKey(key)) return plain(this);
    return { kind: this.kind, value: this.value, multiline: this.multiline, span: plain(this) };
  }
}

/** `'text'`, `'''text'''` */
export function stringExprNode(anchor: Anchor, rs: number, re: number, value: string, multiline: boolean): Expr {
  return new StringExprNode('string', value, multiline, anchor, rs, re) as unknown as Expr;
}

class BacktickExprNode {
  declare kind: 'expression';
  declare value: string;
  declare anchorOfSpan: Anchor;
  declare startOfSpan: number;
  declare endOfSpan: number;
  constructor(kind: 'expression', value: string, anchorOfSpan: Anchor, startOfSpan: number, endOfSpan: number) {
    this.kind = kind;
    this.value = value;
    this.anchorOfSpan = anchorOfSpan;
    this.startOfSpan = startOfSpan;
    this.endOfSpan = endOfSpan;
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
  toJSON(key?: string): unknown {
    if (isSpanKey(key)) return plain(this);
    return { kind: this.kind, value: this.value, span: plain(this) };
  }
}

/** `` `now()` `` */
export function backtickExprNode(anchor: Anchor, rs: number, re: number, value: string): Expr {
  return new BacktickExprNode('expression', value, anchor, rs, re) as unknown as Expr;
}

class CallExprNode {
  declare kind: 'call';
  declare callee: QName;
  declare args: Expr[];
  declare isArray: boolean;
  declare dims: string[] | undefined;
  declare anchorOfSpan: Anchor;
  declare startOfSpan: number;
  declare endOfSpan: number;
  constructor(kind: 'call', callee: QName, args: Expr[], isArray: boolean, dims: string[] | undefined, anchorOfSpan: Anchor, startOfSpan: number, endOfSpan: number) {
    this.kind = kind;
    this.callee = callee;
    this.args = args;
    this.isArray = isArray;
    this.dims = dims;
    this.anchorOfSpan = anchorOfSpan;
    this.startOfSpan = startOfSpan;
    this.endOfSpan = endOfSpan;
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
  toJSON(key?: string): unknown {
    if (isSpanKey(key)) return plain(this);
    return { kind: this.kind, callee: this.callee, args: this.args, isArray: this.isArray, span: plain(this), dims: this.dims };
  }
}

/** `varchar(255)`, `int[]`, `int[3][3]` */
export function callExprNode(anchor: Anchor, rs: number, re: number, callee: QName, args: Expr[], isArray: boolean, dims: string[] | undefined): Expr {
  return new CallExprNode('call', callee, args, isArray, dims, anchor, rs, re) as unknown as Expr;
}

/** The properties through which JSON reaches a QName (elsewhere a one-part name is an expression). */
const QNAME_KEYS: ReadonlySet<string> = new Set(['name', 'callee', 'target', 'table']);

class NameExprNode {
  declare kind: 'qname';
  declare parts: Ident[];
  constructor(kind: 'qname', parts: Ident[]) {
    this.kind = kind;
    this.parts = parts;
  }
  get name(): QName {
    return this as unknown as QName;
  }
  get span(): Span {
    return (this as unknown as QName).parts[0].span;
  }
  toJSON(key?: string): unknown {
    const parts = (this as unknown as QName).parts;
    const span = plain(parts[0].span);
    const q = { parts, span };
    return key !== undefined && QNAME_KEYS.has(key) ? q : { kind: 'qname', name: q, span };
  }
}

/**
 * A plain one-part name as an expression (`users`, `int`, `"order items"`): the `qname` expression and
 * its QName in one object (`e.name === e`), spanned by its ident, so a plain name costs the ident, its
 * one-element `parts` and this, where it cost two objects more. `name` and `span` are accessors: walking
 * its keys sees `kind` and `parts`, never a cycle. JSON writes the expression, or the QName where it
 * is reached through a QName's property (`name`, `callee`, `target`, `table`); a list of QNames must
 * hold plain `{ parts, span }` objects instead (see interpret.ts's `members`).
 */
export function nameExprNode(parts: Ident[]): Extract<Expr, { kind: 'qname' }> & QName {
  return new NameExprNode('qname', parts) as unknown as Extract<Expr, { kind: 'qname' }> & QName;
}

/** Is `e` a `nameExprNode`? */
export function isNameExprNode(e: object): boolean {
  return e instanceof NameExprNode;
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
  /** the name's end and the type's start, block-relative (from `bits`: see `compactColumnBits`) */
  readonly nameEndOfSpan: number;
  readonly typeStartOfSpan: number;
  /** the name, unquoted and unescaped */
  cname: string;
  /** the type's name, or its schema and name (`tq2` undefined when unqualified), from `ctype` */
  readonly tq1: string;
  readonly tq2: string | undefined;
  /** the type as the interpreter writes it (`varchar(255)`, `core.status`, `text[]`) and its arguments, from `ctype` */
  readonly typeText: string;
  readonly args: string[];
  /** the type, shared by every line that writes it the same way */
  ctype: CompactType;
  /** COMPACT_* bits, and the name's and the type's offsets past them (`compactColumnBits`) */
  bits: number;
  /** the default's model kind and value (a ColumnDefault: `sharedDefault`), when there is one */
  cdefault: CompactDefault | undefined;
  note: string | undefined;
  /** the line's one inline ref (`ref: > users.id`), if it has one */
  ref: CompactInlineRef | undefined;
  /** what `materialize` made: the full parser's Line and the interpreter's ColumnDecl */
  madeSpan: { line: Line; decl: ColumnDecl } | undefined;
}

/** A column default's model kind and value (the model's ColumnDefault). */
export interface CompactDefault {
  kind: 'number' | 'string' | 'expression' | 'boolean' | 'null';
  value: string;
}

const defaultsByKind = new Map<string, Map<string, { kind: string; value: string }>>();

/**
 * A column default as one shared object per kind and value, for compact lines and the binder alike: a
 * schema repeats `now()`, `0`, `true` on thousands of columns (at 5,000 tables, 21,000 objects, 0.8 MB).
 * Model defaults are never changed.
 */
export function sharedDefault<K extends string>(kind: K, value: string): { kind: K; value: string } {
  let byValue = defaultsByKind.get(kind);
  if (!byValue) defaultsByKind.set(kind, (byValue = new Map()));
  let d = byValue.get(value);
  if (!d) {
    d = { kind, value };
    if (byValue.size >= 4096) byValue.clear();
    byValue.set(value, d);
  }
  return d as { kind: K; value: string };
}

/** A compact column line's type: one object per way of writing a type, shared by the lines (never changed). */
export interface CompactType {
  tq1: string;
  tq2: string | undefined;
  text: string;
  args: string[];
}

/**
 * A compact column line's inline ref, `ref: OP target` with a target of one to three plain names written
 * without spaces (`other_col`, `users.id`, `core.users.id`): the operator, the names, and where the
 * setting and its target are (block-relative; the names follow each other with a dot between them).
 */
export class CompactInlineRef {
  declare op: RelOp;
  declare parts: string[];
  /** the setting's start (its `ref`), its target's start, and both's end */
  declare startOfSpan: number;
  declare targetOfSpan: number;
  declare endOfSpan: number;
  /** what the binder made of it once (compactInlineRef), kept with the line */
  declare madeSpan: InlineRefDecl | undefined;

  constructor(op: RelOp, parts: string[], start: number, target: number, end: number) {
    this.op = op;
    this.parts = parts;
    this.startOfSpan = start;
    this.targetOfSpan = target;
    this.endOfSpan = end;
    this.madeSpan = undefined;
  }
}

/**
 * A compact line's inline ref as a declaration (op, target name, the setting's span), with the line's own
 * identifiers and spans but none of its syntax nodes: what the binder needs. Made once per line, kept.
 * (The declaration view's `inlineRefs`, which other readers use, is the interpreter's, made with the line's nodes.)
 */
export function compactInlineRef(c: CompactColumn): InlineRefDecl | undefined {
  const r = c.ref;
  if (!r) return undefined;
  if (r.madeSpan) return r.madeSpan;
  const a = c.anchorOfSpan;
  const parts: Ident[] = new Array(r.parts.length);
  let at = r.targetOfSpan;
  for (let i = 0; i < r.parts.length; i++) {
    const t = r.parts[i];
    parts[i] = identNode(a, at, at + t.length, t, false);
    at += t.length + 1;
  }
  // a one-part target is its ident's (as the full path's one-part name expression is)
  const target: QName = parts.length === 1 ? { parts, span: parts[0].span } : qnameNode(a, r.targetOfSpan, r.endOfSpan, parts, undefined);
  return (r.madeSpan = { op: r.op, target, span: spanNode(a, r.startOfSpan, r.endOfSpan) });
}

/** The identifier of a compact line's column name, for the binder (made once per call: cheap, not kept). */
export function compactNameIdent(c: CompactColumn): Ident {
  return identNode(c.anchorOfSpan, c.startOfSpan, c.nameEndOfSpan, c.cname, (c.bits & COMPACT_QUOTED) !== 0);
}

export const COMPACT_PK = 1;
export const COMPACT_UNIQUE = 2;
export const COMPACT_INCREMENT = 4;
export const COMPACT_NULL = 8;
export const COMPACT_NOT_NULL = 16;
export const COMPACT_QUOTED = 32;
export const COMPACT_ARRAY = 64;
/** The flag bits of `bits` (the bits above them are offsets) */
export const COMPACT_FLAGS = 127;

/** Where the bits hold the name's written length past its text (quotes, escapes) and the blanks before the type. */
const NAME_EXTRA_SHIFT = 7;
const TYPE_GAP_SHIFT = 15;

/**
 * A compact line's bits with its name's and type's offsets folded in (8 bits each, 23 bits in all: a small
 * integer): the name's end is its start plus its text's length plus `nameExtra` (0 for a plain name, 2 and
 * its escapes for a quoted one), the type's start the name's end plus `typeGap`. Undefined when either is
 * over 255 (the line then takes the full path).
 */
export function compactColumnBits(flags: number, nameExtra: number, typeGap: number): number | undefined {
  if (nameExtra > 255 || typeGap > 255) return undefined;
  return flags | (nameExtra << NAME_EXTRA_SHIFT) | (typeGap << TYPE_GAP_SHIFT);
}

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

/** The record's class (a class like every node here: see the top of this file). */
export class CompactLineNode implements CompactColumn {
  declare anchorOfSpan: Anchor;
  declare startOfSpan: number;
  declare endOfSpan: number;
  declare cname: string;
  declare ctype: CompactType;
  declare bits: number;
  declare cdefault: CompactColumn['cdefault'];
  declare note: string | undefined;
  declare ref: CompactInlineRef | undefined;
  declare madeSpan: { line: Line; decl: ColumnDecl } | undefined;

  constructor(
    anchor: Anchor,
    rs: number,
    re: number,
    cname: string,
    ctype: CompactType,
    bits: number,
    cdefault: CompactColumn['cdefault'],
    note: string | undefined,
    ref: CompactInlineRef | undefined,
  ) {
    this.anchorOfSpan = anchor;
    this.startOfSpan = rs;
    this.endOfSpan = re;
    this.cname = cname;
    this.ctype = ctype;
    this.bits = bits;
    this.cdefault = cdefault;
    this.note = note;
    this.ref = ref;
    this.madeSpan = undefined;
  }

  get nameEndOfSpan(): number {
    return this.startOfSpan + this.cname.length + ((this.bits >> NAME_EXTRA_SHIFT) & 255);
  }
  get typeStartOfSpan(): number {
    return this.nameEndOfSpan + ((this.bits >> TYPE_GAP_SHIFT) & 255);
  }
  get tq1(): string {
    return this.ctype.tq1;
  }
  get tq2(): string | undefined {
    return this.ctype.tq2;
  }
  get typeText(): string {
    return this.ctype.text;
  }
  get args(): string[] {
    return this.ctype.args;
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
  /**
   * The view is also the model column's SourceRef (`uri`, `nameSpan`: the view, `span`: the line), one
   * object less per column; its JSON under the key `source` is a SourceRef's.
   */
  readonly uri: string;
  readonly nameSpan: Span;
}

/** The view's class (a class for the reason CompactLineNode is one). */
class CompactDeclNode {
  declare readonly line: CompactColumn;
  declare readonly uri: string;

  constructor(line: CompactColumn, uri: string) {
    (this as { line: CompactColumn }).line = line;
    (this as { uri: string }).uri = uri;
  }

  get nameSpan(): Span {
    return this;
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
    // the interpreter's (with the line's nodes) when the line has a `ref:` setting
    return this.line.ref ? compactDecl(this.line).inlineRefs : NO_ITEMS;
  }
  get span(): Span {
    return this.line;
  }
  toJSON(key?: string): unknown {
    if (isSpanKey(key)) return { start: this.start, end: this.end };
    // as a model column's SourceRef
    if (key === 'source') return { uri: this.uri, nameSpan: { start: this.start, end: this.end }, span: plain(this.line) };
    return compactDecl(this.line);
  }
}

/** The ColumnDecl of a compact column line (the interpreter makes one per line). */
export function compactColumnDecl(line: CompactColumn, uri: string): CompactColumnDecl {
  return new CompactDeclNode(line, uri) as unknown as CompactColumnDecl;
}

/** Is this column declaration a compact line's view? */
export function isCompactColumnDecl(c: object): c is CompactColumnDecl {
  return c instanceof CompactDeclNode;
}

// ------------------------------------------------------------ compact Ref lines

/**
 * A compact record that stands for an Element (a Ref line, an indexes block): what it does not hold in
 * its fields it answers from the full parser's element, made on first access and kept (`madeElement`).
 */
abstract class CompactElementNode {
  protected abstract madeElement(): Element;
  // the record is its own span (its subclass has `start` and `end`) and an Element
  get span(): Span {
    return this as unknown as Span;
  }
  get type(): 'element' {
    return 'element';
  }
  get keyword(): Ident {
    return this.madeElement().keyword;
  }
  get name(): QName | undefined {
    return this.madeElement().name;
  }
  get nameArgs(): Ident[] | undefined {
    return this.madeElement().nameArgs;
  }
  get alias(): Ident | undefined {
    return this.madeElement().alias;
  }
  get settings(): SettingList | undefined {
    return this.madeElement().settings;
  }
  get value(): Line | undefined {
    return this.madeElement().value;
  }
  get extra(): Expr[] | undefined {
    return this.madeElement().extra;
  }
  toJSON(key?: string): unknown {
    if (isSpanKey(key)) return plain(this as unknown as Span);
    const el = this.madeElement() as unknown as { toJSON?(key?: string): unknown };
    return el.toJSON ? el.toJSON(key) : el;
  }
}


/**
 * A top-level Ref written on one line, `Ref[ name]: a.b OP c.d[ [delete: x, update: y]]`, with each
 * endpoint two or three plain names glued by dots and no other setting (nearly every `Ref:` of a
 * schema): one record, where the tree had about thirty objects (the element, its value line, the
 * relation, two name expressions with their parts, five identifiers, the settings with their values,
 * the declaration with two endpoints and their table names). parse.ts `compactRefBlock` makes it for a
 * block that is exactly such a line, when the full path would make the same Ref with no diagnostic.
 * It stands for the block's one statement (an Element: `type`, `kind`, `body`, `span` from the record)
 * and, through `compactRefDecl`, for its RefDecl (`kind`, `span`, `element`); the binder reads the
 * record (bind.ts `bindCompactRef`), and any other field is made on first access by parsing the line
 * with the full parser and interpreting it (`materializeRef`, set by parse.ts), then kept, so the JSON
 * and every identity are the tree's. Offsets are block-relative; the block's text is on its anchor.
 */
export class CompactRefNode extends CompactElementNode {
  declare anchorOfSpan: Anchor;
  /** the line's end (the keyword starts the block: offset 0) */
  declare endOfSpan: number;
  /** the name (`Ref name:`, unquoted), its start (-1 without one) and whether it is quoted */
  declare refName: string | undefined;
  declare nameStartOfSpan: number;
  declare nameQuoted: boolean;
  /** the value's start (the left endpoint's first name) and end (after the right endpoint or the settings) */
  declare valueStartOfSpan: number;
  declare valueEndOfSpan: number;
  /** the endpoints' names (unquoted), a bit per quoted one, and where the right one starts (the names follow each other with a dot between them) */
  declare left: string[];
  declare leftQuoted: number;
  declare right: string[];
  declare rightQuoted: number;
  declare rightStartOfSpan: number;
  declare op: RelOp;
  declare opStartOfSpan: number;
  /** the settings as written, flat: (`delete` or `update`, its action: `cascade`, `set null`, ...) pairs; their list's start ('[') or -1 */
  declare actions: string[];
  declare settingsStartOfSpan: number;
  /** what `materializeRef` made: the full parser's Element and the interpreter's RefDecl */
  declare madeSpan: { element: Element; decl: RefDecl } | undefined;
  /** what the binder made of it once (bind.ts), kept with the line: the endpoints' identifiers and the value's span */
  declare boundSpan: { left: QName; right: QName; span: Span } | undefined;

  constructor(
    anchor: Anchor,
    end: number,
    refName: string | undefined,
    nameStart: number,
    nameQuoted: boolean,
    valueStart: number,
    valueEnd: number,
    left: string[],
    leftQuoted: number,
    op: RelOp,
    opStart: number,
    right: string[],
    rightQuoted: number,
    rightStart: number,
    actions: string[],
    settingsStart: number,
  ) {
    super();
    this.anchorOfSpan = anchor;
    this.endOfSpan = end;
    this.refName = refName;
    this.nameStartOfSpan = nameStart;
    this.nameQuoted = nameQuoted;
    this.valueStartOfSpan = valueStart;
    this.valueEndOfSpan = valueEnd;
    this.left = left;
    this.leftQuoted = leftQuoted;
    this.right = right;
    this.rightQuoted = rightQuoted;
    this.rightStartOfSpan = rightStart;
    this.op = op;
    this.opStartOfSpan = opStart;
    this.actions = actions;
    this.settingsStartOfSpan = settingsStart;
    this.madeSpan = undefined;
    this.boundSpan = undefined;
  }

  // as a Span: the whole line (the element's span)
  get anchor(): Anchor {
    return this.anchorOfSpan;
  }
  get start(): number {
    return this.anchorOfSpan.start;
  }
  get end(): number {
    return this.anchorOfSpan.start + this.endOfSpan;
  }
  get kind(): 'ref' {
    return 'ref';
  }
  get body(): undefined {
    return undefined;
  }
  protected madeElement(): Element {
    return materializeRef(this).element;
  }
}

let refMaterializer: ((r: CompactRefNode) => { element: Element; decl: RefDecl }) | undefined;

/** parse.ts: how a compact Ref's element and declaration are made (the full parser, then the interpreter). */
export function setCompactRefMaterializer(f: (r: CompactRefNode) => { element: Element; decl: RefDecl }): void {
  refMaterializer = f;
}

/** The full parser's Element and the interpreter's RefDecl for a compact Ref (made once, then kept). */
export function materializeRef(r: CompactRefNode): { element: Element; decl: RefDecl } {
  return (r.madeSpan ??= refMaterializer!(r));
}

/** Is this statement a compact Ref line? */
export function isCompactRef(x: object): x is CompactRefNode & Element {
  return x instanceof CompactRefNode;
}

/** A compact Ref's declaration view: a RefDecl whose fields come from its record. */
class CompactRefDeclNode {
  declare readonly ref: CompactRefNode;

  constructor(ref: CompactRefNode) {
    (this as { ref: CompactRefNode }).ref = ref;
  }
  get kind(): 'ref' {
    return 'ref';
  }
  get element(): Element {
    return this.ref as unknown as Element;
  }
  get name(): QName | undefined {
    return materializeRef(this.ref).decl.name;
  }
  get left(): RefDecl['left'] {
    return materializeRef(this.ref).decl.left;
  }
  get right(): RefDecl['right'] {
    return materializeRef(this.ref).decl.right;
  }
  get op(): RelOp {
    return this.ref.op;
  }
  get opSpan(): Span | undefined {
    return materializeRef(this.ref).decl.opSpan;
  }
  get settings(): SettingItem[] {
    return materializeRef(this.ref).decl.settings;
  }
  get span(): Span {
    return compactRefBound(this.ref).span;
  }
  toJSON(key?: string): unknown {
    if (isSpanKey(key)) return plain(this.span);
    return materializeRef(this.ref).decl;
  }
}

/** The RefDecl of a compact Ref line. */
export function compactRefDecl(ref: CompactRefNode): RefDecl & { readonly ref: CompactRefNode } {
  return new CompactRefDeclNode(ref) as unknown as RefDecl & { readonly ref: CompactRefNode };
}

/** Is this declaration a compact Ref's view? */
export function isCompactRefDecl(d: object): d is RefDecl & { readonly ref: CompactRefNode } {
  return d instanceof CompactRefDeclNode;
}

/** An endpoint's names as identifiers from `at` (block-relative), one dot between them, and their QName. */
function endpointName(a: Anchor, names: string[], quoted: number, at: number): QName {
  const parts: Ident[] = new Array(names.length);
  const start = at;
  for (let i = 0; i < names.length; i++) {
    const t = names[i];
    const q = (quoted & (1 << i)) !== 0;
    const len = q ? t.length + 2 : t.length;
    parts[i] = identNode(a, at, at + len, t, q);
    at += len + 1;
  }
  return qnameNode(a, start, at - 1, parts, undefined);
}

/**
 * A compact Ref's endpoints as names (`table.column` or `schema.table.column`: the table is every part
 * but the last) and the value's span (the RefDecl's span: from the left endpoint to the end of the
 * settings): what the binder needs, made once per line and kept.
 */
export function compactRefBound(r: CompactRefNode): { left: QName; right: QName; span: Span } {
  if (r.boundSpan) return r.boundSpan;
  const a = r.anchorOfSpan;
  return (r.boundSpan = {
    left: endpointName(a, r.left, r.leftQuoted, r.valueStartOfSpan),
    right: endpointName(a, r.right, r.rightQuoted, r.rightStartOfSpan),
    span: spanNode(a, r.valueStartOfSpan, r.valueEndOfSpan),
  });
}

/** Where a compact Ref's keyword, name and setting names are: absolute spans (plain objects, for editor features). */
export function compactRefTokens(r: CompactRefNode): { keyword: Span; name: Span | undefined; settingNames: Span[] } {
  const a = r.anchorOfSpan.start;
  const name = r.refName === undefined ? undefined : { start: a + r.nameStartOfSpan, end: a + r.nameStartOfSpan + r.refName.length + (r.nameQuoted ? 2 : 0) };
  const settingNames: Span[] = [];
  const text = blockText(r.anchorOfSpan);
  const base = blockBase(r.anchorOfSpan);
  let at = r.settingsStartOfSpan;
  for (let i = 0; i < r.actions.length; i += 2) {
    const s = text.indexOf(r.actions[i], base + at) - base;
    settingNames.push({ start: a + s, end: a + s + r.actions[i].length });
    at = s + r.actions[i].length + 1 + r.actions[i + 1].length;
  }
  return { keyword: { start: a, end: a + 3 }, name, settingNames };
}

// ------------------------------------------------------------ compact indexes blocks

/**
 * One line of a compact `indexes` block: `name` or `(a, b)` with the settings `unique`, `pk`,
 * `name: '...'`, `type: btree|hash` and `note: '...'` (each at most once, strings without escapes).
 * Offsets are block-relative.
 */
export class CompactIndexLine {
  /** its block's anchor (a line holds no reference back to its block: walkers of the tree meet no cycle) */
  declare anchorOfSpan: Anchor;
  /** where the line's content starts and ends (from the name or `(` to the last name, `)` or `]`) */
  declare startOfSpan: number;
  declare endOfSpan: number;
  /** the column names (unquoted), where each starts, and a bit per quoted one */
  declare cols: string[];
  declare colStartsOfSpan: number[];
  declare colQuoted: number;
  /** the line's one backtick expression (then `cols` is empty), without its backticks */
  declare expression: string | undefined;
  /** the setting names as written, in order, and where each starts (flat: start per name) */
  declare settingNames: string[];
  declare settingStartsOfSpan: number[];
  declare unique: boolean;
  declare pk: boolean;
  declare name: string | undefined;
  declare type: string | undefined;
  declare note: string | undefined;
  /** what the binder made once: the columns' identifiers (or the expression's span) and the line's span */
  declare boundSpan: { idents: Ident[]; exprSpan: Span | undefined; span: Span } | undefined;

  constructor(anchor: Anchor, start: number, end: number, cols: string[], colStarts: number[], colQuoted: number) {
    this.anchorOfSpan = anchor;
    this.startOfSpan = start;
    this.endOfSpan = end;
    this.cols = cols;
    this.colStartsOfSpan = colStarts;
    this.colQuoted = colQuoted;
    this.expression = undefined;
    this.settingNames = NO_ITEMS;
    this.settingStartsOfSpan = NO_ITEMS;
    this.unique = false;
    this.pk = false;
    this.name = undefined;
    this.type = undefined;
    this.note = undefined;
    this.boundSpan = undefined;
  }
}

/**
 * An `indexes { ... }` block of a top-level Table whose every line is a simple index line (see
 * CompactIndexLine; nearly every index of a schema): one record per line and one for the block, where
 * the tree had about twenty objects per line. direct-parser.ts `compactIndexes` makes it when the full
 * path would make the same indexes with no diagnostic. The record is the block's Element (`type`,
 * `kind`, `span` from its fields); each line is an IndexDecl through a view (`compactIndexDecl`). The
 * binder, semantic tokens, folding, the outline and the formatter's check read the records; any
 * other reader gets the full parser's element and the interpreter's IndexDecls, made on first access
 * (`materializeIndexes`, set by parse.ts) and kept.
 */
export class CompactIndexesNode extends CompactElementNode {
  declare anchorOfSpan: Anchor;
  /** the keyword's start, the `{` and the `}` (block-relative) */
  declare startOfSpan: number;
  declare openOfSpan: number;
  declare closeOfSpan: number;
  declare lines: CompactIndexLine[];
  declare madeSpan: { element: Element; decls: IndexDecl[] } | undefined;

  constructor(anchor: Anchor, start: number, open: number, close: number) {
    super();
    this.anchorOfSpan = anchor;
    this.startOfSpan = start;
    this.openOfSpan = open;
    this.closeOfSpan = close;
    this.lines = NO_ITEMS;
    this.madeSpan = undefined;
  }

  get anchor(): Anchor {
    return this.anchorOfSpan;
  }
  get start(): number {
    return this.anchorOfSpan.start + this.startOfSpan;
  }
  get end(): number {
    return this.anchorOfSpan.start + this.closeOfSpan + 1;
  }
  get kind(): 'indexes' {
    return 'indexes';
  }
  get body(): Body | undefined {
    return materializeIndexes(this).element.body;
  }
  protected madeElement(): Element {
    return materializeIndexes(this).element;
  }
}

let indexesMaterializer: ((r: CompactIndexesNode) => { element: Element; decls: IndexDecl[] }) | undefined;

/** parse.ts: how a compact indexes block's element and declarations are made. */
export function setCompactIndexesMaterializer(f: (r: CompactIndexesNode) => { element: Element; decls: IndexDecl[] }): void {
  indexesMaterializer = f;
}

/** The full parser's Element and the interpreter's IndexDecls for a compact indexes block (made once, then kept). */
export function materializeIndexes(r: CompactIndexesNode): { element: Element; decls: IndexDecl[] } {
  return (r.madeSpan ??= indexesMaterializer!(r));
}

/** Is this body item a compact indexes block? */
export function isCompactIndexes(x: object): x is CompactIndexesNode & Element {
  return x instanceof CompactIndexesNode;
}

/** A compact index line as an IndexDecl. */
class CompactIndexDeclNode {
  declare readonly block: CompactIndexesNode;
  declare readonly i: number;

  constructor(block: CompactIndexesNode, i: number) {
    (this as { block: CompactIndexesNode }).block = block;
    (this as { i: number }).i = i;
  }
  get line(): CompactIndexLine {
    return this.block.lines[this.i];
  }
  get parts(): IndexDecl['parts'] {
    return materializeIndexes(this.block).decls[this.i].parts;
  }
  get settings(): SettingItem[] {
    return materializeIndexes(this.block).decls[this.i].settings;
  }
  get span(): Span {
    return compactIndexBound(this.block.lines[this.i]).span;
  }
  toJSON(key?: string): unknown {
    if (isSpanKey(key)) return plain(this.span);
    return materializeIndexes(this.block).decls[this.i];
  }
}

/** The IndexDecl views of a compact indexes block's lines (what the table's `indexes` holds). */
export function compactIndexDecls(block: CompactIndexesNode): IndexDecl[] {
  const out: IndexDecl[] = new Array(block.lines.length);
  for (let i = 0; i < out.length; i++) out[i] = new CompactIndexDeclNode(block, i) as unknown as IndexDecl;
  return out;
}

/** Is this index declaration a compact line's view? */
export function isCompactIndexDecl(d: object): d is IndexDecl & { readonly line: CompactIndexLine; readonly block: CompactIndexesNode; readonly i: number } {
  return d instanceof CompactIndexDeclNode;
}

/** A compact index line's column identifiers and span (made once, kept: the model's index parts point at them). */
export function compactIndexBound(l: CompactIndexLine): { idents: Ident[]; exprSpan: Span | undefined; span: Span } {
  if (l.boundSpan) return l.boundSpan;
  const a = l.anchorOfSpan;
  const idents: Ident[] = new Array(l.cols.length);
  for (let i = 0; i < l.cols.length; i++) {
    const q = (l.colQuoted & (1 << i)) !== 0;
    const s = l.colStartsOfSpan[i];
    idents[i] = identNode(a, s, s + l.cols[i].length + (q ? 2 : 0), l.cols[i], q);
  }
  const exprSpan = l.expression === undefined ? undefined : spanNode(a, l.startOfSpan, l.startOfSpan + l.expression.length + 2);
  return (l.boundSpan = { idents, exprSpan, span: spanNode(a, l.startOfSpan, l.endOfSpan) });
}
