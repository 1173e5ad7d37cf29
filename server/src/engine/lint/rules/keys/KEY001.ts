/** KEY001: a table without a primary key. */
import type { LintRule } from '../../types.js';
import { at, factsOf, isPartition } from '../../facts.js';

export const KEY001: LintRule = {
  code: 'KEY001',
  family: 'keys',
  severity: 'warning',
  title: 'Table without a primary key',
  docs: {
    why: 'Without a primary key rows cannot be addressed reliably: replication (logical replication, MySQL row-based binlog with InnoDB) slows down or refuses updates, ORMs cannot track rows, and duplicates creep in.',
    bad: 'Table events {\n  name varchar\n  at timestamptz\n}',
    good: 'Table events {\n  id bigint [pk, increment]\n  name varchar\n  at timestamptz\n}',
  },
  check(ctx) {
    const facts = factsOf(ctx.schema);
    for (const t of ctx.schema.tables) {
      if (t.isView || t.columns.length === 0 || isPartition(t)) continue;
      if (facts.tables.get(t.key)?.primaryKey.length) continue;
      ctx.report(at(t, undefined, `Table '${t.name}' has no primary key.`, { kind: 'addPrimaryKey', tableKey: t.key }));
    }
  },
};
