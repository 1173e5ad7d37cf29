/** textDocument/codeAction: did-you-mean quick fixes for unknown names. */
import { CodeActionRequest } from '../lsp.js';
import type { Diagnostic } from '../../engine/diagnostics.js';
import * as ide from '../../engine/ide/index.js';
import { codeActionKindAllowed, fromLspDiagnostic, fromLspRange, toLspCodeAction } from '../convert.js';
import { defineRequest } from './define.js';

export const codeActionHandler = defineRequest(CodeActionRequest.type, () => [], ({ ws }, params) => {
  const uri = params.textDocument.uri;
  const sent = params.context.diagnostics.flatMap((d) => {
    const engine = fromLspDiagnostic(ws, uri, d);
    return engine ? [{ engine, lsp: d }] : [];
  });
  const diagnostics: Diagnostic[] = sent.map((s) => s.engine);
  return ide
    .codeActions(ws, uri, fromLspRange(ws, uri, params.range), diagnostics)
    .filter((a) => codeActionKindAllowed(a.kind, params.context.only))
    .map((a) => toLspCodeAction(ws, a, sent));
});
