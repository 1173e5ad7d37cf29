/**
 * Random mutations of `arbSchema()` schemas for migration round trips: a
 * mutation takes schema A and returns B (a changed deep copy) plus the
 * renames it made (to pass to the diff as forced renames). Mutations keep B
 * valid in every dialect: added columns are nullable or have a default, keys
 * referenced by foreign keys are kept, foreign key columns keep their type.
 * Also `sampleRows`: rows that fit A (distinct per key, references that hold)
 * for checking that data survives a migration.
 */
import fc from 'fast-check';
import type { Column, Relationship, Schema, Table } from '../../server/src/engine/model/schema.ts';
import { qualifiedKey } from '../../server/src/engine/model/schema.ts';
import { normaliseType } from '../../server/src/engine/model/types.ts';
import type { RenameHint } from '../../server/src/engine/diff/types.ts';
import { primaryKeyOf, uniqueSetsOf } from './random-schema.ts';

export interface Mutated {
  schema: Schema;
  renames: RenameHint[];
  /** what was done, for failure messages */
  steps: string[];
}

type Mutation = (s: Schema, r: number, out: Mutated) => void;

const clone = <T>(x: T): T => structuredClone(x);

function fkColumns(s: Schema, t: Table): Set<string> {
  const out = new Set<string>();
  for (const r of s.relationships) {
    if (r.from.tableKey === t.key) r.from.columns.forEach((c) => out.add(c));
    if (r.to.tableKey === t.key) r.to.columns.forEach((c) => out.add(c));
  }
  return out;
}

function keyColumns(t: Table): Set<string> {
  return new Set([...primaryKeyOf(t), ...uniqueSetsOf(t).flat(), ...t.indexes.flatMap((ix) => ix.parts.map((p) => p.column ?? ''))]);
}

function freeName(base: string, taken: string[]): string {
  const lower = new Set(taken.map((x) => x.toLowerCase()));
  let n = base;
  for (let i = 2; lower.has(n.toLowerCase()); i++) n = `${base}_${i}`;
  return n;
}

function col(name: string, raw: string, nullable: boolean, def?: Column['default']): Column {
  const m = /^(\w+)(?:\((\d+)(?:,(\d+))?\))?$/.exec(raw)!;
  const args = [m[2], m[3]].filter((x): x is string => x !== undefined);
  const c: Column = { name, type: normaliseType(raw, m[1], args), nullable, nullabilityExplicit: !nullable, primaryKey: false, unique: false, autoIncrement: false, checks: [], settings: {} };
  if (def) c.default = def;
  return c;
}

const pick = <T>(list: T[], r: number): T | undefined => (list.length ? list[r % list.length] : undefined);

const NEW_COLUMNS: [string, string, Column['default'] | undefined][] = [
  ['int', 'int', { kind: 'number', value: '5' }],
  ['varchar(20)', 'varchar', { kind: 'string', value: 'n/a' }],
  ['text', 'text', undefined],
  ['bigint', 'bigint', undefined],
  ['decimal(8,2)', 'decimal', { kind: 'number', value: '1.5' }],
  ['date', 'date', undefined],
];

