/**
 * The Prisma schema syntax tree: compact, built by the parser's actions (no
 * CST). One `PrismaBlock` per top-level declaration (`model`, `view`, `type`,
 * `enum`, `datasource`, `generator`). Every identifier keeps its text and span;
 * every span is absolute (UTF-16 offsets into the file). What a member means
 * (field, enum value, property) follows from the block kind; the validator and
 * the interpreter read it, the parser never resolves names.
 */
import type { Diagnostic } from '../../diagnostics.js';
import type { Span } from '../../text/span.js';

/** A diagnostic before it is attached to a file. */
export type PrismaDiag = Omit<Diagnostic, 'uri'>;

export interface PIdent {
  text: string;
  span: Span;
}

/** A dotted name: `db.VarChar`, `Cascade`, `true`. `text` joins the parts with `.`. */
export interface PPath {
  parts: PIdent[];
  text: string;
  span: Span;
}

export type PExpr =
  | { kind: 'string'; value: string; span: Span }
  | { kind: 'number'; value: string; span: Span }
  | { kind: 'path'; path: PPath; span: Span }
  | { kind: 'call'; callee: PPath; args: PArgs; span: Span }
  | { kind: 'array'; items: PExpr[]; span: Span };

/** One argument: `name: value`, or a bare value; `value` is missing when the text after `:` is. */
export interface PArg {
  name?: PIdent;
  value?: PExpr;
  span: Span;
}

export interface PArgs {
  items: PArg[];
  /** span of `( ... )` */
  span: Span;
}

/** `@name(args)` on a field or enum value, `@@name(args)` on a block. */
export interface PAttribute {
  /** `id`, `db.VarChar`, `relation`, ... (without the `@`) */
  name: PPath;
  block: boolean;
  args?: PArgs;
  span: Span;
}

export interface PFieldType {
  name: PPath;
  optional: boolean;
  list: boolean;
  /** `Unsupported("x")`: the string */
  unsupported?: string;
  /** `Type(args)` other than Unsupported: kept to report */
  args?: PArgs;
  /** legacy `Type!` (required) marker was written */
  bang?: boolean;
  span: Span;
}

/** A field of a model/view/type, or a value of an enum (then `type` is absent). */
export interface PField {
  name: PIdent;
  type?: PFieldType;
  attributes: PAttribute[];
  /** `///` lines above the member, joined with `\n` */
  doc?: string;
  /** a `:` was written between name and type (legacy syntax) */
  colon?: boolean;
  span: Span;
}

/** `key = value` in a datasource or generator. */
export interface PProperty {
  key: PIdent;
  value?: PExpr;
  span: Span;
}

export type PrismaBlockKind = 'model' | 'view' | 'type' | 'enum' | 'datasource' | 'generator';

export interface PrismaBlock {
  kind: PrismaBlockKind;
  keyword: PIdent;
  name?: PIdent;
  /** `///` lines above the block */
  doc?: string;
  /** fields (model/view/type) or enum values (enum) */
  fields: PField[];
  /** `@@...` attributes */
  attributes: PAttribute[];
  /** `key = value` (datasource/generator) */
  properties: PProperty[];
  /** from the keyword to the closing `}` (or the end of the block text) */
  span: Span;
  /** the whole block including leading comments */
  fullSpan: Span;
  /** the closing `}` was found */
  closed: boolean;
}

export interface PrismaFile {
  blocks: PrismaBlock[];
  diagnostics: PrismaDiag[];
}
