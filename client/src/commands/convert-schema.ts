/**
 * "SchemaSage: Convert Schema to…": the schema of the active file's unit (or
 * of the workspace) as SQL DDL of another dialect or a warehouse, opened as an
 * untitled SQL document, with the conversion report (every lossy or
 * approximate type, default, key or index, per column) as Markdown beside it.
 * Nothing is written to disk until the user saves.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ConvertRequest, type ConvertResponse } from '../protocol.js';
import type { Command } from './index.js';

const SCHEMA_LANGUAGES = new Set(['dbml', 'sql', 'prisma']);

const DIALECTS: { id: string; label: string; warehouse?: boolean }[] = [
  { id: 'postgres', label: 'PostgreSQL' },
  { id: 'mysql', label: 'MySQL / MariaDB' },
  { id: 'sqlite', label: 'SQLite' },
  { id: 'mssql', label: 'SQL Server' },
  { id: 'snowflake', label: 'Snowflake', warehouse: true },
  { id: 'bigquery', label: 'BigQuery', warehouse: true },
  { id: 'redshift', label: 'Amazon Redshift', warehouse: true },
  { id: 'databricks', label: 'Databricks (Delta)', warehouse: true },
];

export function convertSchemaCommand(client: LanguageClient): Command {
  return {
    id: 'schemasage.convertSchema',
    async run(_ctx, arg?: unknown) {
      const editor = vscode.window.activeTextEditor;
      const uri = arg instanceof vscode.Uri ? arg.toString() : editor && SCHEMA_LANGUAGES.has(editor.document.languageId) ? editor.document.uri.toString() : undefined;
      const pick = await vscode.window.showQuickPick(
        DIALECTS.map((d) => ({ label: d.label, description: d.warehouse ? vscode.l10n.t('warehouse') : '', id: d.id })),
        { title: vscode.l10n.t('Convert the schema to'), placeHolder: uri ? vscode.workspace.asRelativePath(vscode.Uri.parse(uri)) : vscode.l10n.t('the whole workspace'), ignoreFocusOut: true },
      );
      if (!pick) return;
      const r = await client.sendRequest<ConvertResponse>(ConvertRequest, { to: pick.id, ...(uri ? { uri } : {}) });
      if (!r.ok) {
        void vscode.window.showErrorMessage(vscode.l10n.t('SchemaSage: could not convert to {0}: {1}', pick.label, r.error));
        return;
      }
      const sql = await vscode.workspace.openTextDocument({ language: 'sql', content: r.sql });
      await vscode.window.showTextDocument(sql, { preview: false });
      const report = await vscode.workspace.openTextDocument({ language: 'markdown', content: r.markdown });
      await vscode.window.showTextDocument(report, { viewColumn: vscode.ViewColumn.Beside, preview: false, preserveFocus: true });
      void vscode.window.showInformationMessage(
        vscode.l10n.t('SchemaSage: {0} columns converted to {1}: {2} lossy, {3} approximate (see the report).', r.report.columns.length, pick.label, r.report.lossy, r.report.approximate),
      );
    },
  };
}
