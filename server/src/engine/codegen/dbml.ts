/**
 * DBML spelling for the `dbml` target: names quoted when they are no plain
 * identifiers, strings with DBML escapes, column types, and the settings
 * lists of columns and indexes.
 */
import type { ColumnView, IndexView } from './view-model.js';

/** A DBML name, double-quoted unless it is a plain identifier. */
export function dbmlName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A DBML string: `'...'`, or `'''...'''` for several lines. */
export function dbmlString(s: string): string {
  if (s.includes('\n')) return `'''${s.replace(/\\/g, '\\\\').replace(/'''/g, "\\'''")}'''`;
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** `schema.name`, the schema left out when it is DBML's default (`public`). */
export function dbmlQualified(schema: string, name: string): string {
  return schema === 'public' || !schema ? dbmlName(name) : `${dbmlName(schema)}.${dbmlName(name)}`;
}

/** The column's type as DBML writes it: as written when it reads as a type, quoted otherwise; enums by (qualified) name. */
export function dbmlType(c: ColumnView): string {
  if (c.enum) return dbmlQualified(c.enum.schema, c.enum.name) + (c.type.isArray ? '[]' : '');
  const raw = c.type.raw || c.type.name || 'text';
  if (/^[A-Za-z_][A-Za-z0-9_]*(\s*\(\s*[A-Za-z0-9_]+(\s*,\s*[A-Za-z0-9_]+)*\s*\))?(\[\])?$/.test(raw)) return raw;
  return `"${raw.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function dbmlDefault(c: ColumnView): string | undefined {
  const d = c.default;
  if (!d) return undefined;
  switch (d.kind) {
    case 'number': return /^-?[0-9]+(\.[0-9]+)?$/.test(d.value) ? d.value : `\`${d.value}\``;
    case 'boolean': return /^(true|1)$/i.test(d.value) ? 'true' : 'false';
    case 'null': return 'null';
    case 'string': case 'enum': return dbmlString(d.value);
    default: return d.value.includes('`') ? undefined : `\`${d.value}\``;
  }
}

/** ` [pk, increment, not null, unique, default: ..., note: '...']`, or '' when there is nothing to say. */
export function dbmlSettings(c: ColumnView, compositePk: boolean): string {
  const s: string[] = [];
  if (c.primaryKey && !compositePk) s.push('pk');
  if (c.autoIncrement) s.push('increment');
  if (!c.nullable && !(c.primaryKey && !compositePk)) s.push('not null');
  if (c.unique) s.push('unique');
  const d = dbmlDefault(c);
  if (d !== undefined) s.push(`default: ${d}`);
  if (c.note) s.push(`note: ${dbmlString(c.note)}`);
  return s.length ? ` [${s.join(', ')}]` : '';
}

/** ` [unique, name: '...', type: hash]` for an index. */
export function dbmlIndexSettings(ix: IndexView): string {
  const s: string[] = [];
  if (ix.unique) s.push('unique');
  s.push(`name: ${dbmlString(ix.name)}`);
  if (ix.type && /^(btree|hash)$/i.test(ix.type)) s.push(`type: ${ix.type.toLowerCase()}`);
  return ` [${s.join(', ')}]`;
}

/** A Ref endpoint's columns: `col`, or `(a, b)` for several. */
export function dbmlColumns(cols: readonly ColumnView[]): string {
  return cols.length === 1 ? dbmlName(cols[0].name) : `(${cols.map((c) => dbmlName(c.name)).join(', ')})`;
}
