/**
 * SQLite introspection, pure: sqlite_master plus the table-valued pragmas
 * (table_xinfo, foreign_key_list, index_list, index_info) in four queries,
 * and the mapping of their rows into the Schema model. What the pragmas do
 * not expose (partial-index predicates, index expressions, AUTOINCREMENT) is
 * read from the stored CREATE text with a small quote-aware scan; foreign
 * key constraint names from the CREATE TABLE text through the SQL front end.
 */
import type { Index, Schema } from '../model/schema.js';
import { emptySchema } from '../model/schema.js';
import type { CatalogRow, IntrospectResult, IntrospectWarning } from './rows.js';
import { bool, groupBy, num, str } from './rows.js';
import { sqliteAffinityName } from '../syntax/sql/sqlite-affinity.js';
import { parseSql } from '../syntax/sql/parse.js';
import { TableIndex, applyKey, classifyDefault, fkRelationship, finishRelationships, newColumn, refAction, splitTypeText, typeFromText } from './build.js';
import { normaliseType } from '../model/types.js';

const USER = `m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`;

/** The catalog queries; no parameters. Only the `main` database is read. */
export const SQLITE_QUERIES = {
  objects: `SELECT m.type AS type, m.name AS name, m.tbl_name AS tbl_name, m.sql AS sql FROM sqlite_master m
    WHERE m.type IN ('table', 'view', 'index') AND ${USER} ORDER BY m.type, m.name`,
  columns: `SELECT m.name AS "table", p.cid AS cid, p.name AS name, p.type AS type, p."notnull" AS "notnull",
    p.dflt_value AS dflt_value, p.pk AS pk, p.hidden AS hidden
    FROM sqlite_master m JOIN pragma_table_xinfo(m.name) p WHERE m.type IN ('table', 'view') AND ${USER} ORDER BY m.name, p.cid`,
  foreignKeys: `SELECT m.name AS "table", p.id AS id, p.seq AS seq, p."table" AS ref_table, p."from" AS "from", p."to" AS "to",
    p.on_update AS on_update, p.on_delete AS on_delete
    FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) p WHERE m.type = 'table' AND ${USER} ORDER BY m.name, p.id, p.seq`,
  indexes: `SELECT m.name AS "table", il.name AS name, il."unique" AS "unique", il.origin AS origin, il.partial AS partial,
    ii.seqno AS seqno, ii.cid AS cid, ii.name AS "column"
    FROM sqlite_master m JOIN pragma_index_list(m.name) il JOIN pragma_index_info(il.name) ii
    WHERE m.type = 'table' AND ${USER} ORDER BY m.name, il.seq, ii.seqno`,
} as const;

export type SqliteQueryName = keyof typeof SQLITE_QUERIES;
export type SqliteCatalogRows = Record<SqliteQueryName, readonly CatalogRow[]>;

const NUMERIC_AFFINITY = /int|real|floa|doub|num|dec/i;

