/**
 * Answer checking: SQL blocks found in markdown, checked by the query checker
 * with spans moved into the answer, destructive statements flagged, the retry
 * message, and relationship suggestions turned into checked evidence.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ANSWER_URI, checkAnswer, destructiveSpans, extractSqlBlocks, relationshipFromToolCall, retryMessage } from '../../server/src/engine/ai/answer.ts';
import { fakeQueryChecker, schemaOf } from './util.ts';

const SHOP = `
Table users {
  id int [pk]
  email varchar
  name varchar
}
Table orders {
  id int [pk]
  user_id int
  total decimal
}
Table profiles {
  id int [pk]
  user_id int [unique, ref: - users.id]
}
Table events {
  id int [pk]
  user_ref uuid
}
`;

describe('extractSqlBlocks', () => {
  const cases: { name: string; md: string; sql: string[] }[] = [
    { name: 'sql fence', md: 'Try:\n```sql\nSELECT 1;\n```\nDone', sql: ['SELECT 1;'] },
    { name: 'dialect tags and tildes', md: '~~~postgresql\nselect 2\n~~~\n```mysql\nselect 3\n```', sql: ['select 2', 'select 3'] },
    { name: 'untagged fence that starts with a keyword', md: '```\nWITH x AS (select 1) select * from x\n```', sql: ['WITH x AS (select 1) select * from x'] },
    { name: 'untagged prose fence is not SQL', md: '```\nselection of users\n```', sql: [] },
    { name: 'other languages are skipped', md: '```python\nprint("select")\n```\n```ts\nconst a = 1\n```', sql: [] },
    { name: 'a longer fence holds a shorter one', md: '````sql\nselect \'```\'\n```\nselect 2\n````', sql: ["select '```'\n```\nselect 2"] },
    { name: 'indented fence and CRLF', md: '  ```SQL\r\nselect 4\r\n  ```\r\n', sql: ['select 4'] },
    { name: 'an unclosed fence runs to the end (a stopped stream)', md: 'x\n```sql\nselect * from us', sql: ['select * from us'] },
    { name: 'inline code is not a block', md: 'use `select 1` here', sql: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const blocks = extractSqlBlocks(c.md);
      assert.deepEqual(blocks.map((b) => b.sql), c.sql);
      for (const b of blocks) assert.equal(c.md.slice(b.span.start, b.span.end), b.sql);
    });
  }
});

describe('destructive statements', () => {
  const cases: [string, boolean][] = [
    ['DROP TABLE users;', true],
    ['drop   schema app cascade', true],
    ['TRUNCATE orders', true],
    ['ALTER TABLE users DROP COLUMN email', true],
    ['DELETE FROM orders', true],
    ['DELETE FROM orders WHERE id = 3', false],
    ['SELECT drop_count FROM stats', false],
    ['ALTER TABLE users ADD COLUMN deleted_at timestamp', false],
    ['UPDATE orders SET total = 0 WHERE id = 1; DELETE FROM users', true],
  ];
  for (const [sql, destructive] of cases) {
    it(`${destructive ? 'flags' : 'passes'} ${sql}`, () => {
      const spans = destructiveSpans(sql);
      assert.equal(spans.length > 0, destructive);
      for (const s of spans) assert.match(sql.slice(s.start, s.end), /^(drop|truncate|alter|delete)/i);
    });
  }
});

describe('checkAnswer and the retry message', () => {
  const schema = schemaOf(SHOP);
  const checker = fakeQueryChecker(schema);

  it('moves the checker diagnostics into answer offsets', () => {
    const answer = 'Here:\n\n```sql\nSELECT u.emial, o.totl\nFROM users u JOIN orders o ON o.user_id = u.id\n```\nand\n```sql\nselect * from users\n```';
    const check = checkAnswer(answer, checker);
    assert.equal(check.blocks.length, 2);
    assert.equal(check.errors, 2);
    const d = check.blocks[0].diagnostics;
    assert.deepEqual(d.map((x) => [x.code, answer.slice(x.span.start, x.span.end), x.uri]), [
      ['QRY002', 'emial', ANSWER_URI],
      ['QRY002', 'totl', ANSWER_URI],
    ]);
    assert.deepEqual(check.blocks[1].diagnostics, []);
    const retry = retryMessage(answer, check);
    assert.equal(retry?.role, 'user');
    assert.match(retry!.content, /QRY002: Unknown column emial in table users at `emial` \(did you mean email\?\)/);
    assert.match(retry!.content, /QRY002: Unknown column totl in table orders at `totl` \(did you mean total\?\)/);
    assert.match(retry!.content, /only tables and columns of the schema/);
  });

  it('asks for no retry when the SQL checks, and flags destructive SQL as a warning', () => {
    const answer = '```sql\nDELETE FROM users\n```';
    const check = checkAnswer(answer, checker);
    assert.equal(check.errors, 0);
    assert.equal(retryMessage(answer, check), undefined);
    assert.equal(check.blocks[0].destructive, true);
    assert.deepEqual(check.blocks[0].diagnostics.map((d) => [d.code, d.severity, answer.slice(d.span.start, d.span.end)]), [['AI004', 'warning', 'DELETE FROM users']]);
  });

  it('keeps the answer when the checker throws, with a warning', () => {
    const check = checkAnswer('```sql\nselect 1\n```', () => {
      throw new Error('boom');
    });
    assert.equal(check.errors, 0);
    assert.equal(check.blocks[0].diagnostics[0].code, 'AI000');
  });
});

describe('relationship suggestions', () => {
  const schema = schemaOf(SHOP);
  const call = (args: unknown, name = 'suggest_relationship') => ({ id: 'c1', name, arguments: typeof args === 'string' ? args : JSON.stringify(args) });

  it('turns a sound suggestion into evidence with source ai, agreeing with inference', () => {
    const r = relationshipFromToolCall(schema, call({ fromTable: 'orders', fromColumns: ['user_id'], toTable: 'users', toColumns: ['id'], reason: 'orders belong to users' }));
    assert.deepEqual(r.diagnostics, []);
    const rel = r.relationship!;
    assert.equal(rel.source, 'ai');
    assert.deepEqual([rel.from.tableKey, rel.from.columns, rel.to.tableKey, rel.to.columns, rel.cardinality], ['public.orders', ['user_id'], 'public.users', ['id'], 'n-1']);
    assert.deepEqual(rel.evidence.map((e) => e.signal), ['ai:suggested', 'type:compatible', 'target:primary-key', 'ai:inference-agrees']);
    assert.equal(rel.confidence, 1);
    assert.match(rel.evidence[0].detail, /orders belong to users/);
  });

  it('lowers confidence and warns when the types cannot compare and the target is no key', () => {
    const r = relationshipFromToolCall(schema, call({ fromTable: 'public.events', fromColumns: ['user_ref'], toTable: 'users', toColumns: ['name'] }));
    assert.deepEqual(r.diagnostics.map((d) => d.code), ['AI006']);
    assert.deepEqual(r.relationship!.evidence.map((e) => e.signal), ['ai:suggested', 'type:mismatch', 'target:not-key']);
    assert.equal(r.relationship!.confidence, 0);
  });

  const rejected: { name: string; args: unknown; tool?: string; code: string }[] = [
    { name: 'unknown table', args: { fromTable: 'invoices', fromColumns: ['user_id'], toTable: 'users', toColumns: ['id'] }, code: 'AI003' },
    { name: 'unknown column', args: { fromTable: 'orders', fromColumns: ['buyer_id'], toTable: 'users', toColumns: ['id'] }, code: 'AI003' },
    { name: 'invalid JSON', args: '{"fromTable": "orders", ', code: 'AI001' },
    { name: 'missing fields', args: { fromTable: 'orders' }, code: 'AI001' },
    { name: 'column counts differ', args: { fromTable: 'orders', fromColumns: ['user_id', 'id'], toTable: 'users', toColumns: ['id'] }, code: 'AI001' },
    { name: 'already declared', args: { fromTable: 'profiles', fromColumns: ['user_id'], toTable: 'users', toColumns: ['id'] }, code: 'AI005' },
    { name: 'a tool never offered', args: { sql: 'DROP TABLE users' }, tool: 'execute_sql', code: 'AI002' },
  ];
  for (const c of rejected) {
    it(`rejects ${c.name} (${c.code})`, () => {
      const r = relationshipFromToolCall(schema, call(c.args, c.tool));
      assert.equal(r.relationship, undefined);
      assert.equal(r.diagnostics[0]?.code, c.code);
    });
  }
});
