/**
 * Prisma interpretation: the syntax trees of all files of one schema -> ONE
 * dialect-neutral `Schema` (models -> tables, fields -> columns, relation
 * fields -> relationships, enums, composite types, views), the index of every
 * declared and used name, and the validation diagnostics. Pure; never throws.
 *
 * Names in the Schema are database names (`@map`/`@@map`); the Prisma names
 * are kept in `settings.prismaName` (tables, columns) and as a table's alias.
 */
import type { Diagnostic } from '../../diagnostics.js';
import type { Column, ColumnDefault, ColumnType, DatabaseType, Enum, Index, IndexPart, RefAction, Relationship, Schema, SourceRef, Table } from '../../model/schema.js';
import { emptySchema, qualifiedKey } from '../../model/schema.js';
import { normaliseType } from '../../model/types.js';
import type { Span } from '../../text/span.js';
import type { PAttribute, PExpr, PField, PrismaBlock, PrismaFile } from './ast.js';
import { argOf, collect, exprText, fieldNamed, fieldRefs, findAttr, isRelationTarget, isUniqueCriterion, relationKey, relationName, type Decl, type PrismaContext, type PrismaOptions } from './context.js';
import { validatePrisma } from './validate.js';

export type PrismaNameKind = 'model' | 'view' | 'type' | 'enum' | 'field' | 'enumValue';

/**
 * A declared name or a use of one. `key` identifies the thing across files:
 * `Model` for models, views, composite types and enums; `Model.field` for
 * fields; `Enum.VALUE` for enum values (Prisma names, not database names).
 */
export interface PrismaName {
  uri: string;
  span: Span;
  isDefinition: boolean;
  kind: PrismaNameKind;
  key: string;
}

export interface PrismaInterpretation {
  schema: Schema;
  names: PrismaName[];
  diagnostics: Diagnostic[];
}

/** Prisma scalar -> the bare type name the model's normaliser knows. */
const SCALAR_TYPE: Record<string, string> = {
  String: 'text',
  Boolean: 'boolean',
  Int: 'int',
  BigInt: 'bigint',
  Float: 'double',
  Decimal: 'decimal',
  DateTime: 'timestamp',
  Json: 'json',
  Bytes: 'bytes',
};

const ACTION: Record<string, RefAction> = { Cascade: 'cascade', Restrict: 'restrict', NoAction: 'no action', SetNull: 'set null', SetDefault: 'set default' };

const DB_TYPE: Record<string, DatabaseType> = { postgresql: 'postgres', cockroachdb: 'postgres', mysql: 'mysql', sqlite: 'sqlite', sqlserver: 'mssql', mongodb: 'generic' };

const ID_UNIQUE = ['id', 'unique'] as const;

function stringArg(a: PAttribute | undefined, name: string): string | undefined {
  const v = argOf(a?.args, name, 0)?.value;
  return v?.kind === 'string' ? v.value : undefined;
}

class Interpreter {
  readonly schema: Schema;
  readonly names: PrismaName[] = [];
  private readonly defaultSchema: string;
  /** declaration -> its table (models, views, composite types) */
  private readonly tableOf = new Map<Decl, Table>();

  constructor(private readonly ctx: PrismaContext) {
    this.defaultSchema = ctx.provider === 'sqlserver' ? 'dbo' : 'public';
    this.schema = emptySchema(this.defaultSchema);
  }

  private ref(uri: string, nameSpan: Span, span: Span): SourceRef {
    return { uri, nameSpan: { start: nameSpan.start, end: nameSpan.end }, span: { start: span.start, end: span.end } };
  }

  /** Records a name; returns its span (a copy: results never share spans with the syntax tree, which a later parse may shift). */
  private name(uri: string, span: Span, isDefinition: boolean, kind: PrismaNameKind, key: string): Span {
    const copy = { start: span.start, end: span.end };
    this.names.push({ uri, span: copy, isDefinition, kind, key });
    return copy;
  }

  private schemaOf(b: PrismaBlock): string {
    const s = stringArg(findAttr(b.attributes, 'schema'), 'map');
    if (s !== undefined && !this.schema.schemas.includes(s)) this.schema.schemas.push(s);
    return s ?? this.defaultSchema;
  }

