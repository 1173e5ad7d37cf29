/** TYPE009: floating-point columns in a primary or unique key. */
import type { LintRule } from '../../types.js';
import { at, keyColumns } from '../../facts.js';

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
    for (const { table: t, column: c } of keyColumns(ctx.schema)) {
      if (c.type.family !== 'float') continue;
      ctx.report(at(t, c, `Column '${t.name}.${c.name}' of type ${c.type.raw} is part of a key.`));
    }
  },
};
