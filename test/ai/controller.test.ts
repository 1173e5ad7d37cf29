/**
 * The chat controller end to end over a local chat-completions server: the
 * NL-to-SQL check (unknown columns -> one retry with the errors -> final
 * diagnostics), relationship suggestions, stop, provider failures, and the
 * redacting log.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeOpenAi, type FakeOpenAi } from './openai-server.ts';
import { fakeQueryChecker, schemaOf } from './util.ts';
import { OpenAiProvider } from '../../client/src/ai/openai-provider.ts';
import { historyMessages, runTurn, toEntry, type TurnContext } from '../../client/src/ai/controller.ts';
import { AiLog, redact } from '../../client/src/ai/log.ts';

const SHOP = `
Table users {
  id int [pk]
  email varchar
  plan_id int [ref: > plans.id]
}
Table plans {
  id int [pk]
  name varchar
  price decimal
}
Table payments {
  id int [pk]
  user_id int [ref: > users.id]
  amount decimal
  paid_at timestamp
}
`;

let server: FakeOpenAi;
before(async () => {
  server = await startFakeOpenAi();
});
after(async () => {
  await server.close();
});

const schema = schemaOf(SHOP);
const ctx: TurnContext = { schema, dialect: 'postgres', checker: fakeQueryChecker(schema) };
const provider = () => new OpenAiProvider({ baseURL: server.baseURL, apiKey: 'sk-secret-abcdef123456', model: 'gpt-test', timeoutMs: 2000, retry: { maxRetries: 0 } });

const WRONG = 'Monthly revenue per plan:\n\n```sql\nSELECT p.title, date_trunc(\'month\', x.paid_on) AS month, sum(x.amount)\nFROM payments x JOIN users u ON u.id = x.user_id JOIN plans p ON p.id = u.plan_id\nGROUP BY 1, 2\n```\n';
const RIGHT = '```sql\nSELECT p.name, date_trunc(\'month\', x.paid_at) AS month, sum(x.amount)\nFROM payments x JOIN users u ON u.id = x.user_id JOIN plans p ON p.id = u.plan_id\nGROUP BY 1, 2\n```\n';

function pieces(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i += 7) out.push(s.slice(i, i + 7));
  return out;
}

describe('NL-to-SQL check', () => {
  it('sends unknown columns back once, and the corrected answer checks clean', async () => {
    server.script([
      { kind: 'text', pieces: pieces(WRONG), usage: { prompt: 500, completion: 60 } },
      { kind: 'text', pieces: pieces(RIGHT), usage: { prompt: 640, completion: 50 } },
    ]);
    const streamed: string[] = ['', ''];
    const retries: string[] = [];
    const r = await runTurn(provider(), ctx, [], 'monthly revenue per plan', { text: (d, a) => (streamed[a] += d), retry: (m) => retries.push(m) }, new AbortController().signal);
    assert.equal(r.error, undefined);
    assert.deepEqual(streamed, [WRONG, RIGHT]);
    assert.equal(r.attempts.length, 2);
    assert.deepEqual(r.attempts[0].check.blocks[0].diagnostics.map((d) => WRONG.slice(d.span.start, d.span.end)), ['title', 'paid_on']);
    // the retry message the model got: its own answer, then the errors
    assert.equal(server.requests.length, 2);
    const second = server.requests[1].body.messages;
    assert.equal(second.at(-2)?.role, 'assistant');
    assert.equal(second.at(-2)?.content, WRONG);
    assert.equal(second.at(-1)?.role, 'user');
    assert.equal(second.at(-1)?.content, retries[0]);
    assert.match(retries[0], /QRY002: Unknown column title in table plans at `title`/);
    assert.match(retries[0], /QRY002: Unknown column paid_on in table payments at `paid_on` \(did you mean paid_at\?\)/);
    assert.equal(r.answer, RIGHT);
    assert.equal(r.check.errors, 0);
    assert.deepEqual(r.usage, { promptTokens: 1140, completionTokens: 110, totalTokens: 1250 });
    assert.equal(r.model, 'gpt-test');
  });

  it('retries only once and returns what is still wrong with the engine diagnostics', async () => {
    server.script([
      { kind: 'text', pieces: [WRONG] },
      { kind: 'text', pieces: [WRONG.replace('paid_on', 'paid_at')] },
      { kind: 'text', pieces: [RIGHT] },
    ]);
    const r = await runTurn(provider(), ctx, [], 'monthly revenue per plan', {}, new AbortController().signal);
    assert.equal(server.requests.length, 2, 'one retry, no more');
    assert.equal(r.check.errors, 1);
    const d = r.check.blocks[0].diagnostics;
    assert.deepEqual(d.map((x) => [x.code, x.severity, r.answer.slice(x.span.start, x.span.end)]), [['QRY002', 'error', 'title']]);
  });

  it('does not retry an answer whose SQL checks', async () => {
    server.script([{ kind: 'text', pieces: [RIGHT] }, { kind: 'text', pieces: ['unused'] }]);
    const r = await runTurn(provider(), ctx, [], 'q', {}, new AbortController().signal);
    assert.equal(server.requests.length, 1);
    assert.equal(r.attempts.length, 1);
    assert.equal(r.check.errors, 0);
  });

  it('grounds the prompt: system prompt, schema, history, question', async () => {
    server.script([{ kind: 'text', pieces: ['ok'] }]);
    await runTurn(provider(), ctx, [{ role: 'user', content: 'earlier' }, { role: 'assistant', content: 'reply' }], 'which tables hold payments?', {}, new AbortController().signal);
    const m = server.requests[0].body.messages;
    assert.deepEqual(m.map((x) => x.role), ['system', 'system', 'user', 'assistant', 'user']);
    assert.match(m[0].content!, /postgres dialect/);
    assert.match(m[1].content!, /table payments \{/);
    assert.equal(m[4].content, 'which tables hold payments?');
    assert.equal(server.requests[0].body.temperature, 0);
  });
});

describe('NL-to-SQL check with the engine query checker (engine/query checkQueries)', () => {
  it('sends the engine diagnostics back once and returns the corrected answer checked clean', async (t) => {
    let checkQueries: typeof import('../../server/src/engine/query/index.ts').checkQueries;
    try {
      ({ checkQueries } = await import('../../server/src/engine/query/index.ts'));
    } catch (err) {
      t.skip(`engine/query is not loadable yet: ${String(err)}`);
      return;
    }
    const engineCtx: TurnContext = { schema, dialect: 'postgres', checker: (sql) => checkQueries(schema, sql, 'postgres').diagnostics };
    server.script([{ kind: 'text', pieces: pieces(WRONG) }, { kind: 'text', pieces: pieces(RIGHT) }]);
    const retries: string[] = [];
    const r = await runTurn(provider(), engineCtx, [], 'monthly revenue per plan', { retry: (m) => retries.push(m) }, new AbortController().signal);
    const first = r.attempts[0].check.blocks[0].diagnostics;
    assert.deepEqual(first.map((d) => [d.code, WRONG.slice(d.span.start, d.span.end)]), [['QRY002', 'title'], ['QRY002', 'paid_on']]);
    assert.equal(retries.length, 1);
    assert.match(retries[0], /QRY002: .*paid_on.*did you mean `?paid_at/);
    assert.equal(r.answer, RIGHT);
    assert.equal(r.check.errors, 0);
    assert.equal(server.requests.length, 2);
  });
});

describe('suggestions, stop and failures', () => {
  it('returns checked relationship suggestions from tool calls', async () => {
    const withoutRef = schemaOf('Table users {\n  id int [pk]\n}\nTable payments {\n  id int [pk]\n  user_id int\n}\n');
    server.script([{ kind: 'tools', text: 'payments.user_id looks like a reference.', calls: [{ name: 'suggest_relationship', arguments: JSON.stringify({ fromTable: 'payments', fromColumns: ['user_id'], toTable: 'users', toColumns: ['id'], reason: 'name' }) }] }]);
    const r = await runTurn(provider(), { schema: withoutRef, dialect: 'postgres' }, [], 'missing relationships?', {}, new AbortController().signal);
    assert.equal(r.suggestions.length, 1);
    assert.equal(r.suggestions[0].source, 'ai');
    assert.ok(r.suggestions[0].confidence > 0.5);
    assert.deepEqual(r.toolDiagnostics, []);
  });

  it('stops when asked, keeping the partial answer, without a retry', async () => {
    server.script([{ kind: 'text', pieces: ['```sql\nselect x.', 'nope from users x', '\n```', 'more'], delayMs: 80 }]);
    const ctrl = new AbortController();
    let seen = '';
    const r = await runTurn(provider(), ctx, [], 'q', { text: (d) => ((seen += d), seen.includes('nope') && ctrl.abort()) }, ctrl.signal);
    assert.equal(r.stopped, true);
    assert.equal(r.error, undefined);
    assert.equal(r.answer, '```sql\nselect x.nope from users x');
    assert.equal(server.requests.length, 1);
  });

  it('returns a provider failure in the result', async () => {
    server.script([{ kind: 'status', status: 401 }]);
    const r = await runTurn(provider(), ctx, [], 'q', {}, new AbortController().signal);
    assert.equal(r.error?.kind, 'auth');
    assert.equal(r.answer, '');
  });
});

describe('history entries', () => {
  it('keeps block diagnostics with spans into the block, usage and model', async () => {
    server.script([{ kind: 'text', pieces: [WRONG] }, { kind: 'text', pieces: [WRONG] }]);
    const r = await runTurn(provider(), ctx, [], 'q', {}, new AbortController().signal);
    const e = toEntry('id1', 'q', r, 5);
    assert.equal(e.attempts, 2);
    assert.equal(e.blocks.length, 1);
    assert.deepEqual(e.blocks[0].diagnostics.map((d) => e.blocks[0].sql.slice(d.span.start, d.span.end)), ['title', 'paid_on']);
    assert.equal(e.model, 'gpt-test');
    assert.ok(e.usage && e.usage.totalTokens > 0);
    assert.equal(e.error, undefined);
  });

  it('sends back only the last complete turns', () => {
    const base = { attempts: 1, blocks: [], suggestions: [], notices: [], at: 0 };
    const h = [
      { ...base, id: '1', question: 'q1', answer: 'a1' },
      { ...base, id: '2', question: 'q2', answer: '', error: 'failed' },
      { ...base, id: '3', question: 'q3', answer: 'a3' },
      { ...base, id: '4', question: 'q4', answer: 'a4' },
    ];
    assert.deepEqual(historyMessages(h, 3).map((m) => `${m.role}:${m.content}`), ['user:q3', 'assistant:a3', 'user:q4', 'assistant:a4']);
  });
});

describe('log', () => {
  it('writes events always, prompts only with debug on, keys never', async () => {
    const lines: string[] = [];
    let debug = false;
    const log = new AiLog({ info: (l) => lines.push(l) }, () => debug, () => ['sk-secret-abcdef123456']);
    server.script([{ kind: 'text', pieces: ['fine'] }, { kind: 'text', pieces: ['fine'] }]);
    await runTurn(provider(), ctx, [], 'my secret question', {}, new AbortController().signal, log);
    assert.ok(lines.length > 0);
    assert.ok(lines.every((l) => !l.includes('my secret question') && !l.includes('table users')), lines.join('\n'));
    debug = true;
    await runTurn(provider(), ctx, [], 'my secret question', {}, new AbortController().signal, log);
    assert.ok(lines.some((l) => l.includes('my secret question')));
    log.debug('leak', () => 'key sk-secret-abcdef123456 and Authorization: Bearer abcdefghijkl');
    assert.ok(lines.every((l) => !l.includes('sk-secret-abcdef123456') && !l.includes('abcdefghijkl')), lines.at(-1));
  });

  it('redacts key-like text', () => {
    assert.equal(redact('use sk-proj-ABCDEF12345678 now'), 'use sk-*** now');
    assert.equal(redact('{"api_key": "abc123456789"}'), '{"api_key": "***"}');
  });
});
