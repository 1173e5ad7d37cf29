/**
 * Builds the LanguageClient for the bundled server (dist/server.js). Knows which
 * documents the server serves and which file events it hears about; never starts
 * or stops the client itself (extension.ts and the commands do).
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { InitializationOptions } from './protocol.js';

/** The languages the server serves: DBML, SQL (every dialect) and Prisma. */
export const SCHEMA_LANGUAGES = ['dbml', 'sql', 'prisma'] as const;
/** Workspace files whose changes on disk the server must hear about. */
export const SCHEMA_FILE_GLOB = '**/*.{dbml,prisma,sql,pgsql,psql,mysql,sqlite,tsql}';

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const env = { ...process.env, SCHEMASAGE_CACHE_DIR: context.globalStorageUri.fsPath };
  const serverOptions: ServerOptions = {
    // stdio: the server's own stdio writer serialises each diagnostic once (server/src/lsp/transport.ts);
    // over IPC Node would stringify every publish whole
    // the launcher (dist/server.js) keeps V8's compiled code of the server in the extension's global storage
    // a larger young generation: parsing a big schema allocates its tree fast, and the scavenger copying it
    // was a third of the time (docs/prisma-coverage.md); small workspaces never grow into it
    run: { module, transport: TransportKind.stdio, options: { env, execArgv: ['--max-semi-space-size=32'] } },
    debug: { module, transport: TransportKind.stdio, options: { env, execArgv: ['--max-semi-space-size=32', '--nolazy', '--inspect=6019'] } },
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
