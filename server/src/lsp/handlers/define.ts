/**
 * How a request handler is declared and wrapped. Every handler in this folder
 * is `defineRequest(type, empty, handle)`: the wrapper waits for the initial
 * folder scan, answers a cancelled request with RequestCancelled, brings the
 * Workspace up to date with the open documents, answers the empty result for
 * documents outside the workspace, and turns any exception into a log entry
 * (with its stack) and the empty result, so a bug in one feature never takes
 * the server down. Slow requests are logged with their duration.
 */
import type { CancellationToken, Connection, ProtocolRequestType, RequestHandler } from '../lsp.js';
import { LSPErrorCodes, ResponseError } from '../lsp.js';
import type { ServerState } from '../state.js';

/** A request above this many milliseconds is logged. */
const SLOW_MS = 200;

/** One entry of the handler table. */
export interface HandlerRegistration {
  method: string;
  register(connection: Connection, state: ServerState): void;
}

export function defineRequest<P, R, PR, E, RO>(
  type: ProtocolRequestType<P, R, PR, E, RO>,
  empty: () => R,
  handle: (state: ServerState, params: P, token: CancellationToken) => R | Promise<R>,
): HandlerRegistration {
  return {
    method: type.method,
    register(connection, state) {
      const handler = async (params: P, token: CancellationToken): Promise<R> => {
        await state.ready;
        if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
        const started = performance.now();
        try {
          state.sync();
          const uri = (params as { textDocument?: { uri?: string } } | undefined)?.textDocument?.uri;
          // an untitled DBML document is its own workspace (ServerState.scratch): the handler sees that one
          const other = (params as { uri?: unknown } | undefined)?.uri;
          const view = state.forUri(uri ?? (typeof other === 'string' ? other : undefined));
          if (uri !== undefined && !view.ws.getFile(uri)) return empty();
          return await handle(view, params, token);
        } catch (err) {
          // Deliberate protocol errors (a refused rename) go to the client as they are.
          if (err instanceof ResponseError) throw err;
          state.logError(`${type.method} failed`, err);
          return empty();
        } finally {
          const ms = performance.now() - started;
          if (ms > SLOW_MS) state.log(`${type.method} took ${ms.toFixed(0)} ms`);
        }
      };
      // The library's result type is conditional on R, which a generic R cannot satisfy.
      connection.onRequest(type, handler as unknown as RequestHandler<P, R, E>);
    },
  };
}
