/**
 * Migration runs against each other and against a killed connection, on
 * real servers (skipped on PGlite and without MariaDB): a second apply
 * waits for the lock or fails clearly; an apply whose connection is killed
 * during a slow statement leaves PostgreSQL at the previous version (no
 * partial table, no history row) and MariaDB with a history row saying which
 * statement it stopped at; the next apply resumes there.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { DbConnection, ServerConnectionOptions } from '../../server/src/db/connection.ts';
import { connectMysql } from '../../server/src/db/mysql.ts';
import { connectPostgres } from '../../server/src/db/pg.ts';
import { readMigrationFolder, type MigrationFile } from '../../server/src/engine/history/index.ts';
import { apply, status, type MigrationRunResult } from '../../server/src/migrations/index.ts';
import { getMysql, getPostgres, type TestDatabase } from '../util/db.ts';
import { history, tables } from './helpers.ts';

function slow(sleep: string, seconds: number): MigrationFile[] {
  return readMigrationFolder([
    { path: '1_base.sql', text: '-- schemasage:up\nCREATE TABLE base (id integer);\n-- schemasage:down\nDROP TABLE base;' },
    { path: '2_slow.sql', text: `-- schemasage:up\nCREATE TABLE t1 (id integer);\n${sleep}(${seconds});\nCREATE TABLE t2 (id integer);\n-- schemasage:down\nDROP TABLE t2;\nDROP TABLE t1;` },
  ]).migrations;
}

/** Another connection to the test database; closed before the test's own clean-up drops the database. */
async function open(o: ServerConnectionOptions, opened: DbConnection[]): Promise<DbConnection> {
  const c = o.dialect === 'postgres' ? await connectPostgres(o) : await connectMysql(o);
  opened.push(c);
  return c;
}

async function closeAll(opened: DbConnection[]): Promise<void> {
  await Promise.all(opened.map((c) => c.close().catch(() => undefined)));
}

async function server(t: TestContext, which: 'postgres' | 'mysql'): Promise<(TestDatabase & { options: ServerConnectionOptions }) | undefined> {
  const db = which === 'postgres' ? await getPostgres(t) : await getMysql(t);
  if (!db) return undefined;
  if (!db.options) {
    t.skip('needs a real server (PGlite has one connection)');
    return undefined;
  }
  return db as TestDatabase & { options: ServerConnectionOptions };
}

async function concurrent(t: TestContext, which: 'postgres' | 'mysql', sleep: string, opened: DbConnection[]): Promise<void> {
  const db = await server(t, which);
  if (!db) return;
  const files = slow(sleep, 1);
  const a = await open(db.options, opened);
  const b = await open(db.options, opened);
  let started!: () => void;
  const sleeping = new Promise<void>((r) => (started = r));
  const first = apply(a, files, { onProgress: (p) => p.statement.startsWith(sleep) && started() });
  await sleeping;
  const t0 = Date.now();
  const refused = await apply(b, files, { lockTimeoutMs: 0 });
  assert.equal(refused.ok, false);
  assert.match(refused.error ?? '', /another migration run holds the lock/);
  assert.ok(Date.now() - t0 < 1000, 'lockTimeoutMs 0 fails at once');
  const waited = await apply(b, files, { lockTimeoutMs: 20_000 });
  const done = await first;
  assert.deepEqual([done.ok, done.done], [true, ['1_base', '2_slow']]);
  assert.deepEqual([waited.ok, waited.done], [true, []], 'the second run waited, then found nothing pending');
  assert.deepEqual((await history(db.conn)).map((r) => `${r.name}:${r.status}`), ['1_base:applied', '2_slow:applied']);
}

