/**
 * A small DDL printer for tests: a Schema (as introspection returns it) back
 * to CREATE TABLE / CREATE INDEX statements in one dialect, every identifier
 * quoted. Only what the name round-trip needs (columns with their catalog
 * type text and nullability, primary key, unique keys, indexes on columns,
 * foreign keys with actions, PostgreSQL schemas); the product's printer
 * comes from the code-generation work. Foreign keys follow the tables as
 * ALTER TABLE (SQLite: inside CREATE TABLE, the only place it takes them).
 */
import type { Relationship, Schema, Table } from '../../server/src/engine/model/schema.ts';
import { quoteIdent } from '../../server/src/engine/codegen/quote.ts';

export type PrintDialect = 'postgres' | 'mysql' | 'sqlite';

export function printDdl(schema: Schema, dialect: PrintDialect): string {
  const q = (name: string) => quoteIdent(name, dialect, true);
  const qt = (s: string, n: string) => (dialect === 'postgres' && s !== schema.defaultSchema ? `${q(s)}.${q(n)}` : q(n));
  const out: string[] = [];
  if (dialect === 'postgres') for (const s of schema.schemas) if (s !== schema.defaultSchema && schema.tables.some((t) => t.schema === s)) out.push(`CREATE SCHEMA ${q(s)};`);
  for (const t of schema.tables) {
    if (t.isView) continue;
    const lines: string[] = [];
    const pk: string[] = [];
    // table constraints after every column (SQLite insists)
    const uniques: string[] = [];
    for (const c of t.columns) {
      lines.push(`  ${q(c.name)} ${c.type.raw}${c.nullable ? '' : ' NOT NULL'}`);
      if (c.primaryKey) pk.push(c.name);
      if (c.unique) uniques.push(`  ${c.settings['uniqueName'] ? `CONSTRAINT ${q(c.settings['uniqueName'])} ` : ''}UNIQUE (${q(c.name)})`);
    }
    for (const ix of t.indexes) {
      if (ix.primaryKey) {
        for (const p of ix.parts) if (p.column) pk.push(p.column);
      } else if (ix.unique && !ix.name && ix.parts.every((p) => p.column !== undefined)) uniques.push(`  UNIQUE (${ix.parts.map((p) => q(p.column!)).join(', ')})`);
    }
    if (pk.length) lines.push(`  ${t.settings['primaryKeyName'] && dialect !== 'mysql' ? `CONSTRAINT ${q(t.settings['primaryKeyName'])} ` : ''}PRIMARY KEY (${pk.map(q).join(', ')})`);
    lines.push(...uniques);
    // SQLite takes foreign keys only inside CREATE TABLE (and resolves them late); the others get ALTER TABLE after all tables
    if (dialect === 'sqlite') for (const r of schema.relationships) if (r.from.tableKey === t.key) lines.push(`  ${fk(r)}`);
    out.push(`CREATE TABLE ${qt(t.schema, t.name)} (\n${lines.join(',\n')}\n);`);
    out.push(...indexes(t, dialect, q, qt));
  }
  if (dialect !== 'sqlite') for (const r of schema.relationships) out.push(`ALTER TABLE ${qt(r.from.schema, r.from.table)} ADD ${fk(r)};`);
  return out.join('\n') + '\n';

  function fk(r: Relationship): string {
    let s = `${r.name ? `CONSTRAINT ${q(r.name)} ` : ''}FOREIGN KEY (${r.from.columns.map(q).join(', ')}) REFERENCES ${qt(r.to.schema, r.to.table)} (${r.to.columns.map(q).join(', ')})`;
    if (r.onDelete && r.onDelete !== 'no action') s += ` ON DELETE ${r.onDelete.toUpperCase()}`;
    if (r.onUpdate && r.onUpdate !== 'no action') s += ` ON UPDATE ${r.onUpdate.toUpperCase()}`;
    return s;
  }
}

function indexes(t: Table, dialect: PrintDialect, q: (n: string) => string, qt: (s: string, n: string) => string): string[] {
  const out: string[] = [];
  for (const ix of t.indexes) {
    if (ix.primaryKey || ix.parts.some((p) => p.column === undefined) || (ix.unique && !ix.name)) continue;
    const cols = ix.parts.map((p) => q(p.column!)).join(', ');
    // PostgreSQL index names live in the table's schema: CREATE INDEX takes an unqualified name
    out.push(`CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX ${q(ix.name ?? `${t.name}_idx`)} ON ${qt(t.schema, t.name)} (${cols});`);
  }
  return out;
}
