/**
 * "SchemaSage: Generate Code…": pick a target (the built-in templates, and
 * the workspace's `.schemasage/templates/` in a trusted workspace only), the
 * tables (optional), preview each file in a diff editor against what is on
 * disk, then write them under `schemasage.codegen.outputFolder`.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { GenerateRequest, OutlineRequest, TargetsRequest, type GenerateResponse, type Outline, type TargetInfo } from '../protocol.js';
import { isSingular } from '../views/plural.js';
import type { Command } from './index.js';

const SCHEME = 'schemasage-preview';
const previews = new Map<string, string>();
let providerRegistered = false;

function ensureProvider(context: vscode.ExtensionContext): void {
  if (providerRegistered) return;
  providerRegistered = true;
  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(SCHEME, { provideTextDocumentContent: (uri) => previews.get(uri.path) ?? '' }));
}

const SCHEMA_LANGUAGES = new Set(['dbml', 'sql', 'prisma']);

export function generateCodeCommand(client: LanguageClient): Command {
  return {
    id: 'schemasage.generateCode',
    async run(ctx, arg?: unknown) {
      ensureProvider(ctx.extensionContext);
      const trusted = vscode.workspace.isTrusted;
      const editor = vscode.window.activeTextEditor;
      const uri = arg instanceof vscode.Uri ? arg.toString() : editor && SCHEMA_LANGUAGES.has(editor.document.languageId) ? editor.document.uri.toString() : undefined;
      const targets = await client.sendRequest<TargetInfo[]>(TargetsRequest, { trusted });
      const pick = await vscode.window.showQuickPick(
        targets.map((t) => ({ label: t.name, description: t.origin === 'workspace' ? vscode.l10n.t('{0} · workspace template', t.id) : t.id, detail: t.description, target: t })),
        { title: trusted ? vscode.l10n.t('Generate code: target') : vscode.l10n.t('Generate code: target (workspace templates are off in an untrusted workspace)'), matchOnDescription: true, matchOnDetail: true, ignoreFocusOut: true },
      );
      if (!pick) return;
      const outline = await client.sendRequest<Outline>(OutlineRequest, {});
      const tables = outline.files.flatMap((f) => f.tables.map((t) => t.key));
      let chosen: string[] | undefined;
      if (tables.length > 1) {
        const all = { label: `$(check-all) ${vscode.l10n.t('All tables')}`, key: '' };
        const which = await vscode.window.showQuickPick([all, ...tables.map((k) => ({ label: k, key: k }))], { title: vscode.l10n.t('Generate code: tables'), canPickMany: true, placeHolder: vscode.l10n.t('All tables unless you pick some'), ignoreFocusOut: true });
        if (!which) return;
        chosen = which.some((w) => w.key === '') || !which.length ? undefined : which.map((w) => w.key);
      }
      const r = await client.sendRequest<GenerateResponse>(GenerateRequest, { target: pick.target.id, ...(uri ? { uri } : {}), ...(chosen ? { tables: chosen } : {}), trusted });
      if (!r.ok) {
        void vscode.window.showErrorMessage(vscode.l10n.t('SchemaSage: could not generate {0}: {1}', pick.target.name, r.error));
        return;
      }
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      if (!folder) {
        for (const f of r.files) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: f.content }));
        return;
      }
      const outFolder = vscode.workspace.getConfiguration('schemasage').get<string>('codegen.outputFolder') || 'generated';
      const base = vscode.Uri.joinPath(folder, outFolder, pick.target.id);
      // preview: each file against what is on disk (empty when new)
      for (const f of r.files.slice(0, 5)) {
        const target = vscode.Uri.joinPath(base, f.path);
        const preview = vscode.Uri.from({ scheme: SCHEME, path: `/${pick.target.id}/${f.path}` });
        previews.set(preview.path, f.content);
        let left = target;
        try {
          await vscode.workspace.fs.stat(target);
        } catch {
          left = vscode.Uri.from({ scheme: SCHEME, path: `/empty/${f.path}` });
          previews.set(left.path, '');
        }
        await vscode.commands.executeCommand('vscode.diff', left, preview, vscode.l10n.t('{0} (generated {1})', f.path, pick.target.name), { preview: true });
      }
      const where = `${outFolder}/${pick.target.id}`;
      const question = isSingular(r.files.length) ? vscode.l10n.t('Write {0} file to {1}?', r.files.length, where) : vscode.l10n.t('Write {0} files to {1}?', r.files.length, where);
      const write = vscode.l10n.t('Write');
      const answer = await vscode.window.showInformationMessage(question, { modal: false }, write, vscode.l10n.t('Cancel'));
      if (answer !== write) return;
      for (const f of r.files) {
        const target = vscode.Uri.joinPath(base, f.path);
        await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
        await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(f.content));
      }
      await vscode.window.showTextDocument(vscode.Uri.joinPath(base, r.files[0]!.path), { preview: false });
    },
  };
}
