/**
 * Editor features over a Workspace, as plain data (offsets, spans, uris).
 * One feature per file; this table lists them all. Called by the language
 * server's handlers, the CLI and tests; never imports protocol types.
 */
export * from './types.js';
export { hover } from './hover.js';
export { definition } from './definition.js';
export { references } from './references.js';
export { prepareRename, rename } from './rename.js';
export { completion } from './completion.js';
export { documentSymbols, workspaceSymbols } from './symbols.js';
export { format, formatDbml } from './format.js';
export { foldingRanges } from './folding.js';
export { selectionRanges } from './selection.js';
export { semanticTokens } from './semantic-tokens.js';
export { documentHighlights } from './highlights.js';
export { codeActions } from './code-actions.js';
export { queryHover, queryDefinition, queryCompletion, queryHighlights, queryOccurrences, queryReferenceTarget, queryStatementAt, querySchemaOf } from './queries.js';
export type { QueryCheckFn, QueryContext, QueryTarget } from './queries.js';
