/**
 * The sidebar's Connections view: saved connections -> schemas -> tables and
 * views -> columns, indexes and foreign keys, from one introspection per
 * connection (run by the language server when a connection is expanded or
 * refreshed; never automatically in an untrusted workspace). A table's
 * description ends with its row count from the catalog ("≈ 12,345 rows", or
 * "12 rows" when SQLite counted them). Words are localised; SQL keywords (`not null`, `unique`, `primary key`, `on delete`,
 * `where`) and PK/FK stay as they are.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { Schema, Table } from '../../../server/src/engine/model/schema.js';
import { DbIntrospectRequest, type DbIntrospectParams, type DbIntrospectResult, type DriftItemInfo, type InferredInfo } from '../protocol.js';
import { isSingular } from '../views/plural.js';
import { rowEstimate, type RowEstimate } from '../../../server/src/engine/introspect/estimate.js';
import { describeProfile, formatRowCount, isEmbedded, pgliteCompanionId, type ConnectionProfile, type ConnectionStore } from './profiles.js';

export type ConnectionNode =
  | { kind: 'connection'; profile: ConnectionProfile }
  | { kind: 'schema'; profile: ConnectionProfile; schema: string; tables: Table[] }
  | { kind: 'table'; profile: ConnectionProfile; table: Table; relationships: Schema['relationships'] }
  | { kind: 'section'; profile: ConnectionProfile; table: Table; section: 'columns' | 'indexes' | 'fks'; relationships: Schema['relationships'] }
  | { kind: 'leaf'; id: string; label: string; description?: string; icon: string; tooltip?: string }
  | { kind: 'message'; id: string; text: string; error?: boolean }
  | { kind: 'drift'; profile: ConnectionProfile; files: number; items: DriftItemInfo[] }
  | { kind: 'inferred'; profile: ConnectionProfile; items: InferredInfo[] };

export interface ConnectionState {
  status: 'loading' | 'ok' | 'error';
  schema?: Schema;
  error?: string;
  ms?: number;
  version?: string;
  warnings?: string[];
  /** differences with the linked schema files (profile.schemaFiles) */
  drift?: { files: number; items: DriftItemInfo[] };
  /** relationships the database does not declare, checked against its data */
  inferred?: InferredInfo[];
}

