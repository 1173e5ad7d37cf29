/** PII003: tags columns holding personal data of class 'national id' (by name and type). */
import type { LintRule } from '../../types.js';
import { at } from '../../facts.js';
import { piiColumns } from './classify.js';

export const PII003: LintRule = {
  code: 'PII003',
  family: 'pii',
  severity: 'hint',
  title: 'National identifier column',
  docs: {
    why: 'Social security numbers, passport and tax ids are highly sensitive: their leak enables identity theft and is notifiable in most jurisdictions. Store them encrypted, or not at all.',
    bad: 'Table employees {\n  id int [pk]\n  ssn varchar(11)\n}',
    good: 'Table employees {\n  id int [pk]\n  ssn_encrypted bytea [note: \'PII: national id, encrypted with the HR key\']\n}',
  },
  check(ctx) {
    const pii = piiColumns(ctx.schema);
    if (pii.size === 0) return;
    for (const t of ctx.schema.tables) {
      if (t.isView) continue;
      for (const c of t.columns) {
        if (pii.get(c) === 'national id') ctx.report(at(t, c, `Column '${t.name}.${c.name}' holds personal data (national id).`));
      }
    }
  },
};
