/**
 * "SchemaSage: Change SQL Dialect": picks the dialect of the active SQL file
 * and records the choice in the workspace's `schemasage.dialects` setting (the
 * file's path as the glob), where the server reads it and where the user can
 * see and undo it. The file's own text is never changed.
 */
import * as vscode from 'vscode';
import type { Command } from './index.js';

/** The choices (product names are not translated; descriptions are, when they are words). */
function choices(): { label: string; dialect: string; description: string }[] {
  return [
    { label: 'PostgreSQL', dialect: 'postgres', description: vscode.l10n.t('also pg_dump output') },
    { label: 'MySQL / MariaDB', dialect: 'mysql', description: '' },
    { label: 'SQLite', dialect: 'sqlite', description: '' },
    { label: 'SQL Server', dialect: 'mssql', description: 'T-SQL' },
  ];
}

export const changeDialect: Command = {
  id: 'schemasage.changeDialect',
  async run(ctx, uriArg?: unknown) {
    const uri = uriArg instanceof vscode.Uri ? uriArg : vscode.window.activeTextEditor?.document.uri;
    if (!uri) return;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const rel = folder ? vscode.workspace.asRelativePath(uri, false) : uri.fsPath;
    const config = vscode.workspace.getConfiguration('schemasage', uri);
    const current = { ...(config.get<Record<string, string>>('dialects') ?? {}) };
    const items = [
      ...choices().map((c) => ({ ...c, picked: current[rel] === c.dialect })),
      { label: vscode.l10n.t('Detect automatically'), dialect: '', description: vscode.l10n.t('pragma, extension or content') },
    ];
    const pick = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('SQL dialect of {0}', rel), placeHolder: vscode.l10n.t('The dialect SchemaSage reads this file in') });
    if (!pick) return;
    if (pick.dialect) current[rel] = pick.dialect;
    else delete current[rel];
    await config.update('dialects', current, folder ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Global);
    ctx.status.refreshFile();
  },
};
