/** textDocument/hover: type, constraints, note and relationships of the name under the cursor. */
import { HoverRequest } from 'vscode-languageserver';
import * as ide from '../../engine/ide/index.js';
import { fromLspPosition, toLspHover } from '../convert.js';
import { defineRequest } from './define.js';

export const hoverHandler = defineRequest(HoverRequest.type, () => null, ({ ws }, params) => {
  const uri = params.textDocument.uri;
  const h = ide.hover(ws, uri, fromLspPosition(ws, uri, params.position));
  return h ? toLspHover(ws, uri, h) : null;
});