  private readonly listIndex = new Map<Decl, Map<string, PField[]>>();
  /** column types by type name (one interpretation: a name means one declaration) */
  private readonly plainTypes = new Map<string, ColumnType>();
  private readonly listTypes = new Map<string, ColumnType>();

  /** A list field of `target` typed `model` with relation name `relName`, other than `f` (indexed per declaration). */
  private backList(target: Decl, model: string, relName: string | undefined, f: PField): PField | undefined {
    let m = this.listIndex.get(target);
    if (!m) {
      m = new Map();
      for (const x of target.block.fields) {
        if (!x.type?.list) continue;
        const k = relationKey(x.type.name.text, relationName(findAttr(x.attributes, 'relation')));
        const list = m.get(k);
        if (list) list.push(x);
        else m.set(k, [x]);
      }
      this.listIndex.set(target, m);
    }
    for (const x of m.get(relationKey(model, relName)) ?? []) if (x !== f) return x;
    return undefined;
  }

  /** Database name of a field. */
  private columnName(f: PField): string {
    return stringArg(findAttr(f.attributes, 'map'), 'name') ?? f.name.text;
  }

  private kindOf(d: Decl): PrismaNameKind {
    return d.block.kind === 'model' || d.block.kind === 'view' || d.block.kind === 'type' || d.block.kind === 'enum' ? d.block.kind : 'model';
  }

  run(inputs: { uri: string; file: PrismaFile }[]): void {
    const ctx = this.ctx;
    if (ctx.provider || ctx.providerRaw || ctx.dsName) {
      const settings: Record<string, string> = {};
      if (ctx.providerRaw) settings.provider = ctx.providerRaw;
      if (ctx.relationMode === 'prisma') settings.relationMode = 'prisma';
      if (ctx.preview.size) settings.previewFeatures = [...ctx.preview].join(', ');
      this.schema.project = { name: ctx.dsName, settings };
      if (ctx.provider) this.schema.project.databaseType = DB_TYPE[ctx.provider];
      if (ctx.providerRaw) this.schema.project.databaseTypeRaw = ctx.providerRaw;
    }
    for (const s of ctx.schemas ?? []) if (!this.schema.schemas.includes(s)) this.schema.schemas.push(s);
    // declarations first (first one of a name wins, as in collect), then relations
    for (const d of ctx.decls.values()) {
      if (d.block.kind === 'enum') this.enumDecl(d);
      else this.tableDecl(d);
    }
    for (const d of ctx.decls.values()) if (d.block.kind === 'model' || d.block.kind === 'view') this.relations(d);
    // names in blocks that lost to a duplicate are still definitions and uses
    for (const { uri, file } of inputs) {
      for (const b of file.blocks) {
        if (!b.name || b.kind === 'datasource' || b.kind === 'generator') continue;
        const d = ctx.decls.get(b.name.text);
        if (d?.block === b) continue;
        this.name(uri, b.name.span, true, b.kind === 'enum' ? 'enum' : b.kind, b.name.text);
      }
    }
  }

  private enumDecl(d: Decl): void {
    const b = d.block;
    const name = b.name!.text;
    this.name(d.uri, b.name!.span, true, 'enum', name);
    const schema = this.schemaOf(b);
    const dbName = stringArg(findAttr(b.attributes, 'map'), 'name') ?? name;
    const e: Enum = { key: qualifiedKey(schema, dbName), schema, name: dbName, values: [], source: this.ref(d.uri, b.name!.span, b.span) };
    if (b.doc !== undefined) e.note = b.doc;
    if (dbName !== name) e.alias = name;
    for (const v of b.fields) {
      this.name(d.uri, v.name.span, true, 'enumValue', `${name}.${v.name.text}`);
      const value = { name: stringArg(findAttr(v.attributes, 'map'), 'name') ?? v.name.text, source: this.ref(d.uri, v.name.span, v.span) } as Enum['values'][number];
      if (v.doc !== undefined) value.note = v.doc;
      if (value.name !== v.name.text) value.alias = v.name.text;
      e.values.push(value);
    }
    this.schema.enums.push(e);
  }