const mutations: Record<string, Mutation> = {
  addColumn(s, r, out) {
    const t = pick(s.tables, r)!;
    const [raw, base, def] = NEW_COLUMNS[r % NEW_COLUMNS.length];
    const name = freeName(`new_${base}`, t.columns.map((c) => c.name));
    t.columns.push(col(name, raw, !def || r % 2 === 0, def));
    out.steps.push(`add column ${t.name}.${name} ${raw}`);
  },
  dropColumn(s, r, out) {
    const t = pick(s.tables, r)!;
    const busy = new Set([...fkColumns(s, t), ...primaryKeyOf(t)]);
    const c = pick(t.columns.filter((x) => !busy.has(x.name)), r >> 3);
    if (!c || t.columns.length < 2) return;
    t.columns.splice(t.columns.indexOf(c), 1);
    t.indexes = t.indexes.filter((ix) => !ix.parts.some((p) => p.column === c.name));
    out.steps.push(`drop column ${t.name}.${c.name}`);
  },
  renameColumn(s, r, out) {
    const t = pick(s.tables, r)!;
    const c = pick(t.columns, r >> 3)!;
    const name = freeName(`${c.name}_renamed`, t.columns.map((x) => x.name));
    for (const ix of t.indexes) for (const p of ix.parts) if (p.column === c.name) p.column = name;
    for (const rel of s.relationships) {
      if (rel.from.tableKey === t.key) rel.from.columns = rel.from.columns.map((x) => (x === c.name ? name : x));
      if (rel.to.tableKey === t.key) rel.to.columns = rel.to.columns.map((x) => (x === c.name ? name : x));
    }
    // a column renamed twice in one run is one rename from its original name
    const earlier = out.renames.find((h) => h.kind === 'column' && h.to === c.name && (h.table === t.name || out.renames.some((x) => x.kind === 'table' && x.to === t.name && x.from === h.table)));
    if (earlier) earlier.to = name;
    else out.renames.push({ kind: 'column', table: t.name, from: c.name, to: name });
    out.steps.push(`rename column ${t.name}.${c.name} to ${name}`);
    c.name = name;
  },
  renameTable(s, r, out) {
    const t = pick(s.tables, r)!;
    const name = freeName(`${t.name}_v2`, s.tables.map((x) => x.name));
    const key = qualifiedKey(t.schema, name);
    for (const rel of s.relationships) {
      if (rel.from.tableKey === t.key) Object.assign(rel.from, { tableKey: key, table: name });
      if (rel.to.tableKey === t.key) Object.assign(rel.to, { tableKey: key, table: name });
    }
    const earlier = out.renames.find((h) => h.kind === 'table' && h.to === t.name);
    if (earlier) earlier.to = name;
    else out.renames.push({ kind: 'table', from: t.name, to: name });
    out.steps.push(`rename table ${t.name} to ${name}`);
    t.name = name;
    t.key = key;
  },
  retype(s, r, out) {
    const t = pick(s.tables, r)!;
    const busy = new Set([...fkColumns(s, t), ...keyColumns(t)]);
    // not a NOT NULL column this run added: retyping drops its default, and adding it NOT NULL without one rightly fails on rows (MIG004)
    const c = pick(t.columns.filter((x) => !busy.has(x.name) && x.type.family !== 'enum' && x.type.family !== 'boolean' && !(x.name.startsWith('new_') && !x.nullable)), r >> 3);
    if (!c) return;
    // targets every sample value of the source type converts to (see sampleValue)
    const numeric = ['integer', 'decimal', 'float'].includes(c.type.family);
    const targets = numeric ? ['bigint', 'decimal(12,2)', 'text', 'varchar(80)'] : c.type.family === 'string' || c.type.family === 'text' ? ['varchar(80)', 'text', 'varchar(8)'] : ['varchar(80)', 'text', 'varchar(30)'];
    const to = targets[(r >> 5) % targets.length];
    const next = col(c.name, to, c.nullable);
    c.type = next.type;
    delete c.default;
    out.steps.push(`retype ${t.name}.${c.name} to ${to}`);
  },
  toggleNull(s, r, out) {
    const t = pick(s.tables, r)!;
    const busy = new Set([...primaryKeyOf(t), ...fkColumns(s, t)]);
    // not new columns: their sample rows hold NULL or one default (NOT NULL would rightly fail, MIG004/MIG005)
    const c = pick(t.columns.filter((x) => !busy.has(x.name) && !x.name.startsWith('new_')), r >> 3);
    if (!c) return;
    c.nullable = !c.nullable;
    c.nullabilityExplicit = true;
    out.steps.push(`${c.nullable ? 'allow' : 'forbid'} NULL in ${t.name}.${c.name}`);
  },
  changeDefault(s, r, out) {
    const t = pick(s.tables, r)!;
    const refs = fkColumns(s, t);
    const c = pick(t.columns.filter((x) => !refs.has(x.name) && (x.type.family === 'integer' || x.type.family === 'string' || x.type.family === 'text')), r >> 3);
    if (!c) return;
    if (c.default && !c.nullable) return; // dropping it would leave NOT NULL without a default (MIG004: fails on rows)
    if (c.default) delete c.default;
    else c.default = c.type.family === 'integer' ? { kind: 'number', value: '3' } : { kind: 'string', value: '' };
    out.steps.push(`${c.default ? 'set' : 'drop'} default of ${t.name}.${c.name}`);
  },
  addIndex(s, r, out) {
    const t = pick(s.tables, r)!;
    const c = pick(t.columns.filter((x) => ['integer', 'string', 'date', 'decimal'].includes(x.type.family)), r >> 3);
    if (!c) return;
    const name = freeName(`ix_new_${r % 97}`, s.tables.flatMap((x) => x.indexes.map((i) => i.name ?? '')));
    t.indexes.push({ name, parts: [{ column: c.name }], unique: false, primaryKey: false });
    out.steps.push(`add index ${name} on ${t.name}(${c.name})`);
  },
  dropIndex(s, r, out) {
    const t = pick(s.tables, r)!;
    const ix = pick(t.indexes.filter((x) => x.name && !x.primaryKey), r >> 3);
    if (!ix) return;
    t.indexes.splice(t.indexes.indexOf(ix), 1);
    out.steps.push(`drop index ${ix.name} on ${t.name}`);
  },
  addUnique(s, r, out) {
    const t = pick(s.tables, r)!;
    const taken = new Set([primaryKeyOf(t).join('\u0000'), ...uniqueSetsOf(t).map((u) => u.join('\u0000'))]);
    // not on columns this mutation run added: they hold one default value in every sample row (MIG018 would rightly fail)
    const c = pick(t.columns.filter((x) => ['integer', 'string', 'date', 'decimal'].includes(x.type.family) && !taken.has(x.name) && !x.name.startsWith('new_')), r >> 3);
    if (!c) return;
    c.unique = true;
    out.steps.push(`add unique ${t.name}(${c.name})`);
  },
  dropUnique(s, r, out) {
    const t = pick(s.tables, r)!;
    const referenced = new Set(s.relationships.filter((x) => x.to.tableKey === t.key).map((x) => x.to.columns.join('\u0000')));
    const c = pick(t.columns.filter((x) => x.unique && !x.primaryKey && !referenced.has(x.name)), r >> 3);
    if (!c) return;
    c.unique = false;
    out.steps.push(`drop unique ${t.name}(${c.name})`);
  },
  addForeignKey(s, r, out) {
    const t = pick(s.tables, r)!;
    const target = pick(s.tables, r >> 3)!;
    const key = primaryKeyOf(target);
    if (!key.length) return;
    const cols: string[] = [];
    for (const k of key) {
      const tc = target.columns.find((x) => x.name === k)!;
      const name = freeName(`ref_${k}`.slice(0, 20), [...t.columns.map((x) => x.name), ...cols]);
      t.columns.push({ ...clone(tc), name, nullable: true, nullabilityExplicit: false, primaryKey: false, unique: false, autoIncrement: false });
      delete t.columns[t.columns.length - 1].default;
      cols.push(name);
    }
    const rel: Relationship = { from: { schema: t.schema, table: t.name, columns: cols, tableKey: t.key }, to: { schema: target.schema, table: target.name, columns: key, tableKey: target.key }, cardinality: 'n-1', source: 'declared' };
    s.relationships.push(rel);
    out.steps.push(`add foreign key ${t.name}(${cols.join(', ')}) -> ${target.name}`);
  },
  dropForeignKey(s, r, out) {
    const rel = pick(s.relationships, r);
    if (!rel) return;
    s.relationships.splice(s.relationships.indexOf(rel), 1);
    out.steps.push(`drop foreign key ${rel.from.table}(${rel.from.columns.join(', ')}) -> ${rel.to.table}`);
  },
  addTable(s, r, out) {
    const name = freeName(`extra_${r % 50}`, s.tables.map((x) => x.name));
    const id = col('id', 'int', false);
    id.primaryKey = true;
    const t: Table = { key: qualifiedKey('public', name), schema: 'public', name, columns: [id, col('label', 'varchar(30)', true)], indexes: [], checks: [], settings: {} };
    s.tables.push(t);
    const target = pick(s.tables.slice(0, -1), r >> 2);
    if (target && primaryKeyOf(target).length === 1 && r % 2) {
      const tc = target.columns.find((x) => x.name === primaryKeyOf(target)[0])!;
      t.columns.push({ ...clone(tc), name: 'owner', nullable: true, primaryKey: false, unique: false });
      delete t.columns[t.columns.length - 1].default;
      s.relationships.push({ from: { schema: 'public', table: name, columns: ['owner'], tableKey: t.key }, to: { schema: target.schema, table: target.name, columns: [tc.name], tableKey: target.key }, cardinality: 'n-1', source: 'declared', onDelete: 'cascade' });
    }
    out.steps.push(`add table ${name}`);
  },
  dropTable(s, r, out) {
    const t = pick(s.tables, r);
    if (!t || s.tables.length < 2) return;
    s.tables.splice(s.tables.indexOf(t), 1);
    s.relationships = s.relationships.filter((x) => x.from.tableKey !== t.key && x.to.tableKey !== t.key);
    out.steps.push(`drop table ${t.name}`);
  },
  enumAdd(s, r, out) {
    const e = pick(s.enums, r);
    if (!e) return;
    const value = freeName(`v${r % 9}`, e.values.map((v) => v.name));
    const at = r % 2 ? e.values.length : 1;
    e.values.splice(at, 0, { name: value });
    out.steps.push(`add enum value ${value} to ${e.name} at ${at}`);
  },
  enumRemove(s, r, out) {
    const e = pick(s.enums, r);
    if (!e || e.values.length < 3) return;
    const v = e.values[e.values.length - 1].name;
    const used = s.tables.some((t) => t.columns.some((c) => c.type.enumKey === e.key && c.default?.value === v));
    if (used) return;
    e.values.pop();
    out.steps.push(`remove enum value ${v} from ${e.name}`);
  },
};

