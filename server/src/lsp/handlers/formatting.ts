/** textDocument/formatting: canonical, idempotent, comment-preserving DBML. */
import { DocumentFormattingRequest } from '../lsp.js';
import * as ide from '../../engine/ide/index.js';
import { fromLspFormattingOptions, toLspTextEdits } from '../convert.js';
import { defineRequest } from './define.js';

export const formattingHandler = defineRequest(DocumentFormattingRequest.type, () => [], ({ ws }, params) => {
  const uri = params.textDocument.uri;
  return toLspTextEdits(ws, uri, ide.format(ws, uri, fromLspFormattingOptions(params.options)));
});
