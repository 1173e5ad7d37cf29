/** textDocument/semanticTokens/full (legend: SEMANTIC_TOKEN_TYPES/MODIFIERS of the engine). */
import { SemanticTokensRequest } from 'vscode-languageserver';
import * as ide from '../../engine/ide/index.js';
import { toLspSemanticTokens } from '../convert.js';
import { defineRequest } from './define.js';

export const semanticTokensHandler = defineRequest(SemanticTokensRequest.type, () => ({ data: [] }), ({ ws }, params) => {
  const uri = params.textDocument.uri;
  return toLspSemanticTokens(ws, uri, ide.semanticTokens(ws, uri));
});
