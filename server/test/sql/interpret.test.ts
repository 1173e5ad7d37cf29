/**
 * Interpretation: statements replayed in order (files in order, like a
 * migrations folder) into one Schema; names (definitions and uses) with model
 * keys; semantic diagnostics SQL1xx.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interpretSql, parseSql, type SqlDialect, type SqlInterpretation } from '../../src/engine/syntax/sql/index.js';

function run(dialect: SqlDialect, ...files: string[]): { r: SqlInterpretation; files: string[] } {
  const inputs = files.map((text, i) => ({ uri: `file:///m/${i}.sql`, file: parseSql(text, dialect) }));
  for (const i of inputs) assert.deepEqual(i.file.diagnostics.filter((d) => d.severity === 'error'), []);
  return { r: interpretSql(inputs, dialect), files };
}

const fk = (r: SqlInterpretation): string[] => r.schema.relationships.map((x) => `${x.from.tableKey}(${x.from.columns}) ${x.cardinality} ${x.to.tableKey}(${x.to.columns})${x.onDelete ? ' ' + x.onDelete : ''}`);
const codes = (r: SqlInterpretation): string[] => r.diagnostics.map((d) => d.code);

test('a migrations folder replays in order into one schema', () => {
  const { r } = run(
    'postgres',
    'CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL);\nCREATE TABLE posts (id int PRIMARY KEY, author int);',
    'ALTER TABLE posts ADD CONSTRAINT posts_author_fk FOREIGN KEY (author) REFERENCES users (id) ON DELETE CASCADE;\nALTER TABLE users ADD COLUMN name varchar(80);',
    'ALTER TABLE users RENAME COLUMN email TO mail;\nALTER TABLE posts RENAME TO articles;\nALTER TABLE users ALTER COLUMN name SET NOT NULL;',
  );
  assert.deepEqual(codes(r), []);
  assert.deepEqual(r.schema.tables.map((t) => t.key), ['public.users', 'public.articles']);
  const users = r.schema.tables[0];
  assert.deepEqual(users.columns.map((c) => `${c.name}:${c.type.name}:${c.type.family}:${c.nullable ? 'null' : 'notnull'}${c.autoIncrement ? ':ai' : ''}${c.primaryKey ? ':pk' : ''}`), [
    'id:serial:integer:notnull:ai:pk',
    'mail:text:text:notnull',
    'name:varchar:string:notnull',
  ]);
  assert.equal(users.columns[2].type.length, 80);
  assert.deepEqual(fk(r), ['public.articles(author) n-1 public.users(id) cascade']);
  // the source of `articles` is the RENAME statement in the third file
  const articles = r.schema.tables[1];
  assert.equal(articles.source?.uri, 'file:///m/2.sql');
});

test('names: definitions and uses with model keys', () => {
  const sql = "CREATE TYPE mood AS ENUM ('ok', 'sad');\nCREATE TABLE a (id int PRIMARY KEY, m mood);\nCREATE TABLE b (id int, a_id int REFERENCES a (id));\nCREATE INDEX b_a ON b (a_id);\nCOMMENT ON COLUMN a.m IS 'feeling';";
  const { r } = run('postgres', sql);
  const names = r.names.map((n) => `${sql.slice(n.span.start, n.span.end)} ${n.kind} ${n.key}${n.isDefinition ? ' def' : ''}`);
  for (const expected of [
    'mood enum public.mood def',
    'a table public.a def',
    'm column public.a.m def',
    'mood enum public.mood',
    'a_id column public.b.a_id def',
    'a table public.a',
    'id column public.a.id',
    'b_a index public.b_a def',
    'b table public.b',
    'a_id column public.b.a_id',
    'm column public.a.m',
  ]) {
    assert.ok(names.includes(expected), `missing name: ${expected}\n${names.join('\n')}`);
  }
  const m = r.schema.tables[0].columns[1];
  assert.equal(m.type.family, 'enum');
  assert.equal(m.type.enumKey, 'public.mood');
  assert.equal(m.note, 'feeling');
});

const diagCases: { name: string; dialect: SqlDialect; sql: string; codes: string[]; at?: string }[] = [
  { name: 'unknown referenced table', dialect: 'postgres', sql: 'CREATE TABLE a (x int REFERENCES nope (id));', codes: ['SQL101'], at: 'nope' },
  { name: 'unknown referenced column', dialect: 'postgres', sql: 'CREATE TABLE u (id int);\nCREATE TABLE a (x int REFERENCES u (idd));', codes: ['SQL102'], at: 'idd' },
  { name: 'unknown FK column', dialect: 'mysql', sql: 'CREATE TABLE u (id int);\nCREATE TABLE a (x int, FOREIGN KEY (y) REFERENCES u (id));', codes: ['SQL102'], at: 'y' },
  { name: 'duplicate table', dialect: 'postgres', sql: 'CREATE TABLE a (x int);\nCREATE TABLE a (y int);', codes: ['SQL103'], at: 'a (y' },
  { name: 'IF NOT EXISTS is not a duplicate', dialect: 'postgres', sql: 'CREATE TABLE a (x int);\nCREATE TABLE IF NOT EXISTS a (y int);', codes: [] },
  { name: 'duplicate column', dialect: 'sqlite', sql: 'CREATE TABLE a (x int, X text);', codes: ['SQL104'], at: 'X text' },
  { name: 'ALTER of a missing table', dialect: 'postgres', sql: 'ALTER TABLE nope ADD COLUMN x int;', codes: ['SQL105'], at: 'nope' },
  { name: 'ALTER TABLE IF EXISTS of a missing table', dialect: 'postgres', sql: 'ALTER TABLE IF EXISTS nope ADD COLUMN x int;', codes: [] },
  { name: 'index on a missing column', dialect: 'postgres', sql: 'CREATE TABLE a (x int);\nCREATE INDEX i ON a (y);', codes: ['SQL102'], at: 'y' },
  { name: 'postgres names are case-sensitive after folding', dialect: 'postgres', sql: 'CREATE TABLE "Users" (id int);\nCREATE TABLE p (u int REFERENCES users (id));', codes: ['SQL101'] },
  { name: 'sqlite names are case-insensitive; forward references allowed', dialect: 'sqlite', sql: 'CREATE TABLE p (u int REFERENCES USERS (ID));\nCREATE TABLE users (id int);', codes: [] },
  { name: 'ALTER TABLE on a sequence (pg_dump OWNER TO) is fine', dialect: 'postgres', sql: 'CREATE SEQUENCE s;\nALTER TABLE s OWNER TO bob;', codes: [] },
];

for (const c of diagCases) {
  test(`diagnostics ${c.dialect}: ${c.name}`, () => {
    const { r } = run(c.dialect, c.sql);
    assert.deepEqual(codes(r), c.codes);
    if (c.at) assert.ok(c.sql.slice(r.diagnostics[0].span.start).startsWith(c.at), c.sql.slice(r.diagnostics[0].span.start));
  });
}

test('mysql: USE selects the schema; inline ENUM becomes an enum; composite keys', () => {
  const { r } = run(
    'mysql',
    "CREATE DATABASE shop;\nUSE shop;\nCREATE TABLE o (id int AUTO_INCREMENT, kind ENUM('a','b') NOT NULL, PRIMARY KEY (id));\nCREATE TABLE l (o_id int, n int, PRIMARY KEY (o_id, n), CONSTRAINT f FOREIGN KEY (o_id) REFERENCES o (id));\nALTER TABLE l DROP FOREIGN KEY f;",
  );
  assert.equal(r.schema.defaultSchema, 'shop');
  assert.deepEqual(r.schema.tables.map((t) => t.key), ['shop.o', 'shop.l']);
  assert.deepEqual(r.schema.enums.map((e) => `${e.key}:${e.values.map((v) => v.name)}`), ['shop.o_kind:a,b']);
  assert.equal(r.schema.tables[0].columns[1].type.family, 'enum');
  assert.deepEqual(r.schema.tables[1].indexes.map((i) => `${i.primaryKey}:${i.parts.map((p) => p.column)}`), ['true:o_id,n']);
  assert.deepEqual(fk(r), []);
});

test('sql server: dbo default, brackets, defaults classified', () => {
  const { r } = run('mssql', "CREATE TABLE [dbo].[A] ([Id] INT IDENTITY(1,1) NOT NULL, [Name] NVARCHAR(40) DEFAULT N'x', [Flag] BIT DEFAULT ((0)), CONSTRAINT [PK_A] PRIMARY KEY ([Id]))\nGO\nCREATE TABLE B ([AId] INT REFERENCES A ([ID]))");
  assert.deepEqual(r.schema.tables.map((t) => t.key), ['dbo.A', 'dbo.B']);
  const a = r.schema.tables[0];
  assert.deepEqual(a.columns.map((c) => `${c.name}${c.primaryKey ? ':pk' : ''}${c.autoIncrement ? ':ai' : ''}${c.default ? ':' + c.default.kind + '=' + c.default.value : ''}`), ['Id:pk:ai', 'Name:string=x', 'Flag:number=0']);
  assert.deepEqual(fk(r), ['dbo.B(AId) n-1 dbo.A(Id)']);
});

test('partitions copy the parent columns; views carry derived columns; drops remove', () => {
  const { r } = run(
    'postgres',
    "CREATE TABLE p (id int, at date) PARTITION BY RANGE (at);\nCREATE TABLE p1 PARTITION OF p FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');\nCREATE VIEW v AS SELECT id, at AS day FROM p;\nCREATE TABLE gone (x int);\nDROP TABLE gone;",
  );
  assert.deepEqual(r.schema.tables.map((t) => `${t.key}${t.isView ? ' view' : ''}:${t.columns.map((c) => c.name)}`), ['public.p:id,at', 'public.p1:id,at', 'public.v view:id,day']);
});

test('names keep quoting per dialect: brackets, backticks, double quotes', () => {
  const cases: { dialect: SqlDialect; sql: string; expected: string[] }[] = [
    { dialect: 'mssql', sql: 'CREATE TABLE [dbo].[Order Details] ([Id] INT PRIMARY KEY)', expected: ['[dbo] schema dbo quoted', '[Order Details] table dbo.Order Details quoted def', '[Id] column dbo.Order Details.Id quoted def'] },
    { dialect: 'mysql', sql: 'CREATE TABLE `shop`.`Orders` (id INT, `Note` TEXT)', expected: ['`shop` schema shop quoted', '`Orders` table shop.Orders quoted def', 'id column shop.Orders.id def', '`Note` column shop.Orders.Note quoted def'] },
    { dialect: 'postgres', sql: 'CREATE SEQUENCE s; CREATE VIEW "V" AS SELECT 1 AS one', expected: ['s sequence public.s def', 'one column public.V.one def', '"V" view public.V quoted def'] },
  ];
  for (const c of cases) {
    const { r } = run(c.dialect, c.sql);
    const got = r.names.map((n) => `${c.sql.slice(n.span.start, n.span.end)} ${n.kind} ${n.key}${n.quoted ? ' quoted' : ''}${n.isDefinition ? ' def' : ''}`);
    assert.deepEqual(got, c.expected);
  }
});

test('prisma migrations folder (postgres): enums, quoted names, FK replaced, index renamed', () => {
  const { r } = run(
    'postgres',
    `CREATE TYPE "Role" AS ENUM ('USER', 'ADMIN');
CREATE TABLE "User" ("id" SERIAL NOT NULL, "email" TEXT NOT NULL, "role" "Role" NOT NULL DEFAULT 'USER', CONSTRAINT "User_pkey" PRIMARY KEY ("id"));
CREATE TABLE "Post" ("id" TEXT NOT NULL, "authorId" INTEGER, CONSTRAINT "Post_pkey" PRIMARY KEY ("id"));
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;`,
    `ALTER TYPE "Role" ADD VALUE 'GUEST';
ALTER INDEX "User_email_key" RENAME TO "User_mail_key";
ALTER TABLE "Post" DROP CONSTRAINT "Post_authorId_fkey";
ALTER TABLE "Post" ADD CONSTRAINT "Post_author_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;`,
  );
  assert.deepEqual(codes(r), []);
  assert.deepEqual(r.schema.enums.map((e) => `${e.key}:${e.values.map((v) => v.name)}`), ['public.Role:USER,ADMIN,GUEST']);
  const user = r.schema.tables[0];
  assert.equal(user.columns[2].type.enumKey, 'public.Role');
  assert.deepEqual(user.columns[2].default, { kind: 'string', value: 'USER' });
  assert.deepEqual(user.indexes.map((i) => `${i.name}:${i.unique}`), ['User_mail_key:true']);
  assert.deepEqual(fk(r), ['public.Post(authorId) n-1 public.User(id) cascade']);
  assert.equal(r.schema.relationships[0].name, 'Post_author_fkey');
});

test('postgres search_path: unqualified names are created in and resolved along the path', () => {
  const { r } = run(
    'postgres',
    "CREATE SCHEMA app;\nSET search_path = app, public;\nCREATE TYPE mood AS ENUM ('ok');\nCREATE TABLE users (id int PRIMARY KEY, m mood);\nSET search_path TO public;\nCREATE TABLE logs (user_id int REFERENCES app.users (id));\nSET search_path TO public, app;\nCREATE TABLE posts (user_id int REFERENCES users (id));",
  );
  assert.deepEqual(codes(r), []);
  assert.deepEqual(r.schema.tables.map((t) => t.key), ['app.users', 'public.logs', 'public.posts']);
  assert.equal(r.schema.tables[0].columns[1].type.enumKey, 'app.mood');
  assert.deepEqual(fk(r), ['public.logs(user_id) n-1 app.users(id)', 'public.posts(user_id) n-1 app.users(id)']);
});

test('after renames every name key is a key of the final model', () => {
  const sql = 'CREATE TABLE a (id int PRIMARY KEY, x int);\nCREATE TABLE c (a_id int REFERENCES a (id));\nALTER TABLE a RENAME COLUMN x TO y;\nALTER TABLE a RENAME TO b;\nCREATE TABLE a (z int);\nCOMMENT ON COLUMN b.y IS \'why\';';
  const { r } = run('postgres', sql);
  assert.deepEqual(codes(r), []);
  const keys = new Set<string>();
  for (const t of r.schema.tables) {
    keys.add(t.key);
    for (const c of t.columns) keys.add(`${t.key}.${c.name}`);
  }
  const stale = r.names.filter((n) => n.kind !== 'schema' && !keys.has(n.key)).map((n) => `${sql.slice(n.span.start, n.span.end)}=${n.key}`);
  assert.deepEqual(stale, []);
  const at = (text: string, from = 0): string[] => r.names.filter((n) => n.span.start === sql.indexOf(text, from)).map((n) => n.key);
  assert.deepEqual(at('a (id int'), ['public.b']);
  assert.deepEqual(at('x int'), ['public.b.y']);
  assert.deepEqual(at('a (z int'), ['public.a']);
});

// A keystroke re-interprets only what the edited statement changed: interpret-cache.test.ts checks the
// patched results against full replays; the timing is measured by measure.ts (npm run bench), not here.