export const MUTATION_NAMES = Object.keys(mutations);

/** 1-3 random mutations of a schema. */
export function arbMutation(a: Schema, only?: string[]): fc.Arbitrary<Mutated> {
  const names = only ?? MUTATION_NAMES;
  return fc.array(fc.tuple(fc.constantFrom(...names), fc.nat(1 << 20)), { minLength: 1, maxLength: 3 }).map((steps) => mutate(a, steps));
}

/** Applies named mutations with their random numbers. */
export function mutate(a: Schema, steps: [string, number][]): Mutated {
  const out: Mutated = { schema: clone(a), renames: [], steps: [] };
  for (const [name, r] of steps) mutations[name](out.schema, r, out);
  return out;
}

// ---------------------------------------------------------------- rows

/** A value of `c`'s type for row `i` (1-based), equal across columns of the same type. */
export function sampleValue(c: Column, i: number, s: Schema): string | number | boolean {
  switch (c.type.family) {
    case 'integer':
    case 'decimal':
    case 'float':
      return i;
    case 'string':
      return String(i);
    case 'text':
      return `t${i}`;
    case 'boolean':
      return i % 2 === 0;
    case 'date':
      return `2024-01-0${i}`;
    case 'timestamp':
      return `2024-01-01 00:00:0${i}`;
    case 'enum': {
      const e = s.enums.find((x) => x.key === c.type.enumKey);
      return e && e.values.length ? e.values[(i - 1) % e.values.length].name : 'x';
    }
    default:
      return String(i);
  }
}

/** Two rows per table (in table order, so references hold), as column -> value. */
export function sampleRows(s: Schema): Map<Table, Record<string, string | number | boolean>[]> {
  const out = new Map<Table, Record<string, string | number | boolean>[]>();
  for (const t of s.tables) {
    const rows: Record<string, string | number | boolean>[] = [];
    for (const i of [1, 2]) {
      const row: Record<string, string | number | boolean> = {};
      for (const c of t.columns) row[c.name] = sampleValue(c, i, s);
      rows.push(row);
    }
    out.set(t, rows);
  }
  return out;
}
