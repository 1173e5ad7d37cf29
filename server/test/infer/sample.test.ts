/**
 * Data evidence for inference, the pure half (engine/infer/sample.ts): the
 * inclusion SQL per dialect (quoting, qualification, the clamped LIMIT), the
 * counts -> evidence table, and how evidence moves a candidate's confidence.
 * The statements themselves run against real engines in test/db/sample.test.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { InferredRelationship } from '../../src/engine/infer/index.js';
import { DATA_INCLUSION, inclusionEvidence, inclusionQuery, readCounts, withDataEvidence, type SampleDialect } from '../../src/engine/infer/sample.js';

function rel(from: [string, string, string[]], to: [string, string, string[]], confidence = 0.9): InferredRelationship {
  return {
    from: { schema: from[0], table: from[1], columns: from[2], tableKey: `${from[0]}.${from[1]}` },
    to: { schema: to[0], table: to[1], columns: to[2], tableKey: `${to[0]}.${to[1]}` },
    cardinality: 'n-1',
    source: 'inferred',
    confidence,
    evidence: [
      { signal: 'name:table', weight: 0.55, detail: 'x' },
      { signal: 'target:primary-key', weight: 0.2, detail: 'x' },
      { signal: 'type:compatible', weight: 0.15, detail: 'x' },
    ],
  };
}

const ORDERS = rel(['public', 'orders', ['user_id']], ['public', 'users', ['id']]);

const QUERIES: { name: string; r: InferredRelationship; dialect: SampleDialect; limit?: number; defaultSchema?: string; sql: string }[] = [
  {
    name: 'postgres, default schema unqualified',
    r: ORDERS,
    dialect: 'postgres',
    limit: 500,
    defaultSchema: 'public',
    sql: 'SELECT COUNT(*) AS sampled, COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM "users" k WHERE k."id" = s."v0") THEN 1 ELSE 0 END), 0) AS found FROM (SELECT "user_id" AS "v0" FROM "orders" WHERE "user_id" IS NOT NULL LIMIT 500) s',
  },
  {
    name: 'postgres, other schemas qualified, awkward names quoted',
    r: rel(['app', 'Order "Lines"', ['select', 'it"s']], ['Straße', 'order', ['a', 'b']]),
    dialect: 'postgres',
    limit: 10,
    defaultSchema: 'public',
    sql: 'SELECT COUNT(*) AS sampled, COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM "Straße"."order" k WHERE k."a" = s."v0" AND k."b" = s."v1") THEN 1 ELSE 0 END), 0) AS found FROM (SELECT "select" AS "v0", "it""s" AS "v1" FROM "app"."Order ""Lines""" WHERE "select" IS NOT NULL AND "it""s" IS NOT NULL LIMIT 10) s',
  },
  {
    name: 'mysql backticks, a table in another database',
    r: rel(['shop', 'order`s', ['user id']], ['auth', 'users', ['id']]),
    dialect: 'mysql',
    limit: 7,
    defaultSchema: 'shop',
    sql: 'SELECT COUNT(*) AS sampled, COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM `auth`.`users` k WHERE k.`id` = s.`v0`) THEN 1 ELSE 0 END), 0) AS found FROM (SELECT `user id` AS `v0` FROM `order``s` WHERE `user id` IS NOT NULL LIMIT 7) s',
  },
  {
    name: 'sqlite, the limit clamped to at least 1',
    r: rel(['main', 'orders', ['user_id']], ['main', 'users', ['id']]),
    dialect: 'sqlite',
    limit: 0,
    defaultSchema: 'main',
    sql: 'SELECT COUNT(*) AS sampled, COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM "users" k WHERE k."id" = s."v0") THEN 1 ELSE 0 END), 0) AS found FROM (SELECT "user_id" AS "v0" FROM "orders" WHERE "user_id" IS NOT NULL LIMIT 1) s',
  },
];

for (const c of QUERIES) {
  test(`inclusionQuery: ${c.name}`, () => {
    assert.equal(inclusionQuery(c.r, c.dialect, c.limit, c.defaultSchema), c.sql);
  });
}

test('inclusionQuery: the limit is an integer within bounds whatever it is given', () => {
  const limitOf = (l: number) => /LIMIT (\d+)\) s$/.exec(inclusionQuery(ORDERS, 'postgres', l, 'public'))?.[1];
  assert.equal(limitOf(12.7), '12');
  assert.equal(limitOf(-5), '1');
  assert.equal(limitOf(1e12), '100000');
  assert.equal(limitOf(Number.NaN), '1000');
  assert.equal(/LIMIT (\d+)\) s$/.exec(inclusionQuery(ORDERS, 'postgres'))?.[1], '1000', 'default');
});

const EVIDENCE: { sampled: number; found: number; weight: number; reading: RegExp }[] = [
  { sampled: 1000, found: 1000, weight: 0.3, reading: /confirms/ },
  { sampled: 1000, found: 960, weight: 0.1, reading: /a few orphans/ },
  { sampled: 1000, found: 900, weight: -0.15, reading: /many sampled values are not/ },
  { sampled: 1000, found: 600, weight: -0.35, reading: /large share/ },
  { sampled: 1000, found: 0, weight: -0.6, reading: /refutes/ },
  // small samples weigh less: 5 of 20
  { sampled: 5, found: 5, weight: 0.075, reading: /small sample/ },
  { sampled: 10, found: 0, weight: -0.3, reading: /refutes.*small sample/ },
  { sampled: 0, found: 0, weight: 0, reading: /no non-null values/ },
];

for (const c of EVIDENCE) {
  test(`inclusionEvidence: ${c.found} of ${c.sampled} -> ${c.weight}`, () => {
    const e = inclusionEvidence(ORDERS, { sampled: c.sampled, found: c.found });
    assert.equal(e.signal, DATA_INCLUSION);
    assert.equal(e.weight, c.weight);
    assert.match(e.detail, c.reading);
    assert.match(e.detail, /^orders\.user_id -> users\.id: /);
  });
}

test('readCounts: driver values (bigint strings, decimals) to numbers; nonsense to undefined', () => {
  assert.deepEqual(readCounts({ sampled: '40', found: '38' }), { sampled: 40, found: 38 });
  assert.deepEqual(readCounts({ sampled: 3, found: 0 }), { sampled: 3, found: 0 });
  assert.equal(readCounts({ sampled: 3, found: 4 }), undefined);
  assert.equal(readCounts({ sampled: 'x', found: 1 }), undefined);
  assert.equal(readCounts(undefined), undefined);
});

test('withDataEvidence: confidence is the clamped sum; new data replaces old; the input is unchanged', () => {
  const up = withDataEvidence(ORDERS, inclusionEvidence(ORDERS, { sampled: 100, found: 100 }));
  assert.equal(up.confidence, 1, '0.9 + 0.3 clamps to 1');
  const down = withDataEvidence(up, inclusionEvidence(ORDERS, { sampled: 100, found: 0 }));
  assert.equal(down.confidence, 0.3, 'the earlier +0.3 is replaced, not added to');
  assert.deepEqual(down.evidence.filter((e) => e.signal === DATA_INCLUSION).map((e) => e.weight), [-0.6]);
  assert.equal(ORDERS.confidence, 0.9);
  assert.equal(ORDERS.evidence.length, 3);
  const weak = rel(['public', 'a', ['b_id']], ['public', 'b', ['id']], 0.2);
  weak.evidence = [{ signal: 'name:table-suffix', weight: 0.2, detail: 'x' }];
  assert.equal(withDataEvidence(weak, inclusionEvidence(weak, { sampled: 50, found: 0 })).confidence, 0, 'never below 0');
});
