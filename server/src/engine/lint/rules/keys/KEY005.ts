/** KEY005: a foreign key whose target columns are not a primary or unique key. */
import type { LintRule } from '../../types.js';
import { atRelationship, factsOf, relText, sameSet } from '../../facts.js';

export const KEY005: LintRule = {
  code: 'KEY005',
  family: 'keys',
  severity: 'error',
  title: 'Foreign key to a non-unique target',
  docs: {
    why: 'A foreign key must reference a primary key or unique constraint. PostgreSQL, SQL Server and Oracle reject the constraint; MySQL accepts it on any indexed column, which makes "the" parent row ambiguous.',
    bad: 'Table users {\n  id int [pk]\n  email varchar\n}\nTable logins {\n  email varchar [ref: > users.email]\n}',
    good: 'Table users {\n  id int [pk]\n  email varchar [unique]\n}\nTable logins {\n  email varchar [ref: > users.email]\n}',
  },
  check(ctx) {
    const facts = factsOf(ctx.schema);
    for (const r of ctx.schema.relationships) {
      const from = facts.tables.get(r.from.tableKey);
      const to = facts.tables.get(r.to.tableKey);
      if (!from || !to || r.to.columns.length === 0) continue;
      if (r.to.columns.some((c) => !to.columnsByName.has(c))) continue;
      if (to.uniqueKeys.some((k) => sameSet(k, r.to.columns))) continue;
      // a 1-1 written the other way round (`users.id - profiles.user_id`) is still valid when the from side is the key
      if (r.cardinality === '1-1' && from.uniqueKeys.some((k) => sameSet(k, r.from.columns))) continue;
      ctx.report(atRelationship(r, from, `Foreign key ${relText(r)} references columns that are not a primary key or unique key of '${to.table.name}'.`));
    }
  },
};
