/** DES007: an enum no column uses. */
import type { LintRule } from '../../types.js';
import { finding } from '../../facts.js';

export const DES007: LintRule = {
  code: 'DES007',
  family: 'design',
  severity: 'info',
  title: 'Unused enum',
  docs: {
    why: 'An enum type that no column uses is dead schema: it is created, migrated and documented for nothing, or the column that should use it holds free text instead.',
    bad: 'Enum mood {\n  happy\n  sad\n}\nTable people {\n  mood varchar\n}',
    good: 'Enum mood {\n  happy\n  sad\n}\nTable people {\n  mood mood\n}',
  },
  check(ctx) {
    if (ctx.schema.enums.length === 0) return;
    const used = new Set<string>();
    const usedNames = new Set<string>();
    for (const t of ctx.schema.tables) {
      if (t.isView) continue;
      for (const c of t.columns) {
        if (c.type.enumKey) used.add(c.type.enumKey);
        usedNames.add(c.type.name.toLowerCase());
      }
    }
    for (const e of ctx.schema.enums) {
      if (used.has(e.key) || usedNames.has(e.name.toLowerCase()) || usedNames.has(`${e.schema}.${e.name}`.toLowerCase())) continue;
      ctx.report(finding(undefined, undefined, e.source?.uri, e.source?.nameSpan, `Enum '${e.name}' is not used by any column.`));
    }
  },
};
