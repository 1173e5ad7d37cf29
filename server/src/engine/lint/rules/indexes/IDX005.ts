/** IDX005: a single-column index on a boolean. */
import type { LintRule } from '../../types.js';
import { indexLabel, atIndex } from './index-parts.js';

export const IDX005: LintRule = {
  code: 'IDX005',
  family: 'indexes',
  severity: 'info',
  title: 'Index on a boolean column alone',
  docs: {
    why: 'A boolean has two values: an index on it alone matches half the table and the planner prefers a scan. Index it together with a selective column, or use a partial index (`where is_active`).',
    bad: 'Table users {\n  id int [pk]\n  is_active boolean\n  Indexes {\n    is_active\n  }\n}',
    good: 'Table users {\n  id int [pk]\n  is_active boolean\n  org_id int\n  Indexes {\n    (org_id, is_active)\n  }\n}',
  },
  check(ctx) {
    for (const t of ctx.schema.tables) {
      if (t.isView) continue;
      for (const ix of t.indexes) {
        if (ix.parts.length !== 1 || ix.where || ix.unique || ix.primaryKey) continue;
        const name = ix.parts[0].column;
        const c = name === undefined ? undefined : t.columns.find((x) => x.name === name);
        if (!c || c.type.family !== 'boolean' || c.type.name === 'bit' && c.type.length !== undefined && c.type.length > 1) continue;
        const f = atIndex(t, ix, `Index ${indexLabel(ix)} on '${t.name}' covers only the boolean '${c.name}'.`);
        f.column = c.name;
        ctx.report(f);
      }
    }
  },
};
