/**
 * Derived facts the rules share (primary keys, unique keys, index column
 * lists, relationships per table), computed once per schema object and cached
 * in a WeakMap so forty rules do not each rebuild them (a bound Schema is
 * treated as immutable: lint a new Schema object after changing one). Also the helpers that
 * turn a table or column into a finding's location. Pure and allocation-light.
 */
import type { Column, Relationship, Schema, Table } from '../model/schema.js';
import type { Span } from '../text/span.js';
import type { LintFinding, LintFix } from './types.js';

export interface TableFacts {
  table: Table;
  columnsByName: Map<string, Column>;
  /** primary key columns in key order ([] when none) */
  primaryKey: string[];
  /** every key that guarantees uniqueness: the primary key, unique columns, unique indexes (column parts only) */
  uniqueKeys: string[][];
  /** column lists of every index, PK and single-column unique constraints included (expression indexes skipped) */
  indexColumnLists: string[][];
  outgoing: Relationship[];
  incoming: Relationship[];
}

export interface SchemaFacts {
  tables: Map<string, TableFacts>;
}

const cache = new WeakMap<Schema, SchemaFacts>();

function indexColumns(parts: { column?: string; expression?: string }[]): string[] | undefined {
  const out: string[] = new Array(parts.length);
  for (let i = 0; i < parts.length; i++) {
    const column = parts[i].column;
    if (column === undefined) return undefined;
    out[i] = column;
  }
  return out;
}

function exact<T>(list: T[]): T[] {
  return list.length ? list.slice() : list;
}

/** The shared facts of a schema (built on first use, then cached for that object). */
export function factsOf(schema: Schema): SchemaFacts {
  const hit = cache.get(schema);
  if (hit) return hit;
  const tables = new Map<string, TableFacts>();
  for (const table of schema.tables) {
    const columnsByName = new Map<string, Column>();
    for (const c of table.columns) if (!columnsByName.has(c.name)) columnsByName.set(c.name, c);
    let primaryKey: string[] = [];
    const uniqueKeys: string[][] = [];
    const indexColumnLists: string[][] = [];
    for (const ix of table.indexes) {
      const cols = indexColumns(ix.parts);
      if (!cols || cols.length === 0) continue;
      indexColumnLists.push(cols);
      if (ix.primaryKey) primaryKey = cols;
      if (ix.primaryKey || ix.unique) uniqueKeys.push(cols);
    }
    if (primaryKey.length === 0) {
      const pkCols = table.columns.filter((c) => c.primaryKey).map((c) => c.name);
      if (pkCols.length) {
        primaryKey = pkCols;
        uniqueKeys.push(pkCols);
        indexColumnLists.push(pkCols);
      }
    }
    for (const c of table.columns) {
      if (c.unique) {
        uniqueKeys.push([c.name]);
        indexColumnLists.push([c.name]);
      }
    }
    // kept with the schema: lists made exactly as long as they are (a pushed-to array keeps room for 17)
    tables.set(table.key, { table, columnsByName, primaryKey, uniqueKeys: exact(uniqueKeys), indexColumnLists: exact(indexColumnLists), outgoing: [], incoming: [] });
  }
  for (const r of schema.relationships) {
    tables.get(r.from.tableKey)?.outgoing.push(r);
    tables.get(r.to.tableKey)?.incoming.push(r);
  }
  for (const f of tables.values()) {
    f.outgoing = exact(f.outgoing);
    f.incoming = exact(f.incoming);
  }
  const facts = { tables };
  cache.set(schema, facts);
  return facts;
}

/**
 * Drops the facts of a schema (a lint run calls it when its last rule is done): nothing outside a run
 * reads them, and at 5,000 tables they are 4-5 MB (a map of columns per table) that would otherwise
 * live as long as the schema. A later `factsOf` builds them again.
 */
export function releaseFacts(schema: Schema): void {
  cache.delete(schema);
}

/** True for a partition of another table (keys, relationships and indexes live on the parent). */
export function isPartition(t: Table): boolean {
  return t.settings['partition of'] !== undefined;
}

