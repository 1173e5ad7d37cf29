/** KEY006: a composite foreign key listing the target key's columns in another order. */
import type { LintRule } from '../../types.js';
import { atRelationship, factsOf, relText, sameList, sameSet } from '../../facts.js';

export const KEY006: LintRule = {
  code: 'KEY006',
  family: 'keys',
  severity: 'warning',
  title: 'Composite foreign key order differs from the target key',
  docs: {
    why: 'Columns of a composite foreign key pair up by position. Listing the target key in another order than it is declared usually means the pairs are crossed, and PostgreSQL then cannot use the key\'s index as written; MySQL needs an index in exactly that order.',
    bad: 'Table seats {\n  hall int\n  num int\n  Indexes {\n    (hall, num) [pk]\n  }\n}\nTable tickets {\n  id int [pk]\n  seat_hall int\n  seat_num int\n}\nRef: tickets.(seat_num, seat_hall) > seats.(num, hall)',
    good: 'Table seats {\n  hall int\n  num int\n  Indexes {\n    (hall, num) [pk]\n  }\n}\nTable tickets {\n  id int [pk]\n  seat_hall int\n  seat_num int\n}\nRef: tickets.(seat_hall, seat_num) > seats.(hall, num)',
  },
  check(ctx) {
    const facts = factsOf(ctx.schema);
    for (const r of ctx.schema.relationships) {
      if (r.to.columns.length < 2) continue;
      const from = facts.tables.get(r.from.tableKey);
      const to = facts.tables.get(r.to.tableKey);
      if (!from || !to) continue;
      if (to.uniqueKeys.some((k) => sameList(k, r.to.columns))) continue;
      const key = to.uniqueKeys.find((k) => sameSet(k, r.to.columns));
      if (!key) continue;
      ctx.report(atRelationship(r, from, `Foreign key ${relText(r)} lists the key of '${to.table.name}' as (${r.to.columns.join(', ')}), but it is declared as (${key.join(', ')}).`));
    }
  },
};
