/**
 * Random small schemas for property tests, their DDL per dialect, and a
 * readable comparison of two Schemas.
 *
 * - `arbSchema()`: a fast-check arbitrary of `Schema` values (1-8 tables of
 *   portable column types and enums (a PostgreSQL type, a MySQL inline ENUM,
 *   SQLite TEXT), nullability, literal defaults, single and
 *   composite primary keys, uniques, indexes, foreign keys to earlier tables,
 *   composite ones included, with ON DELETE/UPDATE actions; names that need
 *   quoting some of the time). Tables live in the default schema `public`.
 * - `toDdl(schema, dialect)`: CREATE TABLE / CREATE INDEX text with
 *   identifiers quoted per dialect.
 * - `compareSchemas(expected, actual, dialect?)`: the differences in tables,
 *   columns, type families (and lengths/precision), nullability, defaults,
 *   primary keys, unique keys, indexes and foreign keys, ignoring what the
 *   dialect cannot express (MySQL booleans are tinyint, its FK indexes, ...).
 *
 * Used by the introspection round trip and, later, the SQL parser's.
 */
import fc from 'fast-check';
import type { Column, ColumnDefault, ColumnType, Index, RefAction, Relationship, Schema, Table } from '../../server/src/engine/model/schema.ts';
import { emptySchema, qualifiedKey } from '../../server/src/engine/model/schema.ts';
import { normaliseType } from '../../server/src/engine/model/types.ts';

export type Dialect = 'postgres' | 'mysql' | 'sqlite';

// ---------------------------------------------------------------- generator

type TypeKind = 'int' | 'bigint' | 'smallint' | 'varchar' | 'text' | 'boolean' | 'decimal' | 'date' | 'timestamp' | 'double' | 'enum';
/** types that may be part of a key or an index in every dialect (no TEXT in MySQL keys) */
const KEY_KINDS: TypeKind[] = ['int', 'bigint', 'smallint', 'varchar', 'date', 'decimal'];
const ALL_KINDS: TypeKind[] = [...KEY_KINDS, 'text', 'boolean', 'timestamp', 'double', 'enum'];
/** the enums a generated column may use (declared in the schema when used) */
const ENUMS: { name: string; values: string[] }[] = [
  { name: 'mood', values: ['sad', 'ok', 'happy'] },
  { name: 'Level Kind', values: ['low', "it's", 'high'] },
];

const TABLE_NAMES = ['users', 'orders', 'items', 'accounts', 'payments', 'tags', 'posts', 'comments', 'teams', 'events'];
const ODD_TABLE_NAMES = ['Order Items', 'select', 'MixedCase', 'café', 'user-data', 'say "hi"', '日本', 'Group'];
const COLUMN_NAMES = ['id', 'name', 'email', 'created_at', 'amount', 'status', 'code', 'value', 'note', 'qty', 'kind', 'score'];
const ODD_COLUMN_NAMES = ['First Name', 'order', 'Group', 'größe', 'from', 'a-b', 'CamelCase', "it's"];

interface ColumnSpec {
  name: string;
  kind: TypeKind;
  size: number;
  nullable: boolean;
  defaultPick: number; // 0 none, else a literal of the kind
}

interface FkSpec {
  target: number;
  useUnique: boolean;
  nullable: boolean;
  onDelete: RefAction | undefined;
  onUpdate: RefAction | undefined;
}

interface TableSpec {
  name: string;
  columns: ColumnSpec[];
  pk: 'single' | 'composite' | 'none';
  uniques: number[][];
  indexes: number[][];
  fks: FkSpec[];
}

const nameArb = (plain: string[], odd: string[]) => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...plain) }, { weight: 1, arbitrary: fc.constantFrom(...odd) });

const columnArb: fc.Arbitrary<ColumnSpec> = fc.record({
  name: nameArb(COLUMN_NAMES, ODD_COLUMN_NAMES),
  kind: fc.constantFrom(...ALL_KINDS),
  size: fc.integer({ min: 1, max: 64 }),
  nullable: fc.boolean(),
  defaultPick: fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 4 }) }),
});

