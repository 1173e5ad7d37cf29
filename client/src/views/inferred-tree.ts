/**
 * The sidebar's Inferred Relationships view: the relationships the engine
 * inferred and nobody declared, best first, with their confidence and
 * evidence, to review. Clicking one reveals the referencing column; the inline
 * action declares it through the server's own quick fix.
 */
import * as vscode from 'vscode';
import type { OutlineInferred } from '../protocol.js';
import { revealCommand, toRange, type SchemaTreeProvider } from './schema-tree.js';

export class InferredTreeProvider implements vscode.TreeDataProvider<OutlineInferred>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<OutlineInferred | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly sub: vscode.Disposable;

  constructor(private readonly schema: SchemaTreeProvider) {
    this.sub = schema.onDidChangeTreeData(() => this.changed.fire(undefined));
  }

  async getChildren(node?: OutlineInferred): Promise<OutlineInferred[]> {
    if (node) return [];
    return (await this.schema.current()).inferred;
  }

  getTreeItem(r: OutlineInferred): vscode.TreeItem {
    const item = new vscode.TreeItem(`${r.from} → ${r.to}`, vscode.TreeItemCollapsibleState.None);
    item.description = `${Math.round(r.confidence * 100)}%`;
    item.tooltip = new vscode.MarkdownString().appendText(`${vscode.l10n.t('Inferred {0} → {1}, confidence {2}', r.from, r.to, r.confidence.toFixed(2))}\n\n${r.evidence.map((e) => `• ${e}`).join('\n')}`);
    item.iconPath = new vscode.ThemeIcon('lightbulb');
    item.contextValue = r.uri && r.range ? 'schemasage.inferred' : 'schemasage.inferredNoSource';
    if (r.uri) item.command = revealCommand(r.uri, r.range);
    return item;
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }
}

/**
 * Applies the server's "Declare this relationship" quick fix at the inferred
 * column (found by its English title: the language server is not localised).
 */
export async function declareInferred(r: OutlineInferred): Promise<boolean> {
  if (!r?.uri || !r.range) return false;
  const uri = vscode.Uri.parse(r.uri);
  const range = toRange(r.range);
  const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value)) ?? [];
  const declare = actions.find((a) => a.title.startsWith('Declare') && a.diagnostics?.some((d) => d.code === 'INFER001' || (typeof d.code === 'object' && d.code.value === 'INFER001')));
  if (!declare?.edit) {
    void vscode.window.showWarningMessage(vscode.l10n.t('SchemaSage: no "Declare this relationship" fix found for {0} → {1}.', r.from, r.to));
    return false;
  }
  return vscode.workspace.applyEdit(declare.edit);
}
