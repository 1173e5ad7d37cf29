/**
 * The editor features on SQL and Prisma files (issue 4, item 4): the same
 * engine entry points as DBML, fed by the SQL and Prisma front ends through
 * the binder. `|` is the cursor, `[|...|]` the expected spans.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, fixture, slice } from '../util/fixture.js';
import { definition } from '../../src/engine/ide/definition.js';
import { references } from '../../src/engine/ide/references.js';
import { rename } from '../../src/engine/ide/rename.js';
import { documentSymbols, workspaceSymbols } from '../../src/engine/ide/symbols.js';
import { completion } from '../../src/engine/ide/completion.js';
import { foldingRanges } from '../../src/engine/ide/folding.js';
import { format } from '../../src/engine/ide/format.js';
import { hover } from '../../src/engine/ide/hover.js';
import { Workspace } from '../../src/engine/workspace.js';

const show = (f: ReturnType<typeof fixture>, locs: { uri: string; span: { start: number; end: number } }[]) =>
  locs.map((l) => `${l.uri.slice(l.uri.lastIndexOf('/') + 1)}:${slice(f, l)}@${l.span.start}`).sort();

describe('SQL', () => {
  test('definition of a referenced table and column', () => {
    const f = fixture(`
      --- schema.sql
      CREATE TABLE [|users|] (
        [|id|] integer PRIMARY KEY
      );
      CREATE TABLE posts (
        id integer PRIMARY KEY,
        author_id integer REFERENCES users (i|d)
      );
    `);
    const got = show(f, definition(f.ws, f.uri, f.cursor));
    assert.deepEqual(got, [show(f, [f.ranges[1]])[0]]);
    const table = definition(f.ws, f.uri, f.file('schema.sql').text.indexOf('users (id)') + 2);
    assert.deepEqual(show(f, table), [show(f, [f.ranges[0]])[0]]);
  });

  test('references of a table across statements', () => {
    const f = fixture(`
      --- schema.sql
      CREATE TABLE [|us|ers|] (id int PRIMARY KEY);
      CREATE TABLE posts (user_id int REFERENCES [|users|] (id));
      CREATE INDEX users_id ON [|users|] (id);
    `);
    assert.deepEqual(show(f, references(f.ws, f.uri, f.cursor, true)), show(f, f.ranges));
  });

  test("rename re-quotes per dialect and keeps the user's quote style", () => {
    const f = fixture(`
      --- schema.mysql
      CREATE TABLE \`us|ers\` (id int PRIMARY KEY);
      CREATE TABLE posts (user_id int, FOREIGN KEY (user_id) REFERENCES users (id));
    `);
    const r = rename(f.ws, f.uri, f.cursor, 'app users');
    assert.ok('edit' in r && r.edit, JSON.stringify(r));
    const text = applyEdits(f.file('schema.mysql').text, r.edit.changes[f.uri]);
    assert.match(text, /CREATE TABLE `app users` \(/);
    assert.match(text, /REFERENCES `app users` \(id\)/);
  });

  test('rename in PostgreSQL quotes a name that has capitals', () => {
    const f = fixture(`
      --- schema.sql
      CREATE TABLE users (id int PRIMARY KEY, na|me text);
      CREATE INDEX users_name ON users (name);
    `);
    const r = rename(f.ws, f.uri, f.cursor, 'fullName');
    assert.ok('edit' in r && r.edit);
    const text = applyEdits(f.file('schema.sql').text, r.edit.changes[f.uri]);
    assert.match(text, /"fullName" text/);
    assert.match(text, /ON users \("fullName"\)/);
  });

  test('document symbols: tables with their columns', () => {
    const f = fixture(`
      --- schema.sql
      CREATE TABLE users (
        id int PRIMARY KEY,
        email text NOT NULL
      );
      CREATE TABLE posts (id int);
    `);
    const syms = documentSymbols(f.ws, f.uri);
    assert.deepEqual(syms.map((s) => [s.name, s.kind, s.children.map((c) => c.name)]), [
      ['users', 'table', ['id', 'email']],
      ['posts', 'table', ['id']],
    ]);
    assert.ok(workspaceSymbols(f.ws, 'email').some((s) => s.name === 'email' && s.kind === 'column'));
  });

  test('completion of tables after REFERENCES and of columns inside its parentheses', () => {
    const tables = fixture(`
      --- schema.sql
      CREATE TABLE users (id int PRIMARY KEY, email text);
      CREATE TABLE posts (author int REFERENCES |
    `);
    assert.ok(completion(tables.ws, tables.uri, tables.cursor).some((c) => c.label === 'users' && c.kind === 'table'));
    const columns = fixture(`
      --- schema.sql
      CREATE TABLE users (id int PRIMARY KEY, email text);
      CREATE TABLE posts (author int REFERENCES users (|
    `);
    assert.deepEqual(completion(columns.ws, columns.uri, columns.cursor).map((c) => c.label), ['id', 'email']);
  });

  test('folding of multi-line statements; no formatting for SQL', () => {
    const f = fixture(`
      --- schema.sql
      CREATE TABLE users (
        id int
      );
      CREATE INDEX i ON users (id);
    `);
    const folds = foldingRanges(f.ws, f.uri);
    assert.equal(folds.length, 1);
    assert.equal(f.file('schema.sql').text.slice(folds[0].start, folds[0].start + 12), 'CREATE TABLE');
    assert.deepEqual(format(f.ws, f.uri, { tabSize: 2, insertSpaces: true }), []);
  });

  test('hover on a column shows its type', () => {
    const f = fixture(`
      --- schema.sql
      CREATE TABLE users (id int PRIMARY KEY, em|ail varchar(200) NOT NULL);
    `);
    const h = hover(f.ws, f.uri, f.cursor);
    assert.ok(h && /varchar\(200\)/i.test(h.contents), JSON.stringify(h));
  });

  test('in a migrations folder, definition lands on the statement that last changed the table', () => {
    const ws = new Workspace();
    const v1 = 'CREATE TABLE users (id int PRIMARY KEY);\n';
    const v2 = 'ALTER TABLE users ADD COLUMN email text;\n';
    const v3 = 'CREATE TABLE posts (id int PRIMARY KEY, author int REFERENCES users (id));\n';
    ws.setFile('file:///m/V1__init.sql', v1);
    ws.setFile('file:///m/V2__email.sql', v2);
    ws.setFile('file:///m/V3__posts.sql', v3);
    const locs = definition(ws, 'file:///m/V3__posts.sql', v3.indexOf('users') + 1);
    assert.equal(locs.length, 1);
    assert.equal(locs[0].uri, 'file:///m/V2__email.sql');
    assert.equal(v2.slice(locs[0].span.start, locs[0].span.end), 'users');
    // every use, in every migration, is a reference of the one table
    const refs = references(ws, 'file:///m/V3__posts.sql', v3.indexOf('users') + 1, true);
    assert.deepEqual([...new Set(refs.map((r) => r.uri.slice('file:///m/'.length)))].sort(), ['V1__init.sql', 'V2__email.sql', 'V3__posts.sql']);
  });

  test('a migrations folder replays in order; separate files stand alone', () => {
    const ws = new Workspace();
    ws.setFile('file:///m/V2__add_email.sql', 'ALTER TABLE users ADD COLUMN email text;');
    ws.setFile('file:///m/V1__init.sql', 'CREATE TABLE users (id int PRIMARY KEY);');
    ws.setFile('file:///m/V10__drop.sql', 'ALTER TABLE users DROP COLUMN email;');
    ws.setFile('file:///other/a.sql', 'CREATE TABLE users (id int PRIMARY KEY);');
    ws.setFile('file:///other/b.sql', 'CREATE TABLE users (id int PRIMARY KEY);');
    const b = ws.binding();
    const migrated = b.parts.find((p) => p.tables.some((t) => t.source?.uri.startsWith('file:///m/')));
    assert.deepEqual(migrated?.tables.map((t) => [t.name, t.columns.map((c) => c.name)]), [['users', ['id']]]);
    // two standalone files with the same table are no duplicate
    for (const uri of ['file:///other/a.sql', 'file:///other/b.sql']) assert.deepEqual(ws.diagnostics(uri).filter((d) => d.severity === 'error'), []);
  });
});

describe('Prisma', () => {
  const SCHEMA = `
    --- schema.prisma
    datasource db {
      provider = "postgresql"
      url      = env("DATABASE_URL")
    }

    model [|User|] {
      id    Int    @id @default(autoincrement())
      posts Post[]
    }

    model Post {
      id       Int  @id
      authorId Int
      author   Us|er @relation(fields: [authorId], references: [id])
    }
  `;

  test("definition of a relation field's model", () => {
    const f = fixture(SCHEMA);
    assert.deepEqual(show(f, definition(f.ws, f.uri, f.cursor)), show(f, [f.ranges[0]]));
  });

  test('rename of a model edits its uses', () => {
    const f = fixture(SCHEMA);
    const r = rename(f.ws, f.uri, f.cursor, 'Account');
    assert.ok('edit' in r && r.edit);
    const text = applyEdits(f.file('schema.prisma').text, r.edit.changes[f.uri]);
    assert.match(text, /model Account \{/);
    assert.match(text, /author +Account @relation/);
    assert.ok('error' in rename(f.ws, f.uri, f.cursor, 'bad name'));
  });

  test('completion of a field type and of relation fields', () => {
    const types = fixture(`
      --- schema.prisma
      model User {
        id Int @id
      }
      model Post {
        id Int @id
        author |
      }
    `);
    const labels = completion(types.ws, types.uri, types.cursor).map((c) => c.label);
    assert.ok(labels.includes('User') && labels.includes('String'), labels.join(','));
    const refs = fixture(`
      --- schema.prisma
      model User {
        id    Int @id
        email String
      }
      model Post {
        id       Int  @id
        authorId Int
        author   User @relation(fields: [authorId], references: [ | ])
      }
    `);
    assert.deepEqual(completion(refs.ws, refs.uri, refs.cursor).map((c) => c.label), ['id', 'email']);
  });
});
