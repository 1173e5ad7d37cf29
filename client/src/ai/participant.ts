/**
 * The `@schemasage` chat participant in VS Code's own Chat view, where the
 * chat API exists (guarded: older editors and VS Code forks lack it). It
 * answers through the same ChatService as the panel, streams the markdown,
 * then adds the engine's check of each SQL block, any relationship
 * suggestions and a proposed schema change's plan summary (with a button to
 * the plan view). It runs nothing.
 */
import * as vscode from 'vscode';
import type { ChatMessage } from '../../../server/src/engine/ai/types.js';
import type { ChatService } from './service.js';
import { VsCodeLmProvider } from './vscode-lm-provider.js';
import { toChatChange } from './controller.js';

/** Internal command (not in the palette): opens a proposed change (a ChatChange) in the plan view. */
export const OPEN_CHANGE_COMMAND = 'schemasage.ai.openChangePlan';

export const PARTICIPANT_ID = 'schemasage.chat';

function historyOf(context: vscode.ChatContext): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const turn of context.history.slice(-8)) {
    if (turn instanceof vscode.ChatRequestTurn) out.push({ role: 'user', content: turn.prompt });
    else if (turn instanceof vscode.ChatResponseTurn) {
      let text = '';
      for (const part of turn.response) if (part instanceof vscode.ChatResponseMarkdownPart) text += part.value.value;
      if (text) out.push({ role: 'assistant', content: text });
    }
  }
  return out;
}

/** The model picked in the Chat view (newer editors put it on the request); undefined: use the configured provider. */
function pickedModel(request: vscode.ChatRequest): VsCodeLmProvider | undefined {
  const model = (request as { model?: vscode.LanguageModelChat }).model;
  return model && typeof model.sendRequest === 'function' ? new VsCodeLmProvider('', model) : undefined;
}

/** Registers the participant when the API exists; undefined otherwise. */
export function registerParticipant(context: vscode.ExtensionContext, service: ChatService): vscode.Disposable | undefined {
  const chat = (vscode as { chat?: typeof vscode.chat }).chat;
  if (!chat || typeof chat.createChatParticipant !== 'function') return undefined;
  const participant = chat.createChatParticipant(PARTICIPANT_ID, async (request, ctx, stream, token) => {
    const ctrl = new AbortController();
    const sub = token.onCancellationRequested(() => ctrl.abort());
    try {
      let attempt = 0;
      const result = await service.ask(request.prompt, historyOf(ctx), {
        text: (delta, a) => {
          if (a !== attempt) {
            attempt = a;
            stream.markdown('\n\n---\n*Corrected answer:*\n\n');
          }
          stream.markdown(delta);
        },
        retry: () => stream.progress('Checking the SQL against the schema found problems; asking for a correction\u2026'),
      }, ctrl.signal, pickedModel(request));
      if (!result) return { errorDetails: { message: 'Not sent: this workspace is not trusted.' } };
      if (result.error) return { errorDetails: { message: result.error.message } };
      const lines: string[] = [];
      result.check.blocks.forEach((b, i) => {
        if (b.diagnostics.length === 0) lines.push(`- SQL block ${i + 1}: checked against the schema \u2713`);
        for (const d of b.diagnostics) lines.push(`- SQL block ${i + 1}: ${d.severity} ${d.code}: ${d.message}`);
      });
      for (const s of result.suggestions) lines.push(`- Suggested relationship ${s.from.table}.${s.from.columns.join(', ')} \u2192 ${s.to.table}.${s.to.columns.join(', ')} (confidence ${Math.round(s.confidence * 100)}%)`);
      if (lines.length) stream.markdown(`\n\n**SchemaSage check**\n\n${lines.join('\n')}\n`);
      if (result.change) {
        const change = toChatChange(result.change);
        const hazards = change.hazards.map((h) => `- ${h.severity} ${h.code}${h.dataLoss ? ' (data loss)' : ''}: ${h.message}`);
        const md = new vscode.MarkdownString();
        md.appendMarkdown(`\n\n**${vscode.l10n.t('Proposed schema change')}**${change.summary ? `: ${change.summary}` : ''}\n\n`);
        md.appendText(`${change.descriptions.map((d) => `- ${d}`).join('\n')}\n\n`);
        md.appendMarkdown(`${vscode.l10n.t('Migration plan ({0}): {1} statements. Nothing has been applied.', change.dialect, change.statements)}\n\n`);
        if (hazards.length) md.appendText(`${hazards.join('\n')}\n\n`);
        md.appendCodeblock(change.sql, 'sql');
        stream.markdown(md);
        stream.button({ command: OPEN_CHANGE_COMMAND, title: vscode.l10n.t('Open as Migration Plan'), arguments: [change] });
      }
      return { metadata: { model: result.model, usage: result.usage } };
    } finally {
      sub.dispose();
    }
  });
  participant.iconPath = new vscode.ThemeIcon('database');
  context.subscriptions.push(participant);
  return participant;
}
