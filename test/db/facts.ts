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
