/**
 * The query checker (engine/query's `checkQueries`) for the request handlers.
 * engine/query imports node-sql-parser, which must not load on the path to
 * the first diagnostics: it is imported on first use (the first request in an
 * SQL file) or when server.ts sees an SQL file join the workspace, whichever
 * comes first, once (`loadQueryEngine`). Never loads it for DBML or Prisma
 * documents.
 */
import type { QueryCheckFn } from '../../engine/ide/index.js';
import type { ServerState } from '../state.js';

let checker: QueryCheckFn | undefined;
let loading: Promise<QueryCheckFn | undefined> | undefined;

/** Loads engine/query (dist/query.js) once; settles with its checker, or undefined when loading failed (logged once). */
export function loadQueryEngine(state: ServerState): Promise<QueryCheckFn | undefined> {
  loading ??= import('../../engine/query/index.js').then(
    (q) => (checker ??= q.checkQueries),
    (err: unknown) => {
      state.logError('query engine failed to load', err);
      return undefined;
    },
  );
  return loading;
}

/**
 * Which requests need the checker: `document` ones (hover, definition) only
 * in an SQL document; `workspace` ones (references, rename of a schema name,
 * which reach the queries of every SQL file) whenever the workspace has one.
 */
export type QueryScope = 'document' | 'workspace';

function needed(state: ServerState, uri: string, scope: QueryScope): boolean {
  if (state.ws.getFile(uri)?.language === 'sql') return true;
  return scope === 'workspace' && state.ws.files().some((f) => f.language === 'sql');
}

/**
 * The checker for a request on `uri`: at once when loaded; when the request
 * needs it, a promise that settles when it has loaded (undefined if loading
 * failed, which is logged once); undefined otherwise.
 */
export function queryEngineFor(state: ServerState, uri: string, scope: QueryScope = 'document'): QueryCheckFn | Promise<QueryCheckFn | undefined> | undefined {
  if (checker) return checker;
  if (!needed(state, uri, scope)) return undefined;
  return loadQueryEngine(state);
}

/**
 * Runs `answer` with the checker: synchronously when it is loaded or not
 * needed; after the load otherwise, with the Workspace brought up to date
 * again (documents may have changed while it loaded).
 */
export function withQueryEngine<R>(state: ServerState, uri: string, answer: (queries: QueryCheckFn | undefined) => R, scope: QueryScope = 'document'): R | Promise<R> {
  const q = queryEngineFor(state, uri, scope);
  if (!(q instanceof Promise)) return answer(q);
  return q.then((loaded) => {
    state.sync();
    return answer(loaded);
  });
}
