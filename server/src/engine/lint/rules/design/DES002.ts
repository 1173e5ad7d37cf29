/** DES002: a table with no relationship at all, in a schema that has relationships. */
import type { LintRule } from '../../types.js';
import { at, factsOf, isPartition } from '../../facts.js';

export const DES002: LintRule = {
  code: 'DES002',
  family: 'design',
  severity: 'info',
  title: 'Orphan table',
  docs: {
    why: 'In a schema whose tables are linked by foreign keys, a table that references nothing and is referenced by nothing is often a leftover or a missing relationship. Schemas without any declared relationship (dumps, warehouses) are not flagged: relationship inference covers them.',
    bad: 'Table users {\n  id int [pk]\n}\nTable posts {\n  user_id int [ref: > users.id]\n}\nTable tmp_import {\n  payload text\n}',
    good: 'Table users {\n  id int [pk]\n}\nTable posts {\n  user_id int [ref: > users.id]\n}',
  },
  check(ctx) {
    if (ctx.schema.relationships.length === 0) return;
    const facts = factsOf(ctx.schema);
    for (const t of ctx.schema.tables) {
      if (t.isView || isPartition(t)) continue;
      const f = facts.tables.get(t.key);
      if (f && f.incoming.length === 0 && f.outgoing.length === 0) ctx.report(at(t, undefined, `Table '${t.name}' has no relationship with any other table.`));
    }
  },
};
