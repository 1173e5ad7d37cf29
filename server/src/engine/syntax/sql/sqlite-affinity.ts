/**
 * SQLite's type affinity (https://sqlite.org/datatype3.html, 3.1) for
 * declared types of several words that no dialect's type table knows
 * (`BLOB SUB_TYPE TEXT`, `UNSIGNED BIG INT`, `VARYING CHARACTER`): the name
 * of the affinity SQLite itself gives the column. Shared by the SQL front end
 * and SQLite introspection so both read a declared type the same way. Pure.
 */

/** `blob sub_type text` -> `text`; the rules in SQLite's order (INT first, then CHAR/CLOB/TEXT, BLOB, REAL/FLOA/DOUB). */
export function sqliteAffinityName(declared: string): string {
  const t = declared.toLowerCase();
  if (t.includes('int')) return 'integer';
  if (t.includes('char') || t.includes('clob') || t.includes('text')) return 'text';
  if (t.includes('blob') || t.trim() === '') return 'blob';
  if (t.includes('real') || t.includes('floa') || t.includes('doub')) return 'real';
  return 'numeric';
}
