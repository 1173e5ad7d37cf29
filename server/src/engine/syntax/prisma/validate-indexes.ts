/**
 * Prisma validation of ids, uniques and indexes: field lists, arguments per
 * connector (`length`, `clustered`, index types and PostgreSQL operator
 * classes), MySQL TEXT/BLOB prefixes, constraint name clashes. Part of
 * validate.ts's pass.
 */
import type { PArgs, PAttribute, PField, PrismaBlock } from './ast.js';
import { PrismaCodes } from './codes.js';
import { argOf, describe, exprText, fieldNamed, fieldRefs, findAttr, isRelationField, isRelationTarget, targetsOf, typeName } from './context.js';
import type { Provider } from './native-types.js';
import type { Validator } from './validate.js';

/** Operator classes: which index types take them, the Prisma type or native types they need. */
/** PostgreSQL native type of a scalar without `@db.X`. */
const PG_DEFAULT_NATIVE: Record<string, string> = {
  String: 'Text',
  Int: 'Integer',
  BigInt: 'BigInt',
  Float: 'DoublePrecision',
  Decimal: 'Decimal',
  Boolean: 'Boolean',
  DateTime: 'Timestamp',
  Json: 'JsonB',
  Bytes: 'ByteA',
};

const OPS: Record<string, { types: string[]; prisma?: string; native?: string[] }> = {
  InetOps: { types: ['Gist', 'SpGist'], native: ['Inet'] },
  TextOps: { types: ['SpGist'], prisma: 'String' },
  ArrayOps: { types: ['Gin'] },
  JsonbOps: { types: ['Gin'], native: ['JsonB'] },
  JsonbPathOps: { types: ['Gin'], native: ['JsonB'] },
  BitMinMaxOps: { types: ['Brin'], native: ['Bit'] },
  VarBitMinMaxOps: { types: ['Brin'], native: ['VarBit'] },
  BpcharBloomOps: { types: ['Brin'], native: ['Char'] },
  BpcharMinMaxOps: { types: ['Brin'], native: ['Char'] },
  ByteaBloomOps: { types: ['Brin'], prisma: 'Bytes' },
  ByteaMinMaxOps: { types: ['Brin'], prisma: 'Bytes' },
  DateBloomOps: { types: ['Brin'], native: ['Date'] },
  DateMinMaxOps: { types: ['Brin'], native: ['Date'] },
  DateMinMaxMultiOps: { types: ['Brin'], native: ['Date'] },
  UuidBloomOps: { types: ['Brin'], native: ['Uuid'] },
  UuidMinMaxOps: { types: ['Brin'], native: ['Uuid'] },
  UuidMinMaxMultiOps: { types: ['Brin'], native: ['Uuid'] },
  TimeBloomOps: { types: ['Brin'], native: ['Time'] },
  TimeMinMaxOps: { types: ['Brin'], native: ['Time'] },
  TimestampBloomOps: { types: ['Brin'], native: ['Timestamp'] },
  TimestampMinMaxOps: { types: ['Brin'], native: ['Timestamp'] },
  TimestampTzBloomOps: { types: ['Brin'], native: ['Timestamptz'] },
  TimestampTzMinMaxOps: { types: ['Brin'], native: ['Timestamptz'] },
};

/** `@@unique([a, b.c])` without `name:` gets the client name `a_b_c`: it must not be a field's name. */
export function compoundNameClash(vd: Validator, b: PrismaBlock, a: PAttribute): void {
  if (argOf(a.args, 'name')) return;
  const refs = fieldRefs(argOf(a.args, 'fields', 0)?.value);
  if (refs.length < 2 && !refs.some((r) => r.name.includes('.'))) return;
  const generated = refs.map((r) => (r.name.includes('.') ? r.name.replace(/\./g, '_') : r.name)).join('_');
  if (b.fields.some((f) => f.name.text === generated)) {
    vd.err(PrismaCodes.naming, a.span, `Error validating model "${b.name?.text}": The field \`${generated}\` clashes with the \`@@${a.name.text}\` name. Please resolve the conflict by providing a custom id name: \`@@${a.name.text}([...], name: "custom_name")\``);
  }
}

/**
 * Constraint names (explicit `map:` or Prisma's default `Table_a_b_idx`,
 * `Table_a_key`, `Table_pkey`) must be unique in their namespace: global on
 * PostgreSQL/CockroachDB (with primary keys) and SQLite, per model on MySQL
 * and SQL Server.
 */
