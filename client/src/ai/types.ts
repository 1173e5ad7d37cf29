/**
 * The provider interface every model source implements (OpenAI-compatible
 * endpoints, VS Code's Language Model API, a fallback chain) and the errors
 * they raise. No vscode import: the chat controller and tests use it in node.
 */
import type { ChatMessage, ToolCall, ToolDefinition } from '../../../server/src/engine/ai/types.js';

export type { ChatMessage, ToolCall, ToolDefinition };

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

/** One piece of a streamed answer. */
export type ChatChunk =
  | { type: 'text'; text: string }
  | { type: 'toolCall'; call: ToolCall }
  | { type: 'usage'; usage: TokenUsage }
  /** which provider and model answer (first chunk of a stream) */
  | { type: 'model'; provider: string; model: string };

export interface ChatOptions {
  /** overrides the provider's configured model */
  model?: string;
  tools?: readonly ToolDefinition[];
  temperature?: number;
  maxTokens?: number;
}

export interface ChatProvider {
  /** stable id: `openai`, `vscode-lm`, or a configured name */
  readonly id: string;
  /** false when the provider cannot offer tools to the model (the prompt then asks for DDL to review instead) */
  readonly supportsTools?: boolean;
  /**
   * Streams one answer. Ends normally when the model finishes; throws a
   * `ProviderError` otherwise (`cancelled` when `signal` aborts).
   */
  stream(messages: readonly ChatMessage[], options: ChatOptions, signal: AbortSignal): AsyncIterable<ChatChunk>;
}

export type ProviderErrorKind = 'auth' | 'rate-limit' | 'server' | 'timeout' | 'cancelled' | 'malformed' | 'network' | 'unavailable' | 'bad-request';

/** A provider failure a user can be told about; never carries the key or the prompt. */
export class ProviderError extends Error {
  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    readonly status?: number,
    /** the server's Retry-After, in ms, when it sent one */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ProviderError';
  }

  /** worth another attempt (maybe on the next provider) */
  get retryable(): boolean {
    return this.kind === 'rate-limit' || this.kind === 'server' || this.kind === 'timeout' || this.kind === 'network';
  }
}
