/**
 * dist/cli.js: starts the CLI bundle (dist/cli-main.js, entry bin.ts) through
 * the V8 code cache (lsp/code-cache.ts), written at exit after a run without
 * one, as dist/server.js does for the language server. A `schemasage check` of
 * a large schema saves the bundle's compilation (about 90 ms of CPU) and the
 * compilation of every function it runs.
 *
 * A cache holds the code of the functions that ran when it was written, so each
 * command keeps its own: a `--version` run would otherwise leave `check` a cache
 * of nothing it needs.
 */
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { prepareBundle } from '../lsp/code-cache.js';

// A batch run builds syntax trees that all live to the end. V8's allocation-site pretenuring notices that half-way
// and then throws away the optimised code of every function that allocates them (lazy deopts, "code dependencies"),
// which runs cold again until re-optimised: without it, `check` of 5,000 tables takes 10-15% less time
// (docs/performance.md). Set before the bundle is compiled, so the code cache's flag hash is the same on every run.
setFlagsFromString('--no-allocation-site-pretenuring');

const COMMANDS = new Set(['check', 'lint', 'introspect', 'diff', 'generate', 'convert', 'migrate', 'infer', 'drift']);
const command = process.argv.slice(2).find((a) => !a.startsWith('-'));

// `check` first (as it is written everywhere) runs a bundle of that command alone (esbuild.mjs): a fifth of the size
// to load; anything else, the whole CLI
const bundle = process.argv[2] === 'check' ? 'cli-check.js' : 'cli-main.js';

prepareBundle({ file: join(__dirname, bundle), name: `cli-${command && COMMANDS.has(command) ? command : 'other'}` }).run();
