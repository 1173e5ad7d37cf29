/** KEY007: ON DELETE / ON UPDATE SET NULL on a NOT NULL foreign key column. */
import type { LintRule } from '../../types.js';
import { at, factsOf, relText } from '../../facts.js';

export const KEY007: LintRule = {
  code: 'KEY007',
  family: 'keys',
  severity: 'error',
  title: 'SET NULL action on a NOT NULL column',
  docs: {
    why: '`on delete set null` on a column that cannot be NULL makes every delete of a referenced row fail with a not-null violation: the action can never succeed.',
    bad: 'Table users {\n  id int [pk]\n}\nTable posts {\n  id int [pk]\n  user_id int [not null]\n}\nRef: posts.user_id > users.id [delete: set null]',
    good: 'Table users {\n  id int [pk]\n}\nTable posts {\n  id int [pk]\n  user_id int [null]\n}\nRef: posts.user_id > users.id [delete: set null]',
  },
  check(ctx) {
    const facts = factsOf(ctx.schema);
    for (const r of ctx.schema.relationships) {
      if (r.onDelete !== 'set null' && r.onUpdate !== 'set null') continue;
      const from = facts.tables.get(r.from.tableKey);
      if (!from) continue;
      for (const name of r.from.columns) {
        const c = from.columnsByName.get(name);
        if (c && !c.nullable) ctx.report(at(from.table, c, `Foreign key ${relText(r)} sets '${c.name}' to NULL on ${r.onDelete === 'set null' ? 'delete' : 'update'}, but the column is NOT NULL.`));
      }
    }
  },
};
