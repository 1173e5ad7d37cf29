/** IDX003: more indexes on one table than is reasonable. */
import type { LintRule } from '../../types.js';
import { at } from '../../facts.js';

/** Indexes (primary key included) above which a table is flagged. */
export const MAX_INDEXES = 10;

const COLS = [...'abcdefghij'];

export const IDX003: LintRule = {
  code: 'IDX003',
  family: 'indexes',
  severity: 'info',
  title: 'Too many indexes on one table',
  docs: {
    why: `Every index is written on every insert and on updates of its columns. More than ${MAX_INDEXES} indexes on one table usually means some are unused or overlap; measure with the database's index usage statistics and drop the idle ones.`,
    bad: `Table t {\n  id int [pk]\n${COLS.map((c) => `  ${c} int`).join('\n')}\n  Indexes {\n${COLS.map((c) => `    ${c}`).join('\n')}\n  }\n}`,
    good: `Table t {\n  id int [pk]\n${COLS.map((c) => `  ${c} int`).join('\n')}\n  Indexes {\n    (a, b)\n    c\n  }\n}`,
  },
  check(ctx) {
    for (const t of ctx.schema.tables) {
      if (t.isView) continue;
      let n = t.indexes.length;
      if (!t.indexes.some((ix) => ix.primaryKey) && t.columns.some((c) => c.primaryKey)) n++;
      for (const c of t.columns) if (c.unique) n++;
      if (n > MAX_INDEXES) ctx.report(at(t, undefined, `Table '${t.name}' has ${n} indexes (more than ${MAX_INDEXES}).`));
    }
  },
};
