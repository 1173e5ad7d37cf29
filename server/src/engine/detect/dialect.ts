/**
 * Which SQL dialect a file is written in: from an explicit choice, a first-line
 * pragma (`-- schemasage: dialect=postgres`), a setting mapping globs to
 * dialects (resolved by the shell, which knows paths), the file extension, or
 * the content. Pure: it is handed the uri and the text.
 */
import type { SqlDialect } from '../syntax/sql/index.js';

export type DialectSource = 'explicit' | 'pragma' | 'setting' | 'extension' | 'content' | 'default';

export interface DialectChoice {
  dialect: SqlDialect;
  source: DialectSource;
}

export const SQL_DIALECTS: readonly SqlDialect[] = ['postgres', 'mysql', 'sqlite', 'mssql'];

const NAMES: Record<string, SqlDialect> = {
  postgres: 'postgres',
  postgresql: 'postgres',
  pg: 'postgres',
  pgsql: 'postgres',
  psql: 'postgres',
  mysql: 'mysql',
  mariadb: 'mysql',
  sqlite: 'sqlite',
  sqlite3: 'sqlite',
  mssql: 'mssql',
  sqlserver: 'mssql',
  'sql server': 'mssql',
  tsql: 'mssql',
  't-sql': 'mssql',
};

/** A dialect by any of its usual names (`PostgreSQL`, `mariadb`, `tsql`...), or undefined. */
export function dialectByName(name: string): SqlDialect | undefined {
  return NAMES[name.trim().toLowerCase()];
}

const EXTENSIONS: Record<string, SqlDialect> = { pgsql: 'postgres', psql: 'postgres', mysql: 'mysql', sqlite: 'sqlite', tsql: 'mssql' };

/** The dialect a file extension names (`.pgsql`, `.psql`, `.mysql`, `.sqlite`, `.tsql`); plain `.sql` names none. */
export function dialectFromExtension(uri: string): SqlDialect | undefined {
  const m = /\.([A-Za-z0-9]+)$/.exec(uri.split(/[?#]/)[0]);
  return m ? EXTENSIONS[m[1].toLowerCase()] : undefined;
}

/** True for the extensions SchemaSage reads as SQL. */
export function isSqlPath(uri: string): boolean {
  return /\.(sql|pgsql|psql|mysql|sqlite|tsql)$/i.test(uri.split(/[?#]/)[0]);
}

/** `-- schemasage: dialect=postgres` (or `/* schemasage: dialect=mysql *\/`) on the first non-blank line. */
export function dialectFromPragma(text: string): SqlDialect | undefined {
  const head = text.slice(0, 400).replace(/^\uFEFF/, '');
  const first = /^\s*(?:--|#|\/\*)\s*schemasage\s*:\s*dialect\s*=\s*([A-Za-z0-9 _-]+?)\s*(?:\*\/)?\s*(?:\r?\n|$)/i.exec(head);
  return first ? dialectByName(first[1]) : undefined;
}

/** Weighted hints of each dialect, matched outside strings and comments; the highest score wins. */
const HINTS: [SqlDialect, RegExp, number][] = [
  ['postgres', /\bbigserial\b|\bserial\b|::[a-z]|\$[a-z_]*\$|\bcreate\s+extension\b|\bpg_catalog\b|\bowner\s+to\b|\bjsonb\b|\btimestamptz\b|\bas\s+enum\b|\bgenerated\s+(?:always|by\s+default)\s+as\s+identity\b|\bset\s+search_path\b|\busing\s+(?:btree|gin|gist)\b/gi, 10],
  ['mysql', /`|\bengine\s*=|\bauto_increment\b|\bunsigned\b|^\s*delimiter\b|\b(?:default\s+)?charset\s*=|\bcollate\s*=|\btinyint\s*\(|\benum\s*\(/gim, 10],
  ['mssql', /^\s*go\s*$|\bidentity\s*\(|\bdbo\.|\bset\s+ansi_nulls\b|\bset\s+quoted_identifier\b|\b(?:non)?clustered\b|\bnewid\s*\(|\bexec(?:ute)?\s+sp_|\bnvarchar\s*\(\s*max\b|\bgetdate\s*\(/gim, 10],
  ['mssql', /\[[^\]\n]+\]/g, 1],
  ['sqlite', /\bautoincrement\b|\bwithout\s+rowid\b|\bpragma\b|\bsqlite_|\bstrict\s*;|\browid\b|\bdatetime\s*\(\s*'now'/gi, 10],
  ['sqlite', /\]\s+integer\b/gi, 3],
];

/** The text with string literals and comments blanked (hints inside them mean nothing). */
function code(text: string): string {
  return text.replace(/'(?:[^']|'')*'|--[^\n]*|\/\*[\s\S]*?\*\//g, ' ');
}

/** Guesses the dialect from the text (first 64 KB); undefined when nothing hints at one. */
export function dialectFromContent(text: string): SqlDialect | undefined {
  const raw = text.length > 65536 ? text.slice(0, 65536) : text;
  const scores: Record<SqlDialect, number> = { postgres: 0, mysql: 0, sqlite: 0, mssql: 0 };
  // hints that live in comments or meta-commands: MySQL's /*!50503 ... */, psql's \c
  scores.mysql += 10 * Math.min(50, (raw.match(/\/\*!\d*/g) ?? []).length);
  scores.postgres += 10 * Math.min(50, (raw.match(/^\\(?:c|connect|set|i)\b/gm) ?? []).length);
  const sample = code(raw);
  for (const [dialect, re, weight] of HINTS) {
    re.lastIndex = 0;
    scores[dialect] += weight * Math.min(50, (sample.match(re) ?? []).length);
  }
  let best: SqlDialect | undefined;
  let bestScore = 0;
  for (const d of SQL_DIALECTS) {
    if (scores[d] > bestScore) {
      best = d;
      bestScore = scores[d];
    }
  }
  return best;
}

/**
 * The dialect of an SQL file, by precedence: explicit (a command-line flag, a
 * user's choice), the file's own pragma, a setting, the extension, the content.
 */
export function detectDialect(uri: string, text: string, explicit?: SqlDialect, fromSetting?: SqlDialect): DialectChoice {
  if (explicit) return { dialect: explicit, source: 'explicit' };
  const pragma = dialectFromPragma(text);
  if (pragma) return { dialect: pragma, source: 'pragma' };
  if (fromSetting) return { dialect: fromSetting, source: 'setting' };
  const ext = dialectFromExtension(uri);
  if (ext) return { dialect: ext, source: 'extension' };
  const content = dialectFromContent(text);
  if (content) return { dialect: content, source: 'content' };
  return { dialect: 'postgres', source: 'default' };
}