/** Maps the rows of SQLITE_QUERIES into a Schema (schema `main`). */
export function mapSqlite(rows: SqliteCatalogRows): IntrospectResult {
  const warnings: IntrospectWarning[] = [];
  const s = 'main';
  const schema: Schema = emptySchema(s);
  const tables = new TableIndex(schema, warnings);
  const sqlOf = new Map<string, string>();

  for (const r of rows.objects) {
    const type = str(r['type']);
    const name = str(r['name']) ?? '';
    sqlOf.set(`${type}\u0000${name}`, str(r['sql']) ?? '');
    if (type === 'table' || type === 'view') {
      const t = tables.add(s, name, type === 'view');
      if (/\)\s*without\s+rowid\s*;?\s*$/i.test(str(r['sql']) ?? '')) t.settings['withoutRowid'] = 'true';
    }
  }

  const pkCols = new Map<string, { cid: number; pk: number; name: string }[]>();
  for (const r of rows.columns) {
    const t = tables.get(s, str(r['table']) ?? '');
    if (!t) continue;
    const typeText = str(r['type']) ?? '';
    let type = typeFromText(typeText);
    // a declared type of several words nobody knows (`BLOB SUB_TYPE TEXT`): the affinity SQLite gives it, as the SQL front end reads it
    if (type.family === 'other' && type.name.includes(' ')) {
      const split = splitTypeText(typeText);
      type = normaliseType(typeText, sqliteAffinityName(split.name), split.args, split.isArray);
    }
    const col = newColumn(str(r['name']) ?? '', type, !bool(r['notnull']));
    const hidden = num(r['hidden']) ?? 0;
    if (hidden === 2 || hidden === 3) {
      col.settings['generated'] = hidden === 3 ? 'stored' : 'virtual';
      col.generated = '';
    }
    const def = str(r['dflt_value']);
    if (def !== undefined && hidden !== 2 && hidden !== 3) {
      const d = classifyDefault(def, NUMERIC_AFFINITY.test(typeText));
      if (d.kind !== 'null') col.default = d;
    }
    const pk = num(r['pk']) ?? 0;
    if (pk > 0) {
      let list = pkCols.get(t.key);
      if (!list) pkCols.set(t.key, (list = []));
      list.push({ cid: num(r['cid']) ?? 0, pk, name: col.name });
    }
    tables.addColumn(t, col);
  }

  for (const t of schema.tables) {
    if (t.isView) continue;
    const parts = tableSqlParts(sqlOf.get(`table\u0000${t.name}`) ?? '');
    for (const ch of parts.checks) {
      t.checks.push(ch.name ? { name: ch.name, expression: ch.expression } : { expression: ch.expression });
      if (ch.column) tables.column(t, ch.column)?.checks.push(ch.expression);
    }
    for (const [name, expr] of parts.generated) {
      const c = tables.column(t, name);
      if (c && c.generated !== undefined) c.generated = expr;
    }
  }

  for (const [key, list] of pkCols) {
    const t = tables.byKey.get(key);
    if (!t) continue;
    list.sort((a, b) => a.pk - b.pk);
    const names = list.map((x) => x.name);
    applyKey(tables, t, 'pk', names);
    if (names.length === 1) {
      const c = tables.column(t, names[0]);
      if (c && /\bautoincrement\b/i.test(sqlOf.get(`table\u0000${t.name}`) ?? '')) c.autoIncrement = true;
    }
  }

  // PRAGMA foreign_key_list has no constraint names: they are only in the CREATE TABLE text, read by the SQL front end
  const namesByTable = new Map<string, Map<string, string> | undefined>();
  const fkNames = (table: string): Map<string, string> | undefined => {
    if (!namesByTable.has(table)) namesByTable.set(table, constraintNames(sqlOf.get(`table\u0000${table}`) ?? ''));
    return namesByTable.get(table);
  };
  const fks = groupBy(rows.foreignKeys, (r) => `${str(r['table'])}\u0000${str(r['id'])}`);
  for (const group of fks.values()) {
    const first = group[0];
    const t = tables.get(s, str(first['table']) ?? '');
    if (!t) continue;
    const refTable = str(first['ref_table']) ?? '';
    const from = group.map((r) => str(r['from']) ?? '');
    let to = group.map((r) => str(r['to']));
    if (to.some((x) => x === undefined)) {
      // REFERENCES t without columns: the referenced table's primary key
      const target = tables.byKey.get(`${s}.${refTable}`);
      const pk = pkCols.get(`${s}.${refTable}`);
      to = target && pk ? [...pk].sort((a, b) => a.pk - b.pk).map((x) => x.name) : to.map((x) => x ?? '');
    }
    const name = fkNames(t.name)?.get(fkKey(from, refTable));
    schema.relationships.push(fkRelationship(name, s, t.name, from, s, refTable, to.map((x) => x ?? ''), sqliteAction(str(first['on_delete'])), sqliteAction(str(first['on_update']))));
  }

  const idx = groupBy(rows.indexes, (r) => `${str(r['table'])}\u0000${str(r['name'])}`);
  for (const group of idx.values()) {
    const first = group[0];
    const t = tables.get(s, str(first['table']) ?? '');
    if (!t) continue;
    const origin = str(first['origin']);
    const name = str(first['name']) ?? '';
    if (origin === 'pk') continue;
    const cols = group.map((r) => (num(r['cid']) === -2 ? undefined : str(r['column'])));
    if (origin === 'u' && cols.every((c) => c !== undefined)) {
      applyKey(tables, t, 'unique', cols as string[]);
      continue;
    }
    const sql = sqlOf.get(`index\u0000${name}`) ?? '';
    const written = indexSqlParts(sql);
    const ix: Index = {
      name,
      parts: cols.map((c, i) => (c !== undefined ? { column: c } : { expression: written.parts[i] ?? '' })),
      unique: bool(first['unique']),
      primaryKey: false,
    };
    if (bool(first['partial']) && written.where) ix.where = written.where;
    t.indexes.push(ix);
  }

  finishRelationships(schema, tables);
  return { schema, warnings };
}