const actionArb = fc.constantFrom<RefAction | undefined>(undefined, 'cascade', 'restrict', 'no action', 'set null');

const tableArb: fc.Arbitrary<TableSpec> = fc.record({
  name: nameArb(TABLE_NAMES, ODD_TABLE_NAMES),
  columns: fc.array(columnArb, { minLength: 1, maxLength: 6 }),
  pk: fc.constantFrom<TableSpec['pk']>('single', 'single', 'single', 'composite', 'none'),
  uniques: fc.array(fc.array(fc.nat(20), { minLength: 1, maxLength: 2 }), { maxLength: 2 }),
  indexes: fc.array(fc.array(fc.nat(20), { minLength: 1, maxLength: 3 }), { maxLength: 2 }),
  fks: fc.array(
    fc.record({ target: fc.nat(20), useUnique: fc.boolean(), nullable: fc.boolean(), onDelete: actionArb, onUpdate: fc.constantFrom<RefAction | undefined>(undefined, 'cascade', 'no action') }),
    { maxLength: 2 },
  ),
});

/** Random small schemas (see the module header). */
export function arbSchema(): fc.Arbitrary<Schema> {
  return fc.array(tableArb, { minLength: 1, maxLength: 8 }).map(buildSchema);
}

function columnType(kind: TypeKind, size: number): ColumnType {
  switch (kind) {
    case 'varchar':
      return normaliseType(`varchar(${size})`, 'varchar', [String(size)]);
    case 'decimal': {
      const p = 4 + (size % 12);
      const s = size % 3;
      return normaliseType(`decimal(${p},${s})`, 'decimal', [String(p), String(s)]);
    }
    case 'double':
      return normaliseType('double precision', 'double precision', []);
    default:
      return normaliseType(kind, kind, []);
  }
}

/** A column type naming one of ENUMS, declaring the enum in the schema on first use. */
function enumType(schema: Schema, size: number): ColumnType {
  const e = ENUMS[size % ENUMS.length];
  const key = qualifiedKey('public', e.name);
  if (!schema.enums.some((x) => x.key === key)) schema.enums.push({ key, schema: 'public', name: e.name, values: e.values.map((name) => ({ name })) });
  return normaliseType(e.name, e.name, [], false, key);
}

function literalDefault(kind: TypeKind, pick: number, t: ColumnType): ColumnDefault | undefined {
  if (pick === 0) return undefined;
  switch (kind) {
    case 'enum': {
      const e = ENUMS.find((x) => qualifiedKey('public', x.name) === t.enumKey);
      return e ? { kind: 'enum', value: e.values[pick % e.values.length] } : undefined;
    }
    case 'int':
    case 'bigint':
    case 'smallint':
      return { kind: 'number', value: String([0, 1, -1, 42][pick - 1] ?? 7) };
    case 'decimal':
      // values that fit the scale exactly, so no engine rounds them
      return { kind: 'number', value: (t.scale === 0 ? ['0', '2', '-3', '10'] : t.scale === 1 ? ['0', '1.5', '-2.5', '10'] : ['0', '1.5', '-2.25', '10'])[pick - 1] ?? '3' };
    case 'double':
      return { kind: 'number', value: ['0', '1.5', '-2', '100'][pick - 1] ?? '3' };
    case 'boolean':
      return { kind: 'boolean', value: pick % 2 ? 'true' : 'false' };
    case 'varchar':
    case 'text': {
      const v = ['', 'x', "it's", 'a b'][pick - 1] ?? 'y';
      return t.length !== undefined && v.length > t.length ? { kind: 'string', value: '' } : { kind: 'string', value: v };
    }
    case 'date':
      return { kind: 'string', value: ['2024-01-02', '1999-12-31', '2000-02-29', '2030-06-15'][pick - 1] ?? '2024-01-01' };
    case 'timestamp':
      return pick % 2 ? { kind: 'expression', value: 'CURRENT_TIMESTAMP' } : { kind: 'string', value: '2024-01-02 03:04:05' };
  }
}

