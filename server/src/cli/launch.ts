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
import { prepareBundle } from '../lsp/code-cache.js';

const COMMANDS = new Set(['check', 'lint', 'introspect', 'diff', 'generate', 'convert', 'migrate', 'infer', 'drift']);
const command = process.argv.slice(2).find((a) => !a.startsWith('-'));

prepareBundle({ file: join(__dirname, 'cli-main.js'), name: `cli-${command && COMMANDS.has(command) ? command : 'other'}` }).run();