/**
 * CHECK constraints and generated-column expressions from a stored
 * `CREATE TABLE` text (the pragmas do not expose them). Quote-aware;
 * returns what it could find.
 */
export function tableSqlParts(sql: string): { checks: { name?: string; expression: string; column?: string }[]; generated: Map<string, string> } {
  const checks: { name?: string; expression: string; column?: string }[] = [];
  const generated = new Map<string, string>();
  const open = firstTopLevelParen(sql);
  if (open < 0) return { checks, generated };
  const close = closeParen(sql, open);
  for (const item of splitTopLevel(sql.slice(open + 1, close))) {
    let rest = item.trim();
    let name: string | undefined;
    if (/^constraint\b/i.test(rest)) {
      const id = readIdent(rest, 10);
      name = id.name;
      rest = rest.slice(id.end).trim();
    }
    if (/^check\b/i.test(rest)) {
      const p = rest.indexOf('(');
      if (p >= 0) checks.push(name ? { name, expression: rest.slice(p + 1, closeParen(rest, p)).trim() } : { expression: rest.slice(p + 1, closeParen(rest, p)).trim() });
      continue;
    }
    if (/^(primary|unique|foreign)\b/i.test(rest)) continue;
    const col = readIdent(rest, 0);
    if (!col.name) continue;
    let from = col.end;
    for (;;) {
      const at = findTopLevelWord(rest, 'check', from);
      if (at < 0) break;
      const p = rest.indexOf('(', at);
      if (p < 0) break;
      const end = closeParen(rest, p);
      const before = rest.slice(from, at);
      const cname = /constraint\s+("(?:[^"]|"")*"|`[^`]*`|\[[^\]]*\]|\w+)\s*$/i.exec(before);
      const expression = rest.slice(p + 1, end).trim();
      checks.push(cname ? { name: unquoteIdent(cname[1]), expression, column: col.name } : { expression, column: col.name });
      from = end + 1;
    }
    const as = findTopLevelWord(rest, 'as', col.end);
    if (as >= 0) {
      const p = rest.indexOf('(', as);
      if (p >= 0) generated.set(col.name, rest.slice(p + 1, closeParen(rest, p)).trim());
    }
  }
  return { checks, generated };
}

function firstTopLevelParen(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === "'" || ch === '"' || ch === '`' || ch === '[') i = skipQuoted(s, i);
    else if (ch === '(') return i;
  }
  return -1;
}

function closeParen(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const ch = s[i];
    if (ch === "'" || ch === '"' || ch === '`' || ch === '[') i = skipQuoted(s, i);
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  return s.length;
}

function splitTopLevel(body: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === "'" || ch === '"' || ch === '`' || ch === '[') i = skipQuoted(body, i);
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      out.push(body.slice(start, i));
      start = i + 1;
    }
  }
  out.push(body.slice(start));
  return out;
}

