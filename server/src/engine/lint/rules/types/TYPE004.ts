/** TYPE004: fixed-width `char(n)` holding what looks like variable-length text. */
import type { LintRule } from '../../types.js';
import { at, words } from '../../facts.js';

/** Names of values that really are fixed width. */
const FIXED = new Set(['code', 'iso', 'hash', 'uuid', 'guid', 'sha', 'sha1', 'sha256', 'md5', 'digest', 'checksum', 'currency', 'country', 'lang', 'language', 'locale', 'token', 'flag', 'status', 'type', 'kind', 'gender', 'sex', 'zip', 'postcode', 'state', 'iban', 'bic', 'isbn', 'ean', 'upc', 'hex', 'color', 'colour', 'id', 'key', 'symbol', 'abbr', 'abbreviation', 'initial', 'initials', 'char', 'yn', 'ind', 'indicator', 'fips', 'icao', 'iata', 'ssn', 'region', 'no', 'num', 'number', 'ref']);

export const TYPE004: LintRule = {
  code: 'TYPE004',
  family: 'types',
  severity: 'info',
  title: 'char(n) for variable-length text',
  docs: {
    why: '`char(n)` pads every value with spaces to n characters: comparisons, lengths and application code see trailing blanks, and short values waste space. Use varchar/text unless the value really has a fixed width (codes, hashes).',
    bad: 'Table users {\n  id int [pk]\n  last_name char(50)\n}',
    good: 'Table users {\n  id int [pk]\n  last_name varchar(50)\n  country_code char(2)\n}',
  },
  check(ctx) {
    for (const t of ctx.schema.tables) {
      if (t.isView) continue;
      for (const c of t.columns) {
        const n = c.type.name;
        if (n !== 'char' && n !== 'character' && n !== 'nchar' && n !== 'bpchar') continue;
        if (c.type.length === undefined || c.type.length <= 3) continue;
        if (words(c.name).some((w) => FIXED.has(w) || w.endsWith('id'))) continue;
        ctx.report(at(t, c, `Column '${t.name}.${c.name}' is ${c.type.raw}, padded with spaces; use varchar(${c.type.length}).`, { kind: 'changeType', tableKey: t.key, column: c.name, to: `varchar(${c.type.length})` }));
      }
    }
  },
};
