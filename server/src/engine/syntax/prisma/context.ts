/**
 * What the Prisma validator and interpreter share: the declarations of all
 * files of one schema and the datasource/generator settings (`collect`), and
 * small readers over the syntax tree (attributes, arguments, field lists,
 * relation names). Pure; never throws.
 */
import type { Span } from '../../text/span.js';
import type { PArg, PArgs, PAttribute, PExpr, PField, PrismaBlock, PrismaFile } from './ast.js';
import { normaliseProvider, type Provider } from './native-types.js';

export const SCALARS = new Set(['String', 'Boolean', 'Int', 'BigInt', 'Float', 'Decimal', 'DateTime', 'Json', 'Bytes', 'Unsupported']);

/**
 * Validation options. `version`: the Prisma major whose datasource rules apply
 * (6, the default: `url` is required; 7: `url`, `directUrl` and
 * `shadowDatabaseUrl` are errors, connection URLs live in prisma.config.ts).
 */
export interface PrismaOptions {
  version?: 6 | 7;
}

/** One declared model/view/type/enum with its file. */
export interface Decl {
  uri: string;
  block: PrismaBlock;
  /** a model or a view: what relation fields point at (kept here: read for every field that names this declaration) */
  relational: boolean;
  /** per field of `block` (same index): the declaration its type names; undefined for scalars, unknown types and missing types */
  targets: (Decl | undefined)[];
}

/** What validation and interpretation both need: declarations by name and the datasource settings. */
export interface PrismaContext {
  decls: Map<string, Decl>;
  provider?: Provider;
  providerRaw?: string;
  /** datasource name: native type attributes are `@<name>.Type` */
  dsName?: string;
  relationMode: 'prisma' | 'foreignKeys';
  schemas?: string[];
  preview: Set<string>;
}

/** Collects declarations (first one wins on duplicates) and datasource/generator settings. */
export function collect(inputs: { uri: string; file: PrismaFile }[]): PrismaContext {
  const ctx: PrismaContext = { decls: new Map(), relationMode: 'foreignKeys', preview: new Set() };
  for (const { uri, file } of inputs) {
    for (const b of file.blocks) {
      if (b.kind === 'datasource') {
        if (ctx.dsName !== undefined) continue;
        ctx.dsName = b.name?.text;
        for (const p of b.properties) {
          const v = p.value?.kind === 'string' ? p.value.value : undefined;
          if (p.key.text === 'provider' && v !== undefined) {
            ctx.providerRaw = v;
            ctx.provider = normaliseProvider(v);
          } else if ((p.key.text === 'relationMode' || p.key.text === 'referentialIntegrity') && v === 'prisma') ctx.relationMode = 'prisma';
          else if (p.key.text === 'schemas' && p.value?.kind === 'array') ctx.schemas = p.value.items.flatMap((i) => (i.kind === 'string' ? [i.value] : []));
        }
      } else if (b.kind === 'generator') {
        for (const p of b.properties) if (p.key.text === 'previewFeatures' && p.value?.kind === 'array') for (const i of p.value.items) if (i.kind === 'string') ctx.preview.add(i.value);
      } else if (b.name && !ctx.decls.has(b.name.text)) {
        ctx.decls.set(b.name.text, { uri, block: b, relational: b.kind === 'model' || b.kind === 'view', targets: NO_TARGETS });
      }
    }
  }
  // types resolved once: validation and interpretation walk the fields several times
  for (const d of ctx.decls.values()) d.targets = resolveTargets(ctx, d.block);
  return ctx;
}

const NO_TARGETS: (Decl | undefined)[] = [];

function resolveTargets(ctx: PrismaContext, b: PrismaBlock): (Decl | undefined)[] {
  const fields = b.fields;
  const out = new Array<Decl | undefined>(fields.length);
  for (let i = 0; i < fields.length; i++) {
    const t = fields[i].type;
    out[i] = t ? ctx.decls.get(t.name.text) : undefined;
  }
  return out;
}

/** What the types of `b`'s fields name (by field index): cached per declaration, computed for a block that lost to a duplicate name. */
export function targetsOf(ctx: PrismaContext, b: PrismaBlock): (Decl | undefined)[] {
  const d = b.name ? ctx.decls.get(b.name.text) : undefined;
  return d && d.block === b ? d.targets : resolveTargets(ctx, b);
}

/** Is `d` a model or a view (a relation field's target)? */
export function isRelationTarget(d: Decl | undefined): d is Decl {
  return d !== undefined && d.relational;
}

// ------------------------------------------------------------ small readers

export function findAttr(list: PAttribute[], name: string): PAttribute | undefined {
  for (const a of list) if (a.name.text === name) return a;
  return undefined;
}

