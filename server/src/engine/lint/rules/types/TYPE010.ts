/** TYPE010: PostgreSQL's `money` type. */
import type { LintRule } from '../../types.js';
import { at } from '../../facts.js';

export const TYPE010: LintRule = {
  code: 'TYPE010',
  family: 'types',
  severity: 'warning',
  title: 'money type (PostgreSQL)',
  docs: {
    why: 'PostgreSQL\'s `money` has a fixed fraction set by the `lc_monetary` locale: restoring a dump under another locale changes amounts, and it stores no currency. Use numeric plus a currency column.',
    bad: "Project p { database_type: 'PostgreSQL' }\nTable orders {\n  id int [pk]\n  total money\n}",
    good: "Project p { database_type: 'PostgreSQL' }\nTable orders {\n  id int [pk]\n  total numeric(19, 4)\n  currency char(3)\n}",
  },
  check(ctx) {
    if (ctx.databaseType !== 'postgres' && ctx.databaseType !== 'generic') return;
    for (const t of ctx.schema.tables) {
      if (t.isView) continue;
      for (const c of t.columns) {
        if (c.type.name === 'money') ctx.report(at(t, c, `Column '${t.name}.${c.name}' uses the money type; use numeric.`, { kind: 'changeType', tableKey: t.key, column: c.name, to: 'numeric(19, 4)' }));
      }
    }
  },
};
