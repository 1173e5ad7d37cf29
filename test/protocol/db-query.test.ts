/**
 * Protocol (issue 11): `schemasage/db/query` runs ONE statement a user
 * confirmed: reads inside a READ ONLY transaction with a row limit and a
 * timeout; writes only with `allowWrite`; DROP/TRUNCATE only with
 * `confirmDestructive` too; and `schemasage/db/samples` reads a few rows per
 * table with personal-data columns never selected. SQLite through a file the
 * built server opens; PostgreSQL on the test server over the wire, or on
 * PGlite (which another process cannot reach) through the same functions the
 * request handler calls.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type ServerHandle } from './harness.ts';
import { getMysql, getPostgres, getSqlite } from '../util/db.ts';
import { openSqlite } from '../../server/src/db/sqlite.ts';
import type { DbConnection } from '../../server/src/db/connection.ts';
import { readSamples, runQuery } from '../../server/src/lsp/db.ts';
import type { DbQueryParams, DbQueryResult, DbSamplesParams, DbSamplesResult, QueryConnectionParams, SampleTable } from '../../server/src/engine/ai/db-requests.ts';
import { classifyStatement, limitedQuery } from '../../server/src/engine/ai/statement.ts';
import { schemaOf } from '../ai/util.ts';

const SECRET = 'S3cr3t-pa55word';

describe('statement classification (what the confirmation says and the server enforces)', () => {
  const table: [string, string, string?][] = [
    ['SELECT * FROM t', 'read'],
    ['  -- a comment\n select 1;  ', 'read'],
    ['WITH x AS (SELECT 1) SELECT * FROM x', 'read'],
    ['WITH x AS (DELETE FROM t RETURNING *) SELECT * FROM x', 'write'],
    ["SELECT 'DROP TABLE t; DELETE FROM t' AS s", 'read'],
    ['SELECT $body$ DELETE FROM t; $body$ AS s', 'read'],
    ['SELECT 1 /* DROP TABLE t; */ -- ; TRUNCATE t', 'read'],
    ['SELECT * INTO t2 FROM t', 'write'],
    ['EXPLAIN SELECT 1', 'read'],
    ['EXPLAIN ANALYZE DELETE FROM t WHERE id = 1', 'write'],
    ['INSERT INTO t VALUES (1)', 'write'],
    ['UPDATE t SET a = 1 WHERE id = 2', 'write'],
    ['UPDATE t SET a = (SELECT 1 WHERE true)', 'destructive'],
    ['DELETE FROM t', 'destructive'],
    ['DELETE FROM t WHERE id = 1', 'write'],
    ['drop table t', 'destructive'],
    ['TRUNCATE t', 'destructive'],
    ['ALTER TABLE t DROP COLUMN a', 'destructive'],
    ['ALTER TABLE t ADD COLUMN a int', 'write'],
    ['CREATE TABLE t (id int)', 'write'],
    ['PRAGMA table_info(t)', 'read', 'sqlite'],
    ['PRAGMA foreign_keys = OFF', 'write', 'sqlite'],
    ['SELECT 1; SELECT 2', 'multiple'],
    ['-- nothing', 'empty'],
  ];
  for (const [sql, kind, dialect] of table) {
    it(`${kind}: ${sql.replace(/\s+/g, ' ').trim()}`, () => {
      assert.equal(classifyStatement(sql, (dialect as 'sqlite' | undefined) ?? 'postgres').kind, kind);
    });
  }

  it('limits a read: wrapped, or LIMIT appended on MySQL (which ignores ORDER BY in a derived table)', () => {
    const c = classifyStatement('SELECT * FROM t ORDER BY a;', 'postgres');
    assert.equal(limitedQuery(c, 'postgres', 10), 'SELECT * FROM (\nSELECT * FROM t ORDER BY a\n) AS schemasage_q LIMIT 11');
    assert.equal(limitedQuery(c, 'mysql', 10), 'SELECT * FROM t ORDER BY a\nLIMIT 11');
    const limited = classifyStatement('SELECT * FROM t ORDER BY a LIMIT 5', 'mysql');
    assert.match(limitedQuery(limited, 'mysql', 10), /^SELECT \* FROM \(\nSELECT \* FROM t ORDER BY a LIMIT 5\n\) AS schemasage_q LIMIT 11$/);
  });
});

const PEOPLE = `
CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT, phone TEXT, plan TEXT);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
INSERT INTO people (id, name, email, phone, plan) SELECT i, 'person ' || i, 'p' || i || '@example.com', '+1 555 ' || i, CASE WHEN i % 2 = 0 THEN 'pro' ELSE 'free' END FROM n;
`;