/** A named argument, or the positional one at `pos` (the first unnamed argument counts as position 0). */
export function argOf(args: PArgs | undefined, name: string, pos = -1): PArg | undefined {
  if (!args) return undefined;
  for (const a of args.items) if (a.name?.text === name) return a;
  if (pos >= 0) {
    let k = 0;
    for (const a of args.items) {
      if (a.name) continue;
      if (k === pos) return a;
      k++;
    }
  }
  return undefined;
}

/** Field references of an index/id/unique/relation list: `[a, b(sort: Desc), c.d]`. */
export interface FieldRef {
  name: string;
  span: Span;
  args?: PArgs;
  expr: PExpr;
}
export function fieldRefs(e: PExpr | undefined): FieldRef[] {
  if (!e) return [];
  const items = e.kind === 'array' ? e.items : [e];
  const out: FieldRef[] = [];
  for (const i of items) {
    if (i.kind === 'path') out.push({ name: i.path.text, span: i.path.parts[0].span, expr: i });
    else if (i.kind === 'call') out.push({ name: i.callee.text, span: i.callee.parts[0].span, args: i.args, expr: i });
  }
  return out;
}

export function exprText(e: PExpr): string {
  switch (e.kind) {
    case 'string':
      return JSON.stringify(e.value);
    case 'number':
      return e.value;
    case 'path':
      return e.path.text;
    case 'call':
      return `${e.callee.text}(${e.args.items.map((a) => (a.name ? `${a.name.text}: ` : '') + (a.value ? exprText(a.value) : '')).join(', ')})`;
    case 'array':
      return `[${e.items.map(exprText).join(', ')}]`;
  }
}

/** How the schema engine names a value in its messages: `string value `"x"``. */
export function describe(e: PExpr): string {
  switch (e.kind) {
    case 'string':
      return `string value \`${exprText(e)}\``;
    case 'number':
      return `numeric value \`${e.value}\``;
    case 'path':
      return `literal value \`${e.path.text}\``;
    case 'call':
      return `functional value \`${exprText(e)}\``;
    case 'array':
      return `array value \`${exprText(e)}\``;
  }
}

/**
 * The field of `b` named `name` (the first one). Most blocks have a few dozen
 * fields: a scan over them (names are mostly the parser's shared strings, so
 * most comparisons are by pointer) costs less than building and keeping a
 * map per block on every validation; larger blocks get a map, built once per
 * block object (blocks never change after parsing).
 */
export function fieldNamed(b: PrismaBlock, name: string): PField | undefined {
  const fields = b.fields;
  if (fields.length > SCAN_LIMIT) return fieldMap(b).get(name);
  for (let i = 0; i < fields.length; i++) if (fields[i].name.text === name) return fields[i];
  return undefined;
}

const SCAN_LIMIT = 24;
const FIELD_MAPS = new WeakMap<PrismaBlock, Map<string, PField>>();

/** The fields of `b` by name (first one wins). */
function fieldMap(b: PrismaBlock): Map<string, PField> {
  let m = FIELD_MAPS.get(b);
  if (!m) {
    m = new Map();
    for (const f of b.fields) if (!m.has(f.name.text)) m.set(f.name.text, f);
    FIELD_MAPS.set(b, m);
  }
  return m;
}

/** The type name of a field (model, enum, type or scalar); undefined when absent. */
export function typeName(f: PField): string | undefined {
  return f.type?.name.text;
}

/** Is `f` a relation field (its type names a model or view)? */
export function isRelationField(ctx: PrismaContext, f: PField): boolean {
  const t = typeName(f);
  if (!t) return false;
  const d = ctx.decls.get(t);
  return !!d && (d.block.kind === 'model' || d.block.kind === 'view');
}

/** Do `names` form exactly a single-field @id/@unique or a @@id/@@unique of `b`? */
export function isUniqueCriterion(b: PrismaBlock, names: string[]): boolean {
  if (names.length === 1) {
    const f = fieldNamed(b, names[0]);
    if (f && (findAttr(f.attributes, 'id') || findAttr(f.attributes, 'unique'))) return true;
  }
  const set = new Set(names);
  for (const a of b.attributes) {
    if (a.name.text !== 'id' && a.name.text !== 'unique') continue;
    const refs = fieldRefs(argOf(a.args, 'fields', 0)?.value).map((r) => r.name);
    if (refs.length === set.size && refs.every((r) => set.has(r))) return true;
  }
  return false;
}

export function relationKey(target: string, relName: string | undefined): string {
  return relName === undefined ? target : `${target}\u0000${relName}`;
}

export function relationName(a: PAttribute | undefined): string | undefined {
  const v = argOf(a?.args, 'name', 0)?.value;
  return v?.kind === 'string' ? v.value : undefined;
}

export function isTrue(e: PExpr | undefined): boolean {
  return e?.kind === 'path' && e.path.text === 'true';
}