interface ConstraintNamespace {
  vd: Validator;
  b: PrismaBlock;
  ns: string;
  global: boolean;
  withPk: boolean;
}

/** The database name of a column in a default constraint name. */
function constraintColumn(vd: Validator, b: PrismaBlock, n: string): string {
  const f = fieldNamed(b, n);
  return f ? (vd.stringArg(findAttr(f.attributes, 'map')) ?? n) : n.replace(/\./g, '_');
}

function constraintNameMessage(x: PAttribute, n: string, c: ConstraintNamespace): string {
  const nsText = `${c.global ? 'global' : `on model \`${c.b.name?.text}\``} for ${c.withPk ? 'primary key, ' : ''}indexes and unique constraints`;
  return `Error parsing attribute "${x.block ? '@@' : '@'}${x.name.text}": The given constraint name \`${n}\` has to be unique in the following namespace: ${nsText}. Please provide a different name using the \`map\` argument.`;
}

/** Records the constraint name of `a` (its `map:` or `fallback`); a second use reports both. */
function checkConstraintName(c: ConstraintNamespace, a: PAttribute, fallback: string): void {
  const vd = c.vd;
  const m = argOf(a.args, 'map')?.value;
  const n = m?.kind === 'string' ? m.value : fallback;
  const key = `${c.ns}.${n}`;
  const first = vd.constraints.get(key);
  if (first) {
    if (!first.reported) vd.out.push({ uri: first.uri, span: { ...first.attr.span }, severity: 'error', code: PrismaCodes.naming, message: constraintNameMessage(first.attr, n, c) });
    first.reported = true;
    vd.err(PrismaCodes.naming, a.span, constraintNameMessage(a, n, c));
  } else vd.constraints.set(key, { uri: vd.uri, attr: a, reported: false });
}

export function constraintNames(vd: Validator, b: PrismaBlock, schema: string | undefined, dbName: string): void {
  const provider = vd.ctx.provider;
  if (!provider || provider === 'mongodb') return;
  const global = provider === 'postgresql' || provider === 'cockroachdb' || provider === 'sqlite';
  const withPk = provider !== 'sqlite' && provider !== 'mysql';
  const ns = global ? `constraint:${schema ?? ''}` : `constraint:${schema ?? ''}.${dbName}`;
  // no closures per model: this runs for every model of a schema on every validation
  const names: ConstraintNamespace = { vd, b, ns, global, withPk };
  const targets = targetsOf(vd.ctx, b);
  const fields = b.fields;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    if (f.attributes.length === 0 || isRelationTarget(targets[i])) continue;
    for (const a of f.attributes) {
      const an = a.name.text;
      if (an === 'id' && withPk) checkConstraintName(names, a, `${dbName}_pkey`);
      else if (an === 'unique') checkConstraintName(names, a, `${dbName}_${constraintColumn(vd, b, f.name.text)}_key`);
    }
  }
  for (const a of b.attributes) {
    const an = a.name.text;
    if (an !== 'id' && an !== 'unique' && an !== 'index' && an !== 'fulltext') continue;
    if (an === 'id' && !withPk) continue;
    const cols = fieldRefs(argOf(a.args, 'fields', 0)?.value).map((r) => constraintColumn(vd, b, r.name)).join('_');
    checkConstraintName(names, a, an === 'id' ? `${dbName}_pkey` : `${dbName}_${cols}_${an === 'unique' ? 'key' : 'idx'}`);
  }
}

