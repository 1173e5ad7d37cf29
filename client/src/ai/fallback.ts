/**
 * A provider that tries several in the user's fallback order: when one fails
 * before it has produced any of the answer (unavailable, no key, rate limit,
 * server error, timeout, network), the next one gets the same request. A
 * failure after text was shown, or a cancellation, ends the answer.
 * No vscode import.
 */
import { ProviderError, type ChatChunk, type ChatMessage, type ChatOptions, type ChatProvider } from './types.js';

export class FallbackProvider implements ChatProvider {
  readonly id: string;
  /** tools only when every provider of the chain can take them (the prompt is built once) */
  readonly supportsTools: boolean;

  constructor(
    private readonly providers: readonly ChatProvider[],
    /** told when a provider fails and the next is tried */
    private readonly onFallback?: (failed: string, error: ProviderError, next: string) => void,
  ) {
    this.id = providers.map((p) => p.id).join(' > ') || 'none';
    this.supportsTools = providers.every((p) => p.supportsTools !== false);
  }

  async *stream(messages: readonly ChatMessage[], options: ChatOptions, signal: AbortSignal): AsyncGenerator<ChatChunk> {
    if (this.providers.length === 0) throw new ProviderError('unavailable', 'No AI provider is configured. Set schemasage.ai.provider.');
    let last: ProviderError | undefined;
    for (let i = 0; i < this.providers.length; i++) {
      const p = this.providers[i];
      let produced = false;
      try {
        for await (const chunk of p.stream(messages, options, signal)) {
          if (chunk.type !== 'model') produced = true;
          yield chunk;
        }
        return;
      } catch (err) {
        const e = err instanceof ProviderError ? err : new ProviderError('network', err instanceof Error ? err.message : String(err));
        if (produced || e.kind === 'cancelled' || e.kind === 'bad-request' || i === this.providers.length - 1) throw e;
        last = e;
        this.onFallback?.(p.id, e, this.providers[i + 1].id);
      }
    }
    throw last ?? new ProviderError('unavailable', 'No AI provider answered.');
  }
}
