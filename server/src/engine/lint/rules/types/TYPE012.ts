/** TYPE012: MySQL `decimal` without precision (which means decimal(10,0)). */
import type { LintRule } from '../../types.js';
import { at } from '../../facts.js';

export const TYPE012: LintRule = {
  code: 'TYPE012',
  family: 'types',
  severity: 'warning',
  title: 'decimal without precision (MySQL)',
  docs: {
    why: 'In MySQL a bare `DECIMAL` is `DECIMAL(10,0)`: no fractional digits, so 9.99 is stored as 10. State precision and scale.',
    bad: "Project p { database_type: 'MySQL' }\nTable orders {\n  id int [pk]\n  total decimal\n}",
    good: "Project p { database_type: 'MySQL' }\nTable orders {\n  id int [pk]\n  total decimal(19, 4)\n}",
  },
  check(ctx) {
    if (ctx.databaseType !== 'mysql') return;
    for (const t of ctx.schema.tables) {
      if (t.isView) continue;
      for (const c of t.columns) {
        const n = c.type.name;
        if ((n !== 'decimal' && n !== 'numeric' && n !== 'dec' && n !== 'fixed') || c.type.args.length > 0) continue;
        ctx.report(at(t, c, `Column '${t.name}.${c.name}' is ${n} without precision: MySQL stores it as decimal(10,0), with no fraction.`, { kind: 'changeType', tableKey: t.key, column: c.name, to: 'decimal(19, 4)' }));
      }
    }
  },
};
