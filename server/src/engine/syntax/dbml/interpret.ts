/**
 * Interpreter: the generic DBML tree -> typed declarations (ast.ts layer 2),
 * validating what the grammar leaves open: which elements exist where, which
 * settings each accepts and with which values, names' shapes, duplicates
 * within one element. Name resolution across elements is the binder's job.
 * Never throws: a piece that does not fit gets a diagnostic and is skipped.
 */
import type { Diagnostic } from '../../diagnostics.js';
import type { Anchor, Span } from '../../text/span.js';
import { compactColumnDecl, compactIndexDecls, isCompactColumn, isCompactColumnDecl, isCompactIndexes, isNameExprNode, NO_ITEMS, spanNode } from './nodes.js';
import type {
  CheckDecl,
  ColumnDecl,
  ColumnTypeDecl,
  DbmlSyntax,
  Decl,
  Element,
  EnumDecl,
  Expr,
  Ident,
  IndexDecl,
  IndexPartDecl,
  InlineRefDecl,
  Line,
  NoteValueDecl,
  ProjectDecl,
  QName,
  RecordsDecl,
  RefDecl,
  RefEndpointDecl,
  SettingItem,
  StickyNoteDecl,
  TableDecl,
  TableGroupDecl,
  TableLikeBody,
  TablePartialDecl,
} from './ast.js';

/** Diagnostic codes of the DBML front end (documented in docs/rules.md). */
export const DbmlCodes = {
  syntax: 'DBML001',
  unknownElement: 'DBML002',
  invalidSetting: 'DBML003',
  duplicate: 'DBML004',
  invalidName: 'DBML005',
  invalidColumn: 'DBML006',
  invalidRef: 'DBML007',
  invalidContent: 'DBML008',
} as const;

/**
 * Interpretation context of one block: its diagnostics, and the block's anchor
 * so that every span the interpreter creates moves with the block.
 */
class Ctx {
  /** allocated at the first diagnostic (most blocks have none) */
  diagnostics: Diagnostic[] | undefined;
  constructor(
    readonly uri: string,
    readonly anchor: Anchor,
  ) {}
  mk(start: number, end: number): Span {
    const a = this.anchor.start;
    return spanNode(this.anchor, start - a, end - a);
  }
  error(span: Span, code: string, message: string): void {
    (this.diagnostics ??= []).push({ uri: this.uri, span: this.mk(span.start, span.end), severity: 'error', code, message });
  }
  warn(span: Span, code: string, message: string): void {
    (this.diagnostics ??= []).push({ uri: this.uri, span: this.mk(span.start, span.end), severity: 'warning', code, message });
  }
}

const REF_ACTIONS = new Set(['cascade', 'restrict', 'set null', 'set default', 'no action']);

export function exprText(e: Expr | undefined): string {
  if (!e) return '';
  switch (e.kind) {
    case 'qname':
      return qnameText(e.name);
    case 'string':
      return e.value;
    case 'number':
    case 'color':
      return e.text;
    case 'expression':
      return e.value;
    case 'words':
      return e.text;
    case 'call':
      return `${qnameText(e.callee)}${e.args.length ? `(${e.args.map(exprText).join(',')})` : ''}${arraySuffix(e)}`;
    case 'unary':
      return e.op + exprText(e.operand);
    case 'tuple':
      return `(${e.items.map(exprText).join(', ')})`;
    case 'relation':
      return `${e.left ? exprText(e.left) + ' ' : ''}${e.op} ${exprText(e.right)}`;
    case 'partial':
      return `~${e.name?.text ?? ''}`;
    case 'error':
      return e.text;
  }
}

/** `[]`, `[3][3]`: the array dimensions of a type as written. */
function arraySuffix(e: Extract<Expr, { kind: 'call' }>): string {
  if (!e.isArray) return '';
  return e.dims && e.dims.length ? e.dims.map((d) => `[${d}]`).join('') : '[]';
}

export function qnameText(q: QName | undefined): string {
  if (!q) return '';
  const parts = q.parts;
  let base = parts.length ? parts[0].text : '';
  for (let i = 1; i < parts.length; i++) base += '.' + parts[i].text;
  return q.tuple ? `${base}.(${q.tuple.map((t) => t.text).join(', ')})` : base;
}

type StringExpr = Extract<Expr, { kind: 'string' }>;

function isString(e: Expr | undefined): e is StringExpr {
  return !!e && e.kind === 'string';
}

/** A double-quoted single name, which DBML also accepts where a string is expected (`note: "x"`). */
function isQuotedName(e: Expr | undefined): e is Extract<Expr, { kind: 'qname' }> {
  return !!e && e.kind === 'qname' && e.name.parts.length === 1 && e.name.parts[0].quoted && !e.name.tuple;
}

/** `e` as a string expression: strings as they are, `"quoted"` names as new string nodes (the tree is not touched). */
function asString(e: Expr | undefined): StringExpr | undefined {
  if (isString(e)) return e;
  if (isQuotedName(e)) return { kind: 'string', value: e.name.parts[0].text, multiline: false, span: e.span };
  return undefined;
}

function describe(e: Expr): string {
  switch (e.kind) {
    case 'string':
      return 'a string';
    case 'number':
    case 'unary':
      return 'a number';
    case 'color':
      return 'a color';
    case 'expression':
      return 'an expression';
    default:
      return `'${exprText(e)}'`;
  }
}

const NONE: ReadonlySet<string> = new Set();

/**
 * The one empty list behind every declaration without settings, inline refs or type arguments (most
 * columns): nothing downstream adds to a declaration's lists, and one shared (frozen) array saves one per column.
 */
const EMPTY: never[] = NO_ITEMS;

