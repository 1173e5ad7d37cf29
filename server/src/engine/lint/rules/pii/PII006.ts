/** PII006: tags columns holding personal data of class 'IP address' (by name and type). */
import type { LintRule } from '../../types.js';
import { at } from '../../facts.js';
import { piiColumns } from './classify.js';

export const PII006: LintRule = {
  code: 'PII006',
  family: 'pii',
  severity: 'hint',
  title: 'IP address column',
  docs: {
    why: 'IP addresses are personal data under GDPR (they can identify a household); logs full of them need a retention policy.',
    bad: 'Table logins {\n  id int [pk]\n  ip_address varchar(45)\n}',
    good: 'Table logins {\n  id int [pk]\n  ip_address inet [note: \'PII: IP address, kept 30 days\']\n}',
  },
  check(ctx) {
    const pii = piiColumns(ctx.schema);
    if (pii.size === 0) return;
    for (const t of ctx.schema.tables) {
      if (t.isView) continue;
      for (const c of t.columns) {
        if (pii.get(c) === 'IP address') ctx.report(at(t, c, `Column '${t.name}.${c.name}' holds personal data (IP address).`));
      }
    }
  },
};
