/**
 * The sidebar's Schema view: the workspace's schema files, each with its
 * tables and their columns and its problem counts, from the server's
 * `schemasage/outline`. Clicking a table or column reveals it in its file.
 * Refreshed (debounced) after each diagnostics pass of the server.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { isSingular } from './plural.js';
import { OutlineRequest, type Outline, type OutlineColumn, type OutlineFile, type OutlineRange, type OutlineTable } from '../protocol.js';

type Node = { kind: 'file'; file: OutlineFile } | { kind: 'table'; file: OutlineFile; table: OutlineTable } | { kind: 'column'; file: OutlineFile; table: OutlineTable; column: OutlineColumn };

const LANGUAGE_LABEL: Record<OutlineFile['language'], string> = { dbml: 'DBML', sql: 'SQL', prisma: 'Prisma' };
const DIALECT_LABEL: Record<string, string> = { postgres: 'PostgreSQL', mysql: 'MySQL', sqlite: 'SQLite', mssql: 'SQL Server' };

export function toRange(r: OutlineRange): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/** The command a tree item runs to show `range` in `uri`. */
export function revealCommand(uri: string, range: OutlineRange | undefined, title?: string): vscode.Command {
  const options: vscode.TextDocumentShowOptions = range ? { selection: toRange(range), preserveFocus: false } : {};
  return { command: 'vscode.open', title: title ?? vscode.l10n.t('Reveal in Source'), arguments: [vscode.Uri.parse(uri), options] };
}

export class SchemaTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private outline: Promise<Outline> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly client: LanguageClient) {}

  /** Asks the server again (debounced: passes come after every keystroke burst). */
  refresh(delayMs = 500): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.outline = undefined;
      this.changed.fire(undefined);
    }, delayMs);
  }

  /** The last outline asked for (the Inferred view shares it). */
  current(): Promise<Outline> {
    this.outline ??= this.client.isRunning()
      ? this.client.sendRequest<Outline>(OutlineRequest, {}).then(
          (o) => o ?? { files: [], inferred: [] },
          () => ({ files: [], inferred: [] }),
        )
      : Promise.resolve({ files: [], inferred: [] });
    return this.outline;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      const outline = await this.current();
      return outline.files.filter((f) => f.tables.length || f.errors).map((file) => ({ kind: 'file', file }));
    }
    if (node.kind === 'file') return node.file.tables.map((table) => ({ kind: 'table', file: node.file, table }));
    if (node.kind === 'table') return node.table.columns.map((column) => ({ kind: 'column', file: node.file, table: node.table, column }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'file') {
      const { file } = node;
      const uri = vscode.Uri.parse(file.uri);
      const item = new vscode.TreeItem(uri, vscode.TreeItemCollapsibleState.Collapsed);
      const n = file.tables.length;
      const parts = [isSingular(n) ? vscode.l10n.t('{0} table', n) : vscode.l10n.t('{0} tables', n)];
      if (file.errors) parts.push(isSingular(file.errors) ? vscode.l10n.t('{0} error', file.errors) : vscode.l10n.t('{0} errors', file.errors));
      if (file.warnings) parts.push(isSingular(file.warnings) ? vscode.l10n.t('{0} warning', file.warnings) : vscode.l10n.t('{0} warnings', file.warnings));
      item.description = `${vscode.workspace.asRelativePath(uri, false) === uri.fsPath ? '' : vscode.workspace.asRelativePath(uri, false).replace(/[^/]*$/, '')} ${parts.join(' · ')}`.trim();
      item.tooltip = `${LANGUAGE_LABEL[file.language]}${file.dialect ? ` (${DIALECT_LABEL[file.dialect] ?? file.dialect})` : ''}: ${parts.join(', ')}`;
      item.contextValue = 'schemasage.file';
      item.id = `file:${file.uri}`;
      if (file.errors) item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
      return item;
    }
    if (node.kind === 'table') {
      const { table } = node;
      const label = table.schema && !['public', 'main', 'dbo'].includes(table.schema) ? `${table.schema}.${table.name}` : table.name;
      const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `table:${node.file.uri}#${table.key}`;
      const n = table.columns.length;
      const columns = isSingular(n) ? vscode.l10n.t('{0} column', n) : vscode.l10n.t('{0} columns', n);
      item.description = table.isView ? `${columns} · ${vscode.l10n.t('view')}` : columns;
      item.iconPath = new vscode.ThemeIcon(table.isView ? 'eye' : 'table');
      item.tooltip = new vscode.MarkdownString().appendText(table.note ? `${label}\n\n${table.note}` : label);
      item.contextValue = table.isView ? 'schemasage.view' : 'schemasage.table';
      item.command = revealCommand(node.file.uri, table.range);
      return item;
    }
    const { column } = node;
    const item = new vscode.TreeItem(column.name, vscode.TreeItemCollapsibleState.None);
    item.id = `column:${node.file.uri}#${node.table.key}.${column.name}`;
    const marks = [column.pk ? 'PK' : '', column.fk ? 'FK' : '', column.unique && !column.pk ? 'unique' : '', column.nullable ? '' : 'not null'].filter(Boolean);
    item.description = [column.type, ...marks].join(' · ');
    item.iconPath = new vscode.ThemeIcon(column.pk ? 'key' : column.fk ? 'references' : 'symbol-field');
    item.tooltip = new vscode.MarkdownString().appendText(column.note ? `${column.name} ${column.type}\n\n${column.note}` : `${column.name} ${column.type}`);
    item.contextValue = 'schemasage.column';
    item.command = revealCommand(node.file.uri, column.range);
    return item;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.changed.dispose();
  }
}
