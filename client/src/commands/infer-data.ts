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
import { isSingular } from '../views/plural.js';
import type { Command } from './index.js';

/** The report's title: how many files and rows, each in its own plural form. */
function reportTitle(files: number, rows: number): string {
  const oneFile = isSingular(files);
  if (isSingular(rows)) return oneFile ? vscode.l10n.t('{0} file, {1} row', files, rows) : vscode.l10n.t('{0} files, {1} row', files, rows);
  return oneFile ? vscode.l10n.t('{0} file, {1} rows', files, rows) : vscode.l10n.t('{0} files, {1} rows', files, rows);
}

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
            openLabel: vscode.l10n.t('Infer schema'),
            filters: { [vscode.l10n.t('Data files')]: ['json', 'jsonl', 'ndjson', 'csv', 'tsv', 'yaml', 'yml', 'xml'] },
          })) ?? [];
      }
      if (!uris.length) return;
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Inferring a schema from data'), cancellable: true },
        async (progress, token) => {
          const sub = client.onNotification(DataProgressNotification, (p: { done: number; total: number; path: string; rows: number }) => {
            const path = vscode.workspace.asRelativePath(p.path);
            progress.report({ message: isSingular(p.rows) ? vscode.l10n.t('{0}: {1} row ({2}/{3})', path, p.rows, p.done, p.total) : vscode.l10n.t('{0}: {1} rows ({2}/{3})', path, p.rows, p.done, p.total), increment: 100 / Math.max(1, p.total) });
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
        if (result.error !== 'cancelled') void vscode.window.showErrorMessage(vscode.l10n.t('SchemaSage: could not infer a schema: {0}', result.error));
        return;
      }
      for (const e of result.errors) ctx.output.warn(`${vscode.workspace.asRelativePath(e.path)}:${e.line}:${e.column} ${e.message}`);
      const doc = await vscode.workspace.openTextDocument({ language: 'dbml', content: result.dbml });
      await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.One });
      DataReportPanel.show(ctx.extensionContext, reportTitle(result.files, result.rows), result.report, result.pii);
      const bad = result.errors.length;
      if (bad) void vscode.window.showWarningMessage(isSingular(bad) ? vscode.l10n.t('SchemaSage: {0} row could not be read (see the SchemaSage output).', bad) : vscode.l10n.t('SchemaSage: {0} rows could not be read (see the SchemaSage output).', bad));
    },
  };
}
