/**
 * dist/server.js: starts the language server bundle (dist/lsp.js) through a
 * V8 code cache (code-cache.ts): compiling the 6 MB bundle is the largest
 * fixed part of a cold start, and with the cache the functions that run on the
 * way to the first diagnostics come compiled too. The cache is written 8 s
 * after a start without one (the first diagnostics are out by then), or at
 * exit. Anything that fails here falls back to a plain `require`.
 */
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { prepareBundle } from './code-cache.js';

/**
 * V8 flags set once the first diagnostics are out (server.ts calls `__schemasageAfterFirstPass`), not at start:
 * old-generation growth fixed at 2.5x. V8 picks a factor between 1.1 and 4 after each full collection; typing
 * with pauses, every analysis a keystroke abandons leaves its work as garbage, and at 5,000 tables the server
 * reached 400-645 MB of RSS, 330-370 MB with the factor fixed. Set at start, it cost the first diagnostics
 * 20-27 ms (more full collections while the heap first grows). After a start that writes the code cache, only
 * once it is written: V8 stamps the cache with a hash of its flags.
 */
const AFTER_FIRST_PASS_FLAGS = ['--heap-growing-percent=150'];

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
(globalThis as { __schemasageAfterFirstPass?: () => void }).__schemasageAfterFirstPass = () => {
  const apply = () => {
    for (const flag of AFTER_FIRST_PASS_FLAGS) setFlagsFromString(flag);
  };
  if (prepared) prepared.afterWrite(apply);
  else apply();
};
startup.compiled = performance.now();
if (prepared) prepared.run();
else require(bundle);
startup.loaded = performance.now();
