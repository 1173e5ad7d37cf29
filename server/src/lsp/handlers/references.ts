/** textDocument/references: every use of the name under the cursor, across files, SQL files' queries included. */
import { ReferencesRequest } from '../lsp.js';
import * as ide from '../../engine/ide/index.js';
import { fromLspPosition, toLspLocations } from '../convert.js';
import { defineRequest } from './define.js';
import { withQueryEngine } from './query-engine.js';

export const referencesHandler = defineRequest(ReferencesRequest.type, () => [], (state, params) => {
  const uri = params.textDocument.uri;
  return withQueryEngine(state, uri, (queries) => {
    const { ws } = state;
    const offset = fromLspPosition(ws, uri, params.position);
    return toLspLocations(ws, ide.references(ws, uri, offset, params.context?.includeDeclaration ?? true, queries));
  }, 'workspace');
});
