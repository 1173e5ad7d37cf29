/**
 * DBML syntax, two layers, both plain data with absolute spans:
 *
 * 1. The generic tree (`Element`, `Line`, `Expr`): what the chevrotain parser
 *    builds. DBML is regular: every construct is `keyword [name] [as alias]
 *    [settings] { body }` or `keyword: value`, and a body holds nested
 *    elements and lines (`id int [pk]`, `(a, b) [unique]`, `a.b > c.d`).
 *    The formatter, folding and selection ranges read this layer.
 * 2. The typed declarations (`TableDecl`, `RefDecl`, ...): what the
 *    interpreter derives from the generic tree, with DBML's validation rules.
 *    The binder, hover, completion and symbols read this layer.
 *
 * Never holds the model; never throws on missing pieces (every optional
 * field may be absent in broken input).
 */
import type { Span } from '../../text/span.js';

// ---------------------------------------------------------------- tokens

export type CommentKind = 'line' | 'block';

export interface Comment {
  kind: CommentKind;
  span: Span;
  /** raw text including `//` or `/* *\/` */
  text: string;
}

// ---------------------------------------------------------------- generic tree

/** A name as written: `users`, `"order items"`. `text` has quotes removed. */
export interface Ident {
  text: string;
  span: Span;
  quoted: boolean;
}

/** A dotted name: `users`, `core.users`, `core.users.id`, `u.(a, b)` has `tuple`. */
export interface QName {
  parts: Ident[];
  span: Span;
  /** composite column list after the last dot: `table.(a, b)` */
  tuple?: Ident[];
}

export type Expr =
  | { kind: 'qname'; name: QName; span: Span }
  | { kind: 'string'; value: string; multiline: boolean; span: Span }
  | { kind: 'number'; text: string; span: Span }
  | { kind: 'color'; text: string; span: Span }
  /** backtick expression, `value` without backticks */
  | { kind: 'expression'; value: string; span: Span }
  /** `(a, b)` or `(a, `expr`)` */
  | { kind: 'tuple'; items: Expr[]; span: Span }
  /** a type with arguments: `varchar(255)`, `decimal(10, 2)`; `isArray` for `int[]`, `dims` the sizes
   * of each array dimension as written (`''` for `[]`, `'3'` for `[3]`) */
  | { kind: 'call'; callee: QName; args: Expr[]; isArray?: boolean; dims?: string[]; span: Span }
  /** relationship operator `<`, `>`, `-`, `<>` between two operands; no `left` in an inline `ref: > users.id` */
  | { kind: 'relation'; op: RelOp; opSpan: Span; left?: Expr; right: Expr; span: Span }
  /** several bare words as one value: `set null`, `no action` */
  | { kind: 'words'; text: string; span: Span }
  /** `~partial_name` */
  | { kind: 'partial'; name: Ident; span: Span }
  /** `-1`, `+2` */
  | { kind: 'unary'; op: string; operand: Expr; span: Span }
  /** an unparsable piece kept for recovery */
  | { kind: 'error'; text: string; span: Span };

export type RelOp = '<' | '>' | '-' | '<>';

/** `[name: value, flag, ...]` */
export interface SettingList {
  items: SettingItem[];
  span: Span;
}

export interface SettingItem {
  /** the setting name, lowercased with single spaces: `pk`, `not null`, `default`, `ref` */
  name: string;
  nameSpan: Span;
  /** the value after `:`; absent for flags */
  value?: Expr;
  span: Span;
}

/** One line of a body: expressions separated by spaces or commas, then settings. */
export interface Line {
  type: 'line';
  parts: Expr[];
  /** true when the parts were separated by commas (records rows, tuples) */
  commaSeparated: boolean;
  settings?: SettingList;
  span: Span;
}

/** `keyword name as alias [settings] { body }` or `keyword: value`. */
export interface Element {
  type: 'element';
  keyword: Ident;
  /** normalised keyword: lowercase (`table`, `ref`, `enum`, `note`, `indexes`, ...) */
  kind: string;
  name?: QName;
  /** for `Records users(id, name)`: the column list after the name */
  nameArgs?: Ident[];
  alias?: Ident;
  settings?: SettingList;
  /** `{ ... }` body */
  body?: Body;
  /** `: value` body (short form) */
  value?: Line;
  /** head parts after name and alias that fit nowhere (reported by the interpreter) */
  extra?: Expr[];
  span: Span;
}

