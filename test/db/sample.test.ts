/**
 * Data evidence for inference against the real engines (issue 7): a schema
 * with undeclared references, where the data confirms one candidate
 * (`orders.user_id`, every value a user) and refutes another
 * (`orders.coupon_id`, no value a coupon), and a third has no data at all.
 * Inference proposes all three with the same confidence; sampling must raise
 * the first, lower the second and leave the third. Sampling runs read-only
 * with a statement timeout: a write inside it fails, a slow statement is cut
 * off, and the session is writable again afterwards.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { DbConnection } from '../../server/src/db/connection.ts';
import { introspect } from '../../server/src/db/introspect.ts';
import { sampleEvidence, withReadOnly } from '../../server/src/db/sample.ts';
import { inferSchema } from '../../server/src/engine/infer/index.ts';
import { DATA_INCLUSION } from '../../server/src/engine/infer/sample.ts';
import { getMysql, getPostgres, getSqlite } from '../util/db.ts';

type Dialect = 'postgres' | 'mysql' | 'sqlite';

function setup(dialect: Dialect): string {
  const int = dialect === 'mysql' ? 'int' : 'integer';
  const rows = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i + 1)).join(', ');
  return [
    `CREATE TABLE users (id ${int} PRIMARY KEY, name varchar(40));`,
    `CREATE TABLE coupons (id ${int} PRIMARY KEY, code varchar(20));`,
    `CREATE TABLE stores (id ${int} PRIMARY KEY, city varchar(20));`,
    `CREATE TABLE orders (id ${int} PRIMARY KEY, user_id ${int}, coupon_id ${int}, store_id ${int});`,
    `INSERT INTO users (id, name) VALUES ${rows(40, (i) => `(${i}, 'u${i}')`)};`,
    `INSERT INTO coupons (id, code) VALUES ${rows(5, (i) => `(${i}, 'c${i}')`)};`,
    // user_id: always a user (some null); coupon_id: order numbers pasted in, never a coupon; store_id: always null
    `INSERT INTO orders (id, user_id, coupon_id, store_id) VALUES ${rows(60, (i) => `(${i}, ${i % 7 === 0 ? 'NULL' : (i % 40) + 1}, ${1000 + i}, NULL)`)};`,
  ].join('\n');
}

/** `interruptible`: the engine itself stops a slow statement (a server), rather than our timer discarding its late answer. */
async function check(t: TestContext, conn: DbConnection, dialect: Dialect, interruptible: boolean, schemas?: string[]): Promise<void> {
  await conn.exec(setup(dialect));
  const schema = await introspect(conn, schemas ? { schemas } : {});
  const candidates = inferSchema(schema, { minConfidence: 0 }).relationships.filter((r) => r.from.table === 'orders');
  const byColumn = (rs: typeof candidates, c: string) => rs.find((r) => r.from.columns[0] === c)!;
  for (const c of ['user_id', 'coupon_id', 'store_id']) assert.ok(byColumn(candidates, c), `inference proposes orders.${c}`);
  const before = candidates.map((r) => r.confidence);

  const after = await sampleEvidence(conn, schema, candidates, { limit: 50, timeoutMs: 5000 });
  assert.equal(after.length, candidates.length);
  assert.deepEqual(candidates.map((r) => r.confidence), before, 'inputs are not changed');

  const confirmed = byColumn(after, 'user_id');
  const refuted = byColumn(after, 'coupon_id');
  const empty = byColumn(after, 'store_id');
  const data = (r: (typeof after)[number]) => r.evidence.find((e) => e.signal === DATA_INCLUSION)!;
  // up to 50 non-null values: 52 of the 60 orders have a user, the sample stops at 50
  assert.match(data(confirmed).detail, /: 50 of 50 sampled values found/);
  assert.ok(data(confirmed).weight > 0 && confirmed.confidence > byColumn(candidates, 'user_id').confidence, `${confirmed.confidence} rises`);
  assert.match(data(refuted).detail, /: 0 of 50 sampled values found/);
  assert.ok(data(refuted).weight < 0 && refuted.confidence < byColumn(candidates, 'coupon_id').confidence - 0.5, `${refuted.confidence} falls`);
  assert.equal(data(empty).weight, 0);
  assert.equal(empty.confidence, byColumn(candidates, 'store_id').confidence);
  t.diagnostic(`${dialect}: user_id ${byColumn(candidates, 'user_id').confidence} -> ${confirmed.confidence}, coupon_id ${byColumn(candidates, 'coupon_id').confidence} -> ${refuted.confidence}`);

  // a write inside the sampling transaction fails, and leaves nothing behind
  await assert.rejects(withReadOnly(conn, 5000, (q) => q(`INSERT INTO users (id, name) VALUES (999, 'intruder')`)));
  await assert.rejects(withReadOnly(conn, 5000, (q) => q(`DELETE FROM orders`)));
  assert.equal(Number((await conn.query('SELECT COUNT(*) AS n FROM users WHERE id = 999'))[0]['n']), 0);
  assert.equal(Number((await conn.query('SELECT COUNT(*) AS n FROM orders'))[0]['n']), 60);
  // a statement over the timeout is cut off
  const slow = dialect === 'postgres' ? 'SELECT pg_sleep(5)' : dialect === 'mysql' ? 'SELECT SLEEP(5)' : 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 500000) SELECT COUNT(*) FROM c';
  const started = performance.now();
  // (sql.js cannot be interrupted: its ~1 s statement must take longer than a 50 ms budget even on a fast machine)
  await assert.rejects(withReadOnly(conn, dialect === 'sqlite' ? 50 : 200, (q) => q(slow)), /timeout|interrupted|cancel/i);
  if (interruptible) assert.ok(performance.now() - started < 3000, 'the server stopped the statement');
  // the session is itself again: writable, no timeout left behind
  await conn.exec(`INSERT INTO users (id, name) VALUES (999, 'allowed')`);
  assert.equal(Number((await conn.query('SELECT COUNT(*) AS n FROM users WHERE id = 999'))[0]['n']), 1);
}

test('data evidence: PostgreSQL', async (t) => {
  const db = await getPostgres(t);
  if (!db) return;
  t.diagnostic(`backend: ${db.backend}`);
  // PGlite runs in WASM on this thread: pg_sleep blocks it, and the timer can only discard the late answer
  await check(t, db.conn, 'postgres', db.backend === 'server');
});

test('data evidence: MariaDB', async (t) => {
  const db = await getMysql(t);
  if (!db) return;
  await check(t, db.conn, 'mysql', true, [db.database]);
});

test('data evidence: SQLite', async (t) => {
  const conn = await getSqlite();
  try {
    await check(t, conn, 'sqlite', false);
  } finally {
    await conn.close();
  }
});
