/**
 * Migration apply/rollback/status against real databases: PostgreSQL (a real
 * server, or PGlite when none starts), MariaDB (skipped when unavailable)
 * and SQLite (sql.js). Hazards refuse, edited files refuse, failures leave
 * PostgreSQL/SQLite at the previous version and MariaDB with a history row
 * that says where it stopped, and a failed migration resumes. Concurrency
 * and killed connections: apply-kill.test.ts.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { DbConnection } from '../../server/src/db/connection.ts';
import { readMigrationFolder, type FolderEntry, type MigrationFile } from '../../server/src/engine/history/index.ts';
import { apply, rollback, status, type MigrationProgress } from '../../server/src/migrations/index.ts';
import { getMysql, getPostgres, getSqlite } from '../util/db.ts';
import { columns, history, tables } from './helpers.ts';

type D = 'postgres' | 'mysql' | 'sqlite';

function folder(entries: FolderEntry[]): MigrationFile[] {
  const f = readMigrationFolder(entries);
  assert.deepEqual(f.diagnostics.filter((d) => d.severity === 'error'), []);
  return f.migrations;
}

const files = (d: D): FolderEntry[] => [
  {
    path: '20260101000000_users.sql',
    text: `-- schemasage:up\nCREATE TABLE users (id integer PRIMARY KEY, email varchar(50) NOT NULL);\n-- schemasage:down\nDROP TABLE users;\n`,
  },
  {
    path: '20260102000000_posts.sql',
    text: `-- schemasage:up
CREATE TABLE posts (id integer PRIMARY KEY, user_id integer NOT NULL, note varchar(50), FOREIGN KEY (user_id) REFERENCES users (id));
CREATE INDEX posts_user ON posts (user_id);
-- schemasage:down
${d === 'mysql' ? 'DROP TABLE posts' : 'DROP INDEX posts_user;\nDROP TABLE posts'};
`,
  },
  {
    path: '20260103000000_drop_note.sql',
    text: `-- schemasage:up
-- hazard MIG002 (error, data loss): drops posts.note
ALTER TABLE posts DROP COLUMN note;
-- schemasage:down
ALTER TABLE posts ADD COLUMN note varchar(50);
`,
  },
];

async function scenario(t: TestContext, conn: DbConnection, d: D): Promise<void> {
  const list = folder(files(d));
  const names = list.map((m) => m.name);
  assert.deepEqual((await status(conn, list)).entries.map((e) => e.state), ['pending', 'pending', 'pending'], 'all pending on an empty database');

  const refused = await apply(conn, list);
  assert.equal(refused.ok, false);
  assert.match(refused.error ?? '', /hazards not allowed: 20260103000000_drop_note \(MIG002\)/);
  assert.deepEqual(await tables(conn), [], 'a refused apply runs nothing');

  const progress: MigrationProgress[] = [];
  const ok = await apply(conn, list, { allowHazards: ['mig002'], onProgress: (p) => progress.push(p), appliedBy: 'tester' });
  assert.deepEqual({ ok: ok.ok, done: ok.done, error: ok.error }, { ok: true, done: names, error: undefined });
  assert.deepEqual(await tables(conn), ['posts', 'users']);
  assert.deepEqual(await columns(conn, 'posts'), ['id', 'user_id']);
  assert.deepEqual(progress.map((p) => p.done), [0, 1, 2, 3, 4]);
  assert.ok(progress.every((p) => p.total === 4));
  assert.equal(progress[2]!.statement, 'CREATE INDEX posts_user ON posts (user_id)');
  const rows = await history(conn);
  assert.deepEqual(rows.map((r) => [r.name, r.status, r.checksum, r.appliedBy, r.statementsDone]), list.map((m) => [m.name, 'applied', m.checksum, 'tester', m.name.endsWith('posts') ? 2 : 1]));
  assert.ok(rows.every((r) => typeof r.durationMs === 'number' && r.appliedAt));

  const again = await apply(conn, list, { allowHazards: true });
  assert.deepEqual([again.ok, again.done], [true, []], 'nothing left to apply');

  const edited = folder(files(d).map((f) => (f.path.includes('posts') ? { ...f, text: f.text.replace('note varchar(50)', 'note varchar(80)') } : f)));
  const st = await status(conn, edited);
  assert.deepEqual(st.entries.map((e) => e.state), ['applied', 'edited', 'applied']);
  const refusedEdit = await apply(conn, edited, { allowHazards: true });
  assert.equal(refusedEdit.ok, false);
  assert.match(refusedEdit.error ?? '', /20260102000000_posts was edited after it was applied/);

  const back1 = await rollback(conn, list);
  assert.deepEqual([back1.ok, back1.done, back1.error], [true, ['20260103000000_drop_note'], undefined]);
  assert.deepEqual(await columns(conn, 'posts'), ['id', 'user_id', 'note']);
  const back2 = await rollback(conn, list, { to: '20260101000000_users' });
  assert.deepEqual([back2.ok, back2.done], [true, ['20260102000000_posts']]);
  assert.deepEqual(await tables(conn), ['users']);
  assert.deepEqual((await status(conn, list)).entries.map((e) => e.state), ['applied', 'pending', 'pending']);

  const partial = await apply(conn, list, { to: '20260102000000_posts' });
  assert.deepEqual([partial.ok, partial.done], [true, ['20260102000000_posts']]);
  const prisma = folder([{ path: '20260104000000_x/migration.sql', text: 'CREATE TABLE x (id integer);' }]);
  await apply(conn, prisma);
  const noDown = await rollback(conn, prisma);
  assert.match(noDown.error ?? '', /has no down migration/);
  t.diagnostic(`${d}: apply, refuse, status, edit, rollback ok`);
}

/** A migration whose second statement fails, then a fixed file that resumes (MySQL) or re-applies (atomic dialects). */
async function failure(conn: DbConnection, d: D): Promise<void> {
  const bad = folder([{ path: '1_fail.sql', text: '-- schemasage:up\nCREATE TABLE t1 (id integer);\nINSERT INTO no_such_table VALUES (1);\nCREATE TABLE t2 (id integer);\n-- schemasage:down\nDROP TABLE t2;\nDROP TABLE t1;\n' }]);
  const r = await apply(conn, bad);
  assert.equal(r.ok, false);
  assert.equal(r.failed?.statement, 2);
  assert.equal(r.failed?.sql, 'INSERT INTO no_such_table VALUES (1)');
  const st = await status(conn, bad);
  if (d === 'mysql') {
    assert.deepEqual(await tables(conn), ['t1'], 'MySQL DDL is not transactional: t1 stays');
    assert.equal(st.entries[0]!.state, 'failed');
    assert.equal(st.entries[0]!.failedAt, 2);
    assert.match(st.entries[0]!.message, /failed at statement 2 of 3: .*no_such_table/);
  } else {
    assert.deepEqual(await tables(conn), [], `${d}: the transaction left nothing behind`);
    assert.deepEqual(await history(conn), []);
    assert.equal(st.entries[0]!.state, 'pending');
  }
  const fixed = folder([{ path: '1_fail.sql', text: bad[0]!.up.replace('INSERT INTO no_such_table VALUES (1)', 'CREATE TABLE t3 (id integer)').replace(/^/, '-- schemasage:up') + '\n-- schemasage:down\nDROP TABLE t3;\nDROP TABLE t2;\nDROP TABLE t1;\n' }]);
  const resumed = await apply(conn, fixed);
  assert.deepEqual([resumed.ok, resumed.error], [true, undefined]);
  assert.deepEqual(resumed.resumed, d === 'mysql' ? { name: '1_fail', from: 2 } : undefined);
  assert.deepEqual(await tables(conn), ['t1', 't2', 't3']);
  const [row] = await history(conn);
  assert.deepEqual([row!.status, row!.checksum, row!.statementsDone, row!.error], ['applied', fixed[0]!.checksum, 3, undefined]);
}

