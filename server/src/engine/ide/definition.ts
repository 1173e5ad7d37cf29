/**
 * Go to definition: the declaring name of the symbol under the cursor, read
 * from the binder's occurrence index. Never re-resolves names itself.
 */
import type { Workspace } from '../workspace.js';
import type { Location } from './types.js';

/** Where the name under the cursor is declared; empty when the cursor is on no known name. */
export function definition(ws: Workspace, uri: string, offset: number): Location[] {
  const hit = ws.occurrenceAt(uri, offset);
  if (!hit) return [];
  return [{ uri: hit.symbol.uri, span: hit.symbol.nameSpan }];
}
