/**
 * Protocol: SQL and Prisma documents over the wire (issue 4): diagnostics with
 * positions, definition across statements and files, rename, the dialect the
 * server chose (schemasage/fileInfo), and no formatting edits for SQL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Location, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { applyEdits, positionOf, startServer, type ServerHandle } from './harness.ts';

const SQL = 'CREATE TABLE `users` (\n  id int AUTO_INCREMENT PRIMARY KEY,\n  email varchar(200) NOT NULL\n);\n\nCREATE TABLE posts (\n  id int PRIMARY KEY,\n  author_id int,\n  FOREIGN KEY (author_id) REFERENCES users (id)\n);\n';
const BROKEN = 'CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE b (a_id int REFERENCES nope (id));\n';
const PRISMA = 'model User {\n  id    Int    @id\n  posts Post[]\n}\n\nmodel Post {\n  id       Int  @id\n  authorId Int\n  author   User @relation(fields: [authorId], references: [id])\n}\n';

describe('protocol: SQL and Prisma', () => {
  let server: ServerHandle;
  let sql: string;
  let broken: string;
  let prisma: string;

  before(async () => {
    server = await startServer({ files: { 'db/schema.sql': SQL, 'db/broken.sql': BROKEN, 'prisma/schema.prisma': PRISMA } });
    sql = await server.open('db/schema.sql', SQL, 'sql');
    broken = await server.open('db/broken.sql', BROKEN, 'sql');
    prisma = await server.open('prisma/schema.prisma', PRISMA, 'prisma');
    await server.diagnosticsForVersion('prisma/schema.prisma');
  });
  after(async () => {
    await server?.stop();
  });

  it('an unknown referenced table is an error at its name', async () => {
    const diags = await server.diagnosticsForVersion('db/broken.sql');
    const err = diags.find((d) => d.severity === 1);
    assert.ok(err, JSON.stringify(diags));
    assert.deepEqual(err.range.start, positionOf(BROKEN, 'nope'));
  });

  it('the dialect the server detected, and why', async () => {
    const info = await server.request<{ language: string; dialect: string; dialectSource: string }>('schemasage/fileInfo', { uri: sql });
    assert.deepEqual(info, { language: 'sql', dialect: 'mysql', dialectSource: 'content' });
  });

  it('definition from REFERENCES to the CREATE TABLE', async () => {
    const locs = await server.request<Location[]>('textDocument/definition', { textDocument: { uri: sql }, position: positionOf(SQL, 'users (id)', 1) });
    assert.equal(locs.length, 1);
    assert.equal(locs[0].uri, sql);
    // a quoted name's span includes its quotes
    assert.deepEqual(locs[0].range.start, positionOf(SQL, '`users`'));
  });

  it('rename of a Prisma model edits the relation field type', async () => {
    const edit = await server.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: prisma }, position: positionOf(PRISMA, 'User {', 1), newName: 'Account' });
    const text = applyEdits(PRISMA, edit.changes?.[prisma] ?? []);
    assert.match(text, /model Account \{/);
    assert.match(text, /author +Account @relation/);
  });

  it('the schemasage.dialects setting re-reads a file in the dialect its glob gives', async () => {
    await server.notify('workspace/didChangeConfiguration', { settings: { schemasage: { dialects: { 'db/broken.sql': 'sqlite' } } } });
    let info = { dialect: '', dialectSource: '' };
    for (let i = 0; i < 50 && info.dialect !== 'sqlite'; i++) {
      info = await server.request<typeof info>('schemasage/fileInfo', { uri: broken });
      if (info.dialect !== 'sqlite') await new Promise((r) => setTimeout(r, 20));
    }
    assert.deepEqual(info, { language: 'sql', dialect: 'sqlite', dialectSource: 'setting' });
    // SQLite reports a foreign key to a missing table as a warning, not an error (the publication after the change)
    const diags = await server.diagnostics('db/broken.sql', (ds) => !ds.some((d) => d.severity === 1));
    assert.ok(diags.some((d) => d.severity === 2 && /nope/.test(typeof d.message === 'string' ? d.message : d.message.value)), JSON.stringify(diags));
    assert.ok(!diags.some((d) => d.severity === 1), JSON.stringify(diags));
  });

  it('formatting leaves SQL alone', async () => {
    const edits = await server.request<TextEdit[] | null>('textDocument/formatting', { textDocument: { uri: sql }, options: { tabSize: 2, insertSpaces: true } });
    assert.deepEqual(edits ?? [], []);
  });
});
