/** textDocument/foldingRange: blocks, multi-line strings, comment runs. */
import { FoldingRangeRequest } from '../lsp.js';
import * as ide from '../../engine/ide/index.js';
import { toLspFoldingRanges } from '../convert.js';
import { defineRequest } from './define.js';

export const foldingRangeHandler = defineRequest(FoldingRangeRequest.type, () => [], ({ ws }, params) => {
  const uri = params.textDocument.uri;
  return toLspFoldingRanges(ws, uri, ide.foldingRanges(ws, uri));
});