  private tableDecl(d: Decl): void {
    const b = d.block;
    const name = b.name!.text;
    const kind = this.kindOf(d);
    this.name(d.uri, b.name!.span, true, kind, name);
    const schema = this.schemaOf(b);
    const dbName = stringArg(findAttr(b.attributes, 'map'), 'name') ?? name;
    const t: Table = { key: qualifiedKey(schema, dbName), schema, name: dbName, columns: [], indexes: [], checks: [], settings: { prismaName: name }, source: this.ref(d.uri, b.name!.span, b.span) };
    if (dbName !== name) t.alias = name;
    if (b.doc !== undefined) t.note = b.doc;
    if (b.kind === 'view') t.isView = true;
    if (b.kind === 'type') t.settings.compositeType = 'true';
    if (findAttr(b.attributes, 'ignore')) t.settings.ignore = 'true';
    const fields = b.fields;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      const key = `${name}.${f.name.text}`;
      const nameSpan = this.name(d.uri, f.name.span, true, 'field', key);
      if (!f.type) continue;
      const target = d.targets[i];
      if (target) this.name(d.uri, f.type.name.span, false, this.kindOf(target), f.type.name.text);
      if (isRelationTarget(target)) continue;
      t.columns.push(this.column(d, f, target, nameSpan));
    }
    this.blockIndexes(d, t);
    this.schema.tables.push(t);
    this.tableOf.set(d, t);
  }

  /** `nameSpan`: the copy of the field name's span made for its name entry (the column's source shares it) */
  private column(d: Decl, f: PField, target: Decl | undefined, nameSpan: Span): Column {
    const type = f.type!;
    // one pass over the attributes (this runs for every column of the schema)
    let native: PAttribute | undefined;
    let idA: PAttribute | undefined;
    let uniqueA: PAttribute | undefined;
    let updatedA: PAttribute | undefined;
    let ignoreA: PAttribute | undefined;
    let defA: PAttribute | undefined;
    let mapA: PAttribute | undefined;
    const dsName = this.ctx.dsName;
    for (const a of f.attributes) {
      const parts = a.name.parts;
      if (parts.length === 2) {
        if (native === undefined && parts[0].text === dsName) native = a;
        continue;
      }
      switch (a.name.text) {
        case 'id':
          idA ??= a;
          break;
        case 'unique':
          uniqueA ??= a;
          break;
        case 'updatedAt':
          updatedA ??= a;
          break;
        case 'ignore':
          ignoreA ??= a;
          break;
        case 'default':
          defA ??= a;
          break;
        case 'map':
          mapA ??= a;
          break;
      }
    }
    let ct: ColumnType;
    if (native) {
      const n = native.name.parts[1].text;
      const args = (native.args?.items ?? []).map((a) => (a.value ? (a.value.kind === 'string' ? a.value.value : exprText(a.value)) : ''));
      const raw = args.length ? `${n}(${args.join(', ')})` : n;
      ct = normaliseType(raw, n, args, type.list);
      if (ct.family === 'other' && SCALAR_TYPE[type.name.text] && !type.list) ct.family = normaliseType(type.name.text, SCALAR_TYPE[type.name.text], []).family;
    } else if (type.unsupported !== undefined) {
      const raw = type.unsupported;
      const m = /^\s*([A-Za-z_][A-Za-z0-9_ ]*?)\s*(?:\(([^)]*)\))?\s*(\[\])?\s*$/.exec(raw);
      const args = m?.[2] ? m[2].split(',').map((s) => s.trim()) : [];
      ct = normaliseType(raw, m ? m[1] : raw, args, type.list || !!m?.[3]);
    } else {
      // a scalar, enum or composite type without arguments: the same type for every column that names it
      const memo = type.list ? this.listTypes : this.plainTypes;
      const tn = type.name.text;
      let tpl = memo.get(tn);
      if (!tpl) {
        if (target?.block.kind === 'enum') {
          const schema = stringArg(findAttr(target.block.attributes, 'schema'), 'map') ?? this.defaultSchema;
          const dbName = stringArg(findAttr(target.block.attributes, 'map'), 'name') ?? target.block.name!.text;
          tpl = normaliseType(tn, tn, [], type.list, qualifiedKey(schema, dbName));
        } else if (target) {
          tpl = normaliseType(tn, tn, [], type.list);
        } else {
          tpl = normaliseType(tn, SCALAR_TYPE[tn] ?? tn, [], type.list);
          tpl.raw = tn;
        }
        memo.set(tn, tpl);
      }
      // a copy per column (consumers own their column's type), with its own args list
      ct = { ...tpl, args: [] };
    }
    const col: Column = {
      name: stringArg(mapA, 'name') ?? f.name.text,
      type: ct,
      nullable: type.optional,
      nullabilityExplicit: true,
      primaryKey: !!idA,
      unique: !!uniqueA,
      autoIncrement: false,
      checks: [],
      settings: { prismaName: f.name.text, prismaType: type.name.text + (type.list ? '[]' : '') + (type.optional ? '?' : '') },
      source: { uri: d.uri, nameSpan, span: { start: f.span.start, end: f.span.end } },
    };
    if (target?.block.kind === 'type') col.settings.compositeType = target.block.name!.text;
    if (f.doc !== undefined) col.note = f.doc;
    if (updatedA) col.settings.updatedAt = 'true';
    if (ignoreA) col.settings.ignore = 'true';
    const v = argOf(defA?.args, 'value', 0)?.value;
    if (v) {
      col.default = this.defaultOf(v, target);
      if (v.kind === 'call' && v.callee.text === 'autoincrement') col.autoIncrement = true;
      if (target?.block.kind === 'enum') {
        // enum values used as defaults: `@default(A)` and, on lists, `@default([A, B])`
        const items = v.kind === 'array' ? v.items : [v];
        for (const x of items) if (x.kind === 'path') this.name(d.uri, x.span, false, 'enumValue', `${target.block.name!.text}.${x.path.text}`);
      }
    }
    return col;
  }

  private defaultOf(v: PExpr, target: Decl | undefined): ColumnDefault {
    switch (v.kind) {
      case 'string':
        return { kind: 'string', value: v.value };
      case 'number':
        return { kind: 'number', value: v.value };
      case 'path':
        if (v.path.text === 'true' || v.path.text === 'false') return { kind: 'boolean', value: v.path.text };
        if (target?.block.kind === 'enum') {
          const val = fieldNamed(target.block, v.path.text);
          return { kind: 'enum', value: (val && stringArg(findAttr(val.attributes, 'map'), 'name')) ?? v.path.text };
        }
        return { kind: 'expression', value: v.path.text };
      case 'call': {
        const inner = v.args.items[0]?.value;
        if (v.callee.text === 'dbgenerated' && inner?.kind === 'string') return { kind: 'expression', value: inner.value };
        return { kind: 'expression', value: exprText(v) };
      }
      case 'array':
        return { kind: 'expression', value: exprText(v) };
    }
  }

  /** `@@id`, `@@unique`, `@@index`, `@@fulltext` and the single-field `@id`/`@unique` as indexes. */
  private blockIndexes(d: Decl, t: Table): void {
    const b = d.block;
    const model = b.name!.text;
    const fields = b.fields;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      if (f.attributes.length === 0 || isRelationTarget(d.targets[i])) continue;
      for (const an of ID_UNIQUE) {
        const a = findAttr(f.attributes, an);
        if (!a) continue;
        const idx: Index = { parts: [{ column: this.columnName(f), span: { ...f.name.span } }], unique: true, primaryKey: an === 'id', source: this.ref(d.uri, a.name.span, a.span) };
        const map = stringArg(a, 'map');
        if (map !== undefined && argOf(a.args, 'map')) idx.name = map;
        t.indexes.push(idx);
      }
    }
    for (const a of b.attributes) {
      const an = a.name.text;
      if (an !== 'id' && an !== 'unique' && an !== 'index' && an !== 'fulltext' && an !== 'shardKey') continue;
      const refs = fieldRefs(argOf(a.args, 'fields', 0)?.value);
      const parts: IndexPart[] = [];
      for (const r of refs) {
        const head = r.name.split('.')[0];
        const f = fieldNamed(b, head);
        this.name(d.uri, r.span, false, 'field', `${model}.${head}`);
        parts.push({ column: f ? this.columnName(f) + r.name.slice(head.length) : r.name, span: { ...r.span } });
      }
      if (an === 'shardKey') {
        t.settings.shardKey = parts.map((p) => p.column).join(', ');
        continue;
      }
      const idx: Index = { parts, unique: an !== 'index' && an !== 'fulltext', primaryKey: an === 'id', source: this.ref(d.uri, a.name.span, a.span) };
      const name = stringArg(a, 'map') !== undefined && argOf(a.args, 'map') ? stringArg(a, 'map') : (argOf(a.args, 'name')?.value as { value?: string } | undefined)?.value;
      if (name !== undefined) idx.name = name;
      const type = argOf(a.args, 'type')?.value;
      if (type?.kind === 'path') idx.type = type.path.text.toLowerCase();
      if (an === 'fulltext') idx.type = 'fulltext';
      t.indexes.push(idx);
      if (an === 'id' && parts.length === 1) {
        const c = t.columns.find((x) => x.name === parts[0].column);
        if (c) c.primaryKey = true;
      }
    }
  }

  private relations(d: Decl): void {
    const b = d.block;
    const model = b.name!.text;
    const from = this.tableOf.get(d);
    if (!from) return;
    const bfields = b.fields;
    for (let i = 0; i < bfields.length; i++) {
      const target = d.targets[i];
      if (!isRelationTarget(target)) continue;
      const f = bfields[i];
      const to = this.tableOf.get(target);
      const rel = findAttr(f.attributes, 'relation');
      const fieldsV = argOf(rel?.args, 'fields')?.value;
      const refsV = argOf(rel?.args, 'references')?.value;
      const fields = fieldRefs(fieldsV);
      const refs = fieldRefs(refsV);
      for (const r of fields) this.name(d.uri, r.span, false, 'field', `${model}.${r.name}`);
      for (const r of refs) this.name(d.uri, r.span, false, 'field', `${target.block.name!.text}.${r.name}`);
      const relName = stringArg(rel, 'name');
      if (fields.length && refs.length && to) {
        const own = fields.map((r) => fieldNamed(b, r.name));
        const theirs = refs.map((r) => fieldNamed(target.block, r.name));
        const r: Relationship = {
          from: { schema: from.schema, table: from.name, columns: own.map((x, i) => (x ? this.columnName(x) : fields[i].name)), tableKey: from.key },
          to: { schema: to.schema, table: to.name, columns: theirs.map((x, i) => (x ? this.columnName(x) : refs[i].name)), tableKey: to.key },
          cardinality: isUniqueCriterion(b, fields.map((x) => x.name)) ? '1-1' : 'n-1',
          source: 'declared',
          origin: this.ref(d.uri, f.name.span, f.span),
        };
        if (relName !== undefined) r.name = relName;
        const onDelete = argOf(rel?.args, 'onDelete')?.value;
        const onUpdate = argOf(rel?.args, 'onUpdate')?.value;
        if (onDelete?.kind === 'path' && ACTION[onDelete.path.text]) r.onDelete = ACTION[onDelete.path.text];
        if (onUpdate?.kind === 'path' && ACTION[onUpdate.path.text]) r.onUpdate = ACTION[onUpdate.path.text];
        this.schema.relationships.push(r);
        continue;
      }
      // implicit many-to-many: lists on both sides, no `fields`; recorded once, from the name sorting first
      if (!f.type?.list || !to) continue;
      const back = this.backList(target, model, relName, f);
      if (!back) continue;
      const other = target.block.name!.text;
      if (model > other || (model === other && f.name.text > back.name.text)) continue;
      const idCols = (t: Table): string[] => {
        const pk = t.columns.filter((c) => c.primaryKey).map((c) => c.name);
        return pk.length ? pk : (t.indexes.find((i) => i.primaryKey)?.parts.map((p) => p.column ?? '') ?? []);
      };
      this.schema.relationships.push({
        name: relName ?? `${model}To${other}`,
        from: { schema: from.schema, table: from.name, columns: idCols(from), tableKey: from.key },
        to: { schema: to.schema, table: to.name, columns: idCols(to), tableKey: to.key },
        cardinality: 'n-n',
        source: 'declared',
        origin: this.ref(d.uri, f.name.span, f.span),
      });
    }
  }
}

/**
 * Interprets the files of one Prisma schema (one file, or every `.prisma`
 * file of a `prismaSchemaFolder`) into one Schema, the name index and the
 * validation diagnostics (parse diagnostics stay in each `PrismaFile`).
 */
export function interpretPrisma(inputs: { uri: string; file: PrismaFile }[], options: PrismaOptions = {}): PrismaInterpretation {
  const ctx = collect(inputs);
  const diagnostics = validatePrisma(inputs, ctx, options);
  const it = new Interpreter(ctx);
  try {
    it.run(inputs);
  } catch {
    // a bug, not an input problem: return what was built
  }
  return { schema: it.schema, names: it.names, diagnostics };
}