function uniqueName(wanted: string, taken: Set<string>): string {
  let n = wanted;
  for (let i = 2; taken.has(n.toLowerCase()); i++) n = `${wanted}_${i}`;
  taken.add(n.toLowerCase());
  return n;
}

function newColumn(name: string, type: ColumnType, nullable: boolean): Column {
  return { name, type, nullable, nullabilityExplicit: !nullable, primaryKey: false, unique: false, autoIncrement: false, checks: [], settings: {} };
}

/** The column lists a table offers as FK targets: its PK, then its unique keys. */
function keysOf(t: Table): string[][] {
  const out: string[][] = [];
  const pk = primaryKeyOf(t);
  if (pk.length) out.push(pk);
  out.push(...uniqueSetsOf(t));
  return out;
}

function buildSchema(specs: TableSpec[]): Schema {
  const schema = emptySchema('public');
  const tableNames = new Set<string>();
  specs.forEach((spec, ti) => {
    const name = uniqueName(spec.name, tableNames);
    const t: Table = { key: qualifiedKey('public', name), schema: 'public', name, columns: [], indexes: [], checks: [], settings: {} };
    const colNames = new Set<string>();
    for (const c of spec.columns) {
      const type = c.kind === 'enum' ? enumType(schema, c.size) : columnType(c.kind, c.size);
      const col = newColumn(uniqueName(c.name, colNames), type, c.nullable);
      const d = literalDefault(c.kind, c.defaultPick, type);
      if (d) col.default = d;
      t.columns.push(col);
    }
    const keyable = () => t.columns.filter((c) => KEY_KINDS.includes(kindOf(c.type)));
    // primary key: make sure there are enough key-able columns
    const pkSize = spec.pk === 'none' ? 0 : spec.pk === 'single' ? 1 : 2;
    while (keyable().length < pkSize) {
      t.columns.unshift(newColumn(uniqueName(pkSize === 1 ? 'id' : 'k', colNames), columnType('int', 1), false));
    }
    const pkCols = keyable().slice(0, pkSize);
    for (const c of pkCols) {
      c.nullable = false;
      c.nullabilityExplicit = true;
    }
    if (pkSize === 1) pkCols[0].primaryKey = true;
    else if (pkSize === 2) t.indexes.push({ parts: pkCols.map((c) => ({ column: c.name })), unique: false, primaryKey: true });

    // foreign keys to earlier tables, on new columns of the target key's types
    if (ti > 0) {
      spec.fks.forEach((fk, fi) => {
        const target = schema.tables[fk.target % schema.tables.length];
        const keys = keysOf(target);
        if (!keys.length) return;
        const key = keys[fk.useUnique && keys.length > 1 ? 1 : 0];
        const from: string[] = [];
        for (const k of key) {
          const tc = target.columns.find((c) => c.name === k)!;
          const col = newColumn(uniqueName(`fk${fi}_${k}`.slice(0, 30), colNames), { ...tc.type, args: [...tc.type.args] }, fk.nullable);
          t.columns.push(col);
          from.push(col.name);
        }
        const onDelete = fk.onDelete === 'set null' && !fk.nullable ? 'cascade' : fk.onDelete;
        const rel: Relationship = {
          from: { schema: 'public', table: name, columns: from, tableKey: t.key },
          to: { schema: 'public', table: target.name, columns: key, tableKey: target.key },
          cardinality: 'n-1',
          source: 'declared',
        };
        if (onDelete) rel.onDelete = onDelete;
        // MariaDB refuses ON UPDATE CASCADE from NOT NULL columns to nullable ones (a NULL could cascade)
        const nullableTarget = key.some((k) => target.columns.find((c) => c.name === k)?.nullable);
        const onUpdate = fk.onUpdate === 'cascade' && !fk.nullable && nullableTarget ? undefined : fk.onUpdate;
        if (onUpdate) rel.onUpdate = onUpdate;
        schema.relationships.push(rel);
      });
    }

    // unique keys and indexes over key-able columns, without duplicates
    const cand = keyable();
    const seen = new Set<string>([pkCols.map((c) => c.name).join('\u0000')]);
    const pick = (idx: number[]) => [...new Set(idx.map((i) => cand[i % cand.length].name))];
    if (cand.length) {
      for (const u of spec.uniques) {
        const cols = pick(u);
        const k = cols.join('\u0000');
        if (seen.has(k)) continue;
        seen.add(k);
        if (cols.length === 1) t.columns.find((c) => c.name === cols[0])!.unique = true;
        else t.indexes.push({ parts: cols.map((column) => ({ column })), unique: true, primaryKey: false });
      }
      spec.indexes.forEach((ix, k) => {
        const cols = pick(ix);
        const key = `ix\u0000${cols.join('\u0000')}`;
        if (seen.has(key)) return;
        seen.add(key);
        t.indexes.push({ name: `ix_${ti}_${k}`, parts: cols.map((column) => ({ column })), unique: false, primaryKey: false });
      });
    }
    schema.tables.push(t);
  });
  return schema;
}

