/** textDocument/references: every use of the name under the cursor, across files. */
import { ReferencesRequest } from 'vscode-languageserver';
import * as ide from '../../engine/ide/index.js';
import { fromLspPosition, toLspLocations } from '../convert.js';
import { defineRequest } from './define.js';

export const referencesHandler = defineRequest(ReferencesRequest.type, () => [], ({ ws }, params) => {
  const uri = params.textDocument.uri;
  const offset = fromLspPosition(ws, uri, params.position);
  return toLspLocations(ws, ide.references(ws, uri, offset, params.context?.includeDeclaration ?? true));
});
