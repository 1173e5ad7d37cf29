/**
 * The OpenAI chat-completions provider, for OpenAI itself or any compatible
 * endpoint (Azure OpenAI's v1 API, Ollama, LM Studio, vLLM): streaming text
 * and tool calls, token usage, an idle timeout, retries with backoff on
 * 429/5xx before the first token (honouring Retry-After), and cancellation
 * through an AbortSignal. The SDK's own retries and logging are off: this
 * module decides, and never logs a key or a prompt.
 *
 * No vscode import: tests drive it in node against a local server.
 */
import type OpenAI from 'openai';
import type { ChatCompletionChunk, ChatCompletionCreateParamsStreaming, ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import { DEFAULT_RETRY, retryDelay, sleep, parseRetryAfter, type RetryPolicy } from './retry.js';
import { ProviderError, type ChatChunk, type ChatMessage, type ChatOptions, type ChatProvider, type TokenUsage, type ToolCall } from './types.js';

const noop = (): void => {};
const SILENT = { error: noop, warn: noop, info: noop, debug: noop };

export interface OpenAiConfig {
  /** provider id shown to users (default `openai`) */
  id?: string;
  /** an OpenAI-compatible base URL (default OpenAI's) */
  baseURL?: string;
  /** local endpoints often need none */
  apiKey?: string;
  model: string;
  /** longest silence, in ms, before the first chunk and between chunks (default 60 s) */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** told about each retry (for a status line; never given the prompt) */
  onRetry?: (attempt: number, delayMs: number, error: ProviderError) => void;
  /** randomness for backoff jitter (tests pin it) */
  random?: () => number;
  /** extra headers (e.g. Azure's `api-key`) */
  headers?: Record<string, string>;
}

/** Chat messages in the chat-completions wire format. */
export function toOpenAiMessages(messages: readonly ChatMessage[]): ChatCompletionMessageParam[] {
  return messages.map((m): ChatCompletionMessageParam => {
    switch (m.role) {
      case 'system':
        return { role: 'system', content: m.content };
      case 'user':
        return { role: 'user', content: m.content };
      case 'tool':
        return { role: 'tool', content: m.content, tool_call_id: m.toolCallId ?? '' };
      case 'assistant':
        return m.toolCalls?.length
          ? { role: 'assistant', content: m.content || null, tool_calls: m.toolCalls.map((c) => ({ id: c.id, type: 'function' as const, function: { name: c.name, arguments: c.arguments } })) }
          : { role: 'assistant', content: m.content };
    }
  });
}

function errorName(err: unknown): string {
  return err instanceof Error ? err.constructor.name : '';
}

/** Any failure of a request as a ProviderError a user can read. */
export function toProviderError(err: unknown, cancelled: boolean, timedOut: boolean, timeoutMs: number): ProviderError {
  if (err instanceof ProviderError) return err;
  if (cancelled) return new ProviderError('cancelled', 'Cancelled.');
  if (timedOut) return new ProviderError('timeout', `The model did not answer within ${Math.round(timeoutMs / 1000)} s.`);
  const e = err as { status?: unknown; headers?: { get?(name: string): string | null }; message?: unknown };
  const status = typeof e?.status === 'number' ? e.status : undefined;
  const message = typeof e?.message === 'string' ? e.message : String(err);
  const name = errorName(err);
  if (status !== undefined) {
    const retryAfter = typeof e.headers?.get === 'function' ? parseRetryAfter(e.headers.get('retry-after'), e.headers.get('retry-after-ms')) : undefined;
    if (status === 401 || status === 403) return new ProviderError('auth', `The provider refused the API key (${status}).`, status);
    if (status === 429) return new ProviderError('rate-limit', `Rate limited (429): ${message}`, status, retryAfter);
    if (status >= 500) return new ProviderError('server', `The provider failed (${status}): ${message}`, status, retryAfter);
    if (status === 408) return new ProviderError('timeout', 'The provider timed out (408).', status, retryAfter);
    return new ProviderError('bad-request', `The provider rejected the request (${status}): ${message}`, status);
  }
  if (name === 'APIConnectionTimeoutError') return new ProviderError('timeout', `The model did not answer within ${Math.round(timeoutMs / 1000)} s.`);
  if (name === 'APIUserAbortError') return new ProviderError('cancelled', 'Cancelled.');
  if (err instanceof SyntaxError) return new ProviderError('malformed', `The provider sent a malformed stream chunk: ${message}`);
  if (name === 'APIConnectionError') return new ProviderError('network', `Could not reach the provider: ${message}`);
  return new ProviderError('network', `The request failed: ${message}`);
}

function usageOf(u: ChatCompletionChunk['usage']): TokenUsage | undefined {
  if (!u || typeof u !== 'object') return undefined;
  const prompt = typeof u.prompt_tokens === 'number' ? u.prompt_tokens : 0;
  const completion = typeof u.completion_tokens === 'number' ? u.completion_tokens : 0;
  return { promptTokens: prompt, completionTokens: completion, totalTokens: typeof u.total_tokens === 'number' ? u.total_tokens : prompt + completion };
}

export class OpenAiProvider implements ChatProvider {
  readonly id: string;
  private client: OpenAI | undefined;
  private readonly policy: RetryPolicy;
  private readonly timeoutMs: number;

  constructor(private readonly config: OpenAiConfig) {
    this.id = config.id ?? 'openai';
    this.policy = { ...DEFAULT_RETRY, ...config.retry };
    this.timeoutMs = config.timeoutMs ?? 60_000;
  }

  /** The SDK loads on first use, never on the extension's start-up path. */
  private async sdk(): Promise<OpenAI> {
    if (!this.client) {
      const { default: OpenAIClient } = await import('openai');
      this.client = new OpenAIClient({
        apiKey: this.config.apiKey || 'not-needed',
        baseURL: this.config.baseURL || undefined,
        maxRetries: 0,
        timeout: this.timeoutMs * 4,
        // the SDK would print a malformed chunk (maybe part of an answer) to the console
        logLevel: 'off',
        logger: SILENT,
        defaultHeaders: this.config.headers,
      });
    }
    return this.client;
  }

  async *stream(messages: readonly ChatMessage[], options: ChatOptions, signal: AbortSignal): AsyncGenerator<ChatChunk> {
    const client = await this.sdk();
    const model = options.model ?? this.config.model;
    const body: ChatCompletionCreateParamsStreaming = {
      model,
      messages: toOpenAiMessages(messages),
      stream: true,
      stream_options: { include_usage: true },
    };
    if (options.tools?.length) body.tools = options.tools.map((t): ChatCompletionTool => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.parameters } }));
    if (options.temperature !== undefined) body.temperature = options.temperature;
    if (options.maxTokens !== undefined) body.max_completion_tokens = options.maxTokens;
    yield { type: 'model', provider: this.id, model };

    for (let attempt = 0; ; attempt++) {
      if (signal.aborted) throw new ProviderError('cancelled', 'Cancelled.');
      const ctrl = new AbortController();
      const onAbort = (): void => ctrl.abort();
      signal.addEventListener('abort', onAbort, { once: true });
      let timedOut = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const arm = (): void => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => {
          timedOut = true;
          ctrl.abort();
        }, this.timeoutMs);
      };
      let yielded = false;
      try {
        arm();
        const stream = await client.chat.completions.create(body, { signal: ctrl.signal });
        const calls = new Map<number, { id: string; name: string; args: string }>();
        let usage: TokenUsage | undefined;
        for await (const chunk of stream) {
          arm();
          if (typeof chunk !== 'object' || chunk === null) throw new ProviderError('malformed', 'The provider sent a malformed stream chunk (not an object).');
          const u = usageOf(chunk.usage);
          if (u) usage = u;
          const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
          const delta = choices[0]?.delta;
          if (!delta) continue;
          if (typeof delta.content === 'string' && delta.content) {
            yielded = true;
            yield { type: 'text', text: delta.content };
          }
          if (Array.isArray(delta.tool_calls)) {
            for (const tc of delta.tool_calls) {
              const index = typeof tc.index === 'number' ? tc.index : 0;
              let acc = calls.get(index);
              if (!acc) calls.set(index, (acc = { id: '', name: '', args: '' }));
              if (tc.id) acc.id = tc.id;
              if (tc.function?.name) acc.name += tc.function.name;
              if (tc.function?.arguments) acc.args += tc.function.arguments;
            }
          }
        }
        if (timer) clearTimeout(timer);
        // the SDK ends an aborted stream quietly: say why it ended
        if (signal.aborted || timedOut) throw toProviderError(undefined, signal.aborted, timedOut, this.timeoutMs);
        for (const [index, c] of [...calls].sort((a, b) => a[0] - b[0])) {
          yielded = true;
          const call: ToolCall = { id: c.id || `call_${index}`, name: c.name, arguments: c.args };
          yield { type: 'toolCall', call };
        }
        if (usage) yield { type: 'usage', usage };
        return;
      } catch (err) {
        const e = toProviderError(err, signal.aborted, timedOut, this.timeoutMs);
        // a retry after part of the answer was shown would repeat it
        if (yielded) throw e;
        const delay = retryDelay(this.policy, attempt, e, this.config.random);
        if (delay === undefined) throw e;
        this.config.onRetry?.(attempt + 1, delay, e);
        await sleep(delay, signal);
      } finally {
        if (timer) clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        // ends the HTTP stream when the consumer stops early
        ctrl.abort();
      }
    }
  }
}
