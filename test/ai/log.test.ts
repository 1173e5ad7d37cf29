/**
 * The assistant's log (issue 11, point 4): events only (no question, no
 * schema, no tool arguments, no answer) unless `schemasage.ai.debugLog` is
 * on; API keys never, not even in debug text or a provider's error that
 * echoes the key. Through the real controller and OpenAI provider over the
 * local chat-completions server.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeOpenAi, type FakeOpenAi, type Step } from './openai-server.ts';
import { schemaOf } from './util.ts';
import { OpenAiProvider } from '../../client/src/ai/openai-provider.ts';
import { runTurn } from '../../client/src/ai/controller.ts';
import { AiLog } from '../../client/src/ai/log.ts';

const KEY = 'sk-live-0123456789abcdefXYZ';
const schema = schemaOf('Table orders {\n  id int [pk]\n  secret_margin decimal [note: \'internal pricing\']\n}\n');
const QUESTION = 'add soft delete to orders please';
const WRONG: Step = { kind: 'tools', text: 'Here is the change.', calls: [{ name: 'propose_schema_change', arguments: JSON.stringify({ summary: 'soft delete', operations: [{ op: 'add_column', table: 'order', name: 'deleted_at', type: 'timestamptz' }] }) }] };
const RIGHT: Step = { kind: 'tools', calls: [{ name: 'propose_schema_change', arguments: JSON.stringify({ summary: 'soft delete', operations: [{ op: 'add_column', table: 'orders', name: 'deleted_at', type: 'timestamptz' }] }) }] };
/** Text the log must not hold without debug: the question, the schema, the tool arguments, the answer. */
const CONTENT = [QUESTION, 'secret_margin', 'internal pricing', 'deleted_at', 'Here is the change', 'timestamptz'];

let server: FakeOpenAi;
before(async () => {
  server = await startFakeOpenAi();
});
after(async () => {
  await server.close();
});

function setup(debug: boolean): { lines: string[]; log: AiLog; provider: OpenAiProvider } {
  const lines: string[] = [];
  return {
    lines,
    log: new AiLog({ info: (l) => lines.push(l) }, () => debug, () => [KEY]),
    provider: new OpenAiProvider({ baseURL: server.baseURL, apiKey: KEY, model: 'm', timeoutMs: 2000, retry: { maxRetries: 0 } }),
  };
}

describe('assistant log', () => {
  it('without debug: events of a schema-change turn with its retry, and no content', async () => {
    const { lines, log, provider } = setup(false);
    server.script([WRONG, RIGHT]);
    const r = await runTurn(provider, { schema, dialect: 'postgres' }, [], QUESTION, {}, new AbortController().signal, log);
    assert.ok(r.change);
    const text = lines.join('\n');
    assert.match(text, /schema changes with errors/);
    assert.match(text, /schema change: 1 operations, 1 statements/);
    for (const c of CONTENT) assert.ok(!text.includes(c), `"${c}" leaked:\n${text}`);
    assert.ok(!text.includes(KEY));
  });

  it('with debug: the prompt and answer are logged, the key still is not', async () => {
    const { lines, log, provider } = setup(true);
    server.script([{ kind: 'text', pieces: [`Use the key ${KEY} nowhere.`] }]);
    await runTurn(provider, { schema, dialect: 'postgres' }, [], `${QUESTION} (my key is ${KEY})`, {}, new AbortController().signal, log);
    const text = lines.join('\n');
    assert.ok(text.includes(QUESTION) && text.includes('secret_margin'), 'debug shows the prompt');
    assert.ok(!text.includes(KEY), text);
    assert.ok(!text.includes('0123456789abcdef'), 'no part of the key');
  });

  it('a provider error that echoes the key is logged without it', async () => {
    const { lines, log, provider } = setup(true);
    server.script([{ kind: 'status', status: 401, message: `Incorrect API key provided: ${KEY}` }]);
    const r = await runTurn(provider, { schema, dialect: 'postgres' }, [], 'q', {}, new AbortController().signal, log);
    assert.ok(r.error);
    assert.ok(!r.error.message.includes(KEY), `the error shown in the panel: ${r.error.message}`);
    assert.match(r.error.message, /401/);
    assert.ok(lines.length > 0);
    assert.ok(!lines.join('\n').includes(KEY), lines.join('\n'));
  });
});