function kindOf(t: ColumnType): TypeKind {
  switch (t.family) {
    case 'integer':
      return t.bits === 64 ? 'bigint' : t.bits === 16 ? 'smallint' : 'int';
    case 'string':
      return 'varchar';
    case 'text':
      return 'text';
    case 'boolean':
      return 'boolean';
    case 'decimal':
      return 'decimal';
    case 'date':
      return 'date';
    case 'timestamp':
      return 'timestamp';
    case 'float':
      return 'double';
    case 'enum':
      return 'enum';
    default:
      return 'text';
  }
}

// ---------------------------------------------------------------- DDL

/** An identifier quoted for the dialect (always quoted, so any name works). */
export function quoteIdent(name: string, dialect: Dialect): string {
  return dialect === 'mysql' ? '`' + name.replace(/`/g, '``') + '`' : '"' + name.replace(/"/g, '""') + '"';
}

function sqlType(t: ColumnType, dialect: Dialect, schema: Schema): string {
  switch (t.family) {
    case 'integer':
      if (t.bits === 16) return 'smallint';
      if (t.bits === 64) return 'bigint';
      return dialect === 'mysql' ? 'int' : dialect === 'sqlite' ? 'INTEGER' : 'integer';
    case 'string':
      return `varchar(${t.length ?? 255})`;
    case 'text':
      return 'text';
    case 'boolean':
      return 'boolean';
    case 'decimal':
      return t.precision !== undefined ? `decimal(${t.precision},${t.scale ?? 0})` : 'decimal';
    case 'float':
      return dialect === 'postgres' ? 'double precision' : dialect === 'mysql' ? 'double' : 'REAL';
    case 'date':
      return 'date';
    case 'timestamp':
      return dialect === 'mysql' ? 'datetime' : 'timestamp';
    case 'uuid':
      return dialect === 'postgres' ? 'uuid' : dialect === 'mysql' ? 'char(36)' : 'TEXT';
    case 'json':
      return dialect === 'postgres' ? 'jsonb' : dialect === 'mysql' ? 'json' : 'TEXT';
    case 'enum': {
      const e = schema.enums.find((x) => x.key === t.enumKey);
      if (!e) return 'text';
      if (dialect === 'postgres') return `${quoteIdent(e.schema, dialect)}.${quoteIdent(e.name, dialect)}`;
      if (dialect === 'mysql') return `enum(${e.values.map((v) => sqlString(v.name)).join(', ')})`;
      return 'TEXT';
    }
    default:
      return t.raw || 'text';
  }
}

function sqlString(v: string): string {
  return `'${v.replace(/'/g, "''")}'`;
}

function sqlDefault(d: ColumnDefault): string {
  switch (d.kind) {
    case 'number':
      return d.value;
    case 'boolean':
      return d.value === 'true' ? 'TRUE' : 'FALSE';
    case 'null':
      return 'NULL';
    case 'expression':
      return d.value;
    default:
      return sqlString(d.value);
  }
}

function actionSql(a: RefAction): string {
  return a.toUpperCase();
}

