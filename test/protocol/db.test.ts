/**
 * Protocol (issue 7): `schemasage/db/introspect` connects to a real database
 * with the options the client sends, tests or introspects it, and never lets
 * the password out in an answer or a log line. SQLite through a file the test
 * writes; PostgreSQL and MariaDB on the servers the test utilities start (a
 * PGlite fallback cannot be reached by another process: that case is skipped).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { positionOf, startServer, type ServerHandle } from './harness.ts';
import { getMysql, getPostgres, getSqlite } from '../util/db.ts';
import type { DbImportResult, DbIntrospectResult } from '../../server/src/lsp/protocol.ts';
import type { Schema } from '../../server/src/engine/model/schema.ts';
import { Workspace } from '../../server/src/engine/workspace.ts';
import { scrub } from '../../server/src/lsp/db.ts';

const SECRET = 'S3cr3t-pa55word';

describe('protocol: live databases', () => {
  let server: ServerHandle;
  let tmp: string;
  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'schemasage-db-proto-'));
    server = await startServer({ files: { 'a.dbml': 'Table a {\n  id int [pk]\n}\n' } });
  });
  after(async () => {
    await server?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('SQLite: test reports the version; introspect returns the schema with its keys', async () => {
    const db = await getSqlite();
    await db.exec('CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL); CREATE TABLE books (id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES authors (id), "odd name" TEXT);');
    const file = join(tmp, 'lib.sqlite');
    writeFileSync(file, db.exportBytes());
    await db.close();
    const tested = await server.request<DbIntrospectResult>('schemasage/db/introspect', { id: 'lite', connection: { dialect: 'sqlite', file }, test: true });
    assert.ok(tested.ok && /^3\.\d+/.test(tested.serverVersion ?? ''), JSON.stringify(tested));
    assert.ok(tested.ok && tested.schema === undefined, 'a test does not introspect');
    const r = await server.request<DbIntrospectResult>('schemasage/db/introspect', { id: 'lite', connection: { dialect: 'sqlite', file } });
    assert.ok(r.ok && r.schema, JSON.stringify(r));
    assert.deepEqual(r.schema.tables.map((t) => t.name).sort(), ['authors', 'books']);
    assert.deepEqual(r.schema.tables.find((t) => t.name === 'books')!.columns.map((c) => c.name), ['id', 'author_id', 'odd name']);
    assert.deepEqual(r.schema.relationships.map((x) => `${x.from.table}.${x.from.columns} -> ${x.to.table}.${x.to.columns}`), ['books.author_id -> authors.id']);
  });

  it('SQLite: a missing file is an error message, not a crash', async () => {
    const r = await server.request<DbIntrospectResult>('schemasage/db/introspect', { id: 'gone', connection: { dialect: 'sqlite', file: join(tmp, 'nope.sqlite') } });
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.error : '', /nope\.sqlite|no such file/i);
  });

  it('PostgreSQL: introspects the server\'s database', async (t) => {
    const db = await getPostgres(t);
    if (!db) return;
    if (db.backend !== 'server' || !db.options) return t.skip('PGlite runs inside the test process: the language server cannot reach it');
    await db.conn.exec('CREATE TABLE teams (id serial PRIMARY KEY, name text UNIQUE NOT NULL); CREATE TABLE players (id serial PRIMARY KEY, team_id int REFERENCES teams (id) ON DELETE CASCADE)');
    const r = await server.request<DbIntrospectResult>('schemasage/db/introspect', { id: 'pg', connection: { ...db.options, password: SECRET } });
    assert.ok(r.ok && r.schema, JSON.stringify(r));
    assert.match(r.serverVersion ?? '', /^PostgreSQL 1\d/);
    assert.deepEqual(r.schema.tables.map((x) => x.name).sort(), ['players', 'teams']);
    assert.equal(r.schema.relationships[0]?.onDelete, 'cascade');
  });

  it('MariaDB: introspects; a refused login answers an error without the password, in the answer and the logs', async (t) => {
    const db = await getMysql(t);
    if (!db?.options) return;
    await db.conn.exec('CREATE TABLE teams (id int PRIMARY KEY, name varchar(40) NOT NULL)');
    const r = await server.request<DbIntrospectResult>('schemasage/db/introspect', { id: 'my', connection: db.options });
    assert.ok(r.ok && r.schema, JSON.stringify(r));
    assert.deepEqual(r.schema.tables.map((x) => x.name), ['teams']);
    const bad = await server.request<DbIntrospectResult>('schemasage/db/introspect', { id: 'my', connection: { ...db.options, user: `nobody_${SECRET}`, password: SECRET } });
    assert.equal(bad.ok, false);
    const message = !bad.ok ? bad.error : '';
    assert.match(message, /denied|refused|access/i);
    assert.ok(!message.includes(SECRET), message);
    assert.ok(!server.logs.join('\n').includes(SECRET) && !server.stderr.includes(SECRET), 'the password is not in the server log');
  });

  it('an unreachable server answers with the reason, and the password never appears', async () => {
    const r = await server.request<DbIntrospectResult>('schemasage/db/introspect', { id: 'x', connection: { dialect: 'postgres', host: '127.0.0.1', port: 1, user: 'u', password: SECRET, database: 'd' } });
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.error : '', /ECONNREFUSED|connect/i);
    assert.ok(!server.logs.join('\n').includes(SECRET) && !server.stderr.includes(SECRET));
  });
});

describe('protocol: drift between linked schema files and a database', () => {
  let server: ServerHandle;
  const demo = join(import.meta.dirname, '..', '..', 'examples', 'demo');
  const sql = readFileSync(join(demo, 'shop.sql'), 'utf8');
  before(async () => {
    server = await startServer({ files: { 'db/shop.sql': sql, 'other.dbml': 'Table other {\n  id int [pk]\n}\n' } });
  });
  after(async () => {
    await server?.stop();
  });

  it('in sync after introspection; an edit shows DRIFT diagnostics on the edited objects, only in the linked file', async () => {
    const connection = { dialect: 'sqlite', file: join(demo, 'shop.sqlite') };
    const r = await server.request<DbIntrospectResult>('schemasage/db/introspect', { id: 'demo', connection, schemaFiles: ['db/*.sql'] });
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.drift, { files: 1, items: [] }, 'only the linked file (db/*.sql) is compared: other.dbml is not');
    // the demo's reviews table references products and customers without foreign keys: inferred, and confirmed by the data
    const inferred = r.inferred ?? [];
    const review = inferred.find((x) => x.from === 'reviews(product_id)' && x.to === 'products(id)');
    assert.ok(review, JSON.stringify(inferred));
    assert.ok(review.confidence >= 0.9 && review.evidence.some((e) => /sampled|values/i.test(e)), JSON.stringify(review));
    const edited = sql.replace('  body TEXT\n);', '  body TEXT,\n  helpful_votes INTEGER NOT NULL DEFAULT 0\n);');
    await server.open('db/shop.sql', sql, 'sql');
    await server.change('db/shop.sql', edited);
    const diags = await server.diagnostics('db/shop.sql', (ds) => ds.some((d) => d.code === 'DRIFT003'));
    const drift = diags.find((d) => d.code === 'DRIFT003')!;
    assert.deepEqual(drift.range.start, positionOf(edited, 'helpful_votes'));
    assert.equal(drift.severity, 2);
    assert.match(String(drift.message), /not in the database demo/);
    const again = await server.request<DbIntrospectResult>('schemasage/db/introspect', { id: 'demo', connection, schemaFiles: ['db/*.sql'] });
    assert.ok(again.ok && again.drift?.items.length === 1 && again.drift.items[0]!.code === 'DRIFT003', JSON.stringify(again.ok && again.drift));
  });
});

describe('protocol: import a database\'s schema as DBML, SQL and Prisma', () => {
  let server: ServerHandle;
  const demo = join(import.meta.dirname, '..', '..', 'examples', 'demo');
  before(async () => {
    server = await startServer({ files: {} });
  });
  after(async () => {
    await server?.stop();
  });

  function shape(s: Schema): string[] {
    const out: string[] = [];
    for (const t of s.tables) out.push(`${t.name}(${t.columns.map((c) => `${c.name}${c.primaryKey ? '*' : ''}${c.nullable ? '?' : ''}`).join(',')})`);
    for (const r of s.relationships) out.push(`${r.from.table}.${r.from.columns.join('+')}->${r.to.table}.${r.to.columns.join('+')}`);
    return out.sort();
  }

  it('each format parses back, without errors, to the introspected tables, columns, keys and foreign keys', async () => {
    const r = await server.request<DbIntrospectResult>('schemasage/db/introspect', { id: 'demo', connection: { dialect: 'sqlite', file: join(demo, 'shop.sqlite') } });
    assert.ok(r.ok && r.schema);
    const expected = shape(r.schema);
    for (const [format, name] of [['dbml', 'schema.dbml'], ['sql', 'schema.sqlite'], ['prisma', 'schema.prisma']] as const) {
      const imported = await server.request<DbImportResult>('schemasage/db/import', { id: 'demo', format });
      assert.ok(imported.ok, JSON.stringify(imported));
      assert.equal(imported.tables, 5);
      const ws = new Workspace();
      const uri = `file:///import/${name}`;
      ws.setFile(uri, imported.text);
      assert.deepEqual(ws.diagnostics(uri).filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`), [], `${format}:\n${imported.text}`);
      const part = ws.binding().parts.find((p) => p.tables.some((t) => t.source?.uri === uri))!;
      assert.deepEqual(shape(part), expected, format);
    }
  });

  it('a connection not read yet: an error that says so', async () => {
    const r = await server.request<DbImportResult>('schemasage/db/import', { id: 'never', format: 'dbml' });
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.error : '', /has not been read yet/);
  });
});

describe('scrub', () => {
  it('removes the secret and its URL-encoded form', () => {
    assert.equal(scrub('auth failed for a b@c and a%20b%40c', 'a b@c'), 'auth failed for *** and ***');
    assert.equal(scrub('nothing to hide', undefined), 'nothing to hide');
  });
});
