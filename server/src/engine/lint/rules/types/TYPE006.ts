/** TYPE006: PostgreSQL `serial` types instead of identity columns. */
import type { LintRule } from '../../types.js';
import { at } from '../../facts.js';

const SERIAL: Record<string, string> = { serial: 'integer', serial4: 'integer', smallserial: 'smallint', serial2: 'smallint', bigserial: 'bigint', serial8: 'bigint' };

export const TYPE006: LintRule = {
  code: 'TYPE006',
  family: 'types',
  severity: 'info',
  title: 'serial instead of identity',
  docs: {
    why: '`serial` creates a sequence the table does not really own: permissions, `CREATE TABLE ... LIKE` and dumps treat it separately, and nothing stops explicit inserts from colliding with it. SQL-standard identity columns (PostgreSQL 10+) fix all of that.',
    bad: 'Table users {\n  id serial [pk]\n}',
    good: 'Table users {\n  id integer [pk, increment]  // generated always as identity\n}',
  },
  check(ctx) {
    if (ctx.databaseType !== 'postgres' && ctx.databaseType !== 'generic') return;
    for (const t of ctx.schema.tables) {
      if (t.isView) continue;
      for (const c of t.columns) {
        const plain = SERIAL[c.type.name];
        if (plain) ctx.report(at(t, c, `Column '${t.name}.${c.name}' is ${c.type.name}; prefer ${plain} generated always as identity.`));
      }
    }
  },
};
