/**
 * Every message between the ER diagram panel (extension host) and this
 * webview. The definitions live in server/src/engine/diagram/protocol.ts so
 * that the client's TypeScript project, which cannot include files under
 * webviews/, compiles against the very same types.
 */
export type * from '../../server/src/engine/diagram/protocol.js';
