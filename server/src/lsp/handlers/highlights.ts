/** textDocument/documentHighlight: the occurrences of the name under the cursor in this file. */
import { DocumentHighlightRequest } from 'vscode-languageserver';
import * as ide from '../../engine/ide/index.js';
import { fromLspPosition, toLspDocumentHighlights } from '../convert.js';
import { defineRequest } from './define.js';

export const documentHighlightHandler = defineRequest(DocumentHighlightRequest.type, () => [], ({ ws }, params) => {
  const uri = params.textDocument.uri;
  return toLspDocumentHighlights(ws, uri, ide.documentHighlights(ws, uri, fromLspPosition(ws, uri, params.position)));
});