async function peopleCount(file: string): Promise<number | string> {
  const db = await openSqlite(new Uint8Array(readFileSync(file)));
  try {
    return Number((await db.query('SELECT count(*) AS n FROM people'))[0]?.['n']);
  } catch (e) {
    return (e as Error).message;
  } finally {
    await db.close();
  }
}

describe('protocol: schemasage/db/query and schemasage/db/samples on SQLite', () => {
  let server: ServerHandle;
  let tmp: string;
  let file: string;
  let connection: QueryConnectionParams;
  const q = (p: Omit<DbQueryParams, 'connection'>) => server.request<DbQueryResult>('schemasage/db/query', { connection, ...p });
  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'schemasage-db-query-'));
    file = join(tmp, 'people.sqlite');
    const db = await getSqlite();
    await db.exec(PEOPLE);
    writeFileSync(file, db.exportBytes());
    await db.close();
    connection = { dialect: 'sqlite', file };
    server = await startServer({ files: { 'a.dbml': 'Table a {\n  id int [pk]\n}\n' } });
  });
  after(async () => {
    await server?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('a SELECT returns columns and rows in order, cut at maxRows and marked truncated', async () => {
    const r = await q({ sql: 'SELECT id, name, plan FROM people ORDER BY id DESC', maxRows: 25 });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.kind, 'read');
    assert.deepEqual(r.columns, ['id', 'name', 'plan']);
    assert.equal(r.rows.length, 25);
    assert.deepEqual(r.rows[0], ['300', 'person 300', 'pro']);
    assert.equal(r.truncated, true);
    const all = await q({ sql: 'WITH p AS (SELECT * FROM people WHERE id <= 3) SELECT id, email IS NULL AS missing FROM p' });
    assert.ok(all.ok && !all.truncated && all.rows.length === 3, JSON.stringify(all));
  });

  it('a write without allowWrite is refused before anything runs; with it, it is saved to the file', async () => {
    const refused = await q({ sql: "INSERT INTO people (id, name) VALUES (1000, 'x')" });
    assert.ok(!refused.ok && refused.refused, JSON.stringify(refused));
    assert.match(!refused.ok ? refused.error : '', /writes/);
    assert.equal(await peopleCount(file), 300);
    const ok = await q({ sql: "INSERT INTO people (id, name) VALUES (1000, 'x')", allowWrite: true });
    assert.ok(ok.ok && ok.kind === 'write', JSON.stringify(ok));
    assert.equal(await peopleCount(file), 301);
  });

  it('DROP needs the typed confirmation as well as allowWrite; several statements are refused', async () => {
    const noTyped = await q({ sql: 'DROP TABLE people', allowWrite: true });
    assert.ok(!noTyped.ok && noTyped.refused, JSON.stringify(noTyped));
    const noWrite = await q({ sql: 'TRUNCATE people', confirmDestructive: true });
    assert.ok(!noWrite.ok && noWrite.refused);
    const many = await q({ sql: 'SELECT 1; DROP TABLE people', allowWrite: true, confirmDestructive: true });
    assert.ok(!many.ok && many.refused && /one statement at a time/.test(many.error), JSON.stringify(many));
    assert.equal(await peopleCount(file), 301);
  });

  it('a failing statement answers its error', async () => {
    const r = await q({ sql: 'SELECT nope FROM people' });
    assert.ok(!r.ok && !r.refused, JSON.stringify(r));
    assert.match(!r.ok ? r.error : '', /no such column/);
  });

  it('samples: LIMITed rows, personal-data columns never read (sent as ***)', async () => {
    const schema = schemaOf('Table people {\n  id int [pk]\n  name text\n  email text\n  phone text\n  plan text\n}\nTable missing {\n  id int [pk]\n}\n');
    const tables: SampleTable[] = schema.tables.map((t) => ({ key: t.key, schema: t.schema, name: t.name, columns: t.columns }));
    const r = await server.request<DbSamplesResult>('schemasage/db/samples', { connection, defaultSchema: schema.defaultSchema, tables, rows: 3 } satisfies DbSamplesParams);
    assert.ok(r.ok, JSON.stringify(r));
    const people = r.samples['public.people'];
    assert.deepEqual(people.columns, ['id', 'name', 'email', 'phone', 'plan']);
    assert.equal(people.rows.length, 3);
    for (const row of people.rows) {
      assert.equal(row[2], '***');
      assert.equal(row[3], '***');
      assert.match(String(row[1]), /^person \d+$|^x$/);
    }
    assert.ok(!JSON.stringify(r).includes('@example.com') && !JSON.stringify(r).includes('555'), 'no personal data leaves the server');
    assert.match(r.skipped['public.missing'] ?? '', /no such table/);
  });
});

