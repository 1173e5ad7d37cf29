/**
 * The handler table: every LSP request the server answers, one file each.
 * `server.ts` registers them all; capabilities are declared there.
 */
import type { HandlerRegistration } from './define.js';
import { codeActionHandler } from './code-actions.js';
import { completionHandler } from './completion.js';
import { definitionHandler } from './definition.js';
import { foldingRangeHandler } from './folding.js';
import { formattingHandler } from './formatting.js';
import { documentHighlightHandler } from './highlights.js';
import { hoverHandler } from './hover.js';
import { outlineHandler, schemaModelHandler } from './outline.js';
import { referencesHandler } from './references.js';
import { prepareRenameHandler, renameHandler } from './rename.js';
import { selectionRangeHandler } from './selection.js';
import { semanticTokensHandler, semanticTokensRangeHandler } from './semantic-tokens.js';
import { documentSymbolHandler, workspaceSymbolHandler } from './symbols.js';

export type { HandlerRegistration } from './define.js';
export { COMPLETION_TRIGGER_CHARACTERS } from './completion.js';
export { loadQueryEngine } from './query-engine.js';

export const handlers: HandlerRegistration[] = [
  hoverHandler,
  definitionHandler,
  referencesHandler,
  prepareRenameHandler,
  renameHandler,
  completionHandler,
  documentSymbolHandler,
  workspaceSymbolHandler,
  formattingHandler,
  foldingRangeHandler,
  selectionRangeHandler,
  semanticTokensHandler,
  semanticTokensRangeHandler,
  documentHighlightHandler,
  codeActionHandler,
  outlineHandler,
  schemaModelHandler,
];
