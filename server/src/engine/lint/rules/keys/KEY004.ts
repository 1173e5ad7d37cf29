/** KEY004: a foreign key column whose type differs from the column it references. */
import type { ColumnType } from '../../../model/schema.js';
import type { LintRule } from '../../types.js';
import { at, factsOf, relText } from '../../facts.js';

/** Integer names of one width are one type (`int`, `integer`, `int4`, `serial`). */
function sameType(a: ColumnType, b: ColumnType): boolean {
  // an unknown type (a domain, a custom type) may be anything: no finding
  if (a.family === 'other' || b.family === 'other') return true;
  if (a.family !== b.family) return false;
  if (a.family === 'integer') return (a.bits ?? 32) === (b.bits ?? 32);
  if (a.family === 'enum') return a.enumKey === b.enumKey;
  if (a.family === 'string' || a.family === 'binary') return a.length === b.length;
  if (a.family === 'decimal') return a.precision === b.precision && a.scale === b.scale;
  return true;
}

/** The type to write on the referencing side: the target's, with serials as their plain integer. */
function plainType(t: ColumnType): string {
  const serial: Record<string, string> = { serial: 'integer', serial4: 'integer', bigserial: 'bigint', serial8: 'bigint', smallserial: 'smallint', serial2: 'smallint' };
  return serial[t.name] ?? t.raw;
}

export const KEY004: LintRule = {
  code: 'KEY004',
  family: 'keys',
  severity: 'warning',
  title: 'Foreign key type differs from the referenced column',
  docs: {
    why: 'A foreign key column of another type or width than its target forces casts in every join (defeating indexes), can hold values the target cannot (an `int` pointing at a `bigint` key overflows once ids pass 2^31), and MySQL refuses such constraints outright.',
    bad: 'Table users {\n  id bigint [pk]\n}\nTable posts {\n  user_id int [ref: > users.id]\n}',
    good: 'Table users {\n  id bigint [pk]\n}\nTable posts {\n  user_id bigint [ref: > users.id]\n}',
  },
  check(ctx) {
    const facts = factsOf(ctx.schema);
    for (const r of ctx.schema.relationships) {
      const from = facts.tables.get(r.from.tableKey);
      const to = facts.tables.get(r.to.tableKey);
      if (!from || !to) continue;
      const n = Math.min(r.from.columns.length, r.to.columns.length);
      for (let i = 0; i < n; i++) {
        const a = from.columnsByName.get(r.from.columns[i]);
        const b = to.columnsByName.get(r.to.columns[i]);
        if (!a || !b || sameType(a.type, b.type)) continue;
        const to_ = plainType(b.type);
        ctx.report(
          at(from.table, a, `Column '${from.table.name}.${a.name}' is ${a.type.raw} but references ${to.table.name}.${b.name} of type ${b.type.raw} (${relText(r)}).`, {
            kind: 'changeType',
            tableKey: from.table.key,
            column: a.name,
            to: to_,
          }),
        );
      }
    }
  },
};
