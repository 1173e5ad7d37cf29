/** TYPE003: MySQL `varchar` without a length. */
import type { LintRule } from '../../types.js';
import { at } from '../../facts.js';

export const TYPE003: LintRule = {
  code: 'TYPE003',
  family: 'types',
  severity: 'error',
  title: 'varchar without length (MySQL)',
  docs: {
    why: 'MySQL requires a length on VARCHAR (and VARBINARY): `varchar` alone is a syntax error when the schema is applied.',
    bad: "Project p { database_type: 'MySQL' }\nTable users {\n  id int [pk]\n  name varchar\n}",
    good: "Project p { database_type: 'MySQL' }\nTable users {\n  id int [pk]\n  name varchar(255)\n}",
  },
  check(ctx) {
    if (ctx.databaseType !== 'mysql') return;
    for (const t of ctx.schema.tables) {
      if (t.isView) continue;
      for (const c of t.columns) {
        const n = c.type.name;
        if ((n !== 'varchar' && n !== 'varbinary' && n !== 'nvarchar' && n !== 'character varying') || c.type.args.length > 0) continue;
        ctx.report(at(t, c, `Column '${t.name}.${c.name}' is ${n} without a length, which MySQL rejects.`, { kind: 'changeType', tableKey: t.key, column: c.name, to: `${n}(255)` }));
      }
    }
  },
};
