/**
 * A Schema as a sorted list of one-line facts, so introspection tests can
 * state exactly what a database holds in a readable table:
 *   `column users.email string(200) not null unique default string:x`
 *   `fk orders(user_id) -> users(id) delete cascade update no action`
 */
import type { Column, Schema } from '../../server/src/engine/model/schema.ts';

function typeText(c: Column): string {
  const t = c.type;
  let s = t.family;
  if (t.family === 'enum' || t.family === 'array' || t.family === 'other') s += `:${t.name}`;
  if (t.length !== undefined) s += `(${t.length})`;
  else if (t.precision !== undefined) s += t.scale !== undefined ? `(${t.precision},${t.scale})` : `(${t.precision})`;
  if (t.bits) s += `/${t.bits}`;
  if (t.enumKey) s += ` enum ${t.enumKey}`;
  return s;
}

export function facts(schema: Schema): string[] {
  const out: string[] = [];
  const tid = (s: string, n: string) => (s === schema.defaultSchema ? n : `${s}.${n}`);
  for (const t of schema.tables) {
    const id = tid(t.schema, t.name);
    out.push(`${t.isView ? 'view' : 'table'} ${id}${t.note ? ` note ${t.note}` : ''}`);
    for (const c of t.columns) {
      let s = `column ${id}.${c.name} ${typeText(c)}${c.nullable ? '' : ' not null'}${c.primaryKey ? ' pk' : ''}${c.unique ? ' unique' : ''}${c.autoIncrement ? ' auto' : ''}`;
      if (c.default) s += ` default ${c.default.kind}:${c.default.value}`;
      if (c.generated !== undefined) s += ` generated ${c.generated}`;
      if (c.note) s += ` note ${c.note}`;
      out.push(s);
    }
    for (const ix of t.indexes) {
      const parts = ix.parts.map((p) => (p.column !== undefined && p.expression === undefined ? p.column : `expr ${p.expression}`)).join(', ');
      out.push(`${ix.primaryKey ? 'pk' : ix.unique ? 'unique' : 'index'} ${id}${ix.name && !ix.primaryKey ? ` ${ix.name}` : ''}${ix.type ? ` ${ix.type}` : ''} (${parts})${ix.where ? ` where ${ix.where}` : ''}`);
    }
    for (const ch of t.checks) out.push(`check ${id} ${ch.expression}`);
  }
  for (const r of schema.relationships) {
    out.push(`fk ${tid(r.from.schema, r.from.table)}(${r.from.columns.join(', ')}) -> ${tid(r.to.schema, r.to.table)}(${r.to.columns.join(', ')}) ${r.cardinality}${r.onDelete ? ` delete ${r.onDelete}` : ''}${r.onUpdate ? ` update ${r.onUpdate}` : ''}`);
  }
  for (const e of schema.enums) out.push(`enum ${tid(e.schema, e.name)}: ${e.values.map((v) => v.name).join(', ')}`);
  return out.sort();
}

export interface CoreFactOptions {
  /** name tables without their schema (MySQL/SQLite corpus files: one database each) */
  unqualified?: boolean;
  /** leave view columns out (the parse does not derive a view's columns from its query) */
  viewColumns?: boolean;
}

/**
 * The structural facts both a database and a parse can state, for comparing
 * the two: tables and views, columns with type family/size/width and
 * nullability, the primary key, unique keys (as column sets: constraint names
 * differ between engines and files), named indexes (parts, uniqueness,
 * partial or not: predicate and expression texts are deparsed by the engine)
 * and foreign keys with their actions (no clause = `no action`).
 */
export function coreFacts(schema: Schema, opts: CoreFactOptions = {}): string[] {
  const out: string[] = [];
  const tid = (s: string, n: string) => (opts.unqualified || s === schema.defaultSchema ? n : `${s}.${n}`);
  for (const t of schema.tables) {
    const id = tid(t.schema, t.name);
    out.push(`${t.isView ? 'view' : 'table'} ${id}`);
    if (t.isView && !opts.viewColumns) continue;
    const pk: string[] = [];
    const uniques = new Set<string>();
    for (const c of t.columns) {
      const ty = c.type;
      let s = ty.family === 'enum' || ty.family === 'array' || ty.family === 'other' ? `${ty.family}:${ty.name.toLowerCase()}` : ty.family;
      if (ty.length !== undefined) s += `(${ty.length})`;
      else if (ty.precision !== undefined) s += ty.scale !== undefined ? `(${ty.precision},${ty.scale})` : `(${ty.precision})`;
      if (ty.bits) s += `/${ty.bits}`;
      out.push(`column ${id}.${c.name} ${s}${c.nullable ? '' : ' not null'}`);
      if (c.primaryKey) pk.push(c.name);
      if (c.unique) uniques.add(c.name);
    }
    for (const ix of t.indexes) {
      const parts = ix.parts.map((p) => (p.column !== undefined && p.expression === undefined ? p.column : 'expr'));
      if (ix.primaryKey) pk.push(...parts);
      else if (ix.unique && !ix.where && parts.every((p) => p !== 'expr')) uniques.add(parts.join(', '));
      else out.push(`${ix.unique ? 'unique index' : 'index'} ${id} ${ix.name ?? '?'} (${parts.join(', ')})${ix.where ? ' partial' : ''}`);
    }
    if (pk.length) out.push(`pk ${id} (${pk.join(', ')})`);
    for (const u of uniques) out.push(`unique ${id} (${u})`);
  }
  for (const r of schema.relationships) {
    out.push(`fk ${tid(r.from.schema, r.from.table)}(${r.from.columns.join(', ')}) -> ${tid(r.to.schema, r.to.table)}(${r.to.columns.join(', ')}) delete ${r.onDelete ?? 'no action'} update ${r.onUpdate ?? 'no action'}`);
  }
  return out.sort();
}