/** Fields named by `@@id/@@unique/@@index/@@fulltext/@@shardKey([..])`, with unknown/relation/string checks. */
export function blockFields(vd: Validator, b: PrismaBlock, a: PAttribute, an: string, modelName: string): PField[] {
  const arg = argOf(a.args, 'fields', 0);
  const v = arg?.value;
  if (!v) {
    if (an !== 'shardKey') vd.err(PrismaCodes.attributeArgument, a.span, `Error parsing attribute "@@${an}": The attribute requires a \`fields\` argument.`);
    return [];
  }
  const items = v.kind === 'array' ? v.items : [v];
  const out: PField[] = [];
  const unknown: string[] = [];
  const relations: string[] = [];
  for (const i of items) {
    if (i.kind === 'string') {
      vd.err(PrismaCodes.indexDefinition, i.span, an === 'index' || an === 'unique' || an === 'id' ? `Expected a constant literal value, but received string value \`${exprText(i)}\`.` : `Expected a constant value, but received string value \`${exprText(i)}\`.`);
      continue;
    }
    if (i.kind === 'call' && an === 'shardKey') {
      vd.err(PrismaCodes.indexDefinition, i.span, `Expected a constant value, but received functional value \`${exprText(i)}\`.`);
      continue;
    }
    if (i.kind !== 'path' && i.kind !== 'call') continue;
    if (i.kind === 'call') {
      const sort = argOf(i.args, 'sort')?.value;
      if (sort && sort.kind !== 'path') vd.err(PrismaCodes.indexDefinition, sort.span, `Expected a constant value, but received ${describe(sort)}.`);
    }
    const path = i.kind === 'path' ? i.path : i.callee;
    const f = fieldNamed(b, path.parts[0].text);
    if (!f) {
      unknown.push(path.text);
      continue;
    }
    if (path.parts.length > 1) continue; // composite type path (MongoDB)
    if (isRelationField(vd.ctx, f)) {
      relations.push(f.name.text);
      continue;
    }
    out.push(f);
  }
  if (unknown.length) {
    const list = unknown.join(', ');
    const msg =
      an === 'shardKey'
        ? `Error validating model "${modelName}": The multi field shard key declaration refers to the unknown fields ${unknown.map((u) => '`' + u + '`').join(', ')}.`
        : an === 'id'
          ? `Error validating model "${modelName}": The multi field id declaration refers to the unknown fields ${list}.`
          : `Error validating model "${modelName}": The ${an === 'unique' ? 'unique index' : 'index'} definition refers to the unknown fields: ${list}.`;
    vd.err(PrismaCodes.indexDefinition, a.span, msg);
  }
  if (relations.length) {
    const msg =
      an === 'shardKey'
        ? `Error validating model "${modelName}": The shard key definition refers to the relation field \`${relations[0]}\`. Shard key definitions must reference only scalar fields.`
        : `Error validating model "${modelName}": The ${an === 'id' ? 'id' : an === 'unique' ? 'unique index' : 'index'} definition refers to the relation fields ${relations.join(', ')}. ${an === 'id' ? 'ID' : 'Index'} definitions must reference only scalar fields.`;
    vd.err(PrismaCodes.indexDefinition, a.span, msg);
  }
  return out;
}

/** `@id`, `@@index`: how messages name an attribute. */
function attrLabel(a: PAttribute): string {
  return `${a.block ? '@@' : '@'}${a.name.text}`;
}

/** `length:` and `clustered:` arguments against the connector. */
export function indexArgs(vd: Validator, a: PAttribute, provider: Provider | undefined): void {
  if (!a.args) return;
  const clustered = argOf(a.args, 'clustered');
  if (clustered?.value) {
    if (clustered.value.kind !== 'path' || (clustered.value.path.text !== 'true' && clustered.value.path.text !== 'false')) {
      vd.err(PrismaCodes.attributeArgument, clustered.value.span, `Expected a boolean value, but received ${describe(clustered.value)}.`);
    } else if (provider !== 'sqlserver') vd.err(PrismaCodes.attributeArgument, a.span, `Error parsing attribute "${attrLabel(a)}": Defining clustering is not supported in the current connector.`);
  }
  const lengthUnsupported = provider === 'sqlite' || provider === 'sqlserver' || provider === 'postgresql' || provider === 'cockroachdb';
  if (!a.block) {
    if (!!argOf(a.args, 'length') && lengthUnsupported) vd.err(PrismaCodes.attributeArgument, a.span, `Error parsing attribute "${attrLabel(a)}": The length argument is not supported in an index definition with the current connector`);
    return;
  }
  const refs = fieldRefs(argOf(a.args, 'fields', 0)?.value);
  if (lengthUnsupported && refs.some((r) => !!argOf(r.args, 'length'))) vd.err(PrismaCodes.attributeArgument, a.span, `Error parsing attribute "${attrLabel(a)}": The length argument is not supported in an index definition with the current connector`);
}

