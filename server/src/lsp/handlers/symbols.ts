/** textDocument/documentSymbol (outline) and workspace/symbol. */
import { DocumentSymbolRequest, WorkspaceSymbolRequest } from '../lsp.js';
import * as ide from '../../engine/ide/index.js';
import { toLspDocumentSymbol, toLspSymbolInformation, toLspWorkspaceSymbol } from '../convert.js';
import { defineRequest } from './define.js';

export const documentSymbolHandler = defineRequest(DocumentSymbolRequest.type, () => [], (state, params) => {
  const { ws } = state;
  const uri = params.textDocument.uri;
  const symbols = ide.documentSymbols(ws, uri);
  return state.hierarchicalDocumentSymbols ? symbols.map((s) => toLspDocumentSymbol(ws, uri, s)) : toLspSymbolInformation(ws, uri, symbols);
});

export const workspaceSymbolHandler = defineRequest(WorkspaceSymbolRequest.type, () => [], ({ ws }, params) => {
  return ide.workspaceSymbols(ws, params.query).map((s) => toLspWorkspaceSymbol(ws, s));
});
