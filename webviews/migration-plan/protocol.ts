/**
 * Every message between the migration plan panel and this webview. The
 * definitions live in server/src/engine/history/plan-protocol.ts so that the
 * client's TypeScript project, which cannot include files under webviews/,
 * compiles against the very same types.
 */
export type * from '../../server/src/engine/history/plan-protocol.js';
export type { Hazard, PlannedStatement, Phase } from '../../server/src/engine/migrate/types.js';
export type { RenameCandidate } from '../../server/src/engine/diff/types.js';
