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
import { isSingular } from './views/plural.js';

/** Product names: never translated. */
const DIALECT_NAMES: Record<string, string> = { postgres: 'PostgreSQL', mysql: 'MySQL', sqlite: 'SQLite', mssql: 'SQL Server' };

/** The dialect item's tooltip: one whole sentence per reason, so each language can order it freely. */
function dialectTooltip(dialect: string, source: string | undefined): string {
  switch (source) {
    case 'explicit':
      return vscode.l10n.t('SchemaSage reads this file as {0}, chosen explicitly. Click to change.', dialect);
    case 'pragma':
      return vscode.l10n.t("SchemaSage reads this file as {0}, from the file's `-- schemasage: dialect=` line. Click to change.", dialect);
    case 'setting':
      return vscode.l10n.t('SchemaSage reads this file as {0}, from the schemasage.dialects setting. Click to change.', dialect);
    case 'extension':
      return vscode.l10n.t("SchemaSage reads this file as {0}, from the file's extension. Click to change.", dialect);
    case 'content':
      return vscode.l10n.t("SchemaSage reads this file as {0}, guessed from the file's content. Click to change.", dialect);
    default:
      return vscode.l10n.t('SchemaSage reads this file as {0}, the default (nothing in the file names a dialect). Click to change.', dialect);
  }
}

/** "1 table" / "3 tables": the plural form chosen in code, each form its own message. */
function count(n: number, kind: 'table' | 'relationship' | 'file' | 'error' | 'warning'): string {
  const one = isSingular(n);
  switch (kind) {
    case 'table':
      return one ? vscode.l10n.t('{0} table', n) : vscode.l10n.t('{0} tables', n);
    case 'relationship':
      return one ? vscode.l10n.t('{0} relationship', n) : vscode.l10n.t('{0} relationships', n);
    case 'file':
      return one ? vscode.l10n.t('{0} file', n) : vscode.l10n.t('{0} files', n);
    case 'error':
      return one ? vscode.l10n.t('{0} error', n) : vscode.l10n.t('{0} errors', n);
    case 'warning':
      return one ? vscode.l10n.t('{0} warning', n) : vscode.l10n.t('{0} warnings', n);
  }
}

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
    this.dialectItem.name = vscode.l10n.t('SchemaSage SQL Dialect');
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
        const name = DIALECT_NAMES[info.dialect] ?? info.dialect;
        this.dialectItem.text = `$(database) ${name}`;
        this.dialectItem.tooltip = dialectTooltip(name, info.dialectSource);
        this.dialectItem.show();
      },
      () => this.dialectItem.hide(),
    );
  }

  /** Follows the language client's lifecycle. */
  setState(state: State): void {
    if (state === State.Running) {
      if (this.last) this.update(this.last);
      else this.render('$(database) SchemaSage', vscode.l10n.t('SchemaSage: language server running'), 'schemasage.showOutput');
    } else if (state === State.Starting) {
      this.render('$(sync~spin) SchemaSage', vscode.l10n.t('SchemaSage: starting the language server'), 'schemasage.showOutput');
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
    this.render('$(warning) SchemaSage', vscode.l10n.t('SchemaSage: the language server is not running. Click to restart.'), 'schemasage.restartServer');
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
  }

  /** Shows the counts of one diagnostics pass. */
  update(s: StatusParams): void {
    this.last = s;
    const tables = count(s.tables, 'table');
    const parts = [`$(database) ${tables}`];
    if (s.errors) parts.push(`$(error) ${s.errors}`);
    if (s.warnings) parts.push(`$(warning) ${s.warnings}`);
    const tooltip = [
      'SchemaSage',
      vscode.l10n.t('{0}, {1} in {2}', tables, count(s.relationships, 'relationship'), count(s.files, 'file')),
      `${count(s.errors, 'error')}, ${count(s.warnings, 'warning')}`,
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
