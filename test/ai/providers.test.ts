/**
 * The OpenAI-compatible provider against a local chat-completions server:
 * streaming text, tool calls, usage, retries on 429 (Retry-After) and 500,
 * the idle timeout, cancellation, malformed chunks, and the fallback chain.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeOpenAi, type FakeOpenAi } from './openai-server.ts';
import { OpenAiProvider, type OpenAiConfig } from '../../client/src/ai/openai-provider.ts';
import { FallbackProvider } from '../../client/src/ai/fallback.ts';
import { parseRetryAfter, retryDelay, DEFAULT_RETRY } from '../../client/src/ai/retry.ts';
import { ProviderError, type ChatChunk, type ChatProvider } from '../../client/src/ai/types.ts';
import { TOOLS } from '../../server/src/engine/ai/prompts.ts';

let server: FakeOpenAi;
before(async () => {
  server = await startFakeOpenAi();
});
after(async () => {
  await server.close();
});

function provider(extra: Partial<OpenAiConfig> = {}): OpenAiProvider {
  return new OpenAiProvider({ baseURL: server.baseURL, apiKey: 'sk-test-0123456789', model: 'gpt-test', timeoutMs: 2000, retry: { baseDelayMs: 20, maxRetries: 2 }, random: () => 0.5, ...extra });
}

async function collect(p: ChatProvider, signal = new AbortController().signal): Promise<{ chunks: ChatChunk[]; error?: ProviderError }> {
  const chunks: ChatChunk[] = [];
  try {
    for await (const c of p.stream([{ role: 'user', content: 'hi' }], { tools: TOOLS }, signal)) chunks.push(c);
    return { chunks };
  } catch (err) {
    assert.ok(err instanceof ProviderError, `expected a ProviderError, got ${String(err)}`);
    return { chunks, error: err };
  }
}

const texts = (cs: ChatChunk[]): string[] => cs.flatMap((c) => (c.type === 'text' ? [c.text] : []));

describe('OpenAI provider', () => {
  it('streams text in order, with the model and the token usage', async () => {
    server.script([{ kind: 'text', pieces: ['Hello', ', ', 'world'], usage: { prompt: 42, completion: 3 } }]);
    const { chunks, error } = await collect(provider());
    assert.equal(error, undefined);
    assert.deepEqual(chunks[0], { type: 'model', provider: 'openai', model: 'gpt-test' });
    assert.deepEqual(texts(chunks), ['Hello', ', ', 'world']);
    assert.deepEqual(chunks.at(-1), { type: 'usage', usage: { promptTokens: 42, completionTokens: 3, totalTokens: 45 } });
    const req = server.requests[0];
    assert.equal(req.body.stream, true);
    assert.equal(req.headers.authorization, 'Bearer sk-test-0123456789');
    assert.deepEqual(req.body.tools?.map((t) => t.function.name), ['suggest_relationship', 'propose_schema_change']);
  });

  it('assembles tool calls streamed in pieces', async () => {
    const args = JSON.stringify({ fromTable: 'orders', fromColumns: ['user_id'], toTable: 'users', toColumns: ['id'] });
    server.script([{ kind: 'tools', calls: [{ name: 'suggest_relationship', arguments: args }, { name: 'suggest_relationship', arguments: '{"x":1}' }] }]);
    const { chunks, error } = await collect(provider());
    assert.equal(error, undefined);
    const calls = chunks.flatMap((c) => (c.type === 'toolCall' ? [c.call] : []));
    assert.deepEqual(calls, [
      { id: 'call_0', name: 'suggest_relationship', arguments: args },
      { id: 'call_1', name: 'suggest_relationship', arguments: '{"x":1}' },
    ]);
  });

  it('retries a 429 after the Retry-After the server asked for, then succeeds', async () => {
    server.script([
      { kind: 'status', status: 429, headers: { 'retry-after': '1' } },
      { kind: 'text', pieces: ['ok'] },
    ]);
    const retries: { attempt: number; delay: number; kind: string }[] = [];
    const { chunks, error } = await collect(provider({ onRetry: (attempt, delay, e) => retries.push({ attempt, delay, kind: e.kind }) }));
    assert.equal(error, undefined);
    assert.deepEqual(texts(chunks), ['ok']);
    assert.deepEqual(retries, [{ attempt: 1, delay: 1000, kind: 'rate-limit' }]);
    const gap = server.requests[1].at - server.requests[0].at;
    assert.ok(gap >= 950, `second request only ${gap} ms after the first`);
  });

  it('retries 500 with backoff and gives up after maxRetries with a server error', async () => {
    server.script([
      { kind: 'status', status: 500 },
      { kind: 'status', status: 502 },
      { kind: 'status', status: 503 },
      { kind: 'text', pieces: ['never'] },
    ]);
    const { chunks, error } = await collect(provider());
    assert.equal(error?.kind, 'server');
    assert.equal(error?.status, 503);
    assert.equal(server.requests.length, 3);
    assert.deepEqual(texts(chunks), []);
  });

  it('does not retry a 401 and reports it as an auth error without the key', async () => {
    server.script([{ kind: 'status', status: 401, message: 'Incorrect API key provided: sk-test-0123456789' }, { kind: 'text', pieces: ['x'] }]);
    const { error } = await collect(provider());
    assert.equal(error?.kind, 'auth');
    assert.equal(server.requests.length, 1);
    assert.ok(!error!.message.includes('sk-test'), error!.message);
  });

  it('times out a server that never answers', async () => {
    server.script([{ kind: 'hang' }]);
    const t0 = Date.now();
    const { error } = await collect(provider({ timeoutMs: 300, retry: { maxRetries: 0 } }));
    const took = Date.now() - t0;
    assert.equal(error?.kind, 'timeout');
    assert.ok(took >= 280 && took < 2000, `took ${took} ms`);
  });

  it('times out a stream that stops mid-answer, keeping what arrived, without retrying', async () => {
    server.script([{ kind: 'hang', pieces: ['partial '] }, { kind: 'text', pieces: ['again'] }]);
    const { chunks, error } = await collect(provider({ timeoutMs: 300 }));
    assert.equal(error?.kind, 'timeout');
    assert.deepEqual(texts(chunks), ['partial ']);
    assert.equal(server.requests.length, 1);
  });

  it('stops when the signal aborts mid-stream', async () => {
    server.script([{ kind: 'text', pieces: ['a', 'b', 'c', 'd', 'e', 'f'], delayMs: 100 }]);
    const ctrl = new AbortController();
    const chunks: ChatChunk[] = [];
    let error: unknown;
    const t0 = Date.now();
    try {
      for await (const c of provider().stream([{ role: 'user', content: 'hi' }], {}, ctrl.signal)) {
        chunks.push(c);
        if (c.type === 'text' && c.text === 'b') ctrl.abort();
      }
    } catch (err) {
      error = err;
    }
    assert.ok(error instanceof ProviderError && error.kind === 'cancelled', String(error));
    assert.deepEqual(texts(chunks), ['a', 'b']);
    assert.ok(Date.now() - t0 < 500);
  });

  it('cancels a backoff wait at once', async () => {
    server.script([{ kind: 'status', status: 429, headers: { 'retry-after': '10' } }]);
    const ctrl = new AbortController();
    setTimeout(() => ctrl.abort(), 100);
    const t0 = Date.now();
    const { error } = await collect(provider({ retry: { maxDelayMs: 20_000 } }), ctrl.signal);
    assert.equal(error?.kind, 'cancelled');
    assert.ok(Date.now() - t0 < 1000);
  });

  it('fails with a rate-limit error when Retry-After exceeds the longest wait', async () => {
    server.script([{ kind: 'status', status: 429, headers: { 'retry-after': '3600' } }]);
    const { error } = await collect(provider());
    assert.equal(error?.kind, 'rate-limit');
    assert.equal(error?.retryAfterMs, 3_600_000);
    assert.equal(server.requests.length, 1);
  });

  it('reports a malformed chunk as an error, after the text that came before it', async () => {
    server.script([{ kind: 'raw', data: [{ id: 'x', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: 'good ' }, finish_reason: null }] }, '{"id": "broken", "choices": [ {'] }]);
    const { chunks, error } = await collect(provider());
    assert.equal(error?.kind, 'malformed');
    assert.deepEqual(texts(chunks), ['good ']);
  });

  it('skips chunks of the wrong shape (no choices) and keeps streaming', async () => {
    server.script([{ kind: 'raw', data: [{ id: 'x', object: 'chat.completion.chunk', created: 1, model: 'm', choices: null }, { id: 'y', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: 'fine' }, finish_reason: 'stop' }] }] }]);
    const { chunks, error } = await collect(provider());
    assert.equal(error, undefined);
    assert.deepEqual(texts(chunks), ['fine']);
  });
});

describe('retry policy', () => {
  it('reads Retry-After as seconds, as an HTTP date, and retry-after-ms first', () => {
    assert.equal(parseRetryAfter('2'), 2000);
    assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:05 GMT', null, Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')), 5000);
    assert.equal(parseRetryAfter('2', '150'), 150);
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(parseRetryAfter(undefined), undefined);
  });

  it('backs off exponentially with jitter and only for retryable errors', () => {
    const p = { ...DEFAULT_RETRY, baseDelayMs: 100, jitter: 0.2, maxRetries: 3 };
    const server = new ProviderError('server', 'x', 500);
    assert.equal(retryDelay(p, 0, server, () => 1), 100);
    assert.equal(retryDelay(p, 1, server, () => 1), 200);
    assert.equal(retryDelay(p, 2, server, () => 0), 320);
    assert.equal(retryDelay(p, 3, server, () => 1), undefined);
    assert.equal(retryDelay(p, 0, new ProviderError('auth', 'x', 401)), undefined);
    assert.equal(retryDelay(p, 0, new ProviderError('rate-limit', 'x', 429, 700)), 700);
  });
});

describe('fallback order', () => {
  it('moves to the next provider when the first fails before answering', async () => {
    server.script([{ kind: 'status', status: 503 }, { kind: 'text', pieces: ['from the second'] }]);
    const first = provider({ id: 'primary', retry: { maxRetries: 0 } });
    const second = provider({ id: 'local', model: 'llama' });
    const seen: string[] = [];
    const chain = new FallbackProvider([first, second], (failed, e, next) => seen.push(`${failed}:${e.kind}->${next}`));
    const { chunks, error } = await collect(chain);
    assert.equal(error, undefined);
    assert.deepEqual(texts(chunks), ['from the second']);
    assert.deepEqual(seen, ['primary:server->local']);
    const models = chunks.flatMap((c) => (c.type === 'model' ? [`${c.provider}/${c.model}`] : []));
    assert.deepEqual(models, ['primary/gpt-test', 'local/llama']);
  });

  it('does not fall back after part of the answer was shown', async () => {
    server.script([{ kind: 'hang', pieces: ['half'] }, { kind: 'text', pieces: ['other'] }]);
    const chain = new FallbackProvider([provider({ timeoutMs: 200 }), provider({ id: 'b' })]);
    const { chunks, error } = await collect(chain);
    assert.equal(error?.kind, 'timeout');
    assert.deepEqual(texts(chunks), ['half']);
    assert.equal(server.requests.length, 1);
  });

  it('says no provider is configured when the list is empty', async () => {
    const { error } = await collect(new FallbackProvider([]));
    assert.equal(error?.kind, 'unavailable');
  });
});