async function killed(t: TestContext, which: 'postgres' | 'mysql', sleep: string, opened: DbConnection[]): Promise<{ db: TestDatabase; result: MigrationRunResult } | undefined> {
  const db = await server(t, which);
  if (!db) return undefined;
  const files = slow(sleep, 5);
  const victim = await open(db.options, opened);
  const killer = await open(db.options, opened);
  const id = which === 'postgres' ? (await victim.query('SELECT pg_backend_pid() AS id'))[0]!.id : (await victim.query('SELECT CONNECTION_ID() AS id'))[0]!.id;
  const t0 = Date.now();
  const result = await apply(victim, files, {
    onProgress: (p) => {
      if (!p.statement.startsWith(sleep)) return;
      // kill once the slow statement is running on the server
      setTimeout(() => void killer.query(which === 'postgres' ? 'SELECT pg_terminate_backend($1)' : `KILL ${Number(id)}`, which === 'postgres' ? [id] : undefined).catch(() => undefined), 300);
    },
  });
  assert.ok(Date.now() - t0 < 4500, 'the kill cut the 5 s statement short');
  assert.equal(result.ok, false);
  assert.deepEqual(result.done, ['1_base'], 'the first migration was applied before the kill');
  assert.equal(result.failed?.name, '2_slow');
  assert.equal(result.failed?.statement, 2);
  return { db, result };
}

test('PostgreSQL: a second apply waits for the advisory lock or fails clearly', async (t) => {
  const opened: DbConnection[] = [];
  try {
    await concurrent(t, 'postgres', 'SELECT pg_sleep', opened);
  } finally {
    await closeAll(opened);
  }
});

test('MariaDB: a second apply waits for GET_LOCK or fails clearly', async (t) => {
  const opened: DbConnection[] = [];
  try {
    await concurrent(t, 'mysql', 'SELECT SLEEP', opened);
  } finally {
    await closeAll(opened);
  }
});

test('PostgreSQL: an apply killed mid-way (pg_terminate_backend) leaves the previous version; the next apply completes', async (t) => {
  const opened: DbConnection[] = [];
  try {
    const k = await killed(t, 'postgres', 'SELECT pg_sleep', opened);
    if (!k) return;
    const fresh = await open(k.db.options!, opened);
    assert.deepEqual(await tables(fresh), ['base'], 'no partial table t1');
    assert.deepEqual((await history(fresh)).map((r) => `${r.name}:${r.status}`), ['1_base:applied'], 'no history row for the killed migration');
    const files = slow('SELECT pg_sleep', 0);
    assert.deepEqual((await status(fresh, files)).entries.map((e) => e.state), ['applied', 'pending']);
    const again = await apply(fresh, files);
    assert.deepEqual([again.ok, again.done, again.resumed], [true, ['2_slow'], undefined]);
    assert.deepEqual(await tables(fresh), ['base', 't1', 't2']);
  } finally {
    await closeAll(opened);
  }
});

test('MariaDB: an apply killed mid-way (KILL) leaves a history row at the statement it stopped at; the next apply resumes there', async (t) => {
  const opened: DbConnection[] = [];
  try {
    const k = await killed(t, 'mysql', 'SELECT SLEEP', opened);
    if (!k) return;
    const fresh = await open(k.db.options!, opened);
    assert.deepEqual(await tables(fresh), ['base', 't1'], 'MySQL DDL commits: t1 stays');
    const rows = await history(fresh);
    assert.deepEqual(rows.map((r) => [r.name, r.status, r.statementsDone, r.statementsTotal]), [['1_base', 'applied', 1, 1], ['2_slow', 'running', 1, 3]]);
    const files = slow('SELECT SLEEP', 0);
    const st = await status(fresh, files);
    assert.equal(st.entries[1]!.state, 'failed');
    assert.equal(st.entries[1]!.failedAt, 2);
    assert.match(st.entries[1]!.message, /failed at statement 2 of 3 \(the run was interrupted\)/);
    const again = await apply(fresh, files);
    assert.deepEqual([again.ok, again.done, again.resumed], [true, ['2_slow'], { name: '2_slow', from: 2 }], 'resumed without re-creating t1');
    assert.deepEqual(await tables(fresh), ['base', 't1', 't2']);
    assert.deepEqual((await history(fresh)).map((r) => `${r.name}:${r.status}:${r.statementsDone}`), ['1_base:applied:1', '2_slow:applied:3']);
  } finally {
    await closeAll(opened);
  }
});
