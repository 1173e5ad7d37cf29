/**
 * "SchemaSage: Show ER Diagram": opens the diagram panel on the schema of the
 * active file's unit (its migrations folder, its Prisma folder, the DBML
 * files) or, from the command palette's choice, the whole workspace. The
 * model comes from the server (`schemasage/schemaModel`) and is turned into
 * the diagram's view model by the engine's pure `toDiagram`. The panel
 * follows edits (after each diagnostics pass) and the cursor.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { toDiagram } from '../../../server/src/engine/diagram/index.js';
import type { DiagramModel } from '../../../server/src/engine/diagram/types.js';
import { ErDiagramPanel } from '../panels/ErDiagramPanel.js';
import { SchemaModelRequest, type SchemaModelParams } from '../protocol.js';
import type { SchemaModel } from '../../../server/src/lsp/handlers/outline.js';
import type { Command } from './index.js';

const SCHEMA_LANGUAGES = new Set(['dbml', 'sql', 'prisma']);

/** Scope of the open diagram: a file's unit, or the workspace (undefined). */
let scope: string | undefined;

/** The last model sent to the panel (the cursor-follow looks tables up in it). */
let lastModel: DiagramModel | undefined;

export async function diagramModel(client: LanguageClient, uri: string | undefined): Promise<DiagramModel> {
  const params: SchemaModelParams = uri ? { uri } : {};
  const m = await client.sendRequest<SchemaModel | null>(SchemaModelRequest, params);
  lastModel = m ? toDiagram(m.schema, { inferred: m.inferred }) : toDiagram({ schemas: [], defaultSchema: 'public', tables: [], relationships: [], enums: [], tableGroups: [], notes: [] });
  return lastModel;
}

export const showDiagram: Command = {
  id: 'schemasage.showDiagram',
  async run(ctx, arg?: unknown) {
    const editor = vscode.window.activeTextEditor;
    const fromArg = arg instanceof vscode.Uri ? arg.toString() : undefined;
    let uri = fromArg ?? (editor && SCHEMA_LANGUAGES.has(editor.document.languageId) ? editor.document.uri.toString() : undefined);
    if (arg === 'workspace') uri = undefined;
    else if (!fromArg && uri && arg !== 'file') {
      const pick = await vscode.window.showQuickPick(
        [
          { label: vscode.l10n.t("This file's schema"), description: vscode.workspace.asRelativePath(vscode.Uri.parse(uri)), scope: uri },
          { label: vscode.l10n.t('The whole workspace'), description: vscode.l10n.t('every schema file'), scope: undefined },
        ],
        { title: vscode.l10n.t('Show ER Diagram'), ignoreFocusOut: true },
      );
      if (!pick) return;
      uri = pick.scope;
    }
    scope = uri;
    ErDiagramPanel.createOrShow(ctx.extensionContext, () => diagramModel(ctx.client, scope), ctx.output);
  },
};

/** Keeps an open diagram in step with the editor: edits update it, the cursor highlights its table. */
export function followEditor(context: vscode.ExtensionContext): { refresh(): void } {
  let timer: NodeJS.Timeout | undefined;
  const refresh = () => {
    if (!ErDiagramPanel.instance) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void ErDiagramPanel.instance?.update();
    }, 300);
  };
  context.subscriptions.push(
    vscode.window.onDidChangeTextEditorSelection((e) => {
      const panel = ErDiagramPanel.instance;
      if (!panel || !lastModel || !SCHEMA_LANGUAGES.has(e.textEditor.document.languageId)) return;
      const uri = e.textEditor.document.uri.toString();
      const offset = e.textEditor.document.offsetAt(e.selections[0]!.active);
      for (const t of lastModel.tables) {
        if (t.source?.uri !== uri) continue;
        const column = t.columns.find((c) => c.source && c.source.span.start <= offset && offset <= c.source.span.end);
        const onTable = t.source.span.start <= offset && offset <= t.source.span.end;
        if (column || onTable) {
          panel.highlight(t.key, column?.name);
          return;
        }
      }
    }),
  );
  return { refresh };
}
