/**
 * DataProfiler: infers a relational schema from rows fed one at a time by a
 * reader (the I/O edge). Per table it keeps one bounded `ColumnProfile` per
 * column, a capped set of row hashes (duplicate rows) and, for nested values,
 * child tables: an array of objects becomes `<table>_<key>` rows with a
 * foreign key to the parent row, an array of scalars `<table>_<key>(fk, value)`,
 * an object a one-to-one child; or nested values stay JSON columns
 * (`nested: 'json'`).
 *
 * `result()` resolves types, nullability, enums, candidate and primary keys,
 * relationships (nesting, then value inclusion between tables scored with the
 * name evidence of `engine/infer`), PII and the quality report. Pure: no I/O,
 * never throws on any row.
 */
import type { Column, Enum, Schema, Table } from '../../model/schema.js';
import { emptySchema, qualifiedKey } from '../../model/schema.js';
import { normaliseType } from '../../model/types.js';
import type { Evidence, InferredRelationship } from '../../infer/index.js';
import { singular, tokens } from '../../infer/names.js';
import { ColumnProfile, type ProfileLimits } from './column-profile.js';
import { resolveType, type ResolvedType } from './column-type.js';
import { detectPii, type PiiFinding } from './pii.js';
import { columnQuality, type FileQuality, type QualityReport, type TableQuality } from './quality.js';
import { inclusionRelationships, type ProfiledTable } from './relationships.js';
import { HashSet64, prng } from './sketches.js';
import { fmix32, Kind } from './values.js';

export interface DataProfilerOptions {
  /** nested objects and arrays: child tables with foreign keys (default) or JSON columns */
  nested?: 'tables' | 'json';
  /** exact value counts per column up to this many distinct values (default 1000) */
  distinctCap?: number;
  /** exact uniqueness per column up to this many values (default 100,000) */
  keySetCap?: number;
  /** reservoir sample per column (default 256) */
  sampleSize?: number;
  /** duplicate-row detection over at most this many rows per table (default 500,000) */
  duplicateCap?: number;
  /** schema (namespace) of the inferred tables (default `public`) */
  schema?: string;
  /** seed of the sampling PRNG (results are deterministic for a seed) */
  seed?: number;
}

export interface DataResultOptions {
  /** at most this many distinct values make a text column an enum (default 12; 0: no enums) */
  enumMaxValues?: number;
  /** enums need at least this many non-null values (default 20) */
  enumMinRows?: number;
  /** inclusion relationships below this confidence are dropped (default 0.5) */
  minConfidence?: number;
  /** file-level figures from the readers, copied into the quality report */
  files?: FileQuality[];
}

/** A unique, non-null column (a candidate key), with how uniqueness was established. */
export interface CandidateKey {
  table: string;
  columns: string[];
  uniqueness: 'exact' | 'estimated';
  primary: boolean;
}

export interface DataInference {
  schema: Schema;
  /** every relationship of `schema.relationships`, with its confidence and evidence */
  relationships: InferredRelationship[];
  candidateKeys: CandidateKey[];
  pii: PiiFinding[];
  quality: QualityReport;
}

interface ParentLink {
  parent: TableProfile;
  /** the child's column holding the parent key */
  fkColumn: string;
  /** the parent's key column */
  parentColumn: string;
  oneToOne: boolean;
}

class TableProfile implements ProfiledTable {
  rows = 0;
  readonly columns = new Map<string, ColumnProfile>();
  readonly order: ColumnProfile[] = [];
  duplicateRows = 0;
  duplicatesChecked = 0;
  rowHashes: HashSet64 | undefined;
  /** the parent key column chosen at the first nested value (the synthetic row number when the rows have no id) */
  keyColumn: string | undefined;
  /** the synthetic row-number column (`_row`, or `__row` when the data has a `_row`), when there is one */
  rowColumn: string | undefined;
  link: ParentLink | undefined;
  /** the header array of the last `addValues` call and its columns */
  header: readonly string[] | undefined;
  headerColumns: ColumnProfile[] = [];
  constructor(readonly name: string) {}
  column(name: string, limits: ProfileLimits): ColumnProfile {
    let c = this.columns.get(name);
    if (!c) {
      c = new ColumnProfile(name, limits);
      this.columns.set(name, c);
      this.order.push(c);
    }
    return c;
  }
}

const ID_NAMES = ['id', '_id', 'uuid', 'key', 'code'];
/** captured once: a module-namespace read per value is measurable */
const mix = fmix32;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

export class DataProfiler {
  private readonly tables = new Map<string, TableProfile>();
  private readonly limits: ProfileLimits;
  private readonly nested: 'tables' | 'json';
  private readonly duplicateCap: number;
  private readonly schemaName: string;

