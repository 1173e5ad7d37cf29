/** DES006: a table without columns. */
import type { LintRule } from '../../types.js';
import { at } from '../../facts.js';

export const DES006: LintRule = {
  code: 'DES006',
  family: 'design',
  severity: 'warning',
  title: 'Table without columns',
  docs: {
    why: 'A table with no columns cannot hold data (most databases refuse to create it); it is usually a placeholder that was never filled in.',
    bad: 'Table audit_log {\n}',
    good: 'Table audit_log {\n  id bigint [pk]\n  at timestamptz\n}',
  },
  check(ctx) {
    for (const t of ctx.schema.tables) {
      if (t.isView) continue;
      if (t.columns.length === 0) ctx.report(at(t, undefined, `Table '${t.name}' has no columns.`));
    }
  },
};
