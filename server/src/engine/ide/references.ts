/**
 * Find references: every occurrence of the symbol under the cursor, across
 * files, from the binder's occurrence index. A table's references include the
 * uses of its aliases (`U.id` refers to `users` through `as U`).
 */
import type { Workspace } from '../workspace.js';
import type { Occurrence } from '../model/symbols.js';
import type { Binding } from '../model/bind.js';
import type { Location } from './types.js';

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

/** Every place the symbol under the cursor is written; the declaration only when asked. */
export function references(ws: Workspace, uri: string, offset: number, includeDeclaration: boolean): Location[] {
  const hit = ws.occurrenceAt(uri, offset);
  if (!hit) return [];
  const b = ws.binding();
  const occs = occurrencesOf(b, hit.symbol.id, true);
  const locs: Location[] = [];
  for (const o of occs) {
    if (o.isDefinition && !includeDeclaration) continue;
    locs.push({ uri: o.uri, span: o.span });
  }
  if (includeDeclaration && !occs.some((o) => o.isDefinition)) locs.push({ uri: hit.symbol.uri, span: hit.symbol.nameSpan });
  return sortLocations(locs);
}
