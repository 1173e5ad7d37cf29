/** NAME006: a column name that repeats its table's name as a prefix (`users.user_email`). */
import type { LintRule } from '../../types.js';
import { at, words } from '../../facts.js';

/** The singular of a simple English plural (enough for table names). */
function singular(w: string): string {
  if (w.endsWith('ies') && w.length > 4) return w.slice(0, -3) + 'y';
  if (w.endsWith('ses') || w.endsWith('xes') || w.endsWith('ches') || w.endsWith('shes')) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss') && w.length > 3) return w.slice(0, -1);
  return w;
}

export const NAME006: LintRule = {
  code: 'NAME006',
  family: 'naming',
  severity: 'hint',
  title: 'Column name repeats the table name',
  docs: {
    why: '`users.user_email` reads as `users.user_email` in every query; the table already says whose email it is. Keys (`user_id`) and names that are only the prefix plus one generic word are left alone.',
    bad: 'Table users {\n  id int [pk]\n  user_email varchar\n  user_created_at timestamptz\n}',
    good: 'Table users {\n  id int [pk]\n  email varchar\n  created_at timestamptz\n}',
  },
  check(ctx) {
    // `order_date`, `invoice_number`: conventional, and the bare word is often reserved
    const skip = new Set(['id', 'key', 'uuid', 'guid', 'name', 'no', 'num', 'number', 'code', 'type', 'date', 'time', 'status', 'total', 'count']);
    for (const t of ctx.schema.tables) {
      if (t.isView) continue;
      const tw = words(t.name);
      if (tw.length !== 1) continue;
      const prefixes = new Set([tw[0], singular(tw[0])]);
      for (const c of t.columns) {
        const cw = words(c.name);
        if (cw.length < 2 || !prefixes.has(cw[0])) continue;
        if (cw.length === 2 && skip.has(cw[1])) continue;
        ctx.report(at(t, c, `Column '${t.name}.${c.name}' repeats the table name; '${cw.slice(1).join('_')}' says the same.`));
      }
    }
  },
};
