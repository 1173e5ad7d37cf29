/**
 * "SchemaSage: Show Migration Plan…": the plan that takes the same files at
 * git HEAD, a saved connection, or the migrations folder to the schema of the
 * active file's unit, in the migration plan panel. The panel's buttons save
 * it as a migration file (`migrations/<UTC timestamp>_<name>.sql`, up and
 * down) and, against a connection, apply it after a confirmation that names
 * every hazard, recording it in the database's history table.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { writeMigrationFile } from '../../../server/src/engine/history/format.js';
import type { MigrationPlan } from '../../../server/src/engine/migrate/index.js';
import { MigrationPlanPanel, type RenameDecision } from '../panels/MigrationPlanPanel.js';
import { ConnectionStore } from '../connections/profiles.js';
import {
  DbIntrospectRequest,
  MigrateApplyRequest,
  MigrateProgressNotification,
  PlanRequest,
  type MigrateApplyResult,
  type PlanAgainst,
  type PlanParams,
  type PlanResult,
} from '../protocol.js';
import type { Command } from './index.js';

const SCHEMA_LANGUAGES = new Set(['dbml', 'sql', 'prisma']);

/** `schemasage.migrations.folder`, relative to the workspace folder. */
function migrationsFolder(): string {
  const f = (vscode.workspace.getConfiguration('schemasage').get<string>('migrations.folder') ?? '').trim().replace(/^\.?\/+|\/+$/g, '');
  return f && !f.includes('..') ? f : 'migrations';
}

/**
 * Asks for the migration's name, writes the plan as a migration file in the
 * folder's migrations folder and opens it: the file's path, or undefined when
 * the user cancels. The plan view's Save, from a diff or from the assistant.
 */
export async function saveMigrationFile(plan: MigrationPlan, folderUri: vscode.Uri, suggestedName = 'schema_change'): Promise<string | undefined> {
  const name = await vscode.window.showInputBox({
    title: vscode.l10n.t('Migration name'),
    value: suggestedName,
    ignoreFocusOut: true,
    validateInput: (v) => (/[A-Za-z0-9]/.test(v) ? undefined : vscode.l10n.t('Letters or digits, please')),
  });
  if (!name) return undefined;
  const file = writeMigrationFile(plan, { name, now: new Date(), folder: migrationsFolder() });
  const target = vscode.Uri.joinPath(folderUri, file.path);
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(file.text));
  await vscode.window.showTextDocument(target, { preview: false, viewColumn: vscode.ViewColumn.One });
  return file.path;
}

function decisionsToParams(decisions: RenameDecision[]): Pick<PlanParams, 'renames' | 'rejectRenames'> {
  const last = new Map<string, RenameDecision>();
  for (const d of decisions) last.set(`${d.kind}:${d.table ?? ''}:${d.from}:${d.to}`, d);
  const hint = (d: RenameDecision) => ({ kind: d.kind, from: d.from, to: d.to, ...(d.table ? { table: d.table } : {}) });
  const all = [...last.values()];
  return { renames: all.filter((d) => d.accept).map(hint), rejectRenames: all.filter((d) => !d.accept).map(hint) };
}