/** CREATE TYPE (postgres enums), CREATE TABLE and CREATE INDEX statements, `;`-terminated, one per line group. */
export function toDdl(schema: Schema, dialect: Dialect): string {
  const q = (n: string) => quoteIdent(n, dialect);
  const tableRef = (t: { schema: string; table?: string; name?: string }) => {
    const name = t.table ?? t.name ?? '';
    return dialect === 'postgres' && t.schema !== schema.defaultSchema ? `${q(t.schema)}.${q(name)}` : q(name);
  };
  const out: string[] = [];
  if (dialect === 'postgres') {
    for (const e of schema.enums) out.push(`CREATE TYPE ${q(e.schema)}.${q(e.name)} AS ENUM (${e.values.map((v) => sqlString(v.name)).join(', ')});`);
  }
  for (const t of schema.tables) {
    if (t.isView) continue;
    const lines: string[] = [];
    for (const c of t.columns) {
      let line = `  ${q(c.name)} ${sqlType(c.type, dialect, schema)}`;
      if (!c.nullable) line += ' NOT NULL';
      if (c.default) line += ` DEFAULT ${sqlDefault(c.default)}`;
      lines.push(line);
    }
    const pk = primaryKeyOf(t);
    if (pk.length) lines.push(`  PRIMARY KEY (${pk.map(q).join(', ')})`);
    for (const c of t.columns) if (c.unique && !c.primaryKey) lines.push(`  UNIQUE (${q(c.name)})`);
    for (const ix of t.indexes) {
      if (ix.unique && !ix.primaryKey && !ix.name && !ix.where && ix.parts.every((p) => p.column)) lines.push(`  UNIQUE (${ix.parts.map((p) => q(p.column!)).join(', ')})`);
    }
    for (const r of schema.relationships) {
      if (r.from.tableKey !== t.key) continue;
      let fk = `  FOREIGN KEY (${r.from.columns.map(q).join(', ')}) REFERENCES ${tableRef(r.to)} (${r.to.columns.map(q).join(', ')})`;
      if (r.onDelete) fk += ` ON DELETE ${actionSql(r.onDelete)}`;
      if (r.onUpdate) fk += ` ON UPDATE ${actionSql(r.onUpdate)}`;
      lines.push(fk);
    }
    out.push(`CREATE TABLE ${tableRef(t)} (\n${lines.join(',\n')}\n);`);
    for (const ix of t.indexes) {
      if (ix.primaryKey || (ix.unique && !ix.name && !ix.where)) continue;
      const parts = ix.parts.map((p) => (p.column !== undefined ? q(p.column) : `(${p.expression})`)).join(', ');
      const name = ix.name ? `${q(ix.name)} ` : '';
      out.push(`CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX ${name}ON ${tableRef(t)} (${parts})${ix.where ? ` WHERE ${ix.where}` : ''};`);
    }
  }
  return out.join('\n');
}

// ---------------------------------------------------------------- compare

/** The primary key's columns in key order: a pk column or a primaryKey index. */
export function primaryKeyOf(t: Table): string[] {
  const ix = t.indexes.find((i) => i.primaryKey);
  if (ix) return ix.parts.map((p) => p.column ?? p.expression ?? '');
  return t.columns.filter((c) => c.primaryKey).map((c) => c.name);
}

/** Unique column sets (unique columns, unique indexes without predicate or expression), excluding the PK. */
export function uniqueSetsOf(t: Table): string[][] {
  const out: string[][] = [];
  for (const c of t.columns) if (c.unique && !c.primaryKey) out.push([c.name]);
  for (const ix of t.indexes) if (ix.unique && !ix.primaryKey && !ix.where && ix.parts.every((p) => p.column !== undefined)) out.push(ix.parts.map((p) => p.column!));
  return out;
}

function family(t: ColumnType, dialect: Dialect | undefined): string {
  if (dialect === 'mysql' && t.family === 'boolean') return 'integer';
  if (dialect === 'mysql' && t.family === 'integer' && t.bits === 8 && t.args[0] === '1') return 'integer';
  if (dialect === 'sqlite' && t.family === 'enum') return 'text';
  if (t.family === 'enum' && dialect === 'mysql') return 'enum';
  return t.family;
}

