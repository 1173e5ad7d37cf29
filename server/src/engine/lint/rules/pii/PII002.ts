/** PII002: tags columns holding personal data of class 'phone' (by name and type). */
import type { LintRule } from '../../types.js';
import { at } from '../../facts.js';
import { piiColumns } from './classify.js';

export const PII002: LintRule = {
  code: 'PII002',
  family: 'pii',
  severity: 'hint',
  title: 'Phone number column',
  docs: {
    why: 'Phone numbers identify a person and are a common target of SIM-swap and spam abuse; they fall under GDPR/CCPA as personal data.',
    bad: 'Table users {\n  id int [pk]\n  mobile_phone varchar\n}',
    good: 'Table users {\n  id int [pk]\n  mobile_phone varchar [note: \'PII: phone\']\n}',
  },
  check(ctx) {
    const pii = piiColumns(ctx.schema);
    if (pii.size === 0) return;
    for (const t of ctx.schema.tables) {
      if (t.isView) continue;
      for (const c of t.columns) {
        if (pii.get(c) === 'phone') ctx.report(at(t, c, `Column '${t.name}.${c.name}' holds personal data (phone).`));
      }
    }
  },
};
