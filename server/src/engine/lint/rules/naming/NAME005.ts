/** NAME005: upper-case letters in PostgreSQL identifiers (folded to lower case unless quoted). */
import type { LintRule } from '../../types.js';
import { at } from '../../facts.js';

function hasUpper(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) return true;
  }
  return false;
}

export const NAME005: LintRule = {
  code: 'NAME005',
  family: 'naming',
  severity: 'info',
  title: 'Upper-case identifier in PostgreSQL',
  docs: {
    why: 'PostgreSQL folds unquoted names to lower case, so a table created as "UserAccount" must be written with quotes forever; `select * from UserAccount` looks for `useraccount` and fails.',
    bad: "Project p { database_type: 'PostgreSQL' }\nTable UserAccount {\n  Id int [pk]\n}",
    good: "Project p { database_type: 'PostgreSQL' }\nTable user_account {\n  id int [pk]\n}",
  },
  check(ctx) {
    if (ctx.databaseType !== 'postgres') return;
    for (const t of ctx.schema.tables) {
      if (t.isView) continue;
      if (hasUpper(t.name)) ctx.report(at(t, undefined, `Table name '${t.name}' has upper-case letters: PostgreSQL needs it quoted in every query.`));
      for (const c of t.columns) {
        if (hasUpper(c.name)) ctx.report(at(t, c, `Column name '${t.name}.${c.name}' has upper-case letters: PostgreSQL needs it quoted in every query.`));
      }
    }
  },
};