function defaultText(d: ColumnDefault | undefined, t: ColumnType, dialect: Dialect | undefined): string {
  if (!d || d.kind === 'null') return 'none';
  if (d.kind === 'boolean' || (dialect === 'mysql' && t.family === 'boolean') || (dialect === 'mysql' && t.family === 'integer' && t.bits === 8 && t.args[0] === '1')) {
    const v = d.value.toLowerCase();
    if (v === 'true' || v === '1') return 'bool:true';
    if (v === 'false' || v === '0') return 'bool:false';
  }
  if (d.kind === 'number' || (d.kind === 'string' && ['integer', 'decimal', 'float'].includes(t.family) && Number.isFinite(Number(d.value)))) return `number:${Number(d.value)}`;
  if (d.kind === 'expression') return `expr:${d.value.toLowerCase().replace(/\(\)/g, '').replace(/\s+/g, '')}`;
  return `string:${d.value}`;
}

function tableId(s: Schema, schemaName: string, name: string): string {
  return schemaName === s.defaultSchema ? name : `${schemaName}.${name}`;
}

function normAction(a: RefAction | undefined, dialect: Dialect | undefined): string {
  const v = a ?? 'no action';
  if (dialect === 'mysql' && (v === 'restrict' || v === 'no action')) return 'no action';
  return v;
}

function fkText(s: Schema, r: Relationship, dialect: Dialect | undefined): string {
  return `${tableId(s, r.from.schema, r.from.table)}(${r.from.columns.join(', ')}) -> ${tableId(s, r.to.schema, r.to.table)}(${r.to.columns.join(', ')}) on delete ${normAction(r.onDelete, dialect)} on update ${normAction(r.onUpdate, dialect)}`;
}

function indexText(ix: Index): string {
  return `(${ix.parts.map((p) => p.column ?? `expr ${p.expression}`).join(', ')})${ix.where ? ` where ${ix.where}` : ''}`;
}

function multisetDiff(label: string, expected: string[], actual: string[], out: string[]): void {
  const left = [...actual];
  for (const e of expected) {
    const i = left.indexOf(e);
    if (i >= 0) left.splice(i, 1);
    else out.push(`${label}: missing ${e}`);
  }
  for (const a of left) out.push(`${label}: unexpected ${a}`);
}

/**
 * Readable differences between two schemas (empty when they agree): tables
 * and views by name (the default schema's name is ignored), columns in order
 * with type family, varchar length, decimal precision/scale, integer width,
 * nullability and default; primary key; unique keys; plain indexes (by
 * columns, names ignored); foreign keys with actions. Cardinality, notes,
 * check constraints and settings are not compared. With `dialect`, what the
 * dialect cannot express is normalised away.
 */
export function compareSchemas(expected: Schema, actual: Schema, dialect?: Dialect): string[] {
  const out: string[] = [];
  const actualTables = new Map(actual.tables.map((t) => [tableId(actual, t.schema, t.name), t]));
  const expectedIds = new Set<string>();
  for (const e of expected.tables) {
    const id = tableId(expected, e.schema, e.name);
    expectedIds.add(id);
    const a = actualTables.get(id);
    if (!a) {
      out.push(`table ${id}: missing`);
      continue;
    }
    compareTable(id, e, a, dialect, out, expected, actual);
  }
  for (const id of actualTables.keys()) if (!expectedIds.has(id)) out.push(`table ${id}: unexpected`);

  const ignoredMysqlFkIndexes = new Set<string>();
  if (dialect === 'mysql') for (const r of actual.relationships) ignoredMysqlFkIndexes.add(`${tableId(actual, r.from.schema, r.from.table)}\u0000(${r.from.columns.join(', ')})`);
  for (const e of expected.tables) {
    const id = tableId(expected, e.schema, e.name);
    const a = actualTables.get(id);
    if (!a) continue;
    const plain = (t: Table) => t.indexes.filter((ix) => !ix.primaryKey && !(ix.unique && !ix.where && ix.parts.every((p) => p.column !== undefined))).map(indexText);
    const exp = plain(e);
    let act = plain(a);
    if (dialect === 'mysql') {
      // InnoDB adds an index for each foreign key that has none: ignore those nobody asked for
      const rest = [...act];
      for (const x of exp) {
        const i = rest.indexOf(x);
        if (i >= 0) rest.splice(i, 1);
      }
      act = act.filter((x) => !(rest.includes(x) && ignoredMysqlFkIndexes.has(`${id}\u0000${x}`)));
    }
    multisetDiff(`table ${id} indexes`, exp, act, out);
  }
  multisetDiff(
    'foreign keys',
    expected.relationships.map((r) => fkText(expected, r, dialect)),
    actual.relationships.map((r) => fkText(actual, r, dialect)),
    out,
  );
  return out;
}

