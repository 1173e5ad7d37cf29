/** textDocument/completion: keywords, settings, types, table and column names, enum values. */
import { CompletionRequest } from '../lsp.js';
import * as ide from '../../engine/ide/index.js';
import { fromLspPosition, toLspCompletionList } from '../convert.js';
import { defineRequest } from './define.js';

/**
 * Characters that open the completion list by themselves. `.` (a column after
 * a table), `[` (settings) and `~` (a TablePartial injection) are followed
 * directly by a name. Space and `:` are left out: the next keystroke after
 * them is usually another space or a letter, and letters trigger completion
 * anyway, so they would only pop lists up while typing prose in notes.
 */
export const COMPLETION_TRIGGER_CHARACTERS = ['.', '[', '~'];

export const completionHandler = defineRequest(CompletionRequest.type, () => [], ({ ws }, params) => {
  const uri = params.textDocument.uri;
  return toLspCompletionList(ws, uri, ide.completion(ws, uri, fromLspPosition(ws, uri, params.position)));
});
