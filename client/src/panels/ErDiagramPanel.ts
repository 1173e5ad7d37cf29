/**
 * The ER diagram panel: a WebviewPanel hosting webviews/er-diagram under a
 * strict CSP (nonce scripts, blob: workers, no inline anything). It sends the
 * model the language server computes (`getModel`), keeps user-placed
 * positions in `.schemasage/layout.json`, reveals clicked tables and columns
 * in their source, and saves exports through a save dialog. It never looks at
 * a schema itself.
 */
import * as vscode from 'vscode';
import { webviewPage } from './webview-page.js';
import type { DiagramModel, ExportFormat, HostMessage, Positions, WebviewMessage } from '../../../server/src/engine/diagram/protocol.js';
import { mergeLayout, parseLayout, serializeLayout } from '../../../server/src/engine/diagram/layout-file.js';

const LAYOUT_DIR = '.schemasage';
const LAYOUT_FILE = 'layout.json';

const EXPORTS: Record<ExportFormat, { ext: string; label: () => string }> = {
  svg: { ext: 'svg', label: () => vscode.l10n.t('SVG image') },
  png: { ext: 'png', label: () => vscode.l10n.t('PNG image') },
  mermaid: { ext: 'mmd', label: () => vscode.l10n.t('Mermaid diagram') },
};


export class ErDiagramPanel {
  static readonly viewType = 'schemasage.erDiagram';
  private static current: ErDiagramPanel | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private shownOnce = false;
  private writes: Promise<void> = Promise.resolve();

  /** Show the panel (creating it on first use) and load the model. */
  static createOrShow(context: vscode.ExtensionContext, getModel: () => Promise<DiagramModel>, output?: vscode.LogOutputChannel): ErDiagramPanel {
    const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.One;
    const existing = ErDiagramPanel.current;
    if (existing) {
      existing.getModel = getModel;
      existing.panel.reveal(column);
      void existing.update();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(ErDiagramPanel.viewType, vscode.l10n.t('Schema Diagram'), column, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist', 'webviews')],
    });
    ErDiagramPanel.current = new ErDiagramPanel(panel, context.extensionUri, getModel, output);
    return ErDiagramPanel.current;
  }

  /** The open panel, if any (for cursor-follow highlighting and live updates). */
  static get instance(): ErDiagramPanel | undefined {
    return ErDiagramPanel.current;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private getModel: () => Promise<DiagramModel>,
    private readonly output: vscode.LogOutputChannel | undefined,
  ) {
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: WebviewMessage) => this.onMessage(m)),
    );
  }

  /** Send a fresh model; the diagram updates in place and keeps its viewport. */
  async update(): Promise<void> {
    if (!this.ready) return;
    try {
      await this.post({ type: 'schema', model: await this.getModel(), keepViewport: true });
    } catch (err) {
      this.output?.error(`ER diagram: ${String(err)}`);
    }
  }

  /** Select a table (and column) in the diagram, scrolling it into view if needed. */
  highlight(tableKey: string, column?: string): void {
    if (!this.ready) return;
    void this.post(column === undefined ? { type: 'highlight', tableKey } : { type: 'highlight', tableKey, column });
  }

  dispose(): void {
    ErDiagramPanel.current = undefined;
    this.panel.dispose();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }

  private post(m: HostMessage): Thenable<boolean> {
    return this.panel.webview.postMessage(m);
  }

  private html(): string {
    const webview = this.panel.webview;
    const worker = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webviews', 'er-diagram-layout.js'));
    return webviewPage({
      webview,
      extensionUri: this.extensionUri,
      bundle: 'er-diagram',
      title: vscode.l10n.t('Schema Diagram'),
      images: 'data: blob:',
      // the layout worker's script is fetched, then started from a blob: URL
      extraCsp: ['worker-src blob:', `connect-src ${webview.cspSource}`],
      bodyData: { 'layout-worker': worker.toString() },
    });
  }

  private async onMessage(m: WebviewMessage): Promise<void> {
    try {
      switch (m.type) {
        case 'ready': {
          this.ready = true;
          const model = await this.getModel();
          // a webview reloaded after being hidden restores its own viewport
          await this.post({ type: 'schema', model, positions: await this.readLayout(), keepViewport: this.shownOnce });
          this.shownOnce = true;
          break;
        }
        case 'reveal':
          await this.reveal(m.uri, m.span.start, m.span.end);
          break;
        case 'positions':
          await this.savePositions(m.positions, m.reset === true);
          break;
        case 'export':
          await this.saveExport(m.format, m.data);
          break;
        case 'error':
          this.output?.error(`ER diagram webview: ${m.message}`);
          break;
      }
    } catch (err) {
      this.output?.error(`ER diagram: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async reveal(uri: string, start: number, end: number): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    const range = new vscode.Range(doc.positionAt(start), doc.positionAt(end));
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === doc.uri.toString());
    await vscode.window.showTextDocument(doc, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, selection: range, preserveFocus: false });
  }

  private layoutUri(): vscode.Uri | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder && vscode.Uri.joinPath(folder.uri, LAYOUT_DIR, LAYOUT_FILE);
  }

  private async readLayout(): Promise<Positions> {
    const uri = this.layoutUri();
    if (!uri) return {};
    try {
      return parseLayout(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
    } catch {
      return {};
    }
  }

  /** Writes are queued so two quick drags never interleave read-modify-write. */
  private savePositions(update: Positions, reset: boolean): Promise<void> {
    const uri = this.layoutUri();
    if (!uri) return Promise.resolve();
    this.writes = this.writes.then(async () => {
      const merged = mergeLayout(reset ? {} : await this.readLayout(), update, reset);
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(serializeLayout(merged)));
    });
    return this.writes;
  }

  private async saveExport(format: ExportFormat, data: string): Promise<void> {
    const kind = EXPORTS[format];
    if (!kind) return;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, `schema.${kind.ext}`) : undefined,
      filters: { [kind.label()]: [kind.ext] },
      saveLabel: vscode.l10n.t('Export'),
    });
    if (!target) return;
    const bytes = format === 'png' ? Buffer.from(data.slice(data.indexOf(',') + 1), 'base64') : new TextEncoder().encode(data);
    await vscode.workspace.fs.writeFile(target, bytes);
    void vscode.window.showInformationMessage(vscode.l10n.t('Diagram exported to {0}', vscode.workspace.asRelativePath(target)));
  }
}
