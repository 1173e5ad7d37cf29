/**
 * textDocument/semanticTokens/full and /range (legend: SEMANTIC_TOKEN_TYPES/MODIFIERS of the engine). An
 * editor asks for the visible range of a large file first (5,000 tables: the whole file's tokens take
 * 0.3-0.45 s), then for the whole file.
 */
import { SemanticTokensRangeRequest, SemanticTokensRequest } from '../lsp.js';
import * as ide from '../../engine/ide/index.js';
import { fromLspRange, toLspSemanticTokens } from '../convert.js';
import { defineRequest } from './define.js';

export const semanticTokensHandler = defineRequest(SemanticTokensRequest.type, () => ({ data: [] }), ({ ws }, params) => {
  const uri = params.textDocument.uri;
  return toLspSemanticTokens(ws, uri, ide.semanticTokens(ws, uri));
});

export const semanticTokensRangeHandler = defineRequest(SemanticTokensRangeRequest.type, () => ({ data: [] }), ({ ws }, params) => {
  const uri = params.textDocument.uri;
  return toLspSemanticTokens(ws, uri, ide.semanticTokens(ws, uri, fromLspRange(ws, uri, params.range)));
});