/** A PostgreSQL connection for the query functions: over the wire when a server runs, PGlite in process otherwise. */
async function postgres(t: TestContext): Promise<{ run: (p: Omit<DbQueryParams, 'connection'>) => Promise<DbQueryResult>; samples: (p: Omit<DbSamplesParams, 'connection'>) => Promise<DbSamplesResult>; conn: DbConnection; stop: () => Promise<void> } | undefined> {
  const db = await getPostgres(t);
  if (!db) return undefined;
  if (db.backend === 'server' && db.options) {
    const server = await startServer({ files: { 'a.dbml': 'Table a {\n  id int [pk]\n}\n' } });
    const connection: QueryConnectionParams = { ...db.options, dialect: 'postgres' };
    return {
      conn: db.conn,
      run: (p) => server.request<DbQueryResult>('schemasage/db/query', { connection, ...p }),
      samples: (p) => server.request<DbSamplesResult>('schemasage/db/samples', { connection, ...p }),
      stop: async () => {
        await server.stop();
      },
    };
  }
  const connection: QueryConnectionParams = { dialect: 'postgres' };
  return { conn: db.conn, run: (p) => runQuery(db.conn, { connection, ...p }), samples: (p) => readSamples(db.conn, { connection, ...p }), stop: async () => undefined };
}

describe('schemasage/db/query on PostgreSQL', () => {
  it('reads in a READ ONLY transaction, limits rows, times out, and writes only when allowed', async (t) => {
    const pg = await postgres(t);
    if (!pg) return;
    try {
      await pg.conn.exec("CREATE SEQUENCE s; CREATE TABLE items (id serial PRIMARY KEY, label text NOT NULL, email text); INSERT INTO items (label, email) SELECT 'item ' || i, 'u' || i || '@example.com' FROM generate_series(1, 50) i;");
      const r = await pg.run({ sql: 'SELECT id, label FROM items ORDER BY id', maxRows: 10 });
      assert.ok(r.ok, JSON.stringify(r));
      assert.deepEqual(r.rows[0], ['1', 'item 1']);
      assert.equal(r.rows.length, 10);
      assert.equal(r.truncated, true);
      // classified as a read, but it writes: the READ ONLY transaction refuses it
      const sneaky = await pg.run({ sql: "SELECT nextval('s')" });
      assert.ok(!sneaky.ok && !sneaky.refused, JSON.stringify(sneaky));
      assert.match(!sneaky.ok ? sneaky.error : '', /read-only transaction/);
      const slow = await pg.run({ sql: 'SELECT pg_sleep(3)', timeoutMs: 300 });
      assert.ok(!slow.ok, JSON.stringify(slow));
      assert.match(!slow.ok ? slow.error : '', /timeout|cancel/i);
      const refused = await pg.run({ sql: "UPDATE items SET label = 'x' WHERE id = 1" });
      assert.ok(!refused.ok && refused.refused);
      const wrote = await pg.run({ sql: "UPDATE items SET label = 'changed' WHERE id = 1 RETURNING id, label", allowWrite: true });
      assert.ok(wrote.ok && wrote.kind === 'write', JSON.stringify(wrote));
      assert.deepEqual(wrote.rows, [['1', 'changed']]);
      const failedWrite = await pg.run({ sql: "INSERT INTO items (id, label) VALUES (1, 'dup')", allowWrite: true });
      assert.ok(!failedWrite.ok && /duplicate key/.test(failedWrite.error), JSON.stringify(failedWrite));
      const drop = await pg.run({ sql: 'DROP TABLE items', allowWrite: true });
      assert.ok(!drop.ok && drop.refused);
      assert.equal((await pg.conn.query('SELECT count(*)::int AS n FROM items'))[0]?.['n'], 50);
      const dropped = await pg.run({ sql: 'DROP TABLE items', allowWrite: true, confirmDestructive: true });
      assert.ok(dropped.ok, JSON.stringify(dropped));
      assert.equal((await pg.conn.query("SELECT to_regclass('items') AS r"))[0]?.['r'], null);
    } finally {
      await pg.stop();
    }
  });

  it('samples mask personal data and never report the password', async (t) => {
    const pg = await postgres(t);
    if (!pg) return;
    try {
      await pg.conn.exec("CREATE TABLE members (id int PRIMARY KEY, nickname text, email_address text, date_of_birth date); INSERT INTO members VALUES (1, 'ace', 'a@example.com', '1990-01-02'), (2, 'bo', 'b@example.com', '1991-03-04');");
      const schema = schemaOf('Table members {\n  id int [pk]\n  nickname text\n  email_address text\n  date_of_birth date\n}\n');
      const r = await pg.samples({ defaultSchema: 'public', tables: schema.tables.map((x) => ({ key: x.key, schema: x.schema, name: x.name, columns: x.columns })), rows: 5 });
      assert.ok(r.ok, JSON.stringify(r));
      assert.deepEqual(r.samples['public.members'].rows.map((row) => row.join('|')).sort(), ['1|ace|***|***', '2|bo|***|***']);
    } finally {
      await pg.stop();
    }
  });

  it('an unreachable server answers the reason without the password', async () => {
    const server = await startServer({ files: {} });
    try {
      const r = await server.request<DbQueryResult>('schemasage/db/query', { connection: { dialect: 'postgres', host: '127.0.0.1', port: 1, user: 'u', password: SECRET, database: 'd' }, sql: 'SELECT 1' });
      assert.ok(!r.ok && !r.refused);
      assert.match(!r.ok ? r.error : '', /ECONNREFUSED|connect/i);
      assert.ok(!JSON.stringify(r).includes(SECRET) && !server.logs.join('\n').includes(SECRET));
    } finally {
      await server.stop();
    }
  });
});

