/**
 * The AI assistant's registration, called once from extension.ts:
 * commands (open the chat, ask about the selection, set the API key), the
 * chat panel and the `@schemasage` chat participant where the API exists.
 * Heavy parts (the OpenAI SDK) load on the first question.
 */
import * as vscode from 'vscode';
import { ChatPanel } from '../panels/ChatPanel.js';
import { OPEN_CHANGE_COMMAND, registerParticipant } from './participant.js';
import { openChangePlan } from './change-plan.js';
import type { ChatChange } from '../../../server/src/engine/ai/protocol.js';
import { ChatService, type AiDeps } from './service.js';
import { setApiKeyCommand } from './settings.js';

export type { AiDeps, SchemaSnapshot } from './service.js';

/** Registers every AI command, the chat panel and the chat participant. */
export function registerAi(context: vscode.ExtensionContext, deps: AiDeps): void {
  const service = new ChatService(context, deps);
  context.subscriptions.push(
    vscode.commands.registerCommand('schemasage.ai.openChat', () => {
      ChatPanel.createOrShow(context, service);
    }),
    vscode.commands.registerCommand('schemasage.ai.askSelection', () => {
      const editor = vscode.window.activeTextEditor;
      const text = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '';
      ChatPanel.createOrShow(context, service, text ? `Explain this:\n\n\`\`\`\n${text}\n\`\`\`` : undefined);
    }),
    vscode.commands.registerCommand('schemasage.ai.setApiKey', () => setApiKeyCommand(context.secrets)),
    vscode.commands.registerCommand(OPEN_CHANGE_COMMAND, (change?: ChatChange) => {
      if (change && Array.isArray(change.operations) && change.plan) openChangePlan(context, service, change);
    }),
  );
  registerParticipant(context, service);
}
