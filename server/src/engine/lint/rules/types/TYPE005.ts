/** TYPE005: text or blob columns in a primary or unique key. */
import type { LintRule } from '../../types.js';
import { at, keyColumns } from '../../facts.js';

export const TYPE005: LintRule = {
  code: 'TYPE005',
  family: 'types',
  severity: 'warning',
  title: 'text or blob column as key',
  docs: {
    why: 'Unbounded text and blob values make poor keys: MySQL refuses them in a key without a prefix length, SQL Server cannot index `text`/`image`, and every referencing table must copy the whole value. Use a bounded varchar or a surrogate key.',
    bad: 'Table pages {\n  url text [pk]\n}',
    good: 'Table pages {\n  id bigint [pk]\n  url varchar(2048) [unique]\n}',
  },
  check(ctx) {
    for (const { table: t, column: c } of keyColumns(ctx.schema)) {
      if ((c.type.family !== 'text' && c.type.family !== 'binary')) continue;
      // Prisma's String/Bytes become varchar or text per provider: not a choice the author made
      if (c.type.length !== undefined || c.type.raw === 'String' || c.type.raw === 'Bytes') continue;
      ctx.report(at(t, c, `Column '${t.name}.${c.name}' of type ${c.type.raw} is part of a key.`));
    }
  },
};
