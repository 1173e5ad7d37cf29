/**
 * The Connections view and its commands. Connections are only opened when the
 * user expands or refreshes one; `schemasage.connections.autoConnect` (ignored
 * in untrusted workspaces, and restricted there by the manifest) introspects
 * every saved connection at start.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ConnectionStore, setEmbeddedStorage } from './profiles.js';
import { ConnectionsTreeProvider } from './tree.js';
import { MigrationsTreeProvider } from '../views/migrations-tree.js';
import { registerConnectionCommands } from './commands.js';

export function registerConnections(context: vscode.ExtensionContext, client: LanguageClient): ConnectionsTreeProvider {
  setEmbeddedStorage(context.globalStorageUri, context.extension.id);
  const store = new ConnectionStore(context.secrets, context.globalStorageUri);
  const tree = new ConnectionsTreeProvider(client, store);
  const migrations = new MigrationsTreeProvider(client, store);
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.sql');
  context.subscriptions.push(
    tree,
    migrations,
    watcher,
    vscode.window.createTreeView('schemasage.connections', { treeDataProvider: tree, showCollapseAll: true }),
    vscode.window.createTreeView('schemasage.migrations', { treeDataProvider: migrations }),
    vscode.commands.registerCommand('schemasage.refreshMigrations', () => migrations.refresh()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('schemasage.connections')) tree.refresh();
      if (e.affectsConfiguration('schemasage.connections') || e.affectsConfiguration('schemasage.migrations')) migrations.refresh();
    }),
    // a migration written or applied changes the statuses
    watcher.onDidCreate(() => migrations.refresh()),
    watcher.onDidChange(() => migrations.refresh()),
    tree.onDidChangeTreeData(() => migrations.refresh()),
  );
  registerConnectionCommands(context, client, tree);
  return tree;
}

/** Introspects every saved connection once the server runs, when allowed. */
export function autoConnect(tree: ConnectionsTreeProvider): void {
  if (!vscode.workspace.isTrusted) return;
  if (!vscode.workspace.getConfiguration('schemasage').get<boolean>('connections.autoConnect')) return;
  for (const profile of tree.store.list()) void tree.load(profile);
}
