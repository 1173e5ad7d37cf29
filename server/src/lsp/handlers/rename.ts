/**
 * textDocument/prepareRename and textDocument/rename (tables, columns, enums,
 * aliases, across files). A refusal from the engine reaches the client as a
 * RequestFailed error carrying the engine's message, which editors show.
 */
import { LSPErrorCodes, PrepareRenameRequest, RenameRequest, ResponseError } from 'vscode-languageserver';
import * as ide from '../../engine/ide/index.js';
import { fromLspPosition, toLspPrepareRename, toLspWorkspaceEdit } from '../convert.js';
import { defineRequest } from './define.js';

export const prepareRenameHandler = defineRequest(PrepareRenameRequest.type, () => null, ({ ws }, params) => {
  const uri = params.textDocument.uri;
  const r = ide.prepareRename(ws, uri, fromLspPosition(ws, uri, params.position));
  if (!r) return null;
  if ('error' in r) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
  return toLspPrepareRename(ws, uri, r);
});

export const renameHandler = defineRequest(RenameRequest.type, () => null, ({ ws }, params) => {
  const uri = params.textDocument.uri;
  const r = ide.rename(ws, uri, fromLspPosition(ws, uri, params.position), params.newName);
  if ('error' in r) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
  return toLspWorkspaceEdit(ws, r.edit);
});
