/** textDocument/hover: type, constraints, note and relationships of the name under the cursor (in SQL files' queries too). */
import { HoverRequest } from '../lsp.js';
import * as ide from '../../engine/ide/index.js';
import { fromLspPosition, toLspHover } from '../convert.js';
import { defineRequest } from './define.js';
import { withQueryEngine } from './query-engine.js';

export const hoverHandler = defineRequest(HoverRequest.type, () => null, (state, params) => {
  const uri = params.textDocument.uri;
  return withQueryEngine(state, uri, (queries) => {
    const { ws } = state;
    const h = ide.hover(ws, uri, fromLspPosition(ws, uri, params.position), queries);
    return h ? toLspHover(ws, uri, h) : null;
  });
});