describe('schemasage/db/query on MariaDB', () => {
  it('keeps ORDER BY under the row limit, reads read-only, writes only when allowed', async (t) => {
    const db = await getMysql(t);
    if (!db?.options) return;
    const server = await startServer({ files: {} });
    try {
      await db.conn.exec("CREATE TABLE items (id int PRIMARY KEY, label varchar(20)); INSERT INTO items VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd'), (5, 'e');");
      const connection: QueryConnectionParams = { ...db.options, dialect: 'mysql' };
      const q = (p: Omit<DbQueryParams, 'connection'>) => server.request<DbQueryResult>('schemasage/db/query', { connection, ...p });
      const desc = await q({ sql: 'SELECT id, label FROM items ORDER BY id DESC', maxRows: 2 });
      assert.ok(desc.ok, JSON.stringify(desc));
      assert.deepEqual(desc.rows, [['5', 'e'], ['4', 'd']]);
      assert.equal(desc.truncated, true);
      const limited = await q({ sql: 'SELECT id FROM items ORDER BY id DESC LIMIT 3', maxRows: 10 });
      assert.ok(limited.ok && !limited.truncated);
      assert.deepEqual(limited.rows, [['5'], ['4'], ['3']]);
      const refused = await q({ sql: 'DELETE FROM items WHERE id = 1' });
      assert.ok(!refused.ok && refused.refused);
      const wrote = await q({ sql: 'DELETE FROM items WHERE id = 1', allowWrite: true });
      assert.ok(wrote.ok && wrote.kind === 'write', JSON.stringify(wrote));
      assert.equal(Number((await db.conn.query('SELECT count(*) AS n FROM items'))[0]?.['n']), 4);
    } finally {
      await server.stop();
    }
  });
});

describe('schemasage/db/query on an embedded PostgreSQL (PGlite inside the server)', () => {
  it('creates the table, reads it back read-only, refuses a write without allowWrite', async () => {
    // PGlite starts inside the server on the first request (seconds, more on a busy machine)
    const server = await startServer({ files: {}, timeoutMs: 60_000 });
    try {
      const connection = { dialect: 'postgres', embedded: { key: `query-test-${process.pid}` } };
      const q = (p: Omit<DbQueryParams, 'connection'>) => server.request<DbQueryResult>('schemasage/db/query', { connection, ...p });
      const created = await q({ sql: 'CREATE TABLE notes (id int PRIMARY KEY, body text)', allowWrite: true });
      assert.ok(created.ok, JSON.stringify(created));
      assert.ok((await q({ sql: "INSERT INTO notes VALUES (1, 'hello'), (2, NULL)", allowWrite: true })).ok);
      const read = await q({ sql: 'SELECT id, body FROM notes ORDER BY id' });
      assert.ok(read.ok, JSON.stringify(read));
      assert.deepEqual(read.rows, [['1', 'hello'], ['2', null]]);
      const refused = await q({ sql: 'DELETE FROM notes WHERE id = 1' });
      assert.ok(!refused.ok && refused.refused);
    } finally {
      await server.stop();
    }
  });
});
