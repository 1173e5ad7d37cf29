/**
 * The SchemaSage chat panel: a WebviewPanel hosting webviews/chat under a
 * strict CSP (nonce scripts, no inline handlers, no images or fetches). It
 * streams answers from the ChatService, keeps the history per workspace
 * (workspaceState), stops an answer on request, and turns the webview's
 * code-block buttons into clipboard, editor insertion and "open as migration
 * plan" (handed to the lead's callback). A proposed schema change opens in
 * the migration plan view. "Run in…" runs one statement only after the user
 * picked a connection and confirmed in a modal that shows the statement and
 * the connection (writes say so in the button; destructive statements also
 * need the connection's name typed); the rows come back to the webview.
 * Nothing runs by itself.
 */
import * as vscode from 'vscode';
import { webviewPage } from './webview-page.js';
import type { ChatEntry, ChatHostMessage, ChatRows, ChatWebviewMessage } from '../../../server/src/engine/ai/protocol.js';
import { historyMessages, toEntry } from '../ai/controller.js';
import type { ChatService } from '../ai/service.js';
import { readSettings } from '../ai/settings.js';
import { applyChangeToFile, openChangePlan } from '../ai/change-plan.js';
import { queryParams, runConfirmation, type RunTarget } from '../ai/run-sql.js';

/** rows shown per "Run in…" */
const RUN_MAX_ROWS = 200;
const RUN_TIMEOUT_MS = 15_000;

const HISTORY_KEY = 'schemasage.ai.history';
/** entries kept per workspace */
const MAX_HISTORY = 50;


export class ChatPanel {
  static readonly viewType = 'schemasage.chatPanel';
  private static current: ChatPanel | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  private running: AbortController | undefined;
  private seq = 0;

