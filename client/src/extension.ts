/**
 * SchemaSage's VS Code entry point: starts the language server (dist/server.js)
 * over IPC, gives it an output channel, shows its status in the status bar and
 * registers the client's commands. Everything a user sees about schemas comes
 * from the server; this shell never parses or binds a schema itself.
 */
import * as vscode from 'vscode';
import { createLanguageClient } from './client.js';
import { registerCommands } from './commands/index.js';
import { SchemaStatusBar } from './status.js';
import { registerViews } from './views/index.js';
import { followEditor } from './commands/show-diagram.js';
import { autoConnect, registerConnections } from './connections/index.js';
import { wireAi } from './ai-wiring.js';
import { FileInfoRequest, StatusNotification, type FileInfo, type StatusParams } from './protocol.js';
import type { LanguageClient } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('SchemaSage', { log: true });
  const status = new SchemaStatusBar();
  context.subscriptions.push(output, status);

  client = createLanguageClient(context, output);
  const lc = client;
  const views = registerViews(context, lc);
  const connections = registerConnections(context, lc);
  wireAi(context, lc, output);
  context.subscriptions.push(
    lc.onDidChangeState((e) => status.setState(e.newState)),
    lc.onNotification(StatusNotification, (params: StatusParams) => {
      status.update(params);
      status.refreshFile();
      // one handler per notification method in the client: everything that follows the server's passes goes here
      views.refresh();
      diagram.refresh();
    }),
  );
  registerCommands(context, { client: lc, output, status, extensionContext: context });
  const diagram = followEditor(context);

  try {
    await lc.start();
    status.connect((uri) => lc.sendRequest<FileInfo>(FileInfoRequest, { uri }));
    autoConnect(connections);
  } catch (err) {
    // The client already logged the failure in the output channel; keep the
    // extension alive so that "Restart Language Server" can try again.
    output.error(`SchemaSage language server failed to start: ${err instanceof Error ? err.message : String(err)}`);
    status.setFailed();
  }
}

export async function deactivate(): Promise<void> {
  const lc = client;
  client = undefined;
  if (lc?.isRunning()) await lc.stop();
}
