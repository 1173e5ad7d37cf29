/**
 * The sidebar's Migrations view: for each saved connection, the migrations
 * folder's files with their state against that database's history table
 * (applied, pending, failed, edited after apply, missing file), read when the
 * connection is expanded. Clicking a migration opens its file.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ConnectionProfile, ConnectionStore } from '../connections/profiles.js';
import { MigrateStatusRequest, type MigrateStatusResult } from '../protocol.js';

type Entry = Extract<MigrateStatusResult, { ok: true }>['entries'][number];
type Node = { kind: 'connection'; profile: ConnectionProfile } | { kind: 'entry'; profile: ConnectionProfile; entry: Entry; current: boolean } | { kind: 'message'; id: string; text: string; error: boolean };

const ICONS: Record<Entry['state'], [string, string | undefined]> = {
  applied: ['pass', 'testing.iconPassed'],
  pending: ['circle-large-outline', undefined],
  failed: ['error', 'testing.iconFailed'],
  edited: ['warning', 'list.warningForeground'],
  'missing-file': ['question', 'list.warningForeground'],
};

/** A migration's state in the display language (the tooltip keeps the server's English detail). */
function stateLabel(state: Entry['state']): string {
  switch (state) {
    case 'applied':
      return vscode.l10n.t('applied');
    case 'pending':
      return vscode.l10n.t('pending');
    case 'failed':
      return vscode.l10n.t('failed');
    case 'edited':
      return vscode.l10n.t('edited');
    case 'missing-file':
      return vscode.l10n.t('missing-file');
    default:
      return state;
  }
}

/** `schemasage.migrations.folder` under the first workspace folder. */
export function migrationsFolderUri(): vscode.Uri | undefined {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!root) return undefined;
  const f = (vscode.workspace.getConfiguration('schemasage').get<string>('migrations.folder') ?? '').trim().replace(/^\.?\/+|\/+$/g, '');
  return vscode.Uri.joinPath(root, f && !f.includes('..') ? f : 'migrations');
}

export class MigrationsTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly client: LanguageClient,
    private readonly store: ConnectionStore,
  ) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) return this.store.list().map((profile) => ({ kind: 'connection', profile }));
    if (node.kind !== 'connection') return [];
    const folder = migrationsFolderUri();
    if (!folder) return [{ kind: 'message', id: `${node.profile.name}#nofolder`, text: vscode.l10n.t('Open a folder to keep migrations in'), error: false }];
    const r = await vscode.window.withProgress({ location: { viewId: 'schemasage.migrations' } }, async () =>
      this.client.sendRequest<MigrateStatusResult>(MigrateStatusRequest, { id: node.profile.name, connection: await this.store.params(node.profile), folder: folder.fsPath }),
    );
    if (!r.ok) return [{ kind: 'message', id: `${node.profile.name}#error`, text: r.error, error: true }];
    if (!r.entries.length) return [{ kind: 'message', id: `${node.profile.name}#empty`, text: vscode.l10n.t('No migrations in {0}', vscode.workspace.asRelativePath(folder)), error: false }];
    return r.entries.map((entry) => ({ kind: 'entry', profile: node.profile, entry, current: entry.name === r.current }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'connection') {
      const item = new vscode.TreeItem(node.profile.name, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `migrations:${node.profile.name}`;
      item.iconPath = new vscode.ThemeIcon('database');
      item.contextValue = 'schemasage.migrationsConnection';
      return item;
    }
    if (node.kind === 'message') {
      const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
      item.id = `migrations-message:${node.id}`;
      item.iconPath = new vscode.ThemeIcon(node.error ? 'error' : 'info');
      return item;
    }
    const { entry } = node;
    const item = new vscode.TreeItem(entry.name, vscode.TreeItemCollapsibleState.None);
    item.id = `migration:${node.profile.name}#${entry.name}`;
    const state = stateLabel(entry.state);
    item.description = node.current ? vscode.l10n.t('{0} · current', state) : state;
    item.tooltip = entry.message || entry.state;
    const [icon, color] = ICONS[entry.state] ?? ['circle-large-outline', undefined];
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    if (entry.path) item.command = { command: 'vscode.open', title: vscode.l10n.t('Open Migration'), arguments: [vscode.Uri.file(entry.path)] };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
