/**
 * dist/server.js: starts the language server bundle (dist/lsp.js) through a
 * V8 code cache (code-cache.ts): compiling the 6 MB bundle is the largest
 * fixed part of a cold start, and with the cache the functions that run on the
 * way to the first diagnostics come compiled too. The cache is written 8 s
 * after a start without one (the first diagnostics are out by then), or at
 * exit. Anything that fails here falls back to a plain `require`.
 */
import { join } from 'node:path';
import { prepareBundle } from './code-cache.js';

/** How long after start the cache is written (the first diagnostics are out by then); also written at exit. */
const WRITE_AFTER_MS = 8000;

const bundle = join(__dirname, 'lsp.js');
/** when the launcher began, the bundle was compiled and had run, in ms since the process started (logged at initialize) */
const startup = { launcher: performance.now(), compiled: 0, loaded: 0 };
(globalThis as { __schemasageStartup?: typeof startup }).__schemasageStartup = startup;
let prepared: ReturnType<typeof prepareBundle> | undefined;
try {
  prepared = prepareBundle({ file: bundle, name: 'lsp', writeAfterMs: WRITE_AFTER_MS });
} catch {
  // the bundle could not be read or compiled here: let require report it
}
// what the server logs at start (server.ts): whether this start used the cache
(globalThis as { __schemasageCodeCache?: string }).__schemasageCodeCache = prepared ? prepared.state : 'off';
startup.compiled = performance.now();
if (prepared) prepared.run();
else require(bundle);
startup.loaded = performance.now();
