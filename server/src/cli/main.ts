/**
 * The `schemasage` command line: argv -> command -> stdout/stderr + exit code.
 * Exit codes: 0 clean (warnings allowed), 1 errors found, 2 the command could
 * not run (usage error, unreadable path, internal failure).
 *
 * Holds argument parsing and dispatch only; each command lives in commands/.
 */
import { parseArgs } from 'node:util';
import { runCheck } from './commands/check.js';
import { parseDialect, UsageError, DIALECTS } from './files.js';

// Bundled by esbuild, which inlines the JSON; the path is from server/src/cli.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const VERSION: string = (require('../../../package.json') as { version: string }).version;

const HELP = `SchemaSage ${VERSION}: schema checks from the command line.

Usage:
  schemasage check <files or folders...> [--json] [--dialect <dialect>]
  schemasage --help | --version

Commands:
  check     Parse and bind every schema file given (folders are searched for
            *.dbml, skipping node_modules and .git) as one workspace, and
            report its diagnostics as 'file:line:col severity code message'.

Options:
  --json              Print one JSON object: tables, relationships, diagnostics.
  --dialect <d>       Read every file as <d> instead of detecting it from its
                      extension. Supported: ${DIALECTS.join(', ')}.
  -h, --help          Show this help.
  -v, --version       Show the version.

Exit status: 0 no errors, 1 errors found, 2 the command could not run.
`;

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
}

/** Runs one command line (without `node` and the script); returns the exit code. */
export function main(argv: string[], io: Io): number {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean' },
        dialect: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
    if (values.version) {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    const [command, ...rest] = positionals;
    if (values.help || command === 'help') {
      io.stdout(HELP);
      return 0;
    }
    if (!command) {
      io.stderr(HELP);
      return 2;
    }
    if (command !== 'check') throw new UsageError(`unknown command '${command}' (try --help)`);
    if (!rest.length) throw new UsageError(`check needs at least one file or folder`);
    const dialect = values.dialect !== undefined ? parseDialect(values.dialect) : undefined;
    return runCheck({ paths: rest, json: !!values.json, dialect, cwd: io.cwd }, io);
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`schemasage: ${(err as Error).message}\n`);
      return 2;
    }
    io.stderr(`schemasage: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 2;
  }
}

if (require.main === module) {
  // `schemasage check . | head` closes the pipe early: that is not a failure.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  process.exitCode = main(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
  });
}
