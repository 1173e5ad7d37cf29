/** IDX004: an index name used twice where the dialect needs it unique. */
import type { LintRule } from '../../types.js';
import { atIndex } from './index-parts.js';

export const IDX004: LintRule = {
  code: 'IDX004',
  family: 'indexes',
  severity: 'error',
  title: 'Duplicate index name',
  docs: {
    why: 'Index names are unique per schema in PostgreSQL, SQLite and Oracle (and per table in MySQL and SQL Server): the second `CREATE INDEX` with the same name fails.',
    bad: "Table a {\n  x int\n  Indexes { x [name: 'ix_x'] }\n}\nTable b {\n  x int\n  Indexes { x [name: 'ix_x'] }\n}",
    good: "Table a {\n  x int\n  Indexes { x [name: 'a_x_idx'] }\n}\nTable b {\n  x int\n  Indexes { x [name: 'b_x_idx'] }\n}",
  },
  check(ctx) {
    const perTable = ctx.databaseType === 'mysql' || ctx.databaseType === 'mssql';
    const seen = new Map<string, string>();
    for (const t of ctx.schema.tables) {
      if (t.isView) continue;
      for (const ix of t.indexes) {
        if (!ix.name) continue;
        const lower = ix.name.toLowerCase();
        const key = perTable ? `${t.key}\u0000${lower}` : `${t.schema}\u0000${lower}`;
        const first = seen.get(key);
        if (first === undefined) {
          seen.set(key, t.name);
          continue;
        }
        ctx.report(atIndex(t, ix, `Index name '${ix.name}' on '${t.name}' is already used on '${first}'.`));
      }
    }
  },
};