export interface Body {
  items: (Element | Line)[];
  openSpan: Span;
  /** absent when the closing brace is missing */
  closeSpan?: Span;
  span: Span;
}

/** A whole parsed file: the top-level elements in order, comments, diagnostics. */
export interface DbmlSyntax {
  elements: Element[];
  /** stray top-level lines (always an error) kept for tooling */
  strays: Line[];
  comments: Comment[];
}

// ---------------------------------------------------------------- typed declarations

export type Setting = SettingItem;

export interface ColumnTypeDecl {
  /** as written, e.g. `varchar(255)` or `core.status` */
  text: string;
  /** the type's (possibly schema-qualified) name; an enum reference when it resolves to one */
  name: QName;
  args: string[];
  isArray: boolean;
  span: Span;
}

export interface InlineRefDecl {
  op: RelOp;
  target: QName;
  span: Span;
  settings?: SettingItem[];
}

export interface ColumnDecl {
  name: Ident;
  type?: ColumnTypeDecl;
  settings: SettingItem[];
  inlineRefs: InlineRefDecl[];
  span: Span;
}

export interface IndexPartDecl {
  column?: Ident;
  expression?: string;
  span: Span;
}

export interface IndexDecl {
  parts: IndexPartDecl[];
  settings: SettingItem[];
  span: Span;
}

export interface CheckDecl {
  expression: string;
  settings: SettingItem[];
  span: Span;
}

export interface NoteValueDecl {
  content: string;
  span: Span;
}

export interface RecordsDecl {
  kind: 'records';
  /** absent inside a table (then the enclosing table) */
  table?: QName;
  columns: Ident[];
  rows: Expr[][];
  span: Span;
}

export interface TableLikeBody {
  columns: ColumnDecl[];
  indexes: IndexDecl[];
  checks: CheckDecl[];
  note?: NoteValueDecl;
  /** `~partial` injections, in order */
  partials: Ident[];
  records: RecordsDecl[];
  settings: SettingItem[];
}

export interface TableDecl extends TableLikeBody {
  kind: 'table';
  name: QName;
  alias?: Ident;
  element: Element;
  span: Span;
}

export interface TablePartialDecl extends TableLikeBody {
  kind: 'tablePartial';
  name: QName;
  element: Element;
  span: Span;
}

export interface RefEndpointDecl {
  /** table part of the endpoint: `users`, `core.users`, or an alias */
  table: QName;
  columns: Ident[];
  span: Span;
}

export interface RefDecl {
  kind: 'ref';
  name?: QName;
  left?: RefEndpointDecl;
  op?: RelOp;
  opSpan?: Span;
  right?: RefEndpointDecl;
  settings: SettingItem[];
  /** the element the ref was written in; undefined for inline refs */
  element?: Element;
  span: Span;
}

export interface EnumValueDecl {
  name: Ident;
  settings: SettingItem[];
  span: Span;
}

export interface EnumDecl {
  kind: 'enum';
  name: QName;
  values: EnumValueDecl[];
  element: Element;
  span: Span;
}

export interface TableGroupDecl {
  kind: 'tableGroup';
  name: QName;
  members: QName[];
  settings: SettingItem[];
  note?: NoteValueDecl;
  element: Element;
  span: Span;
}

export interface StickyNoteDecl {
  kind: 'note';
  name: QName;
  content: string;
  element: Element;
  span: Span;
}

export interface ProjectPropertyDecl {
  key: Ident;
  value: Expr;
  span: Span;
}

export interface ProjectDecl {
  kind: 'project';
  name?: QName;
  properties: ProjectPropertyDecl[];
  note?: NoteValueDecl;
  element: Element;
  span: Span;
}

export type Decl = TableDecl | TablePartialDecl | RefDecl | EnumDecl | TableGroupDecl | StickyNoteDecl | ProjectDecl | RecordsDecl;

/** The typed view of one file. */
export interface DbmlFile {
  syntax: DbmlSyntax;
  decls: Decl[];
}