/** `xs` at its exact size (a list grown by push keeps room for 17 or more), or the shared empty list. */
function exact<T>(xs: T[]): T[] {
  return xs.length === 0 ? EMPTY : xs.slice();
}

/**
 * Column types by their text: `varchar(255)`'s text and argument list, shared by every column of that
 * type (both are read-only), so that a schema keeps one of each instead of one per column.
 */
const typeTexts = new Map<string, { text: string; args: string[] }>();

/**
 * A lookup table by name. A Map, not an object: a setting or element named `constructor` or
 * `__proto__` is unknown, not Object's, and a Map lookup is also the faster one.
 */
function byName<T>(entries: Record<string, T>): ReadonlyMap<string, T> {
  return new Map(Object.entries(entries));
}

/** Checks a setting list against the allowed names; reports unknown and duplicate settings. */
function checkSettings(ctx: Ctx, items: SettingItem[], allowed: ReadonlyMap<string, SettingRule>, where: string, repeatable: ReadonlySet<string> = NONE): SettingItem[] {
  const n = items.length;
  if (n === 0) return EMPTY;
  let reportedFirst: Set<SettingItem> | undefined;
  // the result, once it differs from `items` (until then it is `items`)
  let out: SettingItem[] | undefined;
  for (let k = 0; k < n; k++) {
    const it = items[k];
    if (!it) {
      out ??= items.slice(0, k);
      continue;
    }
    const rule = allowed.get(it.name);
    if (!rule) {
      ctx.error(it.nameSpan, DbmlCodes.invalidSetting, `Unknown ${where} setting '${it.name}'`);
      out ??= items.slice(0, k);
      continue;
    }
    const canonical = rule.alias ?? it.name;
    // the first earlier item with the same canonical name (lists are short: a scan beats a Map)
    let first: SettingItem | undefined;
    for (let j = 0; j < k && !first; j++) {
      const e = items[j];
      const r = e ? allowed.get(e.name) : undefined;
      if (e && r && (r.alias ?? e.name) === canonical) first = e;
    }
    if (first && !repeatable.has(canonical)) {
      // every occurrence is marked (the first once), as the reference does
      reportedFirst ??= new Set();
      if (!reportedFirst.has(first)) ctx.error(first.span, DbmlCodes.duplicate, `Duplicate setting '${first.name}'`);
      reportedFirst.add(first);
      ctx.error(it.span, DbmlCodes.duplicate, `Duplicate setting '${it.name}'`);
      out ??= items.slice(0, k);
      continue;
    }
    const problem = rule.check(it.value);
    if (problem) {
      ctx.error(it.value ? it.value.span : it.span, DbmlCodes.invalidSetting, `'${it.name}' ${problem}`);
      out ??= items.slice(0, k);
      continue;
    }
    // typed settings see `"quoted"` string values as strings; the generic tree keeps them as written
    const v = rule.stringy && isQuotedName(it.value) ? { name: it.name, nameSpan: it.nameSpan, value: asString(it.value), span: it.span } : it;
    if (out) out.push(v);
    else if (v !== it) {
      out = items.slice(0, k);
      out.push(v);
    }
  }
  // unchanged: the declaration shares the tree's list (neither is ever modified after parsing)
  return out ? (out.length ? out : EMPTY) : items;
}

interface SettingRule {
  /** returns a problem description, or undefined when fine */
  check(v: Expr | undefined): string | undefined;
  alias?: string;
  /** a `"quoted"` value is a string here */
  stringy?: boolean;
}

const flag: SettingRule = { check: (v) => (v ? 'takes no value' : undefined) };
const stringValue: SettingRule = { stringy: true, check: (v) => (!v ? 'needs a value' : asString(v) ? undefined : `must be a string, not ${describe(v)}`) };
const colorValue: SettingRule = {
  check: (v) => (!v ? 'needs a value' : v.kind === 'color' && /^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(v.text) ? undefined : 'must be a color like #3498db'),
};
const anyValue: SettingRule = { check: (v) => (!v ? 'needs a value' : undefined) };
const nameValue: SettingRule = {
  check: (v) => (!v ? 'needs a value' : isString(v) || (v.kind === 'qname' && v.name.parts.length === 1) ? undefined : 'must be a string'),
};
const defaultValue: SettingRule = {
  stringy: true,
  check: (v) => {
    if (!v) return 'needs a value';
    if (['string', 'number', 'expression', 'unary'].includes(v.kind)) return undefined;
    if (v.kind === 'qname') {
      if (v.name.parts.length === 1) {
        const t = v.name.parts[0].text.toLowerCase();
        if (v.name.parts[0].quoted) return undefined;
        if (t === 'true' || t === 'false' || t === 'null') return undefined;
        return `must be a number, string, \`expression\`, true, false or null (found '${v.name.parts[0].text}')`;
      }
      return v.name.parts.length <= 3 ? undefined : 'is not a valid enum value';
    }
    return `must be a number, string, \`expression\`, true, false or null (found ${describe(v)})`;
  },
};
const refValue: SettingRule = {
  check: (v) => (!v ? 'needs a value' : v.kind === 'relation' && !v.left ? undefined : "must be a relationship like '> users.id'"),
};
const actionValue: SettingRule = {
  check: (v) => {
    if (!v) return 'needs a value';
    const t = (v.kind === 'words' ? v.text : v.kind === 'qname' && v.name.parts.length === 1 ? v.name.parts[0].text : '').toLowerCase();
    return REF_ACTIONS.has(t) ? undefined : 'must be one of cascade, restrict, set null, set default, no action';
  },
};
const checkValue: SettingRule = { check: (v) => (!v ? 'needs a value' : v.kind === 'expression' ? undefined : 'must be a `backtick expression`') };

