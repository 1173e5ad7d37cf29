/** PII004: tags columns holding personal data of class 'date of birth' (by name and type). */
import type { LintRule } from '../../types.js';
import { at } from '../../facts.js';
import { piiColumns } from './classify.js';

export const PII004: LintRule = {
  code: 'PII004',
  family: 'pii',
  severity: 'hint',
  title: 'Date of birth column',
  docs: {
    why: 'A date of birth together with a name or postcode identifies most people uniquely; it is personal data and often special-category for minors.',
    bad: 'Table users {\n  id int [pk]\n  date_of_birth date\n}',
    good: 'Table users {\n  id int [pk]\n  date_of_birth date [note: \'PII: date of birth\']\n}',
  },
  check(ctx) {
    const pii = piiColumns(ctx.schema);
    if (pii.size === 0) return;
    for (const t of ctx.schema.tables) {
      if (t.isView) continue;
      for (const c of t.columns) {
        if (pii.get(c) === 'date of birth') ctx.report(at(t, c, `Column '${t.name}.${c.name}' holds personal data (date of birth).`));
      }
    }
  },
};