  constructor(options: DataProfilerOptions = {}) {
    this.limits = {
      distinctCap: options.distinctCap ?? 1000,
      keySetCap: options.keySetCap ?? 100_000,
      sampleSize: options.sampleSize ?? 256,
      random: prng(options.seed ?? 0x5eed),
    };
    this.nested = options.nested ?? 'tables';
    this.duplicateCap = options.duplicateCap ?? 500_000;
    this.schemaName = options.schema ?? 'public';
  }

  private table(name: string): TableProfile {
    let t = this.tables.get(name);
    if (!t) {
      t = new TableProfile(name);
      this.tables.set(name, t);
    }
    return t;
  }

  /** Adds one row of `table`; `line` (1-based) positions its findings. */
  add(table: string, row: Record<string, unknown>, line = 0): void {
    this.addRow(this.table(table), row, line);
  }

  /**
   * Adds one row given as parallel arrays (the CSV fast path: no row object).
   * `values[i]` belongs to `header[i]`; missing trailing values are absent.
   */
  addValues(table: string, header: readonly string[], values: readonly unknown[], line = 0): void {
    const t = this.table(table);
    t.rows++;
    let h1 = 0;
    let h2 = 0;
    // the same header array comes with every row of a file: resolve its columns once
    if (t.header !== header) {
      t.header = header;
      t.headerColumns = header.map((name) => t.column(name, this.limits));
    }
    const cols = t.headerColumns;
    const n = Math.min(header.length, values.length);
    for (let i = 0; i < n; i++) {
      const col = cols[i];
      const h = col.addValue(values[i], line);
      h1 = (h1 + mix(h ^ col.nameHash)) | 0;
      h2 ^= Math.imul(h, col.nameHash);
    }
    this.checkDuplicate(t, h1, h2);
  }

  private checkDuplicate(t: TableProfile, h1: number, h2: number): void {
    if (t.duplicatesChecked === 0 && t.rowHashes === undefined) t.rowHashes = new HashSet64(this.duplicateCap, 1024);
    const set = t.rowHashes;
    if (set === undefined) return;
    const added = set.add(h1, h2);
    if (added === 'full') {
      t.rowHashes = undefined;
      return;
    }
    if (added === false) t.duplicateRows++;
    t.duplicatesChecked++;
  }

  private addRow(t: TableProfile, row: Record<string, unknown>, line: number): void {
    t.rows++;
    let h1 = 0;
    let h2 = 0;
    let parentKey: unknown;
    for (const key in row) {
      const v = row[key];
      if (this.nested === 'tables' && typeof v === 'object' && v !== null && !(v instanceof Date)) {
        if (parentKey === undefined) parentKey = this.parentKeyOf(t, row);
        this.addNested(t, key, v, parentKey, line);
        continue;
      }
      // a field named like the synthetic row number (added before it appeared) is kept beside it
      const col = t.column(key === t.rowColumn ? `${key}_` : key, this.limits);
      const h = col.addValue(v, line);
      h1 = (h1 + mix(h ^ col.nameHash)) | 0;
      h2 ^= Math.imul(h, col.nameHash);
    }
    if (t.rowColumn !== undefined) {
      const col = t.column(t.rowColumn, this.limits);
      col.addText(String(t.rows), line, Kind.Integer);
    }
    this.checkDuplicate(t, h1, h2);
  }

  /** The value that identifies this row to its children: its id-like field, else the row number. */
  private parentKeyOf(t: TableProfile, row: Record<string, unknown>): unknown {
    if (t.keyColumn === undefined) {
      const own = `${singular(t.name.split('_').pop() ?? t.name)}_id`;
      for (const k of [...ID_NAMES, own]) {
        const v = row[k];
        if (v !== undefined && v !== null && typeof v !== 'object') {
          t.keyColumn = k;
          break;
        }
      }
      if (t.keyColumn === undefined) {
        let name = '_row';
        while (t.columns.has(name) || name in row) name = `_${name}`;
        t.keyColumn = name;
        t.rowColumn = name;
        // earlier rows are numbered too
        const col = t.column(name, this.limits);
        for (let i = 1; i < t.rows; i++) col.addText(String(i), 0, Kind.Integer);
      }
    }
    if (t.keyColumn === t.rowColumn) return t.rows;
    const v = row[t.keyColumn];
    // a row whose id is itself structured cannot be referenced: its children get a null parent
    return typeof v === 'object' ? null : v;
  }

