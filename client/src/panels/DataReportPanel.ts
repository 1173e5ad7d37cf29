/**
 * The data-quality report panel: shows `webviews/data-report` (per file and
 * table, a row per column with its figures, a small distribution chart and
 * the PII found) for the last "Infer Schema from Data…", and saves the report
 * as JSON or as a self-contained HTML page on request. Strict CSP with a
 * nonce; the webview inserts every value as text.
 */
import * as vscode from 'vscode';
import { webviewPage } from './webview-page.js';
import type { PiiFinding } from '../../../server/src/engine/detect/data/pii.js';
import { renderQualityHtml, type QualityReport } from '../../../server/src/engine/detect/data/quality.js';

type WebviewMessage = { type: 'ready' } | { type: 'export'; format: 'json' | 'html' };


export class DataReportPanel {
  private static current: DataReportPanel | undefined;
  private ready = false;

  static show(context: vscode.ExtensionContext, title: string, report: QualityReport, pii: PiiFinding[]): void {
    const existing = DataReportPanel.current;
    if (existing) {
      existing.title = title;
      existing.report = report;
      existing.pii = pii;
      existing.panel.reveal(vscode.ViewColumn.Beside);
      existing.send();
      return;
    }
    const panel = vscode.window.createWebviewPanel('schemasage.dataReport', vscode.l10n.t('Data Report'), vscode.ViewColumn.Beside, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist', 'webviews')],
    });
    DataReportPanel.current = new DataReportPanel(panel, context.extensionUri, title, report, pii);
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private title: string,
    private report: QualityReport,
    private pii: PiiFinding[],
  ) {
    panel.webview.html = webviewPage({ webview: panel.webview, extensionUri, bundle: 'data-report', title: vscode.l10n.t('Data Report') });
    panel.onDidDispose(() => {
      DataReportPanel.current = undefined;
    });
    panel.webview.onDidReceiveMessage((m: WebviewMessage) => void this.onMessage(m));
  }

  private send(): void {
    if (this.ready) void this.panel.webview.postMessage({ type: 'report', title: this.title, report: this.report, pii: this.pii });
  }

  private async onMessage(m: WebviewMessage): Promise<void> {
    if (m.type === 'ready') {
      this.ready = true;
      this.send();
      return;
    }
    if (m.type === 'export') {
      const json = m.format === 'json';
      const target = await vscode.window.showSaveDialog({
        defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file('.'), json ? 'data-report.json' : 'data-report.html'),
        filters: json ? { JSON: ['json'] } : { HTML: ['html'] },
      });
      if (!target) return;
      const text = json ? `${JSON.stringify({ quality: this.report, pii: this.pii }, null, 2)}\n` : renderQualityHtml(this.report, this.title);
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
      void vscode.window.showInformationMessage(vscode.l10n.t('Data report saved to {0}', vscode.workspace.asRelativePath(target)));
    }
  }
}
