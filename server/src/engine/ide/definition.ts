/**
 * Go to definition: the declaring name of the symbol under the cursor, read
 * from the binder's occurrence index. Never re-resolves names itself.
 */
import type { Workspace } from '../workspace.js';
import type { Location } from './types.js';
import { queryDefinition, type QueryCheckFn } from './queries.js';

/**
 * Where the name under the cursor is declared; empty when the cursor is on no
 * known name. Inside an SQL file's queries, with `queries` (engine/query's
 * `checkQueries`) given: the table's or column's declaration in the schema
 * files, or the alias's definition in the statement.
 */
export function definition(ws: Workspace, uri: string, offset: number, queries?: QueryCheckFn): Location[] {
  if (queries) {
    const q = queryDefinition(ws, uri, offset, queries);
    if (q !== undefined) return q;
  }
  const hit = ws.occurrenceAt(uri, offset);
  if (!hit) return [];
  return [{ uri: hit.symbol.uri, span: hit.symbol.nameSpan }];
}