  private childTable(parent: TableProfile, key: string, oneToOne: boolean): TableProfile {
    const name = `${parent.name}_${key}`;
    const child = this.table(name);
    if (!child.link) {
      const base = singular(tokens(parent.name).pop() ?? parent.name);
      const pk = parent.keyColumn ?? '_row';
      let fk = `${base}_${pk === parent.rowColumn ? 'row' : pk === 'id' || pk === '_id' ? 'id' : pk}`;
      if (pk.startsWith(`${base}_`)) fk = pk;
      child.link = { parent, fkColumn: fk, parentColumn: pk, oneToOne };
    }
    return child;
  }

  private addNested(t: TableProfile, key: string, v: object, parentKey: unknown, line: number): void {
    if (Array.isArray(v)) {
      const child = this.childTable(t, key, false);
      const fk = child.link!.fkColumn;
      for (const el of v) {
        if (isPlainObject(el)) this.addRow(child, { [fk]: parentKey, ...el }, line);
        else if (Array.isArray(el)) this.addRow(child, { [fk]: parentKey, value: el }, line);
        else this.addRow(child, { [fk]: parentKey, value: el }, line);
      }
      return;
    }
    const child = this.childTable(t, key, true);
    this.addRow(child, { [child.link!.fkColumn]: parentKey, ...(v as Record<string, unknown>) }, line);
  }

  /** Rows added so far, per table. */
  rowCounts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const t of this.tables.values()) out[t.name] = t.rows;
    return out;
  }

  /** Resolves everything seen so far into a schema, relationships, PII findings and the quality report. */
  result(options: DataResultOptions = {}): DataInference {
    const schema = emptySchema(this.schemaName);
    const enumMax = options.enumMaxValues ?? 12;
    const enumMin = options.enumMinRows ?? 20;
    const candidateKeys: CandidateKey[] = [];
    const pii: PiiFinding[] = [];
    const qualityTables: TableQuality[] = [];
    const profiled: { profile: TableProfile; table: Table; resolved: Map<string, ResolvedType>; keys: Set<string> }[] = [];

    for (const tp of this.tables.values()) {
      const table: Table = { key: qualifiedKey(this.schemaName, tp.name), schema: this.schemaName, name: tp.name, columns: [], indexes: [], checks: [], settings: {} };
      const resolved = new Map<string, ResolvedType>();
      const keys = new Set<string>();
      const rowCol = tp.rowColumn;
      const ordered = rowCol !== undefined ? [tp.columns.get(rowCol)!, ...tp.order.filter((c) => c.name !== rowCol)] : tp.order;
      for (const p of ordered) {
        const r = resolveType(p);
        resolved.set(p.name, r);
        const nonNull = p.nonNull === tp.rows;
        const u = p.uniqueness;
        const fam = r.type.family;
        const keyable = fam === 'integer' || fam === 'uuid' || ((fam === 'string' || fam === 'text') && p.maxLength <= 64);
        if (u && nonNull && keyable && tp.rows >= 2) keys.add(p.name);
        const col: Column = { name: p.name, type: r.type, nullable: !nonNull, nullabilityExplicit: true, primaryKey: false, unique: false, autoIncrement: false, checks: [], settings: {} };
        table.columns.push(col);
      }
      const pk = choosePrimaryKey(tp, table, keys);
      for (const c of table.columns) {
        if (c.name === pk) c.primaryKey = true;
        else if (keys.has(c.name) && distinctiveKeyName(c.name, c.type.family)) c.unique = true;
      }
      for (const k of keys) candidateKeys.push({ table: tp.name, columns: [k], uniqueness: tp.columns.get(k)!.uniqueness || 'estimated', primary: k === pk });
      // enums: few short text values, many rows, not a key, not a nesting foreign key
      if (enumMax > 0) {
        for (const c of table.columns) {
          const p = tp.columns.get(c.name)!;
          if (c.primaryKey || c.unique || c.name === tp.link?.fkColumn || !(c.type.family === 'string' || c.type.family === 'text')) continue;
          const counts = p.counts;
          if (!counts || counts.size < 2 || counts.size > enumMax || p.nonNull < Math.max(enumMin, counts.size * 3) || p.maxLength > 40) continue;
          if (p.kinds[Kind.Text] !== p.nonNull) continue;
          // personal data (first names, cities of an address) is never a closed list of values
          if (detectPii(tp.name, c.name, c.type, p.sample.items)) continue;
          const e: Enum = { key: qualifiedKey(this.schemaName, `${tp.name}_${c.name}`), schema: this.schemaName, name: `${tp.name}_${c.name}`, values: [...counts.keys()].sort().map((name) => ({ name })) };
          schema.enums.push(e);
          c.type = normaliseType(e.name, e.name, [], false, e.key);
        }
      }
      // rows without any field (`{}`) make no table: DBML and SQL need a column
      if (table.columns.length > 0) schema.tables.push(table);
      profiled.push({ profile: tp, table, resolved, keys });
    }

    // relationships: nesting first (structural), then value inclusion between tables
    const relationships: InferredRelationship[] = [];
    const byName = new Map(profiled.map((p) => [p.profile.name, p]));
    for (const p of profiled) {
      const link = p.profile.link;
      if (!link || p.table.columns.length === 0) continue;
      const parent = byName.get(link.parent.name)!;
      const ev: Evidence = { signal: 'data:nesting', weight: 1, detail: `${p.table.name} rows are nested in ${parent.table.name}.${link.fkColumn.replace(/_.*$/, '')}… values (${link.oneToOne ? 'an object' : 'an array'} per row)` };
      relationships.push({
        from: { schema: this.schemaName, table: p.table.name, columns: [link.fkColumn], tableKey: p.table.key },
        to: { schema: this.schemaName, table: parent.table.name, columns: [link.parentColumn], tableKey: parent.table.key },
        cardinality: link.oneToOne ? '1-1' : 'n-1',
        source: 'inferred',
        confidence: 1,
        evidence: [ev],
      });
    }
    const nestingFks = new Set(relationships.map((r) => `${r.from.tableKey}\u0000${r.from.columns[0]}`));
    relationships.push(
      ...inclusionRelationships(
        schema,
        profiled.map((p) => ({ table: p.table, profile: p.profile, keys: p.keys })),
        nestingFks,
        options.minConfidence ?? 0.5,
      ),
    );
    schema.relationships = relationships;

    for (const p of profiled) {
      const tq: TableQuality = { table: p.table.name, rows: p.profile.rows, duplicateRows: p.profile.duplicateRows, duplicatesChecked: p.profile.duplicatesChecked, columns: [] };
      for (const c of p.table.columns) {
        const prof = p.profile.columns.get(c.name)!;
        tq.columns.push(columnQuality(prof, p.resolved.get(c.name)!, p.profile.rows, p.keys.has(c.name)));
        if (c.name === p.profile.rowColumn || c.name === p.profile.link?.fkColumn) continue;
        const f = detectPii(p.table.name, c.name, p.resolved.get(c.name)!.type, prof.sample.items);
        if (f) pii.push(f);
      }
      qualityTables.push(tq);
    }
    for (const f of pii) {
      const t = schema.tables.find((x) => x.name === f.table);
      const c = t?.columns.find((x) => x.name === f.column);
      if (c) c.note = `PII: ${f.kind.replace('_', ' ')} (${f.category}, confidence ${f.confidence})`;
    }
    return { schema, relationships, candidateKeys, pii, quality: { files: options.files ?? [], tables: qualityTables } };
  }
}

