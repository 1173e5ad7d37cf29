/**
 * textDocument/prepareRename and textDocument/rename (tables, columns, enums,
 * aliases, across files; the uses in SQL files' queries too). A refusal from the engine reaches the client as a
 * RequestFailed error carrying the engine's message, which editors show.
 */
import { LSPErrorCodes, PrepareRenameRequest, RenameRequest, ResponseError } from '../lsp.js';
import * as ide from '../../engine/ide/index.js';
import { fromLspPosition, toLspPrepareRename, toLspWorkspaceEdit } from '../convert.js';
import { defineRequest } from './define.js';
import { withQueryEngine } from './query-engine.js';

export const prepareRenameHandler = defineRequest(PrepareRenameRequest.type, () => null, (state, params) => {
  const uri = params.textDocument.uri;
  return withQueryEngine(state, uri, (queries) => {
    const { ws } = state;
    const r = ide.prepareRename(ws, uri, fromLspPosition(ws, uri, params.position), queries);
    if (!r) return null;
    if ('error' in r) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
    return toLspPrepareRename(ws, uri, r);
  });
});

export const renameHandler = defineRequest(RenameRequest.type, () => null, (state, params) => {
  const uri = params.textDocument.uri;
  return withQueryEngine(state, uri, (queries) => {
    const { ws } = state;
    const r = ide.rename(ws, uri, fromLspPosition(ws, uri, params.position), params.newName, queries);
    if ('error' in r) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
    return toLspWorkspaceEdit(ws, r.edit);
  }, 'workspace');
});
