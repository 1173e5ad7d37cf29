/** NAME002: a table or column named with a reserved word of the database's dialect. */
import type { LintRule } from '../../types.js';
import { at } from '../../facts.js';
import { reservedWords } from './reserved-words.js';

export const NAME002: LintRule = {
  code: 'NAME002',
  family: 'naming',
  severity: 'warning',
  title: 'Reserved word as identifier',
  docs: {
    why: 'A name that is a reserved word of the target database (`user` and `order` in PostgreSQL, `key` and `range` in MySQL) must be quoted in every statement; tools and hand-written queries that forget fail with a syntax error.',
    bad: 'Project p { database_type: \'PostgreSQL\' }\nTable user {\n  id int [pk]\n  order int\n}',
    good: 'Project p { database_type: \'PostgreSQL\' }\nTable users {\n  id int [pk]\n  sort_order int\n}',
  },
  check(ctx) {
    const words = reservedWords(ctx.databaseType);
    const db = ctx.databaseType === 'generic' ? 'SQL' : ctx.databaseType;
    for (const t of ctx.schema.tables) {
      if (t.isView) continue;
      if (words.has(t.name.toLowerCase())) ctx.report(at(t, undefined, `Table name '${t.name}' is a reserved word in ${db}.`));
      for (const c of t.columns) {
        if (words.has(c.name.toLowerCase())) ctx.report(at(t, c, `Column name '${t.name}.${c.name}' is a reserved word in ${db}.`));
      }
    }
  },
};
