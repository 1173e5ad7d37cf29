/** PII001: tags columns holding personal data of class 'email' (by name and type). */
import type { LintRule } from '../../types.js';
import { at } from '../../facts.js';
import { piiColumns } from './classify.js';

export const PII001: LintRule = {
  code: 'PII001',
  family: 'pii',
  severity: 'hint',
  title: 'Email address column',
  docs: {
    why: 'Email addresses identify a person directly (GDPR, CCPA). Tagging them lets reviews, exports and retention policies find them; see PII009 for documenting the classification.',
    bad: 'Table users {\n  id int [pk]\n  email varchar\n}',
    good: 'Table users {\n  id int [pk]\n  email varchar [note: \'PII: email; retained while the account exists\']\n}',
  },
  check(ctx) {
    const pii = piiColumns(ctx.schema);
    if (pii.size === 0) return;
    for (const t of ctx.schema.tables) {
      if (t.isView) continue;
      for (const c of t.columns) {
        if (pii.get(c) === 'email') ctx.report(at(t, c, `Column '${t.name}.${c.name}' holds personal data (email).`));
      }
    }
  },
};
