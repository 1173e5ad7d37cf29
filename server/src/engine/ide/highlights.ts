/**
 * Document highlights: the occurrences of the symbol under the cursor in the
 * same file; the declaration is a `write`, every use a `read`.
 */
import type { Workspace } from '../workspace.js';
import type { DocumentHighlight } from './types.js';

export function documentHighlights(ws: Workspace, uri: string, offset: number): DocumentHighlight[] {
  const hit = ws.occurrenceAt(uri, offset);
  if (!hit) return [];
  const occs = ws.binding().occurrencesOf(hit.symbol.id);
  return occs
    .filter((o) => o.uri === uri)
    .map((o): DocumentHighlight => ({ span: o.span, kind: o.isDefinition ? 'write' : 'read' }))
    .sort((a, b) => a.span.start - b.span.start);
}
