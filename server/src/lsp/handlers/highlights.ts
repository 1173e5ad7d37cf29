/** textDocument/documentHighlight: the occurrences of the name under the cursor in this file. */
import { DocumentHighlightRequest } from '../lsp.js';
import * as ide from '../../engine/ide/index.js';
import { fromLspPosition, toLspDocumentHighlights } from '../convert.js';
import { defineRequest } from './define.js';
import { withQueryEngine } from './query-engine.js';

export const documentHighlightHandler = defineRequest(DocumentHighlightRequest.type, () => [], (state, params) => {
  const uri = params.textDocument.uri;
  return withQueryEngine(state, uri, (queries) => toLspDocumentHighlights(state.ws, uri, ide.documentHighlights(state.ws, uri, fromLspPosition(state.ws, uri, params.position), queries)));
});
