/**
 * SQL identifiers as each dialect writes them: unquoting what a user wrote,
 * and writing a name back, quoted when the dialect needs it (or in the style
 * the user chose). The rename feature and SQL code generation use these.
 */
import type { SqlDialect } from '../../syntax/sql/index.js';

type Quote = '"' | '`' | '[';

const DEFAULT_QUOTE: Record<SqlDialect, Quote> = { postgres: '"', sqlite: '"', mysql: '`', mssql: '[' };

/** Words no dialect accepts as a bare identifier (the common reserved core). */
const RESERVED = new Set(
  'all alter and any as asc between by case check column constraint create cross current_date current_time current_timestamp default delete desc distinct drop else end except exists false fetch for foreign from full grant group having in index inner insert intersect into is join key left like limit not null offset on or order outer primary references right select set table then to true union unique update user using values when where with'.split(' '),
);

/** The name a written identifier stands for: quotes removed, doubled quotes undone. */
export function unquoteSql(written: string): string {
  const w = written.trim();
  if (w.length >= 2) {
    if (w[0] === '"' && w.endsWith('"')) return w.slice(1, -1).replace(/""/g, '"');
    if (w[0] === '`' && w.endsWith('`')) return w.slice(1, -1).replace(/``/g, '`');
    if (w[0] === '[' && w.endsWith(']')) return w.slice(1, -1).replace(/\]\]/g, ']');
  }
  return w;
}

/** The quote style of a written identifier, if it is quoted. */
export function quoteOf(written: string): Quote | undefined {
  const c = written.trim()[0];
  return c === '"' || c === '`' || c === '[' ? c : undefined;
}

/** `name` quoted in `style` (the dialect's own when not given). */
export function quoteSql(name: string, dialect: SqlDialect, style: Quote = DEFAULT_QUOTE[dialect]): string {
  if (style === '[') return `[${name.replace(/\]/g, ']]')}]`;
  if (style === '`') return `\`${name.replace(/`/g, '``')}\``;
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * True when `name` can be written bare in `dialect` and still mean `name`:
 * a plain word that is not reserved, and in PostgreSQL all lower case
 * (unquoted names fold to lower case there).
 */
export function isPlainSqlIdentifier(name: string, dialect: SqlDialect): boolean {
  if (!/^[A-Za-z_][A-Za-z0-9_$]*$/.test(name) || RESERVED.has(name.toLowerCase())) return false;
  return dialect !== 'postgres' || name === name.toLowerCase();
}

/** How a renamed identifier is written where the old one was written as `written`. */
export function writeSqlName(name: string, dialect: SqlDialect, written: string): string {
  const q = quoteOf(written);
  if (q) return quoteSql(name, dialect, q);
  return isPlainSqlIdentifier(name, dialect) ? name : quoteSql(name, dialect);
}