/** Names that say a unique column is a key by design (not unique by chance in a small sample). */
function distinctiveKeyName(name: string, family: string): boolean {
  if (family === 'uuid') return true;
  const ws = tokens(name);
  const last = ws[ws.length - 1] ?? '';
  return ['id', 'key', 'code', 'uuid', 'guid', 'sku', 'email', 'username', 'login', 'slug', 'handle', 'no', 'number', 'isbn', 'ean', 'upc'].includes(last);
}

function choosePrimaryKey(tp: TableProfile, table: Table, keys: Set<string>): string | undefined {
  if (keys.size === 0) return undefined;
  const own = singular(tokens(tp.name).pop() ?? tp.name);
  const rank = (c: Column, i: number): number => {
    const ws = tokens(c.name);
    const flat = ws.join('');
    if (flat === 'id' || c.name === '_id') return 0;
    if (flat === `${own}id` || flat === `${own}key` || flat === `${own}code` || flat === `${own}no`) return 1;
    if (c.name === tp.rowColumn) return 2;
    if (c.type.family === 'uuid' && (flat === 'uuid' || flat === 'guid')) return 3;
    if (i === 0 && (ws[ws.length - 1] === 'id' || ws[ws.length - 1] === 'key' || ws[ws.length - 1] === 'code' || c.type.family === 'integer' || c.type.family === 'uuid')) return 4;
    return 99;
  };
  let best: Column | undefined;
  let bestRank = 99;
  table.columns.forEach((c, i) => {
    if (!keys.has(c.name)) return;
    // a nesting foreign key of a one-to-many child is never its primary key
    if (tp.link && c.name === tp.link.fkColumn && !tp.link.oneToOne) return;
    const r = rank(c, i);
    if (r < bestRank) {
      best = c;
      bestRank = r;
    }
  });
  return best?.name;
}
