/**
 * Find references: every occurrence of the symbol under the cursor, across
 * files, from the binder's occurrence index. A table's references include the
 * uses of its aliases (`U.id` refers to `users` through `as U`).
 */
import type { Workspace } from '../workspace.js';
import type { Occurrence } from '../model/symbols.js';
import type { Binding } from '../model/bind.js';
import type { Location } from './types.js';
import { queryOccurrences, queryReferenceTarget, type QueryCheckFn, type QueryTarget } from './queries.js';

/** The occurrences of `symbolId`, plus, for a table, the uses of its aliases. */
export function occurrencesOf(b: Binding, symbolId: number, withAliasUses: boolean): Occurrence[] {
  const own = b.occurrencesOf(symbolId);
  const sym = b.symbol(symbolId);
  if (!withAliasUses || sym?.kind !== 'table') return own;
  const extra: Occurrence[] = [];
  for (const s of b.symbols) {
    if (s.kind === 'alias' && s.parent === symbolId) {
      for (const o of b.occurrencesOf(s.id)) if (!o.isDefinition) extra.push(o);
    }
  }
  return extra.length ? [...own, ...extra] : own;
}

/** Sorts locations by file then offset and drops duplicates. */
export function sortLocations(locs: Location[]): Location[] {
  const seen = new Set<string>();
  const out: Location[] = [];
  for (const l of locs) {
    const k = `${l.uri}#${l.span.start}:${l.span.end}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(l);
  }
  return out.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.span.start - b.span.start));
}

/**
 * Every place the symbol under the cursor is written; the declaration only
 * when asked. With `queries` (engine/query's `checkQueries`), a table's or
 * column's uses in the queries of SQL files are included, and the cursor may
 * be on a name inside a query.
 */
export function references(ws: Workspace, uri: string, offset: number, includeDeclaration: boolean, queries?: QueryCheckFn): Location[] {
  if (queries) {
    const q = queryReferenceTarget(ws, uri, offset, queries);
    if (q !== undefined) {
      if (!q.target) return sortLocations(q.locations);
      return referencesOfTarget(ws, q.target, includeDeclaration, queries);
    }
  }
  const hit = ws.occurrenceAt(uri, offset);
  if (!hit) return [];
  const b = ws.binding();
  if (queries) {
    const t = b.target(hit.symbol.id);
    if (t.kind === 'table' || t.kind === 'column') {
      return sortLocations([...symbolReferences(ws, hit.symbol.id, includeDeclaration), ...queryOccurrences(ws, t.kind === 'column' ? { table: t.table, column: t.column } : { table: t.table }, queries)]);
    }
  }
  return symbolReferences(ws, hit.symbol.id, includeDeclaration);
}

/** The uses of a schema table or column named from a query: its symbol's occurrences and the query uses. */
function referencesOfTarget(ws: Workspace, target: QueryTarget, includeDeclaration: boolean, queries: QueryCheckFn): Location[] {
  const b = ws.binding();
  const key = target.column ? `${target.table.key}.${target.column.name}` : target.table.key;
  const id = target.column ? b.columnSymbol(key) : b.tableSymbol(key);
  const own = id !== undefined ? symbolReferences(ws, id, includeDeclaration) : [];
  const decl = target.column?.source ?? target.table.source;
  if (includeDeclaration && decl && id === undefined) own.push({ uri: decl.uri, span: decl.nameSpan });
  return sortLocations([...own, ...queryOccurrences(ws, target, queries)]);
}

function symbolReferences(ws: Workspace, symbolId: number, includeDeclaration: boolean): Location[] {
  const b = ws.binding();
  const symbol = b.symbol(symbolId);
  if (!symbol) return [];
  const hit = { symbol };
  const occs = occurrencesOf(b, hit.symbol.id, true);
  const locs: Location[] = [];
  for (const o of occs) {
    if (o.isDefinition && !includeDeclaration) continue;
    locs.push({ uri: o.uri, span: o.span });
  }
  if (includeDeclaration && !occs.some((o) => o.isDefinition)) locs.push({ uri: hit.symbol.uri, span: hit.symbol.nameSpan });
  return sortLocations(locs);
}
