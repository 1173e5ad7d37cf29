/**
 * Name lookup in the schema for queries, with each dialect's identifier
 * rules: PostgreSQL folds unquoted names to lower case and compares exactly
 * (the DDL front end stores names that way); MySQL, SQLite and SQL Server
 * compare case-insensitively. Unqualified table names look in the schema's
 * default schema first, then in any schema (the search path is unknown).
 * Indexes are built once per Schema object and cached weakly.
 */
import type { Column, Schema, Table } from '../model/schema.js';
import type { QueryDialect } from './types.js';

export interface CatalogIndex {
  schema: Schema;
  /** lower-cased table name -> tables of that name (all schemas) */
  byName: Map<string, Table[]>;
  /** per table: lower-cased column name -> columns */
  columns: WeakMap<Table, Map<string, Column[]>>;
}

const cache = new WeakMap<Schema, CatalogIndex>();

export function catalogFor(schema: Schema): CatalogIndex {
  let c = cache.get(schema);
  if (c) return c;
  const byName = new Map<string, Table[]>();
  for (const t of schema.tables) {
    const k = t.name.toLowerCase();
    const list = byName.get(k);
    if (list) list.push(t);
    else byName.set(k, [t]);
  }
  c = { schema, byName, columns: new WeakMap() };
  cache.set(schema, c);
  return c;
}

/** True when a name written in a query (`quoted` or not) denotes `actual` in `dialect`. */
export function nameMatches(dialect: QueryDialect, written: string, quoted: boolean, actual: string): boolean {
  if (dialect === 'postgres') return quoted ? written === actual : written.toLowerCase() === actual;
  return written.toLowerCase() === actual.toLowerCase();
}

export interface Lookup<T> {
  found?: T;
  /** PostgreSQL only: found only by ignoring case (the query must quote the name) */
  caseMismatch?: boolean;
}

function pick<T>(dialect: QueryDialect, written: string, quoted: boolean, list: T[], nameOf: (t: T) => string): Lookup<T> {
  for (const t of list) if (nameMatches(dialect, written, quoted, nameOf(t))) return { found: t };
  return list.length ? { found: list[0], caseMismatch: true } : {};
}

export function findTable(cat: CatalogIndex, dialect: QueryDialect, schemaName: { text: string; quoted: boolean } | undefined, name: string, quoted: boolean): Lookup<Table> {
  const all = cat.byName.get(name.toLowerCase());
  if (!all) return {};
  let list = all;
  if (schemaName) list = all.filter((t) => t.schema.toLowerCase() === schemaName.text.toLowerCase());
  else {
    const inDefault = all.filter((t) => t.schema === cat.schema.defaultSchema);
    if (inDefault.length) list = inDefault;
  }
  return pick(dialect, name, quoted, list, (t) => t.name);
}

export function findColumn(cat: CatalogIndex, dialect: QueryDialect, table: Table, name: string, quoted: boolean): Lookup<Column> {
  let m = cat.columns.get(table);
  if (!m) {
    m = new Map();
    for (const c of table.columns) {
      const k = c.name.toLowerCase();
      const l = m.get(k);
      if (l) l.push(c);
      else m.set(k, [c]);
    }
    cat.columns.set(table, m);
  }
  return pick(dialect, name, quoted, m.get(name.toLowerCase()) ?? [], (c) => c.name);
}

/** How a dialect would need the name written to find `actual` (for case-mismatch hints). */
export function quoteName(dialect: QueryDialect, actual: string): string {
  if (dialect === 'mysql') return '`' + actual + '`';
  if (dialect === 'mssql') return '[' + actual + ']';
  return '"' + actual.replace(/"/g, '""') + '"';
}
