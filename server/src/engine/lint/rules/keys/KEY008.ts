/** KEY008: a NOT NULL self-reference, which makes the first row impossible to insert. */
import type { LintRule } from '../../types.js';
import { at, factsOf, relText } from '../../facts.js';

export const KEY008: LintRule = {
  code: 'KEY008',
  family: 'keys',
  severity: 'warning',
  title: 'NOT NULL self-reference',
  docs: {
    why: 'A table whose foreign key points at itself through NOT NULL columns needs an existing row before it can take its first one: the root of the tree cannot be inserted (unless the constraint is deferred and a row points at itself).',
    bad: 'Table categories {\n  id int [pk]\n  parent_id int [not null, ref: > categories.id]\n}',
    good: 'Table categories {\n  id int [pk]\n  parent_id int [null, ref: > categories.id]\n}',
  },
  check(ctx) {
    const facts = factsOf(ctx.schema);
    for (const r of ctx.schema.relationships) {
      if (r.from.tableKey !== r.to.tableKey) continue;
      const f = facts.tables.get(r.from.tableKey);
      if (!f) continue;
      const cols = r.from.columns.map((n) => f.columnsByName.get(n));
      if (cols.length === 0 || cols.some((c) => !c || c.nullable)) continue;
      // a column referencing itself (id -> id) is a tautology, not a tree
      if (r.from.columns.every((c, i) => c === r.to.columns[i])) continue;
      ctx.report(at(f.table, cols[0], `Self-reference ${relText(r)} is NOT NULL: the first row of '${f.table.name}' cannot be inserted.`));
    }
  },
};