/** The identifier starting at or after `from` (quoted or bare) and where it ends. */
function readIdent(s: string, from: number): { name: string; end: number } {
  let i = from;
  while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r')) i++;
  const ch = s[i];
  if (ch === '"' || ch === '`' || ch === '[') {
    const end = skipQuoted(s, i);
    return { name: unquoteIdent(s.slice(i, end + 1)), end: end + 1 };
  }
  let j = i;
  while (j < s.length && (isWordChar(s.charCodeAt(j)) || s.charCodeAt(j) > 127)) j++;
  return { name: s.slice(i, j), end: j };
}

function unquoteIdent(q: string): string {
  const c = q[0];
  if (c === '"') return q.slice(1, -1).replace(/""/g, '"');
  if (c === '`') return q.slice(1, -1).replace(/``/g, '`');
  if (c === '[') return q.slice(1, -1);
  return q;
}

function sqliteAction(v: string | undefined) {
  return v && v.toUpperCase() !== 'NO ACTION' ? refAction(v) : v ? 'no action' : undefined;
}

/**
 * The parts list and WHERE text of a stored `CREATE INDEX ... ON t (a, expr) WHERE p`.
 * Quote-aware; returns what it could find.
 */
export function indexSqlParts(sql: string): { parts: string[]; where?: string } {
  const on = findTopLevelWord(sql, 'on', 0);
  if (on < 0) return { parts: [] };
  const open = sql.indexOf('(', on);
  if (open < 0) return { parts: [] };
  const parts: string[] = [];
  let depth = 0;
  let start = open + 1;
  let i = open;
  for (; i < sql.length; i++) {
    const ch = sql[i];
    if (ch === "'" || ch === '"' || ch === '`' || ch === '[') {
      i = skipQuoted(sql, i);
      continue;
    }
    if (ch === '(') depth++;
    else if (ch === ')') {
      if (--depth === 0) {
        parts.push(sql.slice(start, i).trim());
        break;
      }
    } else if (ch === ',' && depth === 1) {
      parts.push(sql.slice(start, i).trim());
      start = i + 1;
    }
  }
  const w = findTopLevelWord(sql, 'where', i + 1);
  return w >= 0 ? { parts, where: sql.slice(w + 5).trim().replace(/;$/, '').trim() } : { parts };
}

function skipQuoted(s: string, i: number): number {
  const close = s[i] === '[' ? ']' : s[i];
  for (let j = i + 1; j < s.length; j++) {
    if (s[j] === close) {
      if (close !== ']' && s[j + 1] === close) j++;
      else return j;
    }
  }
  return s.length;
}

/** Offset of a keyword at paren depth 0 outside quotes, from `from`; -1 when absent. */
function findTopLevelWord(s: string, word: string, from: number): number {
  let depth = 0;
  const n = word.length;
  for (let i = from; i < s.length; i++) {
    const ch = s[i];
    if (ch === "'" || ch === '"' || ch === '`' || ch === '[') {
      i = skipQuoted(s, i);
      continue;
    }
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0 && s.substr(i, n).toLowerCase() === word && !isWordChar(s.charCodeAt(i - 1)) && !isWordChar(s.charCodeAt(i + n))) return i;
  }
  return -1;
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function fkKey(from: readonly string[], refTable: string): string {
  return `${from.join('\u0001').toLowerCase()}\u0000${refTable.toLowerCase()}`;
}

/** Named FOREIGN KEY table constraints of a CREATE TABLE text: (columns, referenced table) -> name. */
function constraintNames(sql: string): Map<string, string> | undefined {
  if (!/\bconstraint\b/i.test(sql)) return undefined;
  let names: Map<string, string> | undefined;
  for (const st of parseSql(sql, 'sqlite').statements) {
    if (st.kind !== 'createTable') continue;
    for (const c of st.constraints) {
      if (c.kind !== 'foreignKey' || !c.name || !c.references) continue;
      const cols = c.parts.map((p) => p.column?.text ?? '');
      const ref = c.references.table.parts[c.references.table.parts.length - 1]?.text ?? '';
      (names ??= new Map()).set(fkKey(cols, ref), c.name.text);
    }
  }
  return names;
}