const COLUMN_SETTINGS: ReadonlyMap<string, SettingRule> = byName({
  pk: { ...flag, alias: 'pk' },
  'primary key': { ...flag, alias: 'pk' },
  null: { ...flag, alias: 'nullability' },
  'not null': { ...flag, alias: 'nullability' },
  unique: flag,
  increment: flag,
  default: defaultValue,
  note: stringValue,
  ref: refValue,
  check: checkValue,
});
const COLUMN_REPEATABLE = new Set(['ref', 'check']);
const TABLE_SETTINGS: ReadonlyMap<string, SettingRule> = byName({ headercolor: colorValue, note: stringValue, color: colorValue });
const INDEX_SETTINGS: ReadonlyMap<string, SettingRule> = byName({
  pk: { ...flag, alias: 'pk' },
  'primary key': { ...flag, alias: 'pk' },
  unique: flag,
  name: stringValue,
  type: nameValue,
  note: stringValue,
});
const REF_SETTINGS: ReadonlyMap<string, SettingRule> = byName({ delete: actionValue, update: actionValue, color: colorValue });
const ENUM_VALUE_SETTINGS: ReadonlyMap<string, SettingRule> = byName({ note: stringValue });
const GROUP_SETTINGS: ReadonlyMap<string, SettingRule> = byName({ color: colorValue, note: stringValue });
const CHECK_SETTINGS: ReadonlyMap<string, SettingRule> = byName({ name: stringValue });

function singleName(ctx: Ctx, q: QName | undefined, what: string, maxParts: number, at: Span): QName | undefined {
  if (!q) {
    ctx.error(at, DbmlCodes.invalidName, `${what} needs a name`);
    return undefined;
  }
  if (q.tuple || q.parts.length > maxParts || q.parts.length === 0) {
    ctx.error(q.span, DbmlCodes.invalidName, maxParts === 1 ? `${what} name must be a single name` : `${what} name can have at most ${maxParts} parts (schema.name)`);
    return undefined;
  }
  return q;
}

function reportExtra(ctx: Ctx, el: Element): void {
  if (el.extra && el.extra.length) {
    const first = el.extra[0];
    const last = el.extra[el.extra.length - 1];
    ctx.error(ctx.mk(first.span.start, last.span.end), DbmlCodes.syntax, `Unexpected ${describe(first)} after the ${el.keyword.text} header`);
  }
}

/** A Note's content: `Note: 'x'` or `Note { 'x' }`. */
function noteContent(ctx: Ctx, el: Element): NoteValueDecl | undefined {
  if (el.name && el.kind === 'note' && !el.body) {
    ctx.error(el.name.span, DbmlCodes.invalidContent, 'A Note inside an element has no name');
  }
  let lines: Line[] = [];
  if (el.value) lines = [el.value];
  else if (el.body) {
    for (let k1 = 0, a1 = el.body.items; k1 < a1.length; k1++) {
      const it = a1[k1];
      if (it.type === 'line') lines.push(it);
      else ctx.error(it.span, DbmlCodes.invalidContent, `Unexpected ${it.keyword.text} inside a Note`);
    }
  }
  const s = lines.length === 1 && lines[0].parts.length === 1 ? asString(lines[0].parts[0]) : undefined;
  if (!s) {
    ctx.error(lines[0]?.span ?? el.span, DbmlCodes.invalidContent, 'A Note must contain exactly one string');
    return undefined;
  }
  if (lines[0].settings) ctx.error(lines[0].settings.span, DbmlCodes.invalidSetting, 'A Note takes no settings');
  return { content: s.value, span: el.span };
}

/**
 * Tracks the Note elements of one body: a body holds at most one, and when it
 * holds more, each of them is marked (as the reference does). A `note:`
 * setting in the header is separate and may coexist with a body Note.
 */
class NoteTracker {
  private first: Element | undefined;
  private firstReported = false;
  constructor(private readonly ctx: Ctx) {}
  /** Returns true when `el` is the first Note of the body. */
  add(el: Element): boolean {
    if (!this.first) {
      this.first = el;
      return true;
    }
    if (!this.firstReported) this.ctx.error(this.first.span, DbmlCodes.duplicate, 'Duplicate notes are defined');
    this.firstReported = true;
    this.ctx.error(el.span, DbmlCodes.duplicate, 'Duplicate notes are defined');
    return false;
  }
}

