/** DES005: an enum with a single value. */
import type { LintRule } from '../../types.js';
import { finding } from '../../facts.js';

export const DES005: LintRule = {
  code: 'DES005',
  family: 'design',
  severity: 'info',
  title: 'Enum with a single value',
  docs: {
    why: 'An enum with one value carries no information: every row holds the same thing. It is usually unfinished, or a boolean in disguise.',
    bad: 'Enum status {\n  active\n}',
    good: 'Enum status {\n  active\n  suspended\n  closed\n}',
  },
  check(ctx) {
    for (const e of ctx.schema.enums) {
      if (e.values.length !== 1) continue;
      ctx.report(finding(undefined, undefined, e.source?.uri, e.source?.nameSpan, `Enum '${e.name}' has a single value ('${e.values[0].name}').`));
    }
  },
};