/** MySQL: a failed migration rolls back, skipping down statements for what the up never created. */
async function rollbackFailed(conn: DbConnection): Promise<void> {
  const bad = folder([{ path: '2_half.sql', text: '-- schemasage:up\nCREATE TABLE h1 (id integer);\nCREATE TABLE h1 (id integer);\nCREATE TABLE h2 (id integer);\n-- schemasage:down\nDROP TABLE h2;\nDROP TABLE h1;\n' }]);
  const r = await apply(conn, bad);
  assert.equal(r.failed?.statement, 2);
  const back = await rollback(conn, bad);
  assert.deepEqual([back.ok, back.done], [true, ['2_half']]);
  assert.deepEqual(back.skipped?.map((s) => s.statement), [1], 'DROP TABLE h2 failed (never created) and was skipped');
  assert.deepEqual(await tables(conn), []);
  assert.deepEqual(await history(conn), []);
}

test('PostgreSQL: apply, hazards, status, edited files, rollback', async (t) => {
  const db = await getPostgres(t);
  if (!db) return;
  await scenario(t, db.conn, 'postgres');
});

test('PostgreSQL: a failing statement leaves the previous version; the fixed file applies', async (t) => {
  const db = await getPostgres(t);
  if (!db) return;
  await failure(db.conn, 'postgres');
});

