/**
 * The SchemaSage view container's views (Schema, Inferred Relationships) and
 * their commands. `registerViews` returns what the extension calls after each
 * diagnostics pass of the server.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { OutlineInferred } from '../protocol.js';
import { SchemaTreeProvider } from './schema-tree.js';
import { InferredTreeProvider, declareInferred } from './inferred-tree.js';

export interface Views {
  schema: SchemaTreeProvider;
  refresh(): void;
}

export function registerViews(context: vscode.ExtensionContext, client: LanguageClient): Views {
  const schema = new SchemaTreeProvider(client);
  const inferred = new InferredTreeProvider(schema);
  context.subscriptions.push(
    schema,
    inferred,
    vscode.window.createTreeView('schemasage.schema', { treeDataProvider: schema, showCollapseAll: true }),
    vscode.window.createTreeView('schemasage.inferred', { treeDataProvider: inferred }),
    vscode.commands.registerCommand('schemasage.refreshSchema', () => schema.refresh(0)),
    vscode.commands.registerCommand('schemasage.declareInferred', async (r: OutlineInferred) => {
      if (await declareInferred(r)) schema.refresh();
    }),
  );
  return { schema, refresh: () => schema.refresh() };
}
