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
  const activateStart = performance.now();
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

  // The language server starts in the background: activation does not wait for it (views and the
  // status bar show "starting" until it answers), so VS Code's activation time is the client's own.
  const serverStart = performance.now();
  void lc.start().then(
    () => {
      output.info(`language server ready ${Math.round(performance.now() - serverStart)} ms after activation`);
      status.connect((uri) => lc.sendRequest<FileInfo>(FileInfoRequest, { uri }));
      autoConnect(connections);
    },
    (err: unknown) => {
      // The client already logged the failure in the output channel; keep the
      // extension alive so that "Restart Language Server" can try again.
      output.error(`SchemaSage language server failed to start: ${err instanceof Error ? err.message : String(err)}`);
      status.setFailed();
    },
  );
  const marks = globalThis as { __schemasageLoadStart?: number; __schemasageLoadEnd?: number };
  const ms = (a?: number, b?: number): string => (a === undefined || b === undefined ? 'n/a' : `${(b - a).toFixed(1)} ms`);
  output.info(`activated: bundle load ${ms(marks.__schemasageLoadStart, marks.__schemasageLoadEnd)}, then ${ms(marks.__schemasageLoadEnd, activateStart)} until activate(), activate() ${ms(activateStart, performance.now())}`);
}

export async function deactivate(): Promise<void> {
  const lc = client;
  client = undefined;
  if (lc?.isRunning()) await lc.stop();
}
