/**
 * The SchemaSage chat panel: a WebviewPanel hosting webviews/chat under a
 * strict CSP (nonce scripts, no inline handlers, no images or fetches). It
 * streams answers from the ChatService, keeps the history per workspace
 * (workspaceState), stops an answer on request, and turns the webview's
 * code-block buttons into clipboard, editor insertion and "open as migration
 * plan" (handed to the lead's callback). Nothing here runs SQL.
 */
import * as vscode from 'vscode';
import { webviewPage } from './webview-page.js';
import type { ChatEntry, ChatHostMessage, ChatWebviewMessage } from '../../../server/src/engine/ai/protocol.js';
import { historyMessages, toEntry } from '../ai/controller.js';
import type { ChatService } from '../ai/service.js';
import { readSettings } from '../ai/settings.js';

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
