/** KEY003: a foreign key whose columns do not lead any index. */
import type { LintRule } from '../../types.js';
import { atRelationship, factsOf, isPartition, leadsWith, relText } from '../../facts.js';

export const KEY003: LintRule = {
  code: 'KEY003',
  family: 'keys',
  severity: 'warning',
  title: 'Foreign key without an index',
  docs: {
    why: 'Deleting or updating a referenced row scans the referencing table when no index starts with the foreign key columns (PostgreSQL, SQLite and SQL Server do not create one for you), and joins along the relationship get slow. Lock contention follows on busy tables.',
    bad: 'Table users {\n  id int [pk]\n}\nTable posts {\n  id int [pk]\n  user_id int [ref: > users.id]\n}',
    good: 'Table users {\n  id int [pk]\n}\nTable posts {\n  id int [pk]\n  user_id int [ref: > users.id]\n  Indexes {\n    user_id\n  }\n}',
  },
  check(ctx) {
    const facts = factsOf(ctx.schema);
    for (const r of ctx.schema.relationships) {
      const f = facts.tables.get(r.from.tableKey);
      if (!f || f.table.isView || isPartition(f.table) || r.from.columns.length === 0) continue;
      if (f.indexColumnLists.some((l) => leadsWith(l, r.from.columns))) continue;
      ctx.report(
        atRelationship(r, f, `Foreign key ${relText(r)} has no index starting with (${r.from.columns.join(', ')}).`, {
          kind: 'addIndex',
          tableKey: f.table.key,
          columns: [...r.from.columns],
        }),
      );
    }
  },
};
