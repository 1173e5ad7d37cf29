/** TYPE001: money-like columns stored as binary floating point. */
import type { LintRule } from '../../types.js';
import { at, words } from '../../facts.js';

const MONEY = new Set(['price', 'prices', 'amount', 'amounts', 'cost', 'costs', 'total', 'subtotal', 'balance', 'fee', 'fees', 'salary', 'wage', 'wages', 'money', 'revenue', 'payment', 'refund', 'charge', 'credit', 'debit', 'budget', 'income', 'invoice', 'payout', 'tip', 'freight', 'cents']);
// not `discount`, `tax` or `rate`: those are usually fractions, where a float is a fair choice

export const TYPE001: LintRule = {
  code: 'TYPE001',
  family: 'types',
  severity: 'warning',
  title: 'Money in a floating-point column',
  docs: {
    why: 'float and double are binary fractions: 0.1 + 0.2 is not 0.3, and sums of prices drift by cents. Store money as decimal/numeric with an explicit scale (or integer minor units).',
    bad: 'Table orders {\n  id int [pk]\n  total_price double\n}',
    good: 'Table orders {\n  id int [pk]\n  total_price decimal(19, 4)\n}',
  },
  check(ctx) {
    for (const t of ctx.schema.tables) {
      if (t.isView) continue;
      for (const c of t.columns) {
        if (c.type.family !== 'float') continue;
        if (!words(c.name).some((w) => MONEY.has(w))) continue;
        ctx.report(at(t, c, `Column '${t.name}.${c.name}' looks like money but is ${c.type.raw}; use decimal.`, { kind: 'changeType', tableKey: t.key, column: c.name, to: 'decimal(19, 4)' }));
      }
    }
  },
};
