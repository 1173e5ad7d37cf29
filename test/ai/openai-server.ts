/**
 * A local HTTP server speaking OpenAI's chat-completions protocol, scripted
 * per test: streamed text (SSE), tool calls, usage, error statuses with
 * headers (429 + Retry-After, 500), a hang (for timeouts), and malformed
 * chunks. It stands in for the network edge only; everything on our side of
 * the socket (the `openai` SDK, our provider, the controller) is real.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  /** the parsed JSON body */
  body: {
    model: string;
    stream?: boolean;
    messages: { role: string; content: string | null; tool_calls?: unknown[] }[];
    tools?: { type: string; function: { name: string; description?: string; parameters?: unknown } }[];
    [k: string]: unknown;
  };
  at: number;
}

/** What the server does for one request. */
export type Step =
  /** stream text in pieces (split on the given pieces, or per word), then usage */
  | { kind: 'text'; pieces: string[]; delayMs?: number; usage?: { prompt: number; completion: number } }
  /** stream one or more tool calls, their arguments split in two deltas */
  | { kind: 'tools'; calls: { name: string; arguments: string }[]; text?: string }
  /** an HTTP error with headers and a JSON error body */
  | { kind: 'status'; status: number; headers?: Record<string, string>; message?: string }
  /** raw SSE `data:` payloads written as given (objects are JSON-encoded), then `[DONE]` unless `noDone` */
  | { kind: 'raw'; data: (string | object)[]; noDone?: boolean }
  /** send headers and these pieces, then never finish */
  | { kind: 'hang'; pieces?: string[] };

export type Script = Step[] | ((req: ReceivedRequest, index: number) => Step);

export interface FakeOpenAi {
  /** base URL for the SDK (ends in /v1) */
  baseURL: string;
  requests: ReceivedRequest[];
  /** replaces the script and clears the recorded requests */
  script(s: Script): void;
  close(): Promise<void>;
}

let seq = 0;

function chunk(model: string, delta: object, finish: string | null = null, extra: object = {}): object {
  return { id: `chatcmpl-${++seq}`, object: 'chat.completion.chunk', created: 1_700_000_000, model, choices: [{ index: 0, delta, finish_reason: finish }], ...extra };
}

function usageChunk(model: string, prompt: number, completion: number): object {
  return { id: `chatcmpl-${++seq}`, object: 'chat.completion.chunk', created: 1_700_000_000, model, choices: [], usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion } };
}

function sse(res: ServerResponse, data: string | object): void {
  res.write(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function play(step: Step, req: ReceivedRequest, res: ServerResponse, open: Set<ServerResponse>): Promise<void> {
  const model = req.body.model;
  if (step.kind === 'status') {
    res.writeHead(step.status, { 'content-type': 'application/json', ...step.headers });
    res.end(JSON.stringify({ error: { message: step.message ?? `status ${step.status}`, type: 'test', code: null } }));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  if (step.kind === 'hang') {
    sse(res, chunk(model, { role: 'assistant', content: '' }));
    for (const p of step.pieces ?? []) sse(res, chunk(model, { content: p }));
    open.add(res);
    return;
  }
  if (step.kind === 'raw') {
    for (const d of step.data) sse(res, d);
    if (!step.noDone) sse(res, '[DONE]');
    res.end();
    return;
  }
  sse(res, chunk(model, { role: 'assistant', content: '' }));
  if (step.kind === 'text') {
    for (const p of step.pieces) {
      if (step.delayMs) await delay(step.delayMs);
      if (res.destroyed) return;
      sse(res, chunk(model, { content: p }));
    }
    sse(res, chunk(model, {}, 'stop'));
    const u = step.usage ?? { prompt: 100, completion: step.pieces.length };
    sse(res, usageChunk(model, u.prompt, u.completion));
  } else {
    if (step.text) sse(res, chunk(model, { content: step.text }));
    step.calls.forEach((c, i) => {
      const half = Math.floor(c.arguments.length / 2);
      sse(res, chunk(model, { tool_calls: [{ index: i, id: `call_${i}`, type: 'function', function: { name: c.name, arguments: c.arguments.slice(0, half) } }] }));
      sse(res, chunk(model, { tool_calls: [{ index: i, function: { arguments: c.arguments.slice(half) } }] }));
    });
    sse(res, chunk(model, {}, 'tool_calls'));
    sse(res, usageChunk(model, 120, 30));
  }
  sse(res, '[DONE]');
  res.end();
}

/** Starts the server on 127.0.0.1 (a free port). */
export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  let script: Script = [];
  const requests: ReceivedRequest[] = [];
  const open = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (raw += d));
    req.on('end', () => {
      let body: ReceivedRequest['body'];
      try {
        body = JSON.parse(raw) as ReceivedRequest['body'];
      } catch {
        res.writeHead(400).end();
        return;
      }
      const received: ReceivedRequest = { path: req.url ?? '', headers: req.headers, body, at: Date.now() };
      const index = requests.length;
      requests.push(received);
      if (req.url !== '/v1/chat/completions') {
        res.writeHead(404).end();
        return;
      }
      const step = typeof script === 'function' ? script(received, index) : script[index];
      if (!step) {
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'script exhausted' } }));
        return;
      }
      void play(step, received, res, open);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    script(s) {
      script = s;
      requests.length = 0;
    },
    async close() {
      for (const r of open) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