export class ConnectionsTreeProvider implements vscode.TreeDataProvider<ConnectionNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ConnectionNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly states = new Map<string, ConnectionState>();
  private readonly loading = new Map<string, Promise<ConnectionState>>();

  constructor(
    private readonly client: LanguageClient,
    readonly store: ConnectionStore,
  ) {}

  refresh(name?: string): void {
    if (name) {
      this.states.delete(name);
      this.loading.delete(name);
    } else {
      this.states.clear();
      this.loading.clear();
    }
    this.changed.fire(undefined);
  }

  state(name: string): ConnectionState | undefined {
    return this.states.get(name);
  }

  /** Introspects a connection (once per refresh); the state it ends in. */
  load(profile: ConnectionProfile, options: { recreate?: boolean } = {}): Promise<ConnectionState> {
    let p = options.recreate ? undefined : this.loading.get(profile.name);
    if (!p) {
      p = (async (): Promise<ConnectionState> => {
        this.states.set(profile.name, { status: 'loading' });
        let state: ConnectionState;
        try {
          const params: DbIntrospectParams = { id: profile.name, connection: await this.store.params(profile, options), ...(profile.schemaFiles?.length ? { schemaFiles: profile.schemaFiles } : {}) };
          const r = await this.client.sendRequest<DbIntrospectResult>(DbIntrospectRequest, params);
          state = r.ok ? { status: 'ok', ...(r.schema ? { schema: r.schema } : {}), ms: r.ms, ...(r.serverVersion ? { version: r.serverVersion } : {}), warnings: r.warnings ?? [], ...(r.drift ? { drift: r.drift } : {}), ...(r.inferred ? { inferred: r.inferred } : {}) } : { status: 'error', error: r.error };
        } catch (err) {
          state = { status: 'error', error: err instanceof Error ? err.message : String(err) };
        }
        this.states.set(profile.name, state);
        if (state.status === 'error' && isEmbedded(profile) && /schemasage\.connections\.pgliteDir/.test(state.error ?? '')) offerPglite();
        if (options.recreate) this.changed.fire(undefined);
        return state;
      })();
      this.loading.set(profile.name, p);
    }
    return p;
  }

  async getChildren(node?: ConnectionNode): Promise<ConnectionNode[]> {
    if (!node) return this.store.list().map((profile) => ({ kind: 'connection', profile }));
    if (node.kind === 'connection') {
      const state = await vscode.window.withProgress({ location: { viewId: 'schemasage.connections' } }, () => this.load(node.profile));
      // the item's description shows the outcome
      setTimeout(() => this.changed.fire(node), 0);
      if (state.status === 'error') return [{ kind: 'message', id: `${node.profile.name}#error`, text: state.error ?? vscode.l10n.t('failed'), error: true }];
      const schema = state.schema!;
      const bySchema = new Map<string, Table[]>();
      for (const t of schema.tables) {
        const list = bySchema.get(t.schema) ?? [];
        list.push(t);
        bySchema.set(t.schema, list);
      }
      const head: ConnectionNode[] = state.drift ? [{ kind: 'drift', profile: node.profile, files: state.drift.files, items: state.drift.items }] : [];
      if (state.inferred?.length) head.push({ kind: 'inferred', profile: node.profile, items: state.inferred });
      if (!bySchema.size) return [...head, { kind: 'message', id: `${node.profile.name}#empty`, text: vscode.l10n.t('No tables') }];
      if (bySchema.size === 1) {
        const [tables] = [...bySchema.values()];
        return [...head, ...tables!.map((table): ConnectionNode => ({ kind: 'table', profile: node.profile, table, relationships: schema.relationships }))];
      }
      return [...head, ...[...bySchema].map(([name, tables]): ConnectionNode => ({ kind: 'schema', profile: node.profile, schema: name, tables }))];
    }
    if (node.kind === 'inferred') {
      return node.items.map((r, i) => ({ kind: 'leaf', id: `${node.profile.name}#inferred#${i}`, label: `${r.from} → ${r.to}`, description: `${Math.round(r.confidence * 100)}%`, icon: 'lightbulb', tooltip: r.evidence.map((e) => `• ${e}`).join('\n') }));
    }
    if (node.kind === 'drift') {
      return node.items.map((item, i) => ({ kind: 'leaf', id: `${node.profile.name}#drift#${i}`, label: item.message, icon: 'diff', tooltip: `${item.code}: ${item.message}` }));
    }
    if (node.kind === 'schema') {
      const rels = this.states.get(node.profile.name)?.schema?.relationships ?? [];
      return node.tables.map((table) => ({ kind: 'table', profile: node.profile, table, relationships: rels }));
    }
    if (node.kind === 'table') {
      const sections: ConnectionNode[] = [{ kind: 'section', profile: node.profile, table: node.table, section: 'columns', relationships: node.relationships }];
      if (node.table.indexes.length) sections.push({ kind: 'section', profile: node.profile, table: node.table, section: 'indexes', relationships: node.relationships });
      if (node.relationships.some((r) => r.from.tableKey === node.table.key)) sections.push({ kind: 'section', profile: node.profile, table: node.table, section: 'fks', relationships: node.relationships });
      return sections;
    }
    if (node.kind === 'section') {
      const base = `${node.profile.name}#${node.table.key}#${node.section}`;
      if (node.section === 'columns') {
        return node.table.columns.map((c) => ({
          kind: 'leaf',
          id: `${base}#${c.name}`,
          label: c.name,
          description: [c.type.raw, c.primaryKey ? 'PK' : '', c.unique && !c.primaryKey ? 'unique' : '', c.nullable ? '' : 'not null', c.default ? `= ${c.default.value}` : ''].filter(Boolean).join(' · '),
          icon: c.primaryKey ? 'key' : 'symbol-field',
          ...(c.note ? { tooltip: c.note } : {}),
        }));
      }
      if (node.section === 'indexes') {
        return node.table.indexes.map((ix, i) => ({
          kind: 'leaf',
          id: `${base}#${ix.name ?? i}`,
          label: ix.name ?? `(${ix.parts.map((p) => p.column ?? p.expression).join(', ')})`,
          description: [`(${ix.parts.map((p) => p.column ?? p.expression).join(', ')})`, ix.primaryKey ? 'primary key' : ix.unique ? 'unique' : '', ix.type ?? '', ix.where ? `where ${ix.where}` : ''].filter(Boolean).join(' · '),
          icon: 'list-tree',
        }));
      }
      return node.relationships
        .filter((r) => r.from.tableKey === node.table.key)
        .map((r, i) => ({
          kind: 'leaf',
          id: `${base}#${r.name ?? i}`,
          label: `(${r.from.columns.join(', ')}) → ${r.to.table}(${r.to.columns.join(', ')})`,
          description: [r.name ?? '', r.onDelete ? `on delete ${r.onDelete}` : ''].filter(Boolean).join(' · '),
          icon: 'references',
        }));
    }
    return [];
  }

  getTreeItem(node: ConnectionNode): vscode.TreeItem {
    switch (node.kind) {
      case 'connection': {
        const item = new vscode.TreeItem(node.profile.name, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `connection:${node.profile.name}`;
        const state = this.states.get(node.profile.name);
        const summary =
          state?.status === 'ok' && state.schema
            ? `${tableCount(state.schema.tables.length)} · ${state.ms} ms`
            : state?.status === 'error'
              ? vscode.l10n.t('failed')
              : state?.status === 'loading'
                ? vscode.l10n.t('connecting…')
                : '';
        item.description = [describeProfile(node.profile).replace(/^[^·]*· /, ''), summary].filter(Boolean).join(' · ');
        item.tooltip = `${describeProfile(node.profile)}${state?.version ? `\n${state.version}` : ''}`;
        item.iconPath = new vscode.ThemeIcon(state?.status === 'error' ? 'debug-disconnect' : 'database');
        item.contextValue = 'schemasage.connection';
        return item;
      }
      case 'schema': {
        const item = new vscode.TreeItem(node.schema, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `schema:${node.profile.name}#${node.schema}`;
        item.description = tableCount(node.tables.length);
        item.iconPath = new vscode.ThemeIcon('symbol-namespace');
        return item;
      }
      case 'table': {
        const item = new vscode.TreeItem(node.table.name, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `table:${node.profile.name}#${node.table.key}`;
        const n = node.table.columns.length;
        const columns = isSingular(n) ? vscode.l10n.t('{0} column', n) : vscode.l10n.t('{0} columns', n);
        const estimate = rowEstimate(node.table.settings);
        item.description = [columns, node.table.isView ? vscode.l10n.t('view') : '', estimate ? rowsText(estimate) : ''].filter(Boolean).join(' · ');
        item.iconPath = new vscode.ThemeIcon(node.table.isView ? 'eye' : 'table');
        const tip = [node.table.note ?? '', estimate ? (estimate.exact ? vscode.l10n.t('Rows counted when the connection was read') : vscode.l10n.t("Rows estimated from the database's statistics (they may be out of date)")) : ''].filter(Boolean);
        if (tip.length) item.tooltip = tip.join('\n\n');
        item.contextValue = 'schemasage.dbTable';
        return item;
      }
      case 'section': {
        const label = node.section === 'columns' ? vscode.l10n.t('Columns') : node.section === 'indexes' ? vscode.l10n.t('Indexes') : vscode.l10n.t('Foreign Keys');
        const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `section:${node.profile.name}#${node.table.key}#${node.section}`;
        item.iconPath = new vscode.ThemeIcon(node.section === 'columns' ? 'symbol-field' : node.section === 'indexes' ? 'list-tree' : 'references');
        return item;
      }
      case 'leaf': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.id = `leaf:${node.id}`;
        if (node.description) item.description = node.description;
        item.iconPath = new vscode.ThemeIcon(node.icon);
        if (node.tooltip) item.tooltip = node.tooltip;
        return item;
      }
      case 'inferred': {
        const n = node.items.length;
        const item = new vscode.TreeItem(isSingular(n) ? vscode.l10n.t('{0} inferred relationship', n) : vscode.l10n.t('{0} inferred relationships', n), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `inferred:${node.profile.name}`;
        item.iconPath = new vscode.ThemeIcon('lightbulb');
        item.tooltip = vscode.l10n.t('Relationships the database does not declare, inferred from names and checked against sampled data');
        return item;
      }
      case 'drift': {
        const n = node.items.length;
        const files = isSingular(node.files) ? vscode.l10n.t('{0} schema file', node.files) : vscode.l10n.t('{0} schema files', node.files);
        const label = n
          ? isSingular(n)
            ? vscode.l10n.t('{0} difference with {1}', n, files)
            : vscode.l10n.t('{0} differences with {1}', n, files)
          : node.files
            ? vscode.l10n.t('In sync with {0}', files)
            : vscode.l10n.t('No linked schema file found');
        const item = new vscode.TreeItem(label, n ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = `drift:${node.profile.name}`;
        item.iconPath = new vscode.ThemeIcon(n ? 'warning' : node.files ? 'pass' : 'info');
        item.tooltip = vscode.l10n.t('Drift between {0} and {1}', node.profile.name, (node.profile.schemaFiles ?? []).join(', '));
        item.contextValue = n ? 'schemasage.drift' : 'schemasage.inSync';
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.id = `message:${node.id}`;
        item.iconPath = new vscode.ThemeIcon(node.error ? 'error' : 'info');
        item.tooltip = node.text;
        return item;
      }
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

let pgliteOffered = false;

/** Once per session: PGlite is missing, say how to get it (the companion extension, or a folder in the settings). */
function offerPglite(): void {
  if (pgliteOffered) return;
  pgliteOffered = true;
  const install = vscode.l10n.t('Install PGlite');
  const settings = vscode.l10n.t('Open Settings');
  const companion = pgliteCompanionId();
  const actions = companion ? [install, settings] : [settings];
  void vscode.window.showErrorMessage(vscode.l10n.t('SchemaSage: Embedded PostgreSQL needs PGlite, which this installation does not include. Install the SchemaSage PGlite extension, or point "schemasage.connections.pgliteDir" at a folder where @electric-sql/pglite is installed.'), ...actions).then((pick) => {
    if (pick === install && companion) void vscode.commands.executeCommand('workbench.extensions.installExtension', companion);
    else if (pick === settings) void vscode.commands.executeCommand('workbench.action.openSettings', 'schemasage.connections.pgliteDir');
  });
}

/** "≈ 12,345 rows" (a statistic) or "12,345 rows" (counted) in the display language. */
function rowsText(e: RowEstimate): string {
  const n = formatRowCount(e.rows, vscode.env.language);
  if (e.exact) return isSingular(e.rows) ? vscode.l10n.t('{0} row', n) : vscode.l10n.t('{0} rows', n);
  return isSingular(e.rows) ? vscode.l10n.t('≈ {0} row', n) : vscode.l10n.t('≈ {0} rows', n);
}

/** "1 table" / "5 tables" in the display language. */
function tableCount(n: number): string {
  return isSingular(n) ? vscode.l10n.t('{0} table', n) : vscode.l10n.t('{0} tables', n);
}
