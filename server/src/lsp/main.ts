/**
 * Entry point of the language server bundle (dist/server.js). The transport
 * comes from argv, as vscode-languageserver reads it: `--node-ipc` (VS Code),
 * `--stdio` (any other editor), `--socket=N` or `--pipe=NAME`. `--version` and
 * `--help` print and exit. Nothing may write to stdout once serving over stdio.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { createConnection, ProposedFeatures } from './lsp.js';
import { startServer } from './server.js';
import { stdioTransport } from './transport.js';

const NAME = 'schemasage-language-server';

/** The extension's version from its package.json (next to dist/ when bundled). */
function version(): string {
  for (const candidate of [join(__dirname, '..', 'package.json'), join(__dirname, '..', '..', '..', 'package.json')]) {
    try {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'schemasage' && pkg.version) return pkg.version;
    } catch {
      // try the next location
    }
  }
  return '0.0.0';
}

const USAGE = `Usage: ${NAME} (--stdio | --node-ipc | --socket=<port> | --pipe=<name>)

The SchemaSage language server for DBML schemas.

  --stdio        talk LSP over stdin/stdout (any editor)
  --node-ipc     talk LSP over Node IPC (VS Code)
  --version      print the version and exit
  --help         print this help and exit
`;

const argv = process.argv.slice(2);
if (argv.includes('--version') || argv.includes('-v')) {
  process.stdout.write(`${version()}\n`);
} else if (argv.includes('--help') || argv.includes('-h')) {
  process.stdout.write(USAGE);
} else if (!argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
  process.stderr.write(USAGE);
  process.exitCode = 2;
} else if (argv.includes('--stdio')) {
  // our own stdio transport: its encoder serialises each diagnostic once (transport.ts)
  const [reader, writer] = stdioTransport();
  // stdout carries the protocol: console output goes to stderr (the client shows it in its output channel)
  const toStderr = (...args: unknown[]): void => void process.stderr.write(`${format(...args)}\n`);
  console.log = console.info = console.debug = console.warn = toStderr;
  const connection = createConnection(ProposedFeatures.all, reader, writer);
  // the client went away (an `exit` notification exits before this)
  for (const event of ['end', 'close'] as const) process.stdin.on(event, () => process.exit(0));
  startServer(connection, { name: NAME, version: version() });
  connection.listen();
} else {
  const connection = createConnection(ProposedFeatures.all);
  startServer(connection, { name: NAME, version: version() });
  connection.listen();
}
