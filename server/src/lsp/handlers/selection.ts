/** textDocument/selectionRange: expand/shrink selection along the syntax. */
import { SelectionRangeRequest } from '../lsp.js';
import * as ide from '../../engine/ide/index.js';
import { fromLspPosition, toLspSelectionRanges } from '../convert.js';
import { defineRequest } from './define.js';

export const selectionRangeHandler = defineRequest(SelectionRangeRequest.type, () => [], ({ ws }, params) => {
  const uri = params.textDocument.uri;
  const offsets = params.positions.map((p) => fromLspPosition(ws, uri, p));
  return toLspSelectionRanges(ws, uri, offsets, ide.selectionRanges(ws, uri, offsets));
});
