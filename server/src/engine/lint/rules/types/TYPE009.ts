/** TYPE009: floating-point columns in a primary or unique key. */
import type { LintRule } from '../../types.js';
import { at, factsOf } from '../../facts.js';

export const TYPE009: LintRule = {
  code: 'TYPE009',
  family: 'types',
  severity: 'warning',
  title: 'Floating-point column as key',
  docs: {
    why: 'Floating-point values are approximate: the value a client sends may not equal the value stored, so lookups and foreign keys by a float key miss rows.',
    bad: 'Table readings {\n  value double [pk]\n}',
    good: 'Table readings {\n  id bigint [pk]\n  value double\n}',
  },
  check(ctx) {
    const facts = factsOf(ctx.schema);
    for (const t of ctx.schema.tables) {
      if (t.isView) continue;
      const f = facts.tables.get(t.key);
      if (!f) continue;
      const seen = new Set<string>();
      for (const key of f.uniqueKeys) {
        for (const name of key) {
          const c = f.columnsByName.get(name);
          if (!c || seen.has(name) || c.type.family !== 'float') continue;
          seen.add(name);
          ctx.report(at(t, c, `Column '${t.name}.${c.name}' of type ${c.type.raw} is part of a key.`));
        }
      }
    }
  },
};