function compareTable(id: string, e: Table, a: Table, dialect: Dialect | undefined, out: string[], es: Schema, as: Schema): void {
  if (!!e.isView !== !!a.isView) out.push(`table ${id}: ${e.isView ? 'expected a view' : 'unexpected view'}`);
  const en = e.columns.map((c) => c.name);
  const an = a.columns.map((c) => c.name);
  if (en.join('\u0000') !== an.join('\u0000')) out.push(`table ${id} columns: expected (${en.join(', ')}), got (${an.join(', ')})`);
  for (const ec of e.columns) {
    const ac = a.columns.find((c) => c.name === ec.name);
    if (!ac) continue;
    const where = `column ${id}.${ec.name}`;
    const ef = family(ec.type, dialect);
    const af = family(ac.type, dialect);
    if (ef !== af) out.push(`${where}: type family ${ef} (${ec.type.raw}) vs ${af} (${ac.type.raw})`);
    else {
      if (ec.type.length !== undefined && ac.type.length !== undefined && ec.type.length !== ac.type.length) out.push(`${where}: length ${ec.type.length} vs ${ac.type.length}`);
      if (ec.type.family === 'decimal' && ec.type.precision !== undefined && (ec.type.precision !== ac.type.precision || (ec.type.scale ?? 0) !== (ac.type.scale ?? 0))) {
        out.push(`${where}: decimal(${ec.type.precision},${ec.type.scale ?? 0}) vs decimal(${ac.type.precision},${ac.type.scale ?? 0})`);
      }
      if (ef === 'integer' && ec.type.bits && ac.type.bits && ec.type.bits !== ac.type.bits) out.push(`${where}: ${ec.type.bits}-bit vs ${ac.type.bits}-bit integer`);
      if (ef === 'enum' && ec.type.enumKey && ac.type.enumKey) {
        const ee = es.enums.find((x) => x.key === ec.type.enumKey);
        const ae = as.enums.find((x) => x.key === ac.type.enumKey);
        const ev = ee?.values.map((v) => v.name).join(', ');
        const av = ae?.values.map((v) => v.name).join(', ');
        if (ev !== av) out.push(`${where}: enum values (${ev}) vs (${av})`);
      }
    }
    if (ec.nullable !== ac.nullable) out.push(`${where}: ${ec.nullable ? 'nullable' : 'not null'} vs ${ac.nullable ? 'nullable' : 'not null'}`);
    const ed = defaultText(ec.default, ec.type, dialect);
    const ad = defaultText(ac.default, ac.type, dialect);
    if (ed !== ad) out.push(`${where}: default ${ed} vs ${ad}`);
  }
  const epk = primaryKeyOf(e).join(', ');
  const apk = primaryKeyOf(a).join(', ');
  if (epk !== apk) out.push(`table ${id}: primary key (${epk}) vs (${apk})`);
  multisetDiff(
    `table ${id} unique keys`,
    uniqueSetsOf(e).map((u) => `(${u.join(', ')})`),
    uniqueSetsOf(a).map((u) => `(${u.join(', ')})`),
    out,
  );
}