  /** Show the panel (creating it on first use), optionally asking a question at once. */
  static createOrShow(context: vscode.ExtensionContext, service: ChatService, question?: string): ChatPanel {
    const existing = ChatPanel.current;
    if (existing) {
      existing.panel.reveal();
      if (question) void existing.ask(question);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(ChatPanel.viewType, 'SchemaSage Chat', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist', 'webviews')],
    });
    ChatPanel.current = new ChatPanel(panel, context, service, question);
    return ChatPanel.current;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly context: vscode.ExtensionContext,
    private readonly service: ChatService,
    private pending: string | undefined,
  ) {
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: ChatWebviewMessage) => void this.onMessage(m)),
    );
  }

  dispose(): void {
    ChatPanel.current = undefined;
    this.running?.abort();
    this.panel.dispose();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }

  private history(): ChatEntry[] {
    return this.context.workspaceState.get<ChatEntry[]>(HISTORY_KEY) ?? [];
  }

  private post(m: ChatHostMessage): Thenable<boolean> {
    return this.panel.webview.postMessage(m);
  }

  /** Asks one question; a second question while one streams is refused (Stop first). */
  async ask(question: string): Promise<void> {
    if (this.running) {
      void this.post({ type: 'notice', message: 'An answer is still streaming: stop it first.' });
      return;
    }
    const id = `${Date.now().toString(36)}-${++this.seq}`;
    const ctrl = new AbortController();
    this.running = ctrl;
    const history = this.history();
    try {
      await this.post({ type: 'start', id, question });
      const result = await this.service.ask(question, historyMessages(history), {
        text: (text, attempt) => void this.post({ type: 'delta', id, text, attempt }),
        retry: (message) => void this.post({ type: 'retry', id, message }),
        model: (provider, model) => void this.post({ type: 'model', id, provider, model }),
      }, ctrl.signal);
      const entry: ChatEntry = result ? toEntry(id, question, result) : { id, question, answer: '', attempts: 0, blocks: [], suggestions: [], notices: [], error: 'Not sent: this workspace is not trusted and sending was not allowed.', at: Date.now() };
      if (result) await this.context.workspaceState.update(HISTORY_KEY, [...history, entry].slice(-MAX_HISTORY));
      await this.post({ type: 'done', entry });
    } catch (err) {
      this.service.log.info(`chat failed: ${err instanceof Error ? err.message : String(err)}`);
      await this.post({ type: 'done', entry: { id, question, answer: '', attempts: 0, blocks: [], suggestions: [], notices: [], error: 'The assistant failed; see the SchemaSage output.', at: Date.now() } });
    } finally {
      this.running = undefined;
    }
  }

  /**
   * "Run in…": pick a connection, confirm (typed confirmation for destructive
   * statements), run through the server, post the rows. Every way out posts a
   * result so the webview never waits forever.
   */
  private async runSql(code: string, runId: string): Promise<void> {
    const done = (r: Omit<ChatRows, 'runId' | 'columns' | 'rows' | 'truncated'> & Partial<ChatRows>) => this.post({ type: 'rows', result: { runId, columns: [], rows: [], truncated: false, ...r } });
    const deps = this.service.deps;
    const targets = deps.connections?.() ?? [];
    if (!deps.runQuery || targets.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('SchemaSage: add a connection in the Connections view to run statements.'));
      await done({ cancelled: true, error: vscode.l10n.t('no connection') });
      return;
    }
    type Item = vscode.QuickPickItem & { target: RunTarget };
    const pick = await vscode.window.showQuickPick<Item>(
      targets.map((t) => ({ label: `$(database) ${t.name}`, description: t.description, target: t })),
      { title: vscode.l10n.t('Run in which connection?'), placeHolder: vscode.l10n.t('Nothing runs until you confirm the statement') },
    );
    if (!pick) {
      await done({ cancelled: true, error: vscode.l10n.t('no connection chosen') });
      return;
    }
    const target = pick.target;
    const c = runConfirmation(code, target, vscode.l10n);
    if ('error' in c) {
      await done({ connection: target.name, cancelled: true, error: c.error });
      return;
    }
    const ok = await vscode.window.showWarningMessage(c.message, { modal: true, detail: c.detail }, c.confirm);
    if (ok !== c.confirm) {
      await done({ connection: target.name, cancelled: true, error: vscode.l10n.t('cancelled') });
      return;
    }
    let typedOk = false;
    if (c.typed !== undefined) {
      const want = c.typed;
      const typed = await vscode.window.showInputBox({
        title: vscode.l10n.t('Final confirmation'),
        prompt: vscode.l10n.t('Type the connection name "{0}" to run this destructive statement.', want),
        ignoreFocusOut: true,
        validateInput: (v) => (v === want ? undefined : vscode.l10n.t('Type {0} exactly', want)),
      });
      if (typed !== want) {
        await done({ connection: target.name, cancelled: true, error: vscode.l10n.t('cancelled') });
        return;
      }
      typedOk = true;
    }
    this.service.log.info(`run in ${target.name}: ${c.kind} statement (${c.sql.length} chars)`);
    try {
      const r = await deps.runQuery(target.name, queryParams(c, typedOk, { maxRows: RUN_MAX_ROWS, timeoutMs: RUN_TIMEOUT_MS }));
      if (r.ok) await done({ connection: target.name, kind: r.kind, columns: r.columns, rows: r.rows, truncated: r.truncated, ms: r.ms });
      else await done({ connection: target.name, error: r.error, ...(r.refused ? { cancelled: true } : {}) });
      if (r.ok && r.kind !== 'read') void vscode.commands.executeCommand('schemasage.refreshConnection');
    } catch (err) {
      await done({ connection: target.name, error: err instanceof Error ? err.message : String(err) });
    }
  }

  private html(): string {
    return webviewPage({ webview: this.panel.webview, extensionUri: this.context.extensionUri, bundle: 'chat', title: 'SchemaSage Chat', images: "'none'" });
  }

  private async onMessage(m: ChatWebviewMessage): Promise<void> {
    try {
      switch (m.type) {
        case 'ready': {
          const settings = readSettings();
          const model = settings.provider === 'vscode-lm' ? `VS Code language model${settings.vscodeModelFamily ? ` (${settings.vscodeModelFamily})` : ''}` : `${settings.baseUrl || 'OpenAI'} \u00b7 ${settings.model}`;
          await this.post({ type: 'init', history: this.history(), busy: this.running !== undefined, model });
          const q = this.pending;
          this.pending = undefined;
          if (q) await this.ask(q);
          break;
        }
        case 'ask':
          await this.ask(m.question);
          break;
        case 'stop':
          this.running?.abort();
          break;
        case 'clear':
          this.running?.abort();
          await this.context.workspaceState.update(HISTORY_KEY, []);
          await this.post({ type: 'cleared' });
          break;
        case 'copy':
          await vscode.env.clipboard.writeText(m.code);
          void vscode.window.setStatusBarMessage('SchemaSage: copied', 2000);
          break;
        case 'insert': {
          const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
          if (!editor) {
            void vscode.window.showInformationMessage('SchemaSage: open an editor to insert the code into.');
            break;
          }
          await editor.edit((b) => {
            for (const s of editor.selections) b.replace(s, m.code);
          });
          break;
        }
        case 'openMigrationPlan':
          if (this.service.deps.openMigrationPlan) await this.service.deps.openMigrationPlan(m.code);
          else void vscode.window.showInformationMessage('SchemaSage: migration plans are not available yet.');
          break;
        case 'openChangePlan': {
          const change = this.history().find((e) => e.id === m.entryId)?.change;
          if (change) openChangePlan(this.context, this.service, change);
          else void vscode.window.showInformationMessage(vscode.l10n.t('SchemaSage: that proposal is no longer in the chat history.'));
          break;
        }
        case 'applyChangeToFile': {
          const change = this.history().find((e) => e.id === m.entryId)?.change;
          if (change) await applyChangeToFile(this.context, this.service, change);
          break;
        }
        case 'runSql':
          await this.runSql(m.code, m.runId);
          break;
        case 'declareRelationship': {
          const entry = this.history().find((e) => e.id === m.entryId);
          const suggestion = entry?.suggestions[m.index];
          if (suggestion && this.service.deps.declareRelationship) await this.service.deps.declareRelationship(suggestion);
          break;
        }
      }
    } catch (err) {
      this.service.log.info(`chat panel: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
