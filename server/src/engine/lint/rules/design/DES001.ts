/** DES001: a very wide table. */
import type { LintRule } from '../../types.js';
import { at } from '../../facts.js';

/** Columns above which a table is flagged. */
export const MAX_COLUMNS = 50;

export const DES001: LintRule = {
  code: 'DES001',
  family: 'design',
  severity: 'info',
  title: 'Very wide table',
  docs: {
    why: `A table with more than ${MAX_COLUMNS} columns usually mixes several concepts (repeating groups such as phone1..phone5, optional feature blocks). Rows get large, updates rewrite them whole, and most queries read a few columns.`,
    bad: `Table customers {\n  id int [pk]\n${Array.from({ length: MAX_COLUMNS }, (_, i) => `  phone_${i + 1} varchar`).join('\n')}\n}`,
    good: 'Table customers {\n  id int [pk]\n  name varchar\n}\nTable customer_phones {\n  customer_id int [ref: > customers.id]\n  phone varchar\n}',
  },
  check(ctx) {
    for (const t of ctx.schema.tables) {
      if (t.isView) continue;
      if (t.columns.length > MAX_COLUMNS) ctx.report(at(t, undefined, `Table '${t.name}' has ${t.columns.length} columns (more than ${MAX_COLUMNS}).`));
    }
  },
};
