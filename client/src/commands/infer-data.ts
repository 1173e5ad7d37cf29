/**
 * "SchemaSage: Infer Schema from Data…": on data files or folders (explorer
 * selection, or a picker), with a cancellable progress notification; the
 * inferred schema opens as a new DBML document and the data-quality report
 * beside it. Rows that could not be read are listed in the output channel.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DataReportPanel } from '../panels/DataReportPanel.js';
import { DataInferRequest, DataProgressNotification, type DataInferResult } from '../protocol.js';
import type { Command } from './index.js';

export function inferDataCommand(client: LanguageClient): Command {
  return {
    id: 'schemasage.inferFromData',
    async run(ctx, arg?: unknown, selection?: unknown) {
      let uris: vscode.Uri[] = Array.isArray(selection) ? selection.filter((u): u is vscode.Uri => u instanceof vscode.Uri) : arg instanceof vscode.Uri ? [arg] : [];
      if (!uris.length) {
        uris =
          (await vscode.window.showOpenDialog({
            canSelectMany: true,
            canSelectFolders: true,
            openLabel: 'Infer schema',
            filters: { 'Data files': ['json', 'jsonl', 'ndjson', 'csv', 'tsv', 'yaml', 'yml', 'xml'] },
          })) ?? [];
      }
      if (!uris.length) return;
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Inferring a schema from data', cancellable: true },
        async (progress, token) => {
          const sub = client.onNotification(DataProgressNotification, (p: { done: number; total: number; path: string; rows: number }) => {
            progress.report({ message: `${vscode.workspace.asRelativePath(p.path)}: ${p.rows} rows (${p.done}/${p.total})`, increment: 100 / Math.max(1, p.total) });
          });
          try {
            return await client.sendRequest<DataInferResult>(DataInferRequest, { paths: uris.map((u) => u.fsPath) }, token);
          } catch (err) {
            return { ok: false as const, error: token.isCancellationRequested ? 'cancelled' : String((err as Error).message ?? err) };
          } finally {
            sub.dispose();
          }
        },
      );
      if (!result.ok) {
        if (result.error !== 'cancelled') void vscode.window.showErrorMessage(`SchemaSage: could not infer a schema: ${result.error}`);
        return;
      }
      for (const e of result.errors) ctx.output.warn(`${vscode.workspace.asRelativePath(e.path)}:${e.line}:${e.column} ${e.message}`);
      const doc = await vscode.workspace.openTextDocument({ language: 'dbml', content: result.dbml });
      await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.One });
      DataReportPanel.show(ctx.extensionContext, `${result.files} file${result.files === 1 ? '' : 's'}, ${result.rows} rows`, result.report, result.pii);
      if (result.errors.length) void vscode.window.showWarningMessage(`SchemaSage: ${result.errors.length} row${result.errors.length === 1 ? '' : 's'} could not be read (see the SchemaSage output).`);
    },
  };
}
