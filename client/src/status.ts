/**
 * The status bar items: table and problem counts from the server's
 * `schemasage/status` notification, and whether the server is running
 * (clicking opens the Problems view, or restarts a stopped server); and, for
 * an SQL file in the active editor, the dialect SchemaSage reads it in and
 * why (clicking changes it).
 */
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';
import { FileInfoRequest, type FileInfo, type StatusParams } from './protocol.js';

const DIALECT_NAMES: Record<string, string> = { postgres: 'PostgreSQL', mysql: 'MySQL', sqlite: 'SQLite', mssql: 'SQL Server' };
const SOURCE_NAMES: Record<string, string> = {
  explicit: 'chosen explicitly',
  pragma: "from the file's `-- schemasage: dialect=` line",
  setting: 'from the schemasage.dialects setting',
  extension: "from the file's extension",
  content: "guessed from the file's content",
  default: 'the default (nothing in the file names a dialect)',
};

export class SchemaStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly dialectItem: vscode.StatusBarItem;
  private last: StatusParams | undefined;
  private request: ((uri: string) => Promise<FileInfo>) | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    this.item = vscode.window.createStatusBarItem('schemasage.status', vscode.StatusBarAlignment.Left, 10);
    this.item.name = 'SchemaSage';
    this.setState(State.Starting);
    this.item.show();
    this.dialectItem = vscode.window.createStatusBarItem('schemasage.dialect', vscode.StatusBarAlignment.Right, 100);
    this.dialectItem.name = 'SchemaSage SQL Dialect';
    this.dialectItem.command = 'schemasage.changeDialect';
    this.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(() => this.refreshFile()));
  }

  /** How to ask the server about a file (set once the client runs). */
  connect(request: (uri: string) => Promise<FileInfo>): void {
    this.request = request;
    this.refreshFile();
  }

  /** Shows the dialect of the active editor's file when it is SQL. */
  refreshFile(): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !this.request || doc.languageId !== 'sql') {
      this.dialectItem.hide();
      return;
    }
    const uri = doc.uri.toString();
    this.request(uri).then(
      (info) => {
        if (vscode.window.activeTextEditor?.document.uri.toString() !== uri) return;
        if (!info.dialect) {
          this.dialectItem.hide();
          return;
        }
        this.dialectItem.text = `$(database) ${DIALECT_NAMES[info.dialect] ?? info.dialect}`;
        this.dialectItem.tooltip = `SchemaSage reads this file as ${DIALECT_NAMES[info.dialect] ?? info.dialect}, ${SOURCE_NAMES[info.dialectSource ?? 'default']}. Click to change.`;
        this.dialectItem.show();
      },
      () => this.dialectItem.hide(),
    );
  }

  /** Follows the language client's lifecycle. */
  setState(state: State): void {
    if (state === State.Running) {
      if (this.last) this.update(this.last);
      else this.render('$(database) SchemaSage', 'SchemaSage: language server running', 'schemasage.showOutput');
    } else if (state === State.Starting) {
      this.render('$(sync~spin) SchemaSage', 'SchemaSage: starting the language server', 'schemasage.showOutput');
    } else {
      this.setFailed();
    }
  }

  /** Forgets the last counts (a restart): they show again only once the new server reports. */
  reset(): void {
    this.last = undefined;
    this.setState(State.Starting);
  }

  /** The server stopped or never started: offer a restart. */
  setFailed(): void {
    this.render('$(warning) SchemaSage', 'SchemaSage: the language server is not running. Click to restart.', 'schemasage.restartServer');
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
  }

  /** Shows the counts of one diagnostics pass. */
  update(s: StatusParams): void {
    this.last = s;
    const parts = [`$(database) ${plural(s.tables, 'table')}`];
    if (s.errors) parts.push(`$(error) ${s.errors}`);
    if (s.warnings) parts.push(`$(warning) ${s.warnings}`);
    const tooltip = [
      'SchemaSage',
      `${plural(s.tables, 'table')}, ${plural(s.relationships, 'relationship')} in ${plural(s.files, 'file')}`,
      `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}`,
    ].join('\n');
    this.render(parts.join('  '), tooltip, 'workbench.actions.view.problems');
    this.item.backgroundColor = s.errors ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  dispose(): void {
    this.item.dispose();
    this.dialectItem.dispose();
    for (const s of this.subscriptions) s.dispose();
  }

  private render(text: string, tooltip: string, command: string): void {
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.command = command;
    this.item.backgroundColor = undefined;
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
