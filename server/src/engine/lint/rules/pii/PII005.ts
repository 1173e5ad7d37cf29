/** PII005: tags columns holding personal data of class 'card number' (by name and type). */
import type { LintRule } from '../../types.js';
import { at } from '../../facts.js';
import { piiColumns } from './classify.js';

export const PII005: LintRule = {
  code: 'PII005',
  family: 'pii',
  severity: 'hint',
  title: 'Payment card column',
  docs: {
    why: 'Storing primary account numbers puts the database in PCI DSS scope; CVV codes must never be stored at all. Keep a processor token and the last four digits instead.',
    bad: 'Table payments {\n  id int [pk]\n  card_number varchar(19)\n}',
    good: 'Table payments {\n  id int [pk]\n  card_token varchar\n  card_last4 char(4)\n}',
  },
  check(ctx) {
    const pii = piiColumns(ctx.schema);
    if (pii.size === 0) return;
    for (const t of ctx.schema.tables) {
      if (t.isView) continue;
      for (const c of t.columns) {
        if (pii.get(c) === 'card number') ctx.report(at(t, c, `Column '${t.name}.${c.name}' holds personal data (card number).`));
      }
    }
  },
};
