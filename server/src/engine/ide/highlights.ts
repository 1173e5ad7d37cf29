/**
 * Document highlights: the occurrences of the symbol under the cursor in the
 * same file; the declaration is a `write`, every use a `read`.
 */
import type { Workspace } from '../workspace.js';
import type { DocumentHighlight } from './types.js';
import { queryHighlights, type QueryCheckFn } from './queries.js';

/** Highlights of the name under the cursor; inside an SQL file's queries (with `queries` given), within the statement. */
export function documentHighlights(ws: Workspace, uri: string, offset: number, queries?: QueryCheckFn): DocumentHighlight[] {
  if (queries) {
    const q = queryHighlights(ws, uri, offset, queries);
    if (q !== undefined) return q;
  }
  const hit = ws.occurrenceAt(uri, offset);
  if (!hit) return [];
  const occs = ws.binding().occurrencesOf(hit.symbol.id);
  return occs
    .filter((o) => o.uri === uri)
    .map((o): DocumentHighlight => ({ span: o.span, kind: o.isDefinition ? 'write' : 'read' }))
    .sort((a, b) => a.span.start - b.span.start);
}
