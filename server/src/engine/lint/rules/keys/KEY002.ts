/**
 * KEY002: a primary key column that is nullable. The text front ends already
 * make key columns NOT NULL, so this fires on introspected schemas (SQLite
 * reports `notnull = 0` for key columns, and stores NULLs in them).
 */
import type { LintRule } from '../../types.js';
import { at, factsOf } from '../../facts.js';

export const KEY002: LintRule = {
  code: 'KEY002',
  family: 'keys',
  severity: 'error',
  title: 'Nullable primary key column',
  docs: {
    why: 'A primary key column can never hold NULL. PostgreSQL and MySQL silently make it NOT NULL, SQL Server rejects the table, and SQLite accepts NULLs in it (a long-standing bug kept for compatibility): stating `null` is a mistake either way. The text front ends already read key columns as NOT NULL, so in practice this fires on introspected databases (SQLite reports its nullable key columns as such).',
    bad: 'Table users {\n  id int [pk, null]\n}',
    good: 'Table users {\n  id int [pk, not null]\n}',
  },
  check(ctx) {
    const facts = factsOf(ctx.schema);
    for (const t of ctx.schema.tables) {
      if (t.isView) continue;
      const f = facts.tables.get(t.key);
      if (!f) continue;
      for (const name of f.primaryKey) {
        const c = f.columnsByName.get(name);
        if (c && c.nullable) ctx.report(at(t, c, `Primary key column '${t.name}.${c.name}' is declared nullable.`));
      }
    }
  },
};
