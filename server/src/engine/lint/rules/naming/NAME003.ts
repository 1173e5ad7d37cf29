/** NAME003: an identifier longer than the dialect allows. */
import type { DatabaseType } from '../../../model/schema.js';
import type { LintRule } from '../../types.js';
import { at } from '../../facts.js';

/** UTF-8 byte length without allocating. */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Limit and how it is measured; generic schemas get PostgreSQL's, the strictest common one. */
const LIMITS: Record<DatabaseType, { max: number; bytes: boolean } | undefined> = {
  postgres: { max: 63, bytes: true },
  generic: { max: 63, bytes: true },
  mysql: { max: 64, bytes: false },
  mssql: { max: 128, bytes: false },
  oracle: { max: 128, bytes: false },
  sqlite: undefined,
};

export const NAME003: LintRule = {
  code: 'NAME003',
  family: 'naming',
  severity: 'error',
  title: 'Identifier too long for the dialect',
  docs: {
    why: 'PostgreSQL truncates identifiers to 63 bytes (two long names can become the same name), MySQL rejects names over 64 characters, SQL Server and Oracle (12.2+) over 128. Generic schemas are held to 63 bytes.',
    bad: 'Table customer_subscription_billing_address_verification_attempts_by_day_log {\n  id int [pk]\n}',
    good: 'Table billing_address_checks {\n  id int [pk]\n}',
  },
  check(ctx) {
    const limit = LIMITS[ctx.databaseType];
    if (!limit) return;
    const size = (s: string): number => (limit.bytes ? utf8Length(s) : s.length);
    const unit = limit.bytes ? 'bytes' : 'characters';
    for (const t of ctx.schema.tables) {
      if (t.isView) continue;
      const n = size(t.name);
      if (n > limit.max) ctx.report(at(t, undefined, `Table name '${t.name}' is ${n} ${unit} long; the limit is ${limit.max}.`));
      for (const c of t.columns) {
        const m = size(c.name);
        if (m > limit.max) ctx.report(at(t, c, `Column name '${t.name}.${c.name}' is ${m} ${unit} long; the limit is ${limit.max}.`));
      }
      for (const ix of t.indexes) {
        if (!ix.name) continue;
        const m = size(ix.name);
        if (m > limit.max) {
          const f = at(t, undefined, `Index name '${ix.name}' is ${m} ${unit} long; the limit is ${limit.max}.`);
          if (ix.source) (f.uri = ix.source.uri), (f.span = ix.source.nameSpan);
          ctx.report(f);
        }
      }
    }
  },
};
