/** IDX006: an index over very many columns. */
import type { LintRule } from '../../types.js';
import { indexLabel, atIndex } from './index-parts.js';

/** Parts above which an index is flagged. */
export const MAX_INDEX_PARTS = 5;

export const IDX006: LintRule = {
  code: 'IDX006',
  family: 'indexes',
  severity: 'info',
  title: 'Index over too many columns',
  docs: {
    why: `An index over more than ${MAX_INDEX_PARTS} columns is large, slow to maintain, and only helps queries that filter on its leading columns; it is often a guess that a narrower index or an INCLUDE list serves better.`,
    bad: 'Table t {\n  id int [pk]\n  a int\n  b int\n  c int\n  d int\n  e int\n  f int\n  Indexes {\n    (a, b, c, d, e, f)\n  }\n}',
    good: 'Table t {\n  id int [pk]\n  a int\n  b int\n  c int\n  d int\n  e int\n  f int\n  Indexes {\n    (a, b)\n  }\n}',
  },
  check(ctx) {
    for (const t of ctx.schema.tables) {
      if (t.isView) continue;
      for (const ix of t.indexes) {
        if (ix.primaryKey || ix.parts.length <= MAX_INDEX_PARTS) continue;
        ctx.report(atIndex(t, ix, `Index ${indexLabel(ix)} on '${t.name}' has ${ix.parts.length} parts (more than ${MAX_INDEX_PARTS}).`));
      }
    }
  },
};
