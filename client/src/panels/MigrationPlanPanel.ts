/**
 * The migration plan panel: a WebviewPanel hosting webviews/migration-plan
 * under a strict CSP (nonce scripts, no inline anything). It shows the plan
 * it is given, and turns the webview's requests into the callbacks the
 * caller wires to the language server or the CLI side: `replan` (rename
 * decisions), `save` (a migration file), `apply` (after a modal confirmation
 * that names every hazard, streaming progress back). Copy puts the plan's
 * SQL on the clipboard. It never plans, saves or applies anything itself.
 */
import * as vscode from 'vscode';
import { webviewPage } from './webview-page.js';
import type { MigrationPlan, PlanHostMessage, PlanWebviewMessage, RenameMessage } from '../../../server/src/engine/history/plan-protocol.js';
import { renderPlan } from '../../../server/src/engine/migrate/render.js';
import { confirmationText } from '../../../server/src/engine/history/confirm.js';

/** A rename decision the user made in the panel. */
export type RenameDecision = Omit<RenameMessage, 'type'>;

/** Progress of an apply, as the runner reports it. */
export interface ApplyProgress {
  done: number;
  total: number;
  statement: string;
}

/** What the panel asks its owner to do. */
export interface MigrationPlanCallbacks {
  /** re-plan with every decision made so far (latest decision per rename last); the new plan is shown */
  replan(decisions: RenameDecision[]): Promise<MigrationPlan>;
  /** save as a migration file; the saved path (shown in the panel), or undefined when cancelled */
  save(plan: MigrationPlan): Promise<string | undefined>;
  /** apply after confirmation; resolves with the outcome */
  apply(plan: MigrationPlan, onProgress: (p: ApplyProgress) => void): Promise<{ ok: boolean; error?: string }>;
}

export interface PlanView {
  plan: MigrationPlan;
  title: string;
  from: string;
  to: string;
}


export class MigrationPlanPanel {
  static readonly viewType = 'schemasage.migrationPlan';
  private static current: MigrationPlanPanel | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private applying = false;
  private decisions: RenameDecision[] = [];

  /** Show the panel (creating it on first use) with `view`; `callbacks` replace the previous ones. */
  static createOrShow(context: vscode.ExtensionContext, view: PlanView, callbacks: MigrationPlanCallbacks, output?: vscode.LogOutputChannel): MigrationPlanPanel {
    const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.One;
    const existing = MigrationPlanPanel.current;
    if (existing) {
      existing.callbacks = callbacks;
      existing.decisions = [];
      existing.panel.reveal(column);
      existing.show(view);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(MigrationPlanPanel.viewType, view.title, column, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist', 'webviews')],
    });
    MigrationPlanPanel.current = new MigrationPlanPanel(panel, context.extensionUri, view, callbacks, output);
    return MigrationPlanPanel.current;
  }

  /** The open panel, if any. */
  static get instance(): MigrationPlanPanel | undefined {
    return MigrationPlanPanel.current;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private view: PlanView,
    private callbacks: MigrationPlanCallbacks,
    private readonly output: vscode.LogOutputChannel | undefined,
  ) {
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: PlanWebviewMessage) => void this.onMessage(m)),
    );
  }

  /** Show another plan (the webview re-renders in place). */
  show(view: PlanView): void {
    this.view = view;
    this.panel.title = view.title;
    if (this.ready) void this.post({ type: 'plan', ...view });
  }

  private post(m: PlanHostMessage): Thenable<boolean> {
    return this.panel.webview.postMessage(m);
  }

  private async onMessage(m: PlanWebviewMessage): Promise<void> {
    try {
      switch (m.type) {
        case 'ready':
          this.ready = true;
          await this.post({ type: 'plan', ...this.view });
          return;
        case 'rename': {
          const { type: _type, ...decision } = m;
          this.decisions = this.decisions.filter((d) => !(d.kind === decision.kind && d.from === decision.from && d.to === decision.to && d.table === decision.table));
          this.decisions.push(decision);
          this.show({ ...this.view, plan: await this.callbacks.replan([...this.decisions]) });
          return;
        }
        case 'copy':
          await vscode.env.clipboard.writeText(renderPlan(this.view.plan, m.which));
          void vscode.window.showInformationMessage(m.which === 'up' ? vscode.l10n.t('Copied the migration SQL.') : vscode.l10n.t('Copied the rollback SQL.'));
          return;
        case 'save': {
          const path = await this.callbacks.save(this.view.plan);
          if (path) await this.post({ type: 'saved', path });
          return;
        }
        case 'apply':
          await this.apply();
          return;
      }
    } catch (err) {
      this.output?.error(`Migration plan: ${String(err)}`);
      if (m.type === 'apply') await this.post({ type: 'result', ok: false, error: String(err) });
      else if (m.type === 'rename') await this.post({ type: 'plan', ...this.view });
    }
  }

  private async apply(): Promise<void> {
    if (this.applying) return;
    const plan = this.view.plan;
    const choice = await vscode.window.showWarningMessage(confirmationText(plan), { modal: true }, plan.hazards.length ? vscode.l10n.t('Apply with these hazards') : vscode.l10n.t('Apply'));
    if (!choice) {
      await this.post({ type: 'result', ok: false, error: vscode.l10n.t('cancelled') });
      return;
    }
    this.applying = true;
    try {
      const r = await this.callbacks.apply(plan, (p) => void this.post({ type: 'progress', done: p.done, total: p.total, statement: p.statement }));
      await this.post(r.error === undefined ? { type: 'result', ok: r.ok } : { type: 'result', ok: r.ok, error: r.error });
    } finally {
      this.applying = false;
    }
  }

  private html(): string {
    return webviewPage({ webview: this.panel.webview, extensionUri: this.extensionUri, bundle: 'migration-plan', title: vscode.l10n.t('Migration plan') });
  }

  dispose(): void {
    if (MigrationPlanPanel.current === this) MigrationPlanPanel.current = undefined;
    while (this.disposables.length) this.disposables.pop()?.dispose();
    this.panel.dispose();
  }
}
