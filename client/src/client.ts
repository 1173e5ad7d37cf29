/**
 * Builds the LanguageClient for the bundled server (dist/server.js). Knows which
 * documents the server serves and which file events it hears about; never starts
 * or stops the client itself (extension.ts and the commands do).
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { InitializationOptions } from './protocol.js';
import { serverEnvironment } from './server-env.js';

/** The languages the server serves: DBML, SQL (every dialect) and Prisma. */
export const SCHEMA_LANGUAGES = ['dbml', 'sql', 'prisma'] as const;
/** Workspace files whose changes on disk the server must hear about. */
export const SCHEMA_FILE_GLOB = '**/*.{dbml,prisma,sql,pgsql,psql,mysql,sqlite,tsql}';

/**
 * The Node flags the server runs with: one list, in server-node-flags.json, that the benchmark
 * (bench/run.mjs) starts the server with too, so what it measures is what users get. Chosen by
 * figures (start, first diagnostics and RSS at 5,000 tables; bench/README.md).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const SERVER_FLAGS = require('./server-node-flags.json') as { execArgv: string[]; movedEnv: Record<string, string>; defaultEnv: Record<string, string> };
export const SERVER_EXEC_ARGV: readonly string[] = SERVER_FLAGS.execArgv;

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const env = serverEnvironment(process.env, context.globalStorageUri.fsPath, SERVER_FLAGS.movedEnv, SERVER_FLAGS.defaultEnv);
  const serverOptions: ServerOptions = {
    // stdio: the server's own stdio writer serialises each diagnostic once (server/src/lsp/transport.ts);
    // over IPC Node would stringify every publish whole
    // the launcher (dist/server.js) keeps V8's compiled code of the server in the extension's global storage
    run: { module, transport: TransportKind.stdio, options: { env, execArgv: [...SERVER_EXEC_ARGV] } },
    debug: { module, transport: TransportKind.stdio, options: { env, execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: SCHEMA_LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    initializationOptions: initializationOptions(),
    synchronize: {
      // Settings changes reach the server as workspace/didChangeConfiguration.
      configurationSection: 'schemasage',
      fileEvents: [vscode.workspace.createFileSystemWatcher(SCHEMA_FILE_GLOB), vscode.workspace.createFileSystemWatcher('**/schemasage.config.json')],
    },
    outputChannel: output,
  };
  // The id 'schemasage' ties the client to the `schemasage.trace.server` setting.
  return new LanguageClient('schemasage', 'SchemaSage Language Server', serverOptions, clientOptions);
}

function initializationOptions(): InitializationOptions {
  const config = vscode.workspace.getConfiguration('schemasage');
  return {
    diagnostics: { debounceMs: config.get<number>('diagnostics.debounceMs'), maxPerFile: config.get<number>('diagnostics.maxPerFile') },
    dialects: config.get<Record<string, string>>('dialects'),
    lint: { enabled: config.get<boolean>('lint.enabled'), rules: config.get<Record<string, string>>('lint.rules') },
  };
}
