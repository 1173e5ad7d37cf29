/** TYPE007: a 32-bit (or smaller) auto-increment primary key. */
import type { LintRule } from '../../types.js';
import { at, factsOf } from '../../facts.js';

export const TYPE007: LintRule = {
  code: 'TYPE007',
  family: 'types',
  severity: 'info',
  title: 'Auto-increment key narrower than 64 bits',
  docs: {
    why: 'An `int` identity runs out at 2,147,483,647 rows (or ids burned by rollbacks and upserts), and widening the key of a big table later rewrites it and every referencing table. Start with bigint.',
    bad: 'Table events {\n  id int [pk, increment]\n}',
    good: 'Table events {\n  id bigint [pk, increment]\n}',
  },
  check(ctx) {
    const facts = factsOf(ctx.schema);
    const big: Record<string, string> = { serial: 'bigserial', serial4: 'bigserial', smallserial: 'bigserial', serial2: 'bigserial' };
    for (const t of ctx.schema.tables) {
      if (t.isView) continue;
      const f = facts.tables.get(t.key);
      if (!f || f.primaryKey.length !== 1) continue;
      const c = f.columnsByName.get(f.primaryKey[0]);
      if (!c || c.type.family !== 'integer') continue;
      const auto = c.autoIncrement || c.type.name in big;
      if (!auto || c.type.bits === undefined || c.type.bits >= 64) continue;
      ctx.report(at(t, c, `Auto-increment key '${t.name}.${c.name}' is ${c.type.raw} (${c.type.bits} bits); use bigint.`, { kind: 'changeType', tableKey: t.key, column: c.name, to: big[c.type.name] ?? 'bigint' }));
    }
  },
};
