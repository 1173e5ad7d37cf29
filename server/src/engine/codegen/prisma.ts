/**
 * Prisma schema pieces for the `prisma` target: a scalar field's attributes,
 * relation fields (named relations, both sides, only where Prisma accepts
 * them: the referenced fields are unique and neither model is ignored), and a
 * model's block attributes. Models without a unique criterion of required
 * fields are `@@ignore`d, as `prisma db pull` does.
 */
import type { ColumnView, NavView, TableView } from './view-model.js';
import { prismaProvider, prismaType } from './type-map.js';

const ACTIONS: Record<string, string> = { cascade: 'Cascade', restrict: 'Restrict', 'no action': 'NoAction', 'set null': 'SetNull', 'set default': 'SetDefault' };

function prismaStr(s: string): string {
  return JSON.stringify(s);
}

/** Whether a navigation can be written as a Prisma relation field. */
export function prismaNavUsable(n: NavView): boolean {
  return n.kind !== 'manyToMany' && n.relation.toUnique && n.relation.from.hasIdentity && n.relation.to.hasIdentity;
}

function defaultAttr(c: ColumnView, type: string, provider: string, single: boolean): string {
  if (c.autoIncrement && (type === 'Int' || type === 'BigInt')) {
    if (provider === 'sqlite' && !(c.primaryKey && single && type === 'Int')) return '';
    if (provider === 'mysql' && !c.primaryKey && !c.unique) return '';
    return ' @default(autoincrement())';
  }
  const d = c.default;
  if (!d) return '';
  if (d.kind === 'number' && (type === 'Int' || type === 'BigInt') && /^-?[0-9]+$/.test(d.value)) return ` @default(${d.value})`;
  if (d.kind === 'number' && (type === 'Float' || type === 'Decimal') && /^-?[0-9]+(\.[0-9]+)?$/.test(d.value)) return ` @default(${d.value})`;
  if (d.kind === 'boolean' && type === 'Boolean') return ` @default(${/^(true|1)$/i.test(d.value)})`;
  if ((d.kind === 'string' || d.kind === 'enum') && type === 'String') return ` @default(${prismaStr(d.value)})`;
  if ((d.kind === 'string' || d.kind === 'enum') && c.enum && type === c.enum.className) {
    const v = c.enum.values.find((x) => x.name === d.value);
    return v ? ` @default(${v.ident})` : '';
  }
  if (d.kind === 'expression' && type === 'DateTime' && /^(now\(\)|current_timestamp(\(\))?|getdate\(\)|sysdatetime\(\)|localtimestamp)$/i.test(d.value)) return ' @default(now())';
  return '';
}

/** `name Type? @id @default(...) @unique @map("...")` for a column. */
export function prismaScalarField(c: ColumnView, t: TableView, dialect: string): string {
  const provider = prismaProvider(dialect);
  let type = prismaType(c, dialect);
  // a foreign key's field must have the referenced field's type (Int vs BigInt is an error)
  for (const r of t.outgoing) {
    const i = r.fromColumns.indexOf(c);
    if (i >= 0 && r.fromNav && prismaNavUsable(r.fromNav)) {
      type = prismaType(r.toColumns[i], dialect);
      break;
    }
  }
  const list = type.endsWith('[]');
  let s = `${c.prop} ${type}${c.nullable && !list ? '?' : ''}`;
  const single = t.primaryKey.length === 1;
  if (c.primaryKey && single) s += ' @id';
  s += defaultAttr(c, type, provider, single);
  if (c.unique && !(c.primaryKey && single) && !list && type !== 'Json') s += ' @unique';
  if (c.renamed) s += ` @map(${prismaStr(c.name)})`;
  return s;
}

/** A relation field for a navigation (belongsTo carries `fields`/`references`), or '' when Prisma could not take it. */
export function prismaRelationField(n: NavView, dialect: string): string {
  if (!prismaNavUsable(n)) return '';
  const r = n.relation;
  const target = n.target.className;
  const name = prismaStr(r.relationName);
  if (n.kind === 'hasMany') return `${n.name} ${target}[] @relation(${name})`;
  if (n.kind === 'hasOne') return `${n.name} ${target}? @relation(${name})`;
  const optional = n.columns.some((c) => c.nullable);
  const provider = prismaProvider(dialect);
  // explicit constraint names keep Prisma's defaults from colliding (SQLite has no named foreign keys)
  let args = `${name}, fields: [${n.columns.map((c) => c.prop).join(', ')}], references: [${n.targetColumns.map((c) => c.prop).join(', ')}]${provider === 'sqlite' ? '' : `, map: ${prismaStr(r.name)}`}`;
  if (provider === 'sqlserver') args += ', onDelete: NoAction, onUpdate: NoAction';
  else {
    if (r.onDelete && !(r.onDelete === 'set null' && !optional)) args += `, onDelete: ${ACTIONS[r.onDelete]}`;
    if (r.onUpdate && !(r.onUpdate === 'set null' && !optional)) args += `, onUpdate: ${ACTIONS[r.onUpdate]}`;
  }
  return `${n.name} ${target}${optional ? '?' : ''} @relation(${args})`;
}

/** The model's block attributes: `@@id`, `@@unique`, `@@index`, `@@map`, `@@ignore`. */
export function prismaModelAttributes(t: TableView, dialect: string): string[] {
  const out: string[] = [];
  const scalarOk = (c: ColumnView) => !prismaType(c, dialect).endsWith('[]') && prismaType(c, dialect) !== 'Json';
  if (t.compositePk) out.push(`@@id([${t.primaryKey.map((c) => c.prop).join(', ')}])`);
  const seen = new Set<string>();
  for (const c of t.columns) if (c.unique) seen.add(`u:${c.prop}`);
  if (t.primaryKey.length) seen.add(`u:${t.primaryKey.map((c) => c.prop).join(',')}`);
  for (const u of t.uniques) {
    const k = `u:${u.map((c) => c.prop).join(',')}`;
    if (seen.has(k) || !u.every(scalarOk)) continue;
    seen.add(k);
    out.push(`@@unique([${u.map((c) => c.prop).join(', ')}])`);
  }
  for (const ix of t.indexes) {
    if (!ix.columns.length || ix.expressions.length || !ix.columns.every(scalarOk)) continue;
    const fields = ix.columns.map((c) => c.prop).join(', ');
    const k = `${ix.unique ? 'u' : 'i'}:${ix.columns.map((c) => c.prop).join(',')}`;
    if (seen.has(k) || (!ix.unique && seen.has(`i:${fields}`))) continue;
    seen.add(k);
    out.push(ix.unique ? `@@unique([${fields}])` : `@@index([${fields}])`);
  }
  if (t.sqlName !== t.className) out.push(`@@map(${prismaStr(t.sqlName)})`);
  if (!t.hasIdentity) out.push('@@ignore');
  return out;
}
