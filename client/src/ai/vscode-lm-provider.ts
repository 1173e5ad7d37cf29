/**
 * VS Code's Language Model API (`vscode.lm`) as a ChatProvider: the models
 * the editor already offers (e.g. through Copilot), chosen by family. System
 * messages go as user messages (the API has no system role); tools are not
 * offered through this API version, so this provider returns text only.
 * Token usage is counted with the model's own tokenizer.
 */
import * as vscode from 'vscode';
import { ProviderError, type ChatChunk, type ChatMessage, type ChatOptions, type ChatProvider } from './types.js';

export class VsCodeLmProvider implements ChatProvider {
  readonly id = 'vscode-lm';
  /** this API version has no tool calling */
  readonly supportsTools = false;

  constructor(
    private readonly family: string,
    /** a model chosen already (the Chat view's model picker) */
    private readonly chosen?: vscode.LanguageModelChat,
  ) {}

  async *stream(messages: readonly ChatMessage[], _options: ChatOptions, signal: AbortSignal): AsyncGenerator<ChatChunk> {
    const lm = (vscode as { lm?: typeof vscode.lm }).lm;
    if (!lm || typeof lm.selectChatModels !== 'function') throw new ProviderError('unavailable', 'This version of VS Code has no Language Model API.');
    if (signal.aborted) throw new ProviderError('cancelled', 'Cancelled.');
    const model = this.chosen ?? (await lm.selectChatModels(this.family ? { family: this.family } : {}))[0];
    if (!model) throw new ProviderError('unavailable', this.family ? `VS Code offers no language model of the family ${this.family}.` : 'VS Code offers no language model (is a chat extension installed and signed in?).');
    yield { type: 'model', provider: this.id, model: model.name || model.id };
    const cts = new vscode.CancellationTokenSource();
    const onAbort = (): void => cts.cancel();
    signal.addEventListener('abort', onAbort, { once: true });
    const prompt = messages.map((m) => (m.role === 'assistant' ? vscode.LanguageModelChatMessage.Assistant(m.content) : vscode.LanguageModelChatMessage.User(m.content)));
    let answer = '';
    try {
      const response = await model.sendRequest(prompt, { justification: 'SchemaSage answers questions about the schema of this workspace.' }, cts.token);
      for await (const text of response.text) {
        if (signal.aborted) break;
        answer += text;
        yield { type: 'text', text };
      }
      if (signal.aborted) throw new ProviderError('cancelled', 'Cancelled.');
    } catch (err) {
      if (err instanceof ProviderError) throw err;
      if (signal.aborted) throw new ProviderError('cancelled', 'Cancelled.');
      if (err instanceof vscode.LanguageModelError) {
        if (err.code === vscode.LanguageModelError.NoPermissions().code) throw new ProviderError('auth', `VS Code did not allow SchemaSage to use the model: ${err.message}`);
        if (err.code === vscode.LanguageModelError.Blocked().code) throw new ProviderError('rate-limit', `The model is blocked for now: ${err.message}`);
        if (err.code === vscode.LanguageModelError.NotFound().code) throw new ProviderError('unavailable', `The model is gone: ${err.message}`);
      }
      throw new ProviderError('network', err instanceof Error ? err.message : String(err));
    } finally {
      signal.removeEventListener('abort', onAbort);
      cts.dispose();
    }
    try {
      let promptTokens = 0;
      for (const m of prompt) promptTokens += await model.countTokens(m);
      const completionTokens = await model.countTokens(answer);
      yield { type: 'usage', usage: { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens } };
    } catch {
      // usage is informative; a model that cannot count leaves it out
    }
  }
}
