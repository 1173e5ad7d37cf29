/**
 * "Open as migration plan" for a schema change the assistant proposed: the
 * existing plan view (MigrationPlanPanel) with the plan the chat showed.
 * Rename decisions re-plan from the schema as it is now with the proposal's
 * operations applied again; Save writes a migration file (like
 * schemasage.showMigrationPlan); Apply is refused: the assistant's plans go
 * to a database only as a saved migration the user applies from a connection.
 * "Apply to schema file" turns the change into a WorkspaceEdit on the DBML or
 * SQL files (engine/ai/apply-to-file.ts) that VS Code shows in its refactor
 * preview before anything is written.
 */
import * as vscode from 'vscode';
import type { ChatChange } from '../../../server/src/engine/ai/protocol.js';
import { applySchemaOps, planSchemaChange } from '../../../server/src/engine/ai/schema-change.js';
import { schemaChangeEdits, type SourceLanguage } from '../../../server/src/engine/ai/apply-to-file.js';
import type { RenameHint } from '../../../server/src/engine/diff/types.js';
import type { MigrationDialect, MigrationPlan } from '../../../server/src/engine/migrate/index.js';
import { MigrationPlanPanel, type RenameDecision } from '../panels/MigrationPlanPanel.js';
import { saveMigrationFile } from '../commands/show-plan.js';
import type { ChatService } from './service.js';

const DIALECTS = new Set(['postgres', 'mysql', 'sqlite', 'mssql']);

function hint(d: RenameDecision): RenameHint {
  return { kind: d.kind, from: d.from, to: d.to, ...(d.table ? { table: d.table } : {}) };
}

/** Re-plans the change against the schema as it is now, with the user's rename decisions. */
export async function replanChange(service: ChatService, change: ChatChange, decisions: readonly RenameDecision[]): Promise<MigrationPlan> {
  const snapshot = await service.deps.getSchema();
  if (!snapshot) throw new Error(vscode.l10n.t('No schema: open a schema file of this workspace.'));
  const r = applySchemaOps(snapshot.schema, change.operations, change.summary);
  if (!r.proposal) throw new Error(vscode.l10n.t('The change no longer fits the schema: {0}', r.diagnostics.map((d) => d.message).join(' ')));
  const dialect = (DIALECTS.has(change.dialect) ? change.dialect : 'postgres') as MigrationDialect;
  return planSchemaChange(snapshot.schema, r.proposal, dialect, { renames: decisions.filter((d) => d.accept).map(hint), reject: decisions.filter((d) => !d.accept).map(hint) }).plan;
}

/** Opens the plan view on a proposed change. */
export function openChangePlan(context: vscode.ExtensionContext, service: ChatService, change: ChatChange): void {
  MigrationPlanPanel.createOrShow(
    context,
    { plan: change.plan, title: vscode.l10n.t('Assistant: {0}', change.summary || vscode.l10n.t('schema change')), from: vscode.l10n.t('the current schema'), to: vscode.l10n.t('the proposed change') },
    {
      replan: (decisions) => replanChange(service, change, decisions),
      async save(plan) {
        const folderUri = vscode.workspace.workspaceFolders?.[0]?.uri;
        if (!folderUri) {
          void vscode.window.showInformationMessage(vscode.l10n.t('SchemaSage: open a folder to save migration files into.'));
          return undefined;
        }
        const suggested = (change.summary || 'schema_change').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40) || 'schema_change';
        return saveMigrationFile(plan, folderUri, suggested);
      },
      async apply() {
        return { ok: false, error: vscode.l10n.t('The assistant never applies a change to a database. Save the plan as a migration file, then apply it with "SchemaSage: Show Migration Plan…" against a connection.') };
      },
    },
    service.deps.output,
  );
}

const MAX_FILES = 200;

function languageOf(uri: string): SourceLanguage | undefined {
  const path = uri.toLowerCase();
  if (path.endsWith('.dbml')) return 'dbml';
  if (path.endsWith('.prisma')) return 'prisma';
  if (/\.(sql|pgsql|psql|mysql|sqlite|tsql)$/.test(path)) return 'sql';
  return undefined;
}

/**
 * "Apply to schema file": the change as edits on the files that declare the
 * schema, applied through VS Code's refactor preview (every edit needs the
 * user's confirmation). Operations that cannot be edited faithfully are
 * listed, with the way to the migration plan.
 */
export async function applyChangeToFile(context: vscode.ExtensionContext, service: ChatService, change: ChatChange): Promise<void> {
  const snapshot = await service.deps.getSchema();
  if (!snapshot) {
    void vscode.window.showInformationMessage(vscode.l10n.t('SchemaSage: no schema to edit: open a schema file of this workspace.'));
    return;
  }
  const r = applySchemaOps(snapshot.schema, change.operations, change.summary);
  if (!r.proposal) {
    void vscode.window.showWarningMessage(vscode.l10n.t('SchemaSage: the change no longer fits the schema: {0}', r.diagnostics.map((d) => d.message).join(' ')));
    return;
  }
  const dialect = (DIALECTS.has(change.dialect) ? change.dialect : 'postgres') as MigrationDialect;
  const { plan } = planSchemaChange(snapshot.schema, r.proposal, dialect);
  const docs = new Map<string, vscode.TextDocument>();
  const uris = [...new Set(snapshot.schema.tables.flatMap((t) => (t.source ? [t.source.uri] : [])))].slice(0, MAX_FILES);
  for (const uri of uris) {
    try {
      docs.set(uri, await vscode.workspace.openTextDocument(vscode.Uri.parse(uri)));
    } catch {
      // a file that cannot be opened gets no edit (and the operation is listed)
    }
  }
  const result = schemaChangeEdits(snapshot.schema, change.operations, plan, { text: (u) => docs.get(u)?.getText(), language: languageOf });
  const open = vscode.l10n.t('Open as Migration Plan');
  if (result.files.length) {
    const edit = new vscode.WorkspaceEdit();
    const metadata: vscode.WorkspaceEditEntryMetadata = { needsConfirmation: true, label: vscode.l10n.t('SchemaSage assistant: {0}', change.summary || vscode.l10n.t('schema change')) };
    for (const f of result.files) {
      const doc = docs.get(f.uri);
      if (!doc) continue;
      for (const e of f.edits) edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.span.start), doc.positionAt(e.span.end)), e.newText, metadata);
    }
    await vscode.workspace.applyEdit(edit, { isRefactoring: true });
  }
  if (result.unsupported.length) {
    const pick = await vscode.window.showWarningMessage(
      result.files.length ? vscode.l10n.t('SchemaSage: some operations were not edited into the schema files.') : vscode.l10n.t('SchemaSage: the change cannot be edited into the schema files.'),
      { modal: false, detail: result.unsupported.join('\n') },
      open,
    );
    if (pick === open) openChangePlan(context, service, change);
  }
}
