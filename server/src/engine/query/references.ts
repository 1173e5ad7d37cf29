/**
 * The query reference under a cursor. Kept apart from `index.ts` so editor
 * features can use it without loading node-sql-parser (which `index.ts`
 * pulls in through the parser).
 */
import type { QueryCheck, QueryReference } from './types.js';

/**
 * The reference under `offset` (cursor semantics: touching the end counts),
 * the innermost when spans nest; for hover, definition and rename.
 */
export function referenceAt(check: Pick<QueryCheck, 'references'>, offset: number): QueryReference | undefined {
  let best: QueryReference | undefined;
  for (const r of check.references) {
    if (offset < r.span.start || offset > r.span.end) continue;
    if (!best || r.span.end - r.span.start < best.span.end - best.span.start) best = r;
  }
  return best;
}
