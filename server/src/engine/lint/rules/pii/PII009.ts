/** PII009: a personal-data column without a note saying so. */
import type { LintRule } from '../../types.js';
import { at } from '../../facts.js';
import { piiColumns } from './classify.js';

export const PII009: LintRule = {
  code: 'PII009',
  family: 'pii',
  severity: 'warning',
  title: 'Personal data without a classification note',
  docs: {
    why: 'Columns that hold personal data (PII001 to PII008) should say so in the schema, with a note naming the class and, ideally, the retention: data-protection reviews, exports and access requests start from that list.',
    bad: 'Table users {\n  id int [pk]\n  email varchar\n}',
    good: "Table users {\n  id int [pk]\n  email varchar [note: 'PII: email']\n}",
  },
  check(ctx) {
    const pii = piiColumns(ctx.schema);
    if (pii.size === 0) return;
    for (const t of ctx.schema.tables) {
      if (t.isView) continue;
      for (const c of t.columns) {
        const cls = pii.get(c);
        if (!cls || (c.note && c.note.trim()) || c.settings['classification'] || c.settings['pii']) continue;
        ctx.report(at(t, c, `Column '${t.name}.${c.name}' holds personal data (${cls}) but has no note classifying it.`, { kind: 'addNote', tableKey: t.key, column: c.name, note: `PII: ${cls}` }));
      }
    }
  },
};