async function pickAgainst(store: ConnectionStore): Promise<PlanAgainst | undefined> {
  type Item = vscode.QuickPickItem & { against: PlanAgainst };
  const items: Item[] = [
    { label: `$(git-commit) ${vscode.l10n.t('Since the last commit')}`, description: vscode.l10n.t('the same files at git HEAD'), against: { kind: 'git', rev: 'HEAD' } },
    { label: `$(history) ${vscode.l10n.t('The missing migration')}`, description: vscode.l10n.t('against the replayed migrations folder'), against: { kind: 'migrations' } },
    ...store.list().map((p): Item => ({ label: `$(database) ${p.name}`, description: vscode.l10n.t('bring this database to the files'), against: { kind: 'connection', id: p.name } })),
  ];
  return (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Migration plan: from what?') }))?.against;
}

export function showPlanCommand(client: LanguageClient): Command {
  return {
    id: 'schemasage.showMigrationPlan',
    async run(ctx, uriArg?: unknown, againstArg?: unknown) {
      const store = new ConnectionStore(ctx.extensionContext.secrets);
      const editor = vscode.window.activeTextEditor;
      const uri = typeof uriArg === 'string' ? uriArg : uriArg instanceof vscode.Uri ? uriArg.toString() : editor && SCHEMA_LANGUAGES.has(editor.document.languageId) ? editor.document.uri.toString() : undefined;
      if (!uri) {
        void vscode.window.showInformationMessage(vscode.l10n.t('SchemaSage: open a schema file (DBML, SQL or Prisma) to plan a migration to it.'));
        return;
      }
      const against = (againstArg as PlanAgainst | undefined) ?? (await pickAgainst(store));
      if (!against) return;
      if (against.kind === 'connection') {
        // read the database first: the plan starts from its introspected schema
        const profile = store.get(against.id);
        if (profile) await client.sendRequest(DbIntrospectRequest, { id: profile.name, connection: await store.params(profile), ...(profile.schemaFiles?.length ? { schemaFiles: profile.schemaFiles } : {}) });
      }
      const request = (decisions: RenameDecision[]): Promise<PlanResult> => client.sendRequest<PlanResult>(PlanRequest, { uri, against, ...decisionsToParams(decisions) });
      const first = await request([]);
      if (!first.ok) {
        void vscode.window.showErrorMessage(vscode.l10n.t('SchemaSage: no migration plan: {0}', first.error));
        return;
      }
      const title = against.kind === 'git' ? vscode.l10n.t('Since {0}', against.rev) : against.kind === 'connection' ? vscode.l10n.t('Database {0}', against.id) : vscode.l10n.t('Missing migration');
      MigrationPlanPanel.createOrShow(
        ctx.extensionContext,
        { plan: first.plan, title, from: first.from, to: first.to },
        {
          async replan(decisions) {
            const r = await request(decisions);
            if (!r.ok) throw new Error(r.error);
            return r.plan;
          },
          async save(plan: MigrationPlan) {
            const folderUri = vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(uri))?.uri;
            return folderUri ? saveMigrationFile(plan, folderUri) : undefined;
          },
          async apply(plan: MigrationPlan, onProgress) {
            if (against.kind !== 'connection') return { ok: false, error: vscode.l10n.t('Apply needs a connection: plan against a database from the Connections view.') };
            const profile = store.get(against.id);
            const folderUri = vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(uri))?.uri;
            if (!profile || !folderUri) return { ok: false, error: vscode.l10n.t('the connection or the workspace folder is gone') };
            // the plan becomes a migration file first: apply runs the folder and records it in the history table
            const file = writeMigrationFile(plan, { name: 'apply', now: new Date(), folder: migrationsFolder() });
            const target = vscode.Uri.joinPath(folderUri, file.path);
            await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
            await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(file.text));
            const sub = client.onNotification(MigrateProgressNotification, (p: { id: string; done: number; total: number; statement: string }) => {
              if (p.id === profile.name) onProgress({ done: p.done, total: p.total, statement: p.statement });
            });
            try {
              const r = await client.sendRequest<MigrateApplyResult>(MigrateApplyRequest, {
                id: profile.name,
                connection: await store.params(profile),
                folder: vscode.Uri.joinPath(folderUri, migrationsFolder()).fsPath,
                allowHazards: [...new Set(plan.hazards.map((h) => h.code))],
              });
              void vscode.commands.executeCommand('schemasage.refreshConnection');
              return r.ok ? { ok: true } : { ok: false, error: r.error ?? vscode.l10n.t('failed') };
            } finally {
              sub.dispose();
            }
          },
        },
        ctx.output,
      );
    },
  };
}
