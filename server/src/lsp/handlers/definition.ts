/** textDocument/definition: from a name to its declaration, across files (from SQL files' queries too). */
import { DefinitionRequest } from '../lsp.js';
import * as ide from '../../engine/ide/index.js';
import { fromLspPosition, toLspLocations } from '../convert.js';
import { defineRequest } from './define.js';
import { withQueryEngine } from './query-engine.js';

export const definitionHandler = defineRequest(DefinitionRequest.type, () => [], (state, params) => {
  const uri = params.textDocument.uri;
  return withQueryEngine(state, uri, (queries) => toLspLocations(state.ws, ide.definition(state.ws, uri, fromLspPosition(state.ws, uri, params.position), queries)));
});