test('PostgreSQL: CREATE INDEX CONCURRENTLY runs outside the transaction, with progress recorded', async (t) => {
  const db = await getPostgres(t);
  if (!db) return;
  const list = folder([
    { path: '1_a.sql', text: '-- schemasage:up\nCREATE TABLE a (id integer);\n-- schemasage:no-transaction\nCREATE INDEX CONCURRENTLY a_id ON a (id);\nCREATE INDEX CONCURRENTLY broken ON nope (id);\n-- schemasage:down\nDROP TABLE a;' },
  ]);
  const r = await apply(db.conn, list);
  assert.equal(r.failed?.statement, 3);
  const [row] = await history(db.conn);
  assert.deepEqual([row!.status, row!.statementsDone], ['failed', 2]);
  assert.equal((await db.conn.query(`SELECT count(*)::int AS n FROM pg_indexes WHERE indexname = 'a_id'`))[0]!.n, 1);
});

test('PostgreSQL: an aborted apply stops between statements and keeps the previous version', async (t) => {
  const db = await getPostgres(t);
  if (!db) return;
  const ac = new AbortController();
  const list = folder([{ path: '1_a.sql', text: '-- schemasage:up\nCREATE TABLE a (id integer);\nCREATE TABLE b (id integer);\n-- schemasage:down\nDROP TABLE b; DROP TABLE a;' }]);
  const r = await apply(db.conn, list, { signal: ac.signal, onProgress: (p) => p.done === 1 && ac.abort() });
  assert.equal(r.ok, false);
  assert.match(r.error ?? '', /cancelled/);
  assert.deepEqual(await tables(db.conn), []);
});

test('MariaDB: apply, hazards, status, edited files, rollback', async (t) => {
  const db = await getMysql(t);
  if (!db) return;
  await scenario(t, db.conn, 'mysql');
});

test('MariaDB: a failing statement is recorded where it stopped; the fixed file resumes there', async (t) => {
  const db = await getMysql(t);
  if (!db) return;
  await failure(db.conn, 'mysql');
  await db.reset();
  await rollbackFailed(db.conn);
});

test('SQLite: apply, hazards, status, edited files, rollback', async (t) => {
  const conn = await getSqlite();
  t.after(() => conn.close());
  await scenario(t, conn, 'sqlite');
});

test('SQLite: a failing statement leaves the previous version; PRAGMA foreign_keys is restored', async (t) => {
  const conn = await getSqlite();
  t.after(() => conn.close());
  await failure(conn, 'sqlite');
  const list = folder([{ path: '2_fk.sql', text: '-- schemasage:up\nPRAGMA foreign_keys = OFF;\nCREATE TABLE z (id integer);\nSELECT * FROM nope;\nPRAGMA foreign_keys = ON;\n-- schemasage:down\nDROP TABLE z;' }]);
  const r = await apply(conn, list);
  assert.equal(r.failed?.statement, 3);
  assert.deepEqual((await conn.query('PRAGMA foreign_keys'))[0], { foreign_keys: 1 });
  assert.ok(!(await tables(conn)).includes('z'));
});

test('SQLite: a Flyway folder applies in version order and rolls back through its undo files', async (t) => {
  const conn = await getSqlite();
  t.after(() => conn.close());
  const list = folder([
    { path: 'V10__c.sql', text: 'CREATE TABLE c (id integer);' },
    { path: 'V2__b.sql', text: 'CREATE TABLE b (id integer);' },
    { path: 'U2__b.sql', text: 'DROP TABLE b;' },
    { path: 'V1__a.sql', text: 'CREATE TABLE a (id integer);' },
  ]);
  const progress: string[] = [];
  const r = await apply(conn, list, { onProgress: (p) => p.statement && progress.push(p.statement) });
  assert.deepEqual([r.ok, r.done], [true, ['V1__a', 'V2__b', 'V10__c']]);
  assert.deepEqual(progress, ['CREATE TABLE a (id integer)', 'CREATE TABLE b (id integer)', 'CREATE TABLE c (id integer)']);
  const noUndo = await rollback(conn, list);
  assert.match(noUndo.error ?? '', /V10__c: it has no down migration/);
  const back = await rollback(conn, list.filter((m) => m.name !== 'V10__c'), { to: 'V1__a' });
  assert.deepEqual([back.ok, back.done], [true, ['V2__b']]);
  assert.deepEqual(await tables(conn), ['a', 'c']);
});
