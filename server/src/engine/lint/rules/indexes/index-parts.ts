/**
 * Index comparison helpers for the index rules: an index's parts as one
 * comparable list (columns and expressions), and where an index was written.
 */
import type { Index, Table } from '../../../model/schema.js';
import { at, type Report } from '../../facts.js';

/** Parts as comparable strings: `c:name` for a column, `e:text` for an expression (whitespace removed, lowercased). */
export function partKeys(ix: Index): string[] {
  return ix.parts.map((p) => (p.column !== undefined ? `c:${p.column}` : `e:${(p.expression ?? '').replace(/\s+/g, '').toLowerCase()}`));
}

/** A label for messages: the name, or the column list. */
export function indexLabel(ix: Index): string {
  const cols = ix.parts.map((p) => p.column ?? p.expression ?? '?').join(', ');
  return ix.name ? `'${ix.name}' (${cols})` : `(${cols})${ix.primaryKey ? ' [pk]' : ix.unique ? ' [unique]' : ''}`;
}

/** Location of an index finding: the index's own source when it has one, else its table. */
export function atIndex(table: Table, ix: Index, message: string): Report {
  const loc = at(table, undefined, message);
  if (ix.source) {
    loc.uri = ix.source.uri;
    loc.span = ix.source.nameSpan;
  } else if (ix.parts[0]?.span && table.source) {
    loc.span = ix.parts[0].span;
  }
  return loc;
}

/** True when both indexes filter the same rows and use the same access method. */
export function sameKind(a: Index, b: Index): boolean {
  return (a.where ?? '').replace(/\s+/g, '') === (b.where ?? '').replace(/\s+/g, '') && (a.type ?? 'btree').toLowerCase() === (b.type ?? 'btree').toLowerCase();
}
