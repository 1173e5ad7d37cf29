/**
 * The status bar item: table and problem counts from the server's
 * `schemasage/status` notification, and whether the server is running.
 * Clicking it opens the Problems view (or restarts a stopped server).
 */
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';
import type { StatusParams } from './protocol.js';

export class SchemaStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private last: StatusParams | undefined;

  constructor() {
    this.item = vscode.window.createStatusBarItem('schemasage.status', vscode.StatusBarAlignment.Left, 10);
    this.item.name = 'SchemaSage';
    this.setState(State.Starting);
    this.item.show();
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
