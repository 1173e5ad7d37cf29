/** TYPE011: `time with time zone`. */
import type { LintRule } from '../../types.js';
import { at } from '../../facts.js';

export const TYPE011: LintRule = {
  code: 'TYPE011',
  family: 'types',
  severity: 'info',
  title: 'time with time zone',
  docs: {
    why: 'A time of day with a zone offset but no date cannot account for daylight saving; PostgreSQL keeps `timetz` only for SQL-standard compliance and recommends against it. Use `timestamptz`, or `time` plus a zone name.',
    bad: 'Table shops {\n  id int [pk]\n  opens_at timetz\n}',
    good: 'Table shops {\n  id int [pk]\n  opens_at time\n  time_zone varchar\n}',
  },
  check(ctx) {
    for (const t of ctx.schema.tables) {
      if (t.isView) continue;
      for (const c of t.columns) {
        const n = c.type.name;
        if (n === 'timetz' || n === 'time with time zone') ctx.report(at(t, c, `Column '${t.name}.${c.name}' is time with time zone, which cannot handle daylight saving.`));
      }
    }
  },
};
