/** PII007: tags columns holding personal data of class 'postal address' (by name and type). */
import type { LintRule } from '../../types.js';
import { at } from '../../facts.js';
import { piiColumns } from './classify.js';

export const PII007: LintRule = {
  code: 'PII007',
  family: 'pii',
  severity: 'hint',
  title: 'Postal address column',
  docs: {
    why: 'Street addresses and postcodes locate a person; they are personal data and need the same care as names.',
    bad: 'Table customers {\n  id int [pk]\n  street_address varchar\n}',
    good: 'Table customers {\n  id int [pk]\n  street_address varchar [note: \'PII: postal address\']\n}',
  },
  check(ctx) {
    const pii = piiColumns(ctx.schema);
    if (pii.size === 0) return;
    for (const t of ctx.schema.tables) {
      if (t.isView) continue;
      for (const c of t.columns) {
        if (pii.get(c) === 'postal address') ctx.report(at(t, c, `Column '${t.name}.${c.name}' holds personal data (postal address).`));
      }
    }
  },
};
