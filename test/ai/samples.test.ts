/**
 * Sample rows for grounding (issue 11): nothing is requested when
 * `sendSampleData` is off or an untrusted workspace's user says no; when
 * allowed, the server's sampler (run here on a real sql.js database through
 * the same function the `schemasage/db/samples` handler calls) never selects
 * personal-data columns, and what reaches the model holds no personal value.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gatherSamples, SAMPLE_ROWS, type SampleGate } from '../../client/src/ai/samples.ts';
import { runTurn } from '../../client/src/ai/controller.ts';
import { OpenAiProvider } from '../../client/src/ai/openai-provider.ts';
import { readSamples } from '../../server/src/lsp/db.ts';
import { openSqlite } from '../../server/src/db/sqlite.ts';
import type { DbSamplesParams, DbSamplesResult } from '../../server/src/engine/ai/db-requests.ts';
import { schemaOf } from './util.ts';
import { startFakeOpenAi, type FakeOpenAi } from './openai-server.ts';

const SCHEMA = schemaOf(`
Table customers {
  id int [pk]
  nickname varchar
  email varchar
  phone_number varchar
  date_of_birth date
  plan varchar
}
Table orders {
  id int [pk]
  customer_id int [ref: > customers.id]
  total decimal
}
Table audit {
  id int [pk]
}
`);

const DATA = `
CREATE TABLE customers (id INTEGER PRIMARY KEY, nickname TEXT, email TEXT, phone_number TEXT, date_of_birth TEXT, plan TEXT);
INSERT INTO customers VALUES (1, 'ace', 'ace@example.com', '+44 7700 900123', '1990-01-02', 'pro'), (2, 'bo', 'bo@example.com', '+44 7700 900456', '1985-05-06', 'free');
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, total NUMERIC);
INSERT INTO orders VALUES (10, 1, 99.5), (11, 2, 12);
`;

interface Calls {
  consent: number;
  requests: Omit<DbSamplesParams, 'connection'>[];
}

function gate(over: Partial<SampleGate>, calls: Calls, answer = false): SampleGate {
  return {
    sendSampleData: true,
    trusted: true,
    consent: async () => {
      calls.consent++;
      return answer;
    },
    ...over,
  };
}

async function sqliteSampler(): Promise<(p: Omit<DbSamplesParams, 'connection'>) => Promise<DbSamplesResult>> {
  const conn = await openSqlite();
  await conn.exec(DATA);
  return (p) => readSamples(conn, { connection: { dialect: 'sqlite' }, ...p });
}

describe('sample rows: when they may be read', () => {
  const cases: { name: string; gate: Partial<SampleGate>; consentAnswer?: boolean; requested: boolean; consentAsked: number }[] = [
    { name: 'setting off: nothing requested, nobody asked', gate: { sendSampleData: false }, requested: false, consentAsked: 0 },
    { name: 'setting off in an untrusted workspace: nothing, nobody asked', gate: { sendSampleData: false, trusted: false }, requested: false, consentAsked: 0 },
    { name: 'untrusted, the user says no: nothing requested', gate: { trusted: false }, consentAnswer: false, requested: false, consentAsked: 1 },
    { name: 'untrusted, the user agrees: requested', gate: { trusted: false }, consentAnswer: true, requested: true, consentAsked: 1 },
    { name: 'trusted with the setting on: requested without asking', gate: {}, requested: true, consentAsked: 0 },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const calls: Calls = { consent: 0, requests: [] };
      const sampler = await sqliteSampler();
      const out = await gatherSamples(gate(c.gate, calls, c.consentAnswer), SCHEMA, 'revenue per customer plan', async (p) => {
        calls.requests.push(p);
        return sampler(p);
      });
      assert.equal(calls.requests.length, c.requested ? 1 : 0);
      assert.equal(calls.consent, c.consentAsked);
      assert.equal(out === undefined, !c.requested);
    });
  }

  it('asks for the question\'s tables, a few rows each, LIMITed and time-boxed', async () => {
    const calls: Calls = { consent: 0, requests: [] };
    await gatherSamples(gate({}, calls), SCHEMA, 'orders per customer', async (p) => {
      calls.requests.push(p);
      return { ok: true, samples: {}, skipped: {} };
    });
    const p = calls.requests[0];
    assert.deepEqual(p.tables.map((t) => t.key).slice(0, 2).sort(), ['public.customers', 'public.orders']);
    assert.equal(p.rows, SAMPLE_ROWS);
    assert.ok((p.timeoutMs ?? 0) > 0 && (p.timeoutMs ?? 0) <= 5000);
  });

  it('a failing request leaves the question without samples (no exception)', async () => {
    const calls: Calls = { consent: 0, requests: [] };
    const out = await gatherSamples(gate({}, calls), SCHEMA, 'x', async () => {
      throw new Error('connection refused');
    });
    assert.equal(out, undefined);
  });
});

describe('sample rows: masking', () => {
  let server: FakeOpenAi;
  before(async () => {
    server = await startFakeOpenAi();
  });
  after(async () => {
    await server.close();
  });

  it('the sampler never reads personal-data columns', async () => {
    const sampler = await sqliteSampler();
    const r = await sampler({ defaultSchema: 'public', tables: SCHEMA.tables.map((t) => ({ key: t.key, schema: t.schema, name: t.name, columns: t.columns })), rows: 5 });
    assert.ok(r.ok);
    assert.deepEqual(r.samples['public.customers'].rows, [
      ['1', 'ace', '***', '***', '***', 'pro'],
      ['2', 'bo', '***', '***', '***', 'free'],
    ]);
    assert.deepEqual(r.samples['public.orders'].rows, [['10', '1', '99.5'], ['11', '2', '12']]);
    assert.match(r.skipped['public.audit'] ?? '', /no such table/);
  });

  it('what reaches the model holds sample values but no personal data', async () => {
    const sampler = await sqliteSampler();
    const samples = await gatherSamples(gate({}, { consent: 0, requests: [] }), SCHEMA, 'revenue per customer plan', sampler);
    assert.ok(samples && samples.size === 2);
    server.script([{ kind: 'text', pieces: ['ok'] }]);
    const provider = new OpenAiProvider({ baseURL: server.baseURL, apiKey: 'k', model: 'm', timeoutMs: 2000, retry: { maxRetries: 0 } });
    await runTurn(provider, { schema: SCHEMA, dialect: 'sqlite', samples }, [], 'revenue per customer plan', {}, new AbortController().signal);
    const sent = server.requests[0].body.messages.map((m) => m.content ?? '').join('\n');
    assert.ok(sent.includes('"ace"') && sent.includes('"pro"'), 'sample values are sent');
    for (const secret of ['example.com', '7700', '1990-01-02', '1985']) assert.ok(!sent.includes(secret), `${secret} must not be sent`);
  });
});