function columnType(ctx: Ctx, e: Expr): ColumnTypeDecl | undefined {
  if (e.kind === 'qname' && !e.name.tuple && e.name.parts.length <= 2) {
    return { text: qnameText(e.name), name: e.name, args: EMPTY, isArray: false, span: e.span };
  }
  if (e.kind === 'call' && e.callee.parts.length <= 2 && !e.callee.tuple) {
    const args: string[] = [];
    for (let k2 = 0, a2 = e.args; k2 < a2.length; k2++) {
      const a = a2[k2];
      if (a.kind === 'number' || a.kind === 'unary') args.push(exprText(a));
      else if (a.kind === 'qname' && a.name.parts.length === 1) args.push(a.name.parts[0].quoted ? `"${a.name.parts[0].text}"` : a.name.parts[0].text);
      else if (a.kind === 'string') args.push(`'${a.value}'`);
      else {
        ctx.error(a.span, DbmlCodes.invalidColumn, `Invalid type argument ${describe(a)}`);
        return undefined;
      }
    }
    const raw = `${qnameText(e.callee)}${e.args.length || !e.isArray ? `(${args.join(',')})` : ''}${arraySuffix(e)}`;
    const text = e.args.length ? raw : `${qnameText(e.callee)}${arraySuffix(e)}`;
    // the text spells the arguments out, but a quoted argument may hold a comma: compare them too
    let shared = typeTexts.get(text);
    if (!shared || !sameStrings(shared.args, args)) {
      if (typeTexts.size >= 4096) typeTexts.clear();
      shared = { text, args: args.length ? (Object.freeze(args.slice()) as string[]) : EMPTY };
      typeTexts.set(text, shared);
    }
    return { text: shared.text, name: e.callee, args: shared.args, isArray: !!e.isArray, span: e.span };
  }
  ctx.error(e.span, DbmlCodes.invalidColumn, `Invalid column type ${describe(e)}`);
  return undefined;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function inlineRefs(settings: SettingItem[]): InlineRefDecl[] {
  let out: InlineRefDecl[] | undefined;
  for (let k3 = 0, a3 = settings; k3 < a3.length; k3++) {
    const s = a3[k3];
    if (s.name === 'ref' && s.value && s.value.kind === 'relation' && s.value.right.kind === 'qname') {
      (out ??= []).push({ op: s.value.op, target: s.value.right.name, span: s.span });
    }
  }
  return out ? out.slice() : EMPTY;
}

function column(ctx: Ctx, line: Line): ColumnDecl | undefined {
  const nameExpr = line.parts[0];
  const typeExpr = line.parts[1];
  if (!nameExpr || nameExpr.kind !== 'qname' || nameExpr.name.parts.length !== 1 || nameExpr.name.tuple) {
    ctx.error(nameExpr ? nameExpr.span : line.span, DbmlCodes.invalidColumn, nameExpr ? `Expected a column name, found ${describe(nameExpr)}` : 'Expected a column');
    return undefined;
  }
  const name = nameExpr.name.parts[0];
  let type: ColumnTypeDecl | undefined;
  if (!typeExpr) ctx.error(name.span, DbmlCodes.invalidColumn, `Column '${name.text}' needs a type`);
  else type = columnType(ctx, typeExpr);
  // legacy inline settings: `id int pk unique` means `id int [pk, unique]`
  const inline: SettingItem[] = line.parts.length > 2 ? [] : EMPTY;
  for (let i = 2; i < line.parts.length; i++) {
    const r = line.parts[i];
    const word = r.kind === 'qname' && r.name.parts.length === 1 && !r.name.parts[0].quoted && !r.name.tuple ? r.name.parts[0].text.toLowerCase() : '';
    if (word === 'pk' || word === 'unique') inline.push({ name: word, nameSpan: r.span, span: r.span });
    else ctx.error(r.span, DbmlCodes.invalidColumn, word ? `Unexpected '${word}' after the column type: inline settings can only be pk or unique` : `Unexpected ${describe(r)} after the column type`);
  }
  if (line.commaSeparated) ctx.error(line.span, DbmlCodes.syntax, 'Unexpected comma in a column definition');
  const written = line.settings?.items ?? EMPTY;
  const settings = checkSettings(ctx, inline.length ? [...inline, ...written] : written, COLUMN_SETTINGS, 'column', COLUMN_REPEATABLE);
  return { name, type, settings, inlineRefs: inlineRefs(settings), span: line.span };
}

/** A column declaration's name, without making a compact column's ident. */
function columnName(c: ColumnDecl): string {
  return isCompactColumnDecl(c) ? c.line.cname : c.name.text;
}

/** The interpreter's ColumnDecl for a compact column's line (nodes.ts `compactDecl`): no diagnostic by construction. */
export function columnOfLine(line: Line, uri: string, anchor: Anchor): ColumnDecl | undefined {
  return column(new Ctx(uri, anchor), line);
}

function indexPart(ctx: Ctx, e: Expr): IndexPartDecl | undefined {
  if (e.kind === 'qname' && e.name.parts.length === 1 && !e.name.tuple) return { column: e.name.parts[0], span: e.span };
  if (e.kind === 'expression') return { expression: e.value, span: e.span };
  ctx.error(e.span, DbmlCodes.invalidContent, `Invalid index column ${describe(e)}`);
  return undefined;
}

/** The interpreter's IndexDecls of an `indexes` element (a compact block's, when a reader asks for them). */
export function indexesOfElement(el: Element, uri: string, anchor: Anchor): IndexDecl[] {
  return indexes(new Ctx(uri, anchor), el);
}

function indexes(ctx: Ctx, el: Element): IndexDecl[] {
  // a compact block's lines: their declaration views (nodes.ts CompactIndexesNode)
  if (isCompactIndexes(el)) return compactIndexDecls(el);
  reportExtra(ctx, el);
  if (el.name) ctx.error(el.name.span, DbmlCodes.invalidName, 'indexes takes no name');
  if (el.settings) ctx.error(el.settings.span, DbmlCodes.invalidSetting, 'indexes takes no settings');
  if (!el.body) {
    ctx.error(el.span, DbmlCodes.invalidContent, 'indexes needs a { } body');
    return [];
  }
  const out: IndexDecl[] = [];
  for (let k4 = 0, a4 = el.body.items; k4 < a4.length; k4++) {
    const it = a4[k4];
    if (it.type === 'element') {
      ctx.error(it.keyword.span, DbmlCodes.invalidContent, `Unexpected ${it.keyword.text} inside indexes`);
      continue;
    }
    const parts: IndexPartDecl[] = [];
    if (it.parts.length === 0) continue;
    const p = it.parts[0];
    if (it.parts.length > 1) {
      // legacy: `id name` is the composite index (id, name)
      for (let k5 = 0, a5 = it.parts; k5 < a5.length; k5++) {
        const x = a5[k5];
        const ip = x.kind === 'tuple' ? undefined : indexPart(ctx, x);
        if (ip) parts.push(ip);
        else if (x.kind === 'tuple') ctx.error(x.span, DbmlCodes.invalidContent, 'An index is a column, an `expression` or a (column, ...) list');
      }
    } else if (p.kind === 'tuple') {
      if (!p.items.length) ctx.error(p.span, DbmlCodes.invalidContent, 'An index needs at least one column');
      for (let k6 = 0, a6 = p.items; k6 < a6.length; k6++) {
        const x = a6[k6];
        const ip = indexPart(ctx, x);
        if (ip) parts.push(ip);
      }
    } else {
      const ip = indexPart(ctx, p);
      if (ip) parts.push(ip);
    }
    const settings = checkSettings(ctx, it.settings?.items ?? EMPTY, INDEX_SETTINGS, 'index');
    // a copy at its exact size: a pushed-to list keeps room for 17
    if (parts.length) out.push({ parts: parts.slice(), settings, span: it.span });
  }
  return out;
}

function checks(ctx: Ctx, el: Element): CheckDecl[] {
  reportExtra(ctx, el);
  if (!el.body) {
    ctx.error(el.span, DbmlCodes.invalidContent, 'checks needs a { } body');
    return [];
  }
  const out: CheckDecl[] = [];
  for (let k7 = 0, a7 = el.body.items; k7 < a7.length; k7++) {
    const it = a7[k7];
    if (it.type === 'element' || it.parts.length !== 1 || it.parts[0].kind !== 'expression') {
      ctx.error(it.span, DbmlCodes.invalidContent, 'A check is a `backtick expression`');
      continue;
    }
    const settings = checkSettings(ctx, it.settings?.items ?? EMPTY, CHECK_SETTINGS, 'check');
    out.push({ expression: it.parts[0].value, settings, span: it.span });
  }
  return out;
}

function records(ctx: Ctx, el: Element, inTable: boolean): RecordsDecl | undefined {
  reportExtra(ctx, el);
  let table: QName | undefined;
  if (el.name) {
    if (inTable) ctx.error(el.name.span, DbmlCodes.invalidName, 'Records inside a table take no table name');
    else table = singleName(ctx, el.name, 'Records', 2, el.span);
  } else if (!inTable) {
    ctx.error(el.keyword.span, DbmlCodes.invalidName, 'Records needs a table name: Records table(col1, col2) { ... }');
  }
  if (!el.body) {
    ctx.error(el.span, DbmlCodes.invalidContent, 'Records needs a { } body');
    return undefined;
  }
  const rows: Expr[][] = [];
  for (let k8 = 0, a8 = el.body.items; k8 < a8.length; k8++) {
    const it = a8[k8];
    if (it.type === 'element') {
      ctx.error(it.keyword.span, DbmlCodes.invalidContent, `Unexpected ${it.keyword.text} inside Records`);
      continue;
    }
    rows.push(it.parts);
  }
  return { kind: 'records', table, columns: el.nameArgs ?? EMPTY, rows: exact(rows), span: el.span };
}

function tableBody(ctx: Ctx, el: Element, kind: 'table' | 'tablePartial'): TableLikeBody {
  // the lists are filled below and kept at their exact sizes (most are empty: the shared empty list)
  const body: TableLikeBody = { columns: EMPTY, indexes: EMPTY, checks: EMPTY, partials: EMPTY, records: EMPTY, settings: EMPTY };
  const label = kind === 'table' ? 'Table' : 'TablePartial';
  body.settings = checkSettings(ctx, el.settings?.items ?? EMPTY, TABLE_SETTINGS, label);
  const settingNote = body.settings.find((s) => s.name === 'note');
  const notes = new NoteTracker(ctx);
  if (settingNote && isString(settingNote.value)) body.note = { content: settingNote.value.value, span: settingNote.span };
  if (!el.body) {
    ctx.error(el.span, DbmlCodes.invalidContent, `${label} needs a { } body`);
    return body;
  }
  // the columns' names, by name, once a table is long enough for a Map to beat a scan of body.columns
  let columnNames: Map<string, ColumnDecl> | undefined;
  // only a table with duplicates or partials needs these
  let reportedFirst: Set<Ident> | undefined;
  let injections: Map<string, Ident> | undefined;
  const cols: ColumnDecl[] = [];
  const partials: Ident[] = [];
  const idx: IndexDecl[] = [];
  const chks: CheckDecl[] = [];
  const recs: RecordsDecl[] = [];
  for (let k9 = 0, a9 = el.body.items; k9 < a9.length; k9++) {
    const it = a9[k9];
    if (isCompactColumn(it)) {
      // a simple column line (direct-parser.ts compactColumn): its declaration view, unless its name repeats
      const key = it.cname;
      let dup = false;
      if (columnNames) dup = columnNames.has(key);
      else {
        for (let i = 0; i < cols.length && !dup; i++) dup = columnName(cols[i]) === key;
        if (cols.length >= 24) {
          columnNames = new Map();
          for (let i = 0; i < cols.length; i++) columnNames.set(columnName(cols[i]), cols[i]);
        }
      }
      if (!dup) {
        const col = compactColumnDecl(it, ctx.uri);
        columnNames?.set(key, col);
        cols.push(col);
        continue;
      }
    }
    if (it.type === 'line') {
      if (it.parts.length === 1 && it.parts[0].kind === 'partial') {
        if (it.settings) ctx.error(it.settings.span, DbmlCodes.invalidSetting, 'A partial injection takes no settings');
        const pname = it.parts[0].name;
        if (!pname) continue;
        injections ??= new Map();
        const firstInjection = injections.get(pname.text);
        if (firstInjection) {
          reportedFirst ??= new Set();
          if (!reportedFirst.has(firstInjection)) ctx.error(firstInjection.span, DbmlCodes.duplicate, `Duplicate table partial injection '${pname.text}'`);
          reportedFirst.add(firstInjection);
          ctx.error(it.span, DbmlCodes.duplicate, `Duplicate table partial injection '${pname.text}'`);
          continue;
        }
        injections.set(pname.text, pname);
        partials.push(pname);
        continue;
      }
      const col = column(ctx, it);
      if (!col) continue;
      const key = col.name.text;
      let first: Ident | undefined;
      if (columnNames) first = columnNames.get(key)?.name;
      else {
        for (let i = 0; i < cols.length && !first; i++) if (columnName(cols[i]) === key) first = cols[i].name;
        if (cols.length >= 24) {
          columnNames = new Map();
          for (let i = 0; i < cols.length; i++) columnNames.set(columnName(cols[i]), cols[i]);
        }
      }
      if (first) {
        // like the reference, every definition of a duplicated name is marked, the first one once
        reportedFirst ??= new Set();
        if (!reportedFirst.has(first)) ctx.error(first.span, DbmlCodes.duplicate, `Duplicate column '${key}' in ${label.toLowerCase()}`);
        reportedFirst.add(first);
        ctx.error(col.name.span, DbmlCodes.duplicate, `Duplicate column '${key}' in ${label.toLowerCase()}`);
        continue;
      }
      columnNames?.set(key, col);
      cols.push(col);
      continue;
    }
    switch (it.kind) {
      case 'indexes':
        idx.push(...indexes(ctx, it));
        break;
      case 'checks':
        chks.push(...checks(ctx, it));
        break;
      case 'note': {
        const n = noteContent(ctx, it);
        if (notes.add(it) && n) body.note = n;
        break;
      }
      case 'records': {
        const r = records(ctx, it, true);
        if (r) recs.push(r);
        break;
      }
      default:
        ctx.error(it.keyword.span, DbmlCodes.unknownElement, `Unexpected '${it.keyword.text}' inside a ${label}`);
    }
  }
  body.columns = exact(cols);
  body.indexes = exact(idx);
  body.checks = exact(chks);
  body.partials = exact(partials);
  body.records = exact(recs);
  if (kind === 'table' && body.columns.length === 0 && body.partials.length === 0) {
    ctx.error(el.name?.span ?? el.keyword.span, DbmlCodes.invalidContent, 'A Table must have at least one column');
  }
  return body;
}

function table(ctx: Ctx, el: Element): TableDecl | undefined {
  reportExtra(ctx, el);
  if (el.value) ctx.error(el.value.span, DbmlCodes.syntax, "A Table is written 'Table name { ... }'");
  const name = singleName(ctx, el.name, 'Table', 2, el.keyword.span);
  const body = tableBody(ctx, el, 'table');
  if (!name) return undefined;
  return { kind: 'table', name, alias: el.alias, element: el, span: el.span, ...body };
}

function tablePartial(ctx: Ctx, el: Element): TablePartialDecl | undefined {
  reportExtra(ctx, el);
  if (el.alias) ctx.error(el.alias.span, DbmlCodes.invalidName, 'A TablePartial has no alias');
  const name = singleName(ctx, el.name, 'TablePartial', 1, el.keyword.span);
  const body = tableBody(ctx, el, 'tablePartial');
  if (!name) return undefined;
  return { kind: 'tablePartial', name, element: el, span: el.span, ...body };
}

function endpoint(ctx: Ctx, e: Expr | undefined, at: Span): RefEndpointDecl | undefined {
  if (!e || e.kind !== 'qname') {
    ctx.error(e ? e.span : at, DbmlCodes.invalidRef, 'A relationship endpoint is table.column, schema.table.column or table.(col1, col2)');
    return undefined;
  }
  const q = e.name;
  if (q.tuple) {
    if (q.parts.length < 1 || q.parts.length > 2 || q.tuple.length === 0) {
      ctx.error(q.span, DbmlCodes.invalidRef, 'A composite endpoint is table.(col1, col2) or schema.table.(col1, col2)');
      return undefined;
    }
    return { table: { parts: q.parts, span: ctx.mk(q.parts[0].span.start, q.parts[q.parts.length - 1].span.end) }, columns: q.tuple, span: q.span };
  }
  if (q.parts.length < 2 || q.parts.length > 3) {
    ctx.error(q.span, DbmlCodes.invalidRef, q.parts.length < 2 ? `'${qnameText(q)}' must name a column: table.column` : 'An endpoint has at most three parts: schema.table.column');
    return undefined;
  }
  const tparts = q.parts.slice(0, -1);
  return {
    table: { parts: tparts, span: ctx.mk(tparts[0].span.start, tparts[tparts.length - 1].span.end) },
    columns: [q.parts[q.parts.length - 1]],
    span: q.span,
  };
}

function refFromLine(ctx: Ctx, line: Line, name: QName | undefined, el: Element, extraSettings: SettingItem[] = EMPTY): RefDecl | undefined {
  if (line.parts.length !== 1 || line.parts[0].kind !== 'relation' || !line.parts[0].left) {
    ctx.error(line.parts.length ? line.span : el.span, DbmlCodes.invalidRef, 'A Ref is written endpoint1 < endpoint2 (operators <, >, -, <>)');
    return undefined;
  }
  const rel = line.parts[0];
  const left = endpoint(ctx, rel.left, rel.span);
  const right = endpoint(ctx, rel.right, rel.opSpan);
  const written = line.settings?.items ?? EMPTY;
  const settings = checkSettings(ctx, extraSettings.length ? [...extraSettings, ...written] : written, REF_SETTINGS, 'Ref');
  if (left && right && left.columns.length !== right.columns.length) {
    ctx.error(rel.span, DbmlCodes.invalidRef, `The endpoints have different numbers of columns (${left.columns.length} and ${right.columns.length})`);
  }
  return { kind: 'ref', name, left, op: rel.op, opSpan: rel.opSpan, right, settings, element: el, span: line.span };
}

function refs(ctx: Ctx, el: Element): RefDecl[] {
  reportExtra(ctx, el);
  if (el.alias) ctx.error(el.alias.span, DbmlCodes.invalidName, 'A Ref has no alias');
  const name = el.name ? singleName(ctx, el.name, 'Ref', 2, el.span) : undefined;
  if (el.value) {
    const r = refFromLine(ctx, el.value, name, el);
    return r ? [r] : [];
  }
  if (!el.body) {
    ctx.error(el.span, DbmlCodes.invalidRef, "A Ref is written 'Ref: a.id < b.a_id' or 'Ref name { a.id < b.a_id }'");
    return [];
  }
  const out: RefDecl[] = [];
  // settings go on the relationship line (`a.id < b.id [delete: cascade]`), not on the block header
  if (el.settings) ctx.error(el.settings.span, DbmlCodes.invalidSetting, "A Ref shouldn't have a setting list: put the settings after the relationship");
  const outer: SettingItem[] = [];
  for (let k10 = 0, a10 = el.body.items; k10 < a10.length; k10++) {
    const it = a10[k10];
    if (it.type === 'element') {
      ctx.error(it.keyword.span, DbmlCodes.invalidRef, `Unexpected ${it.keyword.text} inside a Ref`);
      continue;
    }
    const r = refFromLine(ctx, it, name, el, outer);
    if (r) out.push(r);
  }
  if (el.body.items.length === 0) ctx.error(el.span, DbmlCodes.invalidRef, 'A Ref block must contain a relationship');
  else if (out.length > 1) ctx.error(out[1].span, DbmlCodes.invalidRef, 'A Ref block holds one relationship');
  return out.slice(0, 1);
}

function enumDecl(ctx: Ctx, el: Element): EnumDecl | undefined {
  reportExtra(ctx, el);
  if (el.alias) ctx.error(el.alias.span, DbmlCodes.invalidName, 'An Enum has no alias');
  if (el.settings) ctx.error(el.settings.span, DbmlCodes.invalidSetting, 'An Enum takes no settings');
  const name = singleName(ctx, el.name, 'Enum', 2, el.keyword.span);
  const values: EnumDecl['values'] = [];
  if (!el.body) ctx.error(el.span, DbmlCodes.invalidContent, 'An Enum needs a { } body');
  else {
    const seen = new Map<string, Ident>();
    const reportedFirst = new Set<Ident>();
    for (let k11 = 0, a11 = el.body.items; k11 < a11.length; k11++) {
      const it = a11[k11];
      if (it.type === 'element') {
        ctx.error(it.keyword.span, DbmlCodes.invalidContent, `Unexpected ${it.keyword.text} inside an Enum`);
        continue;
      }
      const p = it.parts[0];
      if (it.parts.length !== 1 || !p || p.kind !== 'qname' || p.name.parts.length !== 1 || p.name.tuple) {
        ctx.error(it.span, DbmlCodes.invalidContent, 'An enum value is a name or a "quoted name"');
        continue;
      }
      const v = p.name.parts[0];
      const settings = checkSettings(ctx, it.settings?.items ?? EMPTY, ENUM_VALUE_SETTINGS, 'enum value');
      const first = seen.get(v.text);
      if (first) {
        if (!reportedFirst.has(first)) ctx.error(first.span, DbmlCodes.duplicate, `Duplicate enum value '${v.text}'`);
        reportedFirst.add(first);
        ctx.error(v.span, DbmlCodes.duplicate, `Duplicate enum value '${v.text}'`);
        continue;
      }
      seen.set(v.text, v);
      values.push({ name: v, settings, span: it.span });
    }
    if (el.body.items.length === 0) ctx.error(el.name?.span ?? el.span, DbmlCodes.invalidContent, 'An Enum must have at least one value');
  }
  if (!name) return undefined;
  return { kind: 'enum', name, values: exact(values), element: el, span: el.span };
}

function tableGroup(ctx: Ctx, el: Element): TableGroupDecl | undefined {
  reportExtra(ctx, el);
  if (el.alias) ctx.error(el.alias.span, DbmlCodes.invalidName, 'A TableGroup has no alias');
  const name = singleName(ctx, el.name, 'TableGroup', 1, el.keyword.span);
  const settings = checkSettings(ctx, el.settings?.items ?? EMPTY, GROUP_SETTINGS, 'TableGroup');
  const members: QName[] = [];
  let note: NoteValueDecl | undefined;
  const sn = settings.find((s) => s.name === 'note');
  const notes = new NoteTracker(ctx);
  if (sn && isString(sn.value)) note = { content: sn.value.value, span: sn.span };
  if (!el.body) ctx.error(el.span, DbmlCodes.invalidContent, 'A TableGroup needs a { } body');
  else {
    for (let k12 = 0, a12 = el.body.items; k12 < a12.length; k12++) {
      const it = a12[k12];
      if (it.type === 'element') {
        if (it.kind === 'note') {
          const n = noteContent(ctx, it);
          if (notes.add(it) && n) note = n;
        } else ctx.error(it.keyword.span, DbmlCodes.invalidContent, `Unexpected ${it.keyword.text} inside a TableGroup`);
        continue;
      }
      const p = it.parts[0];
      if (it.parts.length !== 1 || !p || p.kind !== 'qname' || p.name.tuple || p.name.parts.length > 2) {
        ctx.error(it.span, DbmlCodes.invalidContent, 'A TableGroup lists table names, one per line');
        continue;
      }
      if (it.settings) ctx.error(it.settings.span, DbmlCodes.invalidSetting, 'A TableGroup member takes no settings');
      // a plain object, not the name expression itself: in a list, JSON could not tell it from an expression
      members.push(isNameExprNode(p.name) ? { parts: p.name.parts, span: p.name.span } : p.name);
    }
  }
  if (!name) return undefined;
  return { kind: 'tableGroup', name, members: exact(members), settings, note, element: el, span: el.span };
}

function stickyNote(ctx: Ctx, el: Element): StickyNoteDecl | undefined {
  reportExtra(ctx, el);
  if (!el.name) {
    ctx.error(el.keyword.span, DbmlCodes.invalidName, 'A top-level Note needs a name: Note name { ... }');
    return undefined;
  }
  const name = singleName(ctx, el.name, 'Note', 1, el.span);
  if (!el.body) {
    ctx.error(el.span, DbmlCodes.invalidContent, 'A sticky Note needs a { } body');
    return undefined;
  }
  const n = noteContent(ctx, el);
  if (!name || !n) return undefined;
  return { kind: 'note', name, content: n.content, element: el, span: el.span };
}

function project(ctx: Ctx, el: Element): ProjectDecl | undefined {
  reportExtra(ctx, el);
  const name = el.name ? singleName(ctx, el.name, 'Project', 1, el.span) : undefined;
  const properties: ProjectDecl['properties'] = [];
  const decl: ProjectDecl = { kind: 'project', name, properties: EMPTY, element: el, span: el.span };
  if (!el.body) {
    ctx.error(el.span, DbmlCodes.invalidContent, 'A Project needs a { } body');
    return decl;
  }
  const seen = new Set<string>();
  const notes = new NoteTracker(ctx);
  for (let k13 = 0, a13 = el.body.items; k13 < a13.length; k13++) {
    const it = a13[k13];
    if (it.type === 'line') {
      ctx.error(it.span, DbmlCodes.invalidContent, "A Project holds 'key: value' lines and a Note");
      continue;
    }
    if (it.kind === 'note') {
      const n = noteContent(ctx, it);
      if (notes.add(it) && n) decl.note = n;
      continue;
    }
    if (!it.value || it.value.parts.length !== 1) {
      ctx.error(it.span, DbmlCodes.invalidContent, `Expected '${it.keyword.text}: value'`);
      continue;
    }
    if (seen.has(it.kind)) ctx.error(it.keyword.span, DbmlCodes.duplicate, `Duplicate property '${it.keyword.text}'`);
    seen.add(it.kind);
    const value = asString(it.value.parts[0]);
    if (!value) {
      ctx.error(it.value.parts[0].span, DbmlCodes.invalidContent, `'${it.keyword.text}' must be a string`);
      continue;
    }
    properties.push({ key: it.keyword, value, span: it.span });
  }
  decl.properties = exact(properties);
  return decl;
}

/** The top-level elements, by lowercased keyword: one interpreter each. */
const TOP_LEVEL: ReadonlyMap<string, (ctx: Ctx, el: Element) => Decl | Decl[] | undefined> = byName<(ctx: Ctx, el: Element) => Decl | Decl[] | undefined>({
  table,
  tablepartial: tablePartial,
  ref: refs,
  enum: enumDecl,
  tablegroup: tableGroup,
  note: stickyNote,
  project,
  records: (ctx, el) => records(ctx, el, false),
});

/** Interprets the top-level statements of one block (anchored at `anchor`). */
export function interpretBlock(statements: readonly (Element | Line)[], uri: string, anchor: Anchor): { decls: Decl[]; diagnostics: Diagnostic[] } {
  const ctx = new Ctx(uri, anchor);
  const decls: Decl[] = [];
  for (let k14 = 0, a14 = statements; k14 < a14.length; k14++) {
    const s = a14[k14];
    if (s.type === 'line') {
      ctx.error(s.span, DbmlCodes.unknownElement, `Unexpected ${s.parts.length ? describe(s.parts[0]) : 'text'} at the top level: expected Table, Ref, Enum, TableGroup, TablePartial, Note, Project or Records`);
      continue;
    }
    const interpretElement = TOP_LEVEL.get(s.kind);
    if (!interpretElement) {
      ctx.error(s.keyword.span, DbmlCodes.unknownElement, `Unknown element '${s.keyword.text}': expected Table, Ref, Enum, TableGroup, TablePartial, Note, Project or Records`);
      continue;
    }
    const d = interpretElement(ctx, s);
    if (Array.isArray(d)) decls.push(...d);
    else if (d) decls.push(d);
  }
  return { decls: exact(decls), diagnostics: ctx.diagnostics ?? EMPTY };
}

/** Interprets a whole file's generic tree (one-shot; the parser interprets per block). */
export function interpret(syntax: DbmlSyntax, uri: string): { decls: Decl[]; diagnostics: Diagnostic[] } {
  const all = [...syntax.strays, ...syntax.elements].sort((a, b) => a.span.start - b.span.start);
  const out = interpretBlock(all, uri, { start: 0 });
  return { decls: out.decls, diagnostics: [...out.diagnostics, ...projectDuplicates(out.decls, uri)] };
}

/** The file-level rule: one Project per file (every later one is marked). */
export function projectDuplicates(decls: readonly Decl[], uri: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  let seen = false;
  for (let k15 = 0, a15 = decls; k15 < a15.length; k15++) {
    const d = a15[k15];
    if (d.kind !== 'project') continue;
    if (seen) out.push({ uri, span: { start: d.element.keyword.span.start, end: d.element.keyword.span.end }, severity: 'error', code: DbmlCodes.duplicate, message: 'Only one Project is allowed' });
    seen = true;
  }
  return out;
}
