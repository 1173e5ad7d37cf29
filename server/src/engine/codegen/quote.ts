/**
 * Per-dialect SQL identifier quoting: a name is quoted when it is a keyword or
 * not a plain identifier in the dialect (PostgreSQL also quotes capitals,
 * which it would fold). `"x"` PostgreSQL/SQLite, `` `x` `` MySQL, `[x]` SQL Server.
 */
import { SQL_KEYWORDS } from './names.js';

function plain(name: string, dialect: string): boolean {
  if (!name.length) return false;
  const c0 = name.charCodeAt(0);
  if (c0 >= 48 && c0 <= 57) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const lower = c >= 97 && c <= 122;
    const upper = c >= 65 && c <= 90;
    const digit = c >= 48 && c <= 57;
    if (lower || digit || c === 95) continue;
    if (upper && dialect !== 'postgres') continue;
    return false;
  }
  return !SQL_KEYWORDS.has(name.toLowerCase());
}

/** `name` as an identifier in `dialect`, quoted only when it must be. */
export function quoteIdent(name: string, dialect: string, always = false): string {
  if (!always && plain(name, dialect)) return name;
  switch (dialect) {
    case 'mysql': return '`' + name.replace(/`/g, '``') + '`';
    case 'mssql': return '[' + name.replace(/]/g, ']]') + ']';
    default: return '"' + name.replace(/"/g, '""') + '"';
  }
}
