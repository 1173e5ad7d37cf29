/** TYPE008: PostgreSQL `json` instead of `jsonb`. */
import type { LintRule } from '../../types.js';
import { at } from '../../facts.js';

export const TYPE008: LintRule = {
  code: 'TYPE008',
  family: 'types',
  severity: 'info',
  title: 'json instead of jsonb (PostgreSQL)',
  docs: {
    why: 'PostgreSQL\'s `json` keeps the text as written and reparses it on every access; it cannot be indexed with GIN or compared for equality. `jsonb` is what almost everyone wants.',
    bad: "Project p { database_type: 'PostgreSQL' }\nTable events {\n  id int [pk]\n  payload json\n}",
    good: "Project p { database_type: 'PostgreSQL' }\nTable events {\n  id int [pk]\n  payload jsonb\n}",
  },
  check(ctx) {
    if (ctx.databaseType !== 'postgres') return;
    for (const t of ctx.schema.tables) {
      if (t.isView) continue;
      for (const c of t.columns) {
        if (c.type.name === 'json' && !c.type.isArray) ctx.report(at(t, c, `Column '${t.name}.${c.name}' is json; use jsonb.`, { kind: 'changeType', tableKey: t.key, column: c.name, to: 'jsonb' }));
      }
    }
  },
};