/** Location fields for a finding on a table, or on one of its columns. */
/** What a rule reports: a finding without its code and severity. */
export type Report = Omit<LintFinding, 'code' | 'severity'>;

/**
 * A finding on a table, or on one of its columns, located at the name. Built as
 * one literal of one shape (no spreads): thousands of findings on a big schema
 * stay cheap.
 */
export function at(table: Table, column: Column | undefined, message: string, fix?: LintFix): Report {
  const src = column?.source ?? table.source;
  return finding(table.key, column?.name, src?.uri, src?.nameSpan, message, fix);
}

/**
 * The one constructor of findings: code and severity are placeholders the
 * registry fills in, so every finding has the same shape from birth and needs
 * no copy.
 */
export function finding(tableKey: string | undefined, column: string | undefined, uri: string | undefined, span: Span | undefined, message: string, fix?: LintFix): LintFinding {
  // A message built from pieces is a tree of strings in V8; reading a character makes it flat, and made here,
  // still young, the next scavenge drops the tree (flattened later, in old space, its 32-byte head would stay)
  message.charCodeAt(0);
  return { code: '', severity: 'hint', message, tableKey, column, uri, span, related: undefined, fix };
}

/** True when both lists hold the same names in the same order. */
/** Each column of a table that is part of its primary or a unique key, once, with its table (views left out). */
export function* keyColumns(schema: Schema): Generator<{ table: Table; column: Column }> {
  const facts = factsOf(schema);
  for (const table of schema.tables) {
    if (table.isView) continue;
    const f = facts.tables.get(table.key);
    if (!f) continue;
    const seen = new Set<string>();
    for (const key of f.uniqueKeys) {
      for (const name of key) {
        const column = f.columnsByName.get(name);
        if (!column || seen.has(name)) continue;
        seen.add(name);
        yield { table, column };
      }
    }
  }
}

export function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** True when both lists hold the same names, in any order. */
export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (const x of a) if (!b.includes(x)) return false;
  return true;
}

/** True when the first `lead.length` entries of `list` are `lead`'s names, in any order. */
export function leadsWith(list: readonly string[], lead: readonly string[]): boolean {
  if (list.length < lead.length) return false;
  for (let i = 0; i < lead.length; i++) if (!lead.includes(list[i])) return false;
  return true;
}

/** A relationship as text, `posts(user_id) -> users(id)`. */
export function relText(r: Relationship): string {
  return `${r.from.table}(${r.from.columns.join(', ')}) -> ${r.to.table}(${r.to.columns.join(', ')})`;
}

/** Where the relationship was written, as a finding location on its `from` table. */
export function atRelationship(r: Relationship, from: TableFacts, message: string, fix?: LintFix): Report {
  const col = r.from.columns.length === 1 ? from.columnsByName.get(r.from.columns[0]) : undefined;
  const src = r.origin ?? col?.source ?? from.table.source;
  return finding(from.table.key, col ? col.name : r.from.columns[0], src?.uri, src?.nameSpan, message, fix);
}

/** Words of an identifier (snake, kebab, camel and Pascal case split), lowercased. */
export function words(name: string): string[] {
  const out: string[] = [];
  let start = -1;
  const n = name.length;
  for (let i = 0; i < n; i++) {
    const code = name.charCodeAt(i);
    const upper = code >= 65 && code <= 90;
    const alnum = upper || (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code > 127;
    if (!alnum) {
      if (start >= 0) out.push(name.slice(start, i).toLowerCase());
      start = -1;
      continue;
    }
    if (start < 0) {
      start = i;
      continue;
    }
    if (upper) {
      const prev = name.charCodeAt(i - 1);
      const prevLower = (prev >= 97 && prev <= 122) || (prev >= 48 && prev <= 57);
      const next = i + 1 < n ? name.charCodeAt(i + 1) : 0;
      const prevUpper = prev >= 65 && prev <= 90;
      if (prevLower || (prevUpper && next >= 97 && next <= 122)) {
        out.push(name.slice(start, i).toLowerCase());
        start = i;
      }
    }
  }
  if (start >= 0) out.push(name.slice(start).toLowerCase());
  return out;
}