/** MySQL cannot index TEXT/BLOB columns without a prefix length. */
export function mysqlTextIndex(vd: Validator, a: PAttribute, fields: PField[]): void {
  if (vd.ctx.provider !== 'mysql') return;
  const refs = a.block ? fieldRefs(argOf(a.args, 'fields', 0)?.value) : [];
  for (const f of fields) {
    const nt = f.attributes.find((x) => x.name.parts.length === 2 && x.name.parts[0].text === vd.ctx.dsName);
    const n = nt?.name.parts[1].text;
    if (!n || !/^(Tiny|Medium|Long)?(Text|Blob)$/.test(n)) continue;
    const ref = refs.find((r) => r.name === f.name.text);
    if (a.block ? argOf(ref?.args, 'length') : argOf(a.args, 'length')) continue;
    if (a.name.text === 'index') vd.err(PrismaCodes.indexDefinition, a.span, `You cannot define an index on fields with native type \`${n}\` of MySQL. Please use the \`length\` argument to the field in the index definition to allow vd.`);
    else vd.err(PrismaCodes.indexDefinition, a.block ? a.span : f.span, `Native type \`${n}\` cannot be unique in MySQL. Please use the \`length\` argument to the field in the index definition to allow vd.`);
  }
}

/** `type: Gin|Gist|SpGist|Brin|Hash` and operator classes (PostgreSQL only). */
export function indexType(vd: Validator, a: PAttribute, fields: PField[], provider: Provider | undefined): void {
  const tv = argOf(a.args, 'type')?.value;
  if (!tv || tv.kind !== 'path') return;
  const type = tv.path.text;
  if (type === 'BTree') return;
  if (provider !== 'postgresql' && !(provider === 'cockroachdb' && (type === 'Gin' || type === 'Hash'))) {
    vd.err(PrismaCodes.indexDefinition, a.span, 'Error parsing attribute "@@index": The given index type is not supported with the current connector');
    return;
  }
  const refs = fieldRefs(argOf(a.args, 'fields', 0)?.value);
  if (type === 'SpGist' && refs.length > 1) {
    vd.err(PrismaCodes.indexDefinition, a.span, 'Error parsing attribute "@@index": SpGist does not support multi-column indices.');
    return;
  }
  for (const r of refs) {
    const f = fields.find((x) => x.name.text === r.name);
    if (!f) continue;
    const nt = f.attributes.find((x) => x.name.parts.length === 2 && x.name.parts[0].text === vd.ctx.dsName)?.name.parts[1].text;
    const opsV = argOf(r.args, 'ops')?.value;
    const ops = opsV?.kind === 'path' ? opsV.path.text : undefined;
    const msg = (m: string): void => vd.err(PrismaCodes.indexDefinition, a.span, `Error parsing attribute "@@index": ${m}`);
    if (opsV && !ops) continue; // raw("...") operator class: not checked
    if (!ops) {
      const tn = typeName(f);
      if (type === 'Gin' && !f.type?.list && tn !== 'Json') msg(`The Gin index type does not support the type of the field \`${f.name.text}\`.`);
      if (type === 'Gist' && nt !== 'Inet') msg(`The Gist index type does not support the type of the field \`${f.name.text}\`.`);
      if (type === 'SpGist' && !(typeName(f) === 'String' && (!nt || nt === 'Text' || nt === 'VarChar' || nt === 'Inet' || nt === 'Char'))) msg(`The SpGist index type does not support the type of the field \`${f.name.text}\`.`);
      continue;
    }
    const rule = OPS[ops];
    if (!rule) continue;
    if (!rule.types.includes(type)) {
      msg(`The given operator class \`${ops}\` is not supported with the \`${type}\` index type.`);
      continue;
    }
    if (rule.prisma && typeName(f) !== rule.prisma) {
      msg(`The given operator class \`${ops}\` points to the field \`${f.name.text}\` that is not of ${rule.prisma} type.`);
      continue;
    }
    if (rule.native) {
      // without @db.X the field has its scalar's default native type (Json -> JsonB, String -> Text, ...)
      const effective = nt ?? PG_DEFAULT_NATIVE[typeName(f) ?? ''];
      if (!effective || !rule.native.includes(effective)) {
        if (!nt) msg(`The given operator class \`${ops}\` expects the field \`${f.name.text}\` to define a valid native type.`);
        else msg(`The given operator class \`${ops}\` does not support native type \`${nt}\` of field \`${f.name.text}\`.`);
      }
    }
  }
}
