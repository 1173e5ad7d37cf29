/** textDocument/definition: from a name to its declaration, across files. */
import { DefinitionRequest } from 'vscode-languageserver';
import * as ide from '../../engine/ide/index.js';
import { fromLspPosition, toLspLocations } from '../convert.js';
import { defineRequest } from './define.js';

export const definitionHandler = defineRequest(DefinitionRequest.type, () => [], ({ ws }, params) => {
  const uri = params.textDocument.uri;
  return toLspLocations(ws, ide.definition(ws, uri, fromLspPosition(ws, uri, params.position)));
});
