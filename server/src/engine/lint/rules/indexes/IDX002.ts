/** IDX002: a plain index whose parts are a leading prefix of another index. */
import type { LintRule } from '../../types.js';
import { indexLabel, atIndex, partKeys, sameKind } from './index-parts.js';

export const IDX002: LintRule = {
  code: 'IDX002',
  family: 'indexes',
  severity: 'info',
  title: 'Index is a prefix of another index',
  docs: {
    why: 'A B-tree index on (a, b) already serves lookups on (a): an extra index on (a) alone only costs writes and space. Unique indexes are kept out of this rule (their constraint matters).',
    bad: 'Table orders {\n  customer_id int\n  created_at timestamptz\n  Indexes {\n    customer_id\n    (customer_id, created_at)\n  }\n}',
    good: 'Table orders {\n  customer_id int\n  created_at timestamptz\n  Indexes {\n    (customer_id, created_at)\n  }\n}',
  },
  check(ctx) {
    for (const t of ctx.schema.tables) {
      if (t.isView) continue;
      if (t.indexes.length < 2) continue;
      const keys = t.indexes.map(partKeys);
      for (let i = 0; i < t.indexes.length; i++) {
        const ix = t.indexes[i];
        if (ix.unique || ix.primaryKey || keys[i].length === 0) continue;
        for (let j = 0; j < t.indexes.length; j++) {
          if (j === i || keys[j].length <= keys[i].length || !sameKind(ix, t.indexes[j])) continue;
          if (!keys[i].every((k, n) => k === keys[j][n])) continue;
          ctx.report(atIndex(t, ix, `Index ${indexLabel(ix)} on '${t.name}' is a prefix of ${indexLabel(t.indexes[j])}.`));
          break;
        }
      }
    }
  },
};
