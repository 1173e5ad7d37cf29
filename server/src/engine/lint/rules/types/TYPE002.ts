/** TYPE002: PostgreSQL `timestamp` without time zone. */
import type { LintRule } from '../../types.js';
import { at } from '../../facts.js';

export const TYPE002: LintRule = {
  code: 'TYPE002',
  family: 'types',
  severity: 'warning',
  title: 'timestamp without time zone (PostgreSQL)',
  docs: {
    why: 'PostgreSQL\'s `timestamp` stores a wall-clock reading with no zone: the same instant written from two servers in different zones gets two values, and DST makes some values ambiguous. `timestamptz` stores an instant (the PostgreSQL wiki\'s "Don\'t Do This").',
    bad: "Project p { database_type: 'PostgreSQL' }\nTable events {\n  id int [pk]\n  happened_at timestamp\n}",
    good: "Project p { database_type: 'PostgreSQL' }\nTable events {\n  id int [pk]\n  happened_at timestamptz\n}",
  },
  check(ctx) {
    if (ctx.databaseType !== 'postgres') return;
    for (const t of ctx.schema.tables) {
      if (t.isView) continue;
      for (const c of t.columns) {
        const n = c.type.name;
        if (n !== 'timestamp' && n !== 'timestamp without time zone') continue;
        const to = c.type.precision !== undefined ? `timestamptz(${c.type.precision})` : 'timestamptz';
        ctx.report(at(t, c, `Column '${t.name}.${c.name}' is timestamp without time zone; use timestamptz.`, { kind: 'changeType', tableKey: t.key, column: c.name, to }));
      }
    }
  },
};
