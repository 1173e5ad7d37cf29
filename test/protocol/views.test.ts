/**
 * Protocol (issue 12 sidebar, issue 8 diagram data): `schemasage/outline`
 * lists the workspace's tables per file with columns, marks, ranges and
 * problem counts, plus the inferred relationships to review;
 * `schemasage/schemaModel` returns the unit of one file (or the workspace).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { positionOf, startServer, type ServerHandle } from './harness.ts';
import type { Outline } from '../../server/src/lsp/protocol.ts';
import type { SchemaModel } from '../../server/src/lsp/handlers/outline.ts';

const DBML = 'Table users {\n  id int [pk]\n  email varchar [unique, not null]\n}\n\nTable posts {\n  id int [pk]\n  user_id int\n  author int [ref: > users.id]\n}\n';
const SQL = 'CREATE TABLE authors (\n  id integer PRIMARY KEY\n);\nCREATE TABLE books (\n  id integer PRIMARY KEY,\n  title text NOT NULL,\n  author_id integer REFERENCES nowhere (id)\n);\n';

describe('protocol: the outline and schema model requests', () => {
  let server: ServerHandle;
  before(async () => {
    server = await startServer({ files: { 'a.dbml': DBML, 'db/b.sql': SQL, 'db/shop.sqlite': 'SQLite format 3\u0000\u0010\u0000CREATE TABLE x (id int);' } });
  });
  after(async () => {
    await server?.stop();
  });

  it('outline: files with their tables, columns, marks, ranges and problem counts', async () => {
    const outline = await server.request<Outline>('schemasage/outline', {});
    const names = outline.files.map((f) => f.uri.replace(/^.*\//, ''));
    assert.deepEqual(names, ['a.dbml', 'b.sql'], 'a SQLite database file named .sqlite is not read as SQL');
    const dbml = outline.files[0];
    assert.equal(dbml.language, 'dbml');
    assert.deepEqual(dbml.tables.map((t) => t.name), ['users', 'posts']);
    const posts = dbml.tables[1];
    assert.deepEqual(posts.columns.map((c) => [c.name, c.pk, c.fk, c.nullable]), [['id', true, false, false], ['user_id', false, false, true], ['author', false, true, true]]);
    const email = dbml.tables[0].columns[1];
    assert.deepEqual([email.type, email.unique, email.nullable], ['varchar', true, false]);
    assert.deepEqual(posts.range?.start, positionOf(DBML, 'posts'));
    assert.deepEqual(posts.columns[2].range?.start, positionOf(DBML, 'author int'));
    const sql = outline.files[1];
    assert.equal(sql.dialect, 'postgres');
    assert.deepEqual(sql.tables.map((t) => t.name), ['authors', 'books']);
    assert.equal(sql.errors, 1, 'the reference to an unknown table is an error');
    assert.equal(dbml.errors, 0);
    // posts.user_id -> users.id and books.author_id are inferred; the declared `author` is not
    const inferred = outline.inferred.map((r) => `${r.from} -> ${r.to}`);
    assert.ok(inferred.includes('posts(user_id) -> users(id)'), JSON.stringify(inferred));
    assert.ok(!inferred.some((r) => r.startsWith('posts(author)')), JSON.stringify(inferred));
    const userId = outline.inferred.find((r) => r.from === 'posts(user_id)');
    assert.ok(userId && userId.confidence > 0.5 && userId.confidence <= 1 && userId.evidence.length > 0);
    assert.deepEqual(userId.range?.start, positionOf(DBML, 'user_id'));
  });

  it('outline: an edit shows up in the next answer', async () => {
    await server.open('a.dbml', DBML);
    await server.change('a.dbml', DBML.replace('Table posts {', 'Table comments {\n  id int [pk]\n}\n\nTable posts {'));
    const outline = await server.request<Outline>('schemasage/outline', {});
    assert.deepEqual(outline.files[0].tables.map((t) => t.name), ['users', 'comments', 'posts']);
  });

  it('schemaModel: a file\'s unit, or the workspace', async () => {
    const uri = server.uri('db/b.sql');
    const one = await server.request<SchemaModel>('schemasage/schemaModel', { uri });
    assert.deepEqual(one.schema.tables.map((t) => t.name), ['authors', 'books']);
    const keys = new Set(one.schema.tables.map((t) => t.key));
    assert.ok(one.inferred.every((r) => keys.has(r.from.tableKey) && keys.has(r.to.tableKey)), 'inferred relationships stay within the unit');
    const dbml = await server.request<SchemaModel>('schemasage/schemaModel', { uri: server.uri('a.dbml') });
    assert.ok(dbml.inferred.some((r) => r.from.table === 'posts' && r.from.columns[0] === 'user_id' && r.to.table === 'users'), JSON.stringify(dbml.inferred.map((r) => r.from)));
    assert.ok(!dbml.schema.tables.some((t) => t.name === 'books'));
    assert.equal(typeof one.schema.tables[0].source?.nameSpan.start, 'number', 'spans arrive as plain numbers');
    const all = await server.request<SchemaModel>('schemasage/schemaModel', {});
    assert.ok(all.schema.tables.length >= 5, String(all.schema.tables.length));
    const none = await server.request<SchemaModel | null>('schemasage/schemaModel', { uri: 'file:///nowhere.dbml' });
    assert.equal(none, null);
  });
});
