/** DES008: a nullable boolean without a default (three-valued logic). */
import type { LintRule } from '../../types.js';
import { at } from '../../facts.js';

export const DES008: LintRule = {
  code: 'DES008',
  family: 'design',
  severity: 'hint',
  title: 'Nullable boolean without a default',
  docs: {
    why: 'A boolean that may be NULL has three states: `where not is_admin` skips the NULL rows, and every reader must decide what NULL means. Make it NOT NULL, or give it a default.',
    bad: 'Table users {\n  id int [pk]\n  is_admin boolean [null]\n}',
    good: 'Table users {\n  id int [pk]\n  is_admin boolean [not null, default: false]\n}',
  },
  check(ctx) {
    for (const t of ctx.schema.tables) {
      if (t.isView) continue;
      for (const c of t.columns) {
        if (c.type.family !== 'boolean' || !c.nullable || c.default || c.primaryKey) continue;
        if (c.type.name === 'bit' && c.type.length !== undefined && c.type.length > 1) continue;
        ctx.report(at(t, c, `Boolean column '${t.name}.${c.name}' is nullable and has no default: it has three states.`));
      }
    }
  },
};
