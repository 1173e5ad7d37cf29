/**
 * The planner per dialect: statement order (foreign keys dropped before the
 * tables they point to, tables created before they are referenced), quoting
 * (no name can end a statement), dialect rules (PostgreSQL online steps and
 * enum additions outside the transaction, MySQL ALGORITHM, the SQLite
 * rebuild, SQL Server GO batches), hazards and rollback.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planFromSchemas, renderPlan, type MigrationDialect, type PlannedStatement } from '../../src/engine/migrate/index.ts';
import { splitStatements } from '../../src/engine/syntax/sql/index.ts';
import { codes, dbml, indexOf, sqls } from './util.ts';

const DIALECTS: MigrationDialect[] = ['postgres', 'mysql', 'sqlite', 'mssql'];

const USERS = `Table users {
  id int [pk]
  email varchar(50) [not null, unique]
  name varchar(20)
  age int [default: 1]
}`;
const POSTS = `Table posts {
  id int [pk]
  author int [ref: > users.id]
  title varchar(40)
}`;

const plan = (a: string, b: string, dialect: MigrationDialect, extra: { online?: boolean } = {}) => planFromSchemas(dbml(a), dbml(b), { dialect, ...extra });

test('plan: identical schemas give an empty plan in every dialect', () => {
  for (const d of DIALECTS) {
    const p = plan(USERS, USERS, d);
    assert.deepEqual([p.statements, p.rollback, p.hazards], [[], [], []], d);
  }
});

test('plan: foreign keys are dropped before the tables they point to, in every dialect with separate keys', () => {
  for (const d of ['postgres', 'mysql', 'mssql'] as MigrationDialect[]) {
    const p = plan(`${USERS}\n${POSTS}`, POSTS.replace(' [ref: > users.id]', ''), d);
    const dropFk = p.statements.findIndex((s) => s.phase === 'drop-fk');
    const dropTable = indexOf(p.statements, /^DROP TABLE/);
    assert.ok(dropFk >= 0 && dropTable > dropFk, `${d}: ${sqls(p.statements).join(' | ')}`);
  }
});

test('plan: new tables are created before the foreign keys that reference them, referenced tables first', () => {
  for (const d of DIALECTS) {
    const p = plan('Table z { id int [pk] }', `Table z { id int [pk] }\n${POSTS}\n${USERS}`, d);
    const users = indexOf(p.statements, /CREATE TABLE [`"[]users/);
    const posts = indexOf(p.statements, /CREATE TABLE [`"[]posts/);
    assert.ok(users >= 0 && posts > users, `${d}: users before posts`);
    if (d !== 'sqlite') {
      const fk = indexOf(p.statements, /FOREIGN KEY/);
      assert.ok(fk > posts, `${d}: foreign key after both tables`);
    } else assert.match(p.statements[posts].sql, /FOREIGN KEY \("author"\) REFERENCES "users"/);
  }
});

test('plan: a hostile name stays one identifier (the script splits into exactly the planned statements)', () => {
  const evil = 'a"; DROP TABLE x; --';
  const evilMy = 'b`; DROP TABLE x; -- ]\' ';
  const a = `Table "${evil.replace(/"/g, '\\"')}" { id int [pk] }`;
  const b = `Table "${evil.replace(/"/g, '\\"')}" { id int [pk]\n "${evilMy}" varchar(5) [default: 'it\\'s; DROP TABLE y; --'] }\nTable "${evilMy}" { id int [pk] }`;
  for (const d of DIALECTS) {
    const p = plan(a, b, d);
    const script = renderPlan(p);
    const parts = splitStatements(script, d).map((s) => script.slice(s.start, s.end).trim()).filter((s) => s && !/^(BEGIN|COMMIT|SET XACT_ABORT ON|BEGIN TRANSACTION|COMMIT TRANSACTION|GO)$/i.test(s.replace(/^(--[^\n]*\n)+/, '').trim()));
    const planned = p.statements.filter((s) => !s.manual).length;
    assert.equal(parts.length, planned, `${d}: ${parts.join('\n----\n')}`);
    assert.ok(!parts.some((x) => /^DROP TABLE x/m.test(x.replace(/^(--[^\n]*\n)+/, ''))), d);
  }
});

test('plan: PostgreSQL is transactional; enum additions run before and outside the transaction', () => {
  const en = (...v: string[]) => `Enum st {\n${v.join('\n')}\n}\nTable t { id int [pk]\n s st }`;
  const p = plan(en('a', 'b'), en('a', 'x', 'b', 'c'), 'postgres');
  assert.deepEqual(sqls(p.statements), [`ALTER TYPE "st" ADD VALUE IF NOT EXISTS 'x' BEFORE 'b'`, `ALTER TYPE "st" ADD VALUE IF NOT EXISTS 'c' AFTER 'b'`]);
  assert.ok(p.statements.every((s) => s.phase === 'pre' && !s.transactional));
  const script = renderPlan(p);
  assert.ok(!/BEGIN;/.test(script), script);
  const t = plan(USERS, USERS.replace('}', ' nick text\n}'), 'postgres');
  assert.ok(t.statements.every((s) => s.transactional));
  assert.match(renderPlan(t), /BEGIN;\n[\s\S]*ADD COLUMN "nick" text;\nCOMMIT;/);
});

test('plan: PostgreSQL enum value removal recreates the type and converts the columns', () => {
  const en = (...v: string[]) => `Enum st {\n${v.join('\n')}\n}\nTable t { id int [pk]\n s st [default: 'a'] }`;
  const p = plan(en('a', 'b', 'c'), en('a', 'c'), 'postgres');
  const s = sqls(p.statements);
  assert.deepEqual(s, [
    'ALTER TYPE "st" RENAME TO "st__ss_old"',
    `CREATE TYPE "st" AS ENUM ('a', 'c')`,
    'ALTER TABLE "t" ALTER COLUMN "s" DROP DEFAULT',
    'ALTER TABLE "t" ALTER COLUMN "s" TYPE "st" USING ("s"::text)::"st"',
    `ALTER TABLE "t" ALTER COLUMN "s" SET DEFAULT 'a'`,
    'DROP TYPE "st__ss_old"',
  ]);
  assert.ok(codes(p).includes('MIG016'));
});

test('plan: PostgreSQL online uses CONCURRENTLY outside the transaction and NOT VALID + VALIDATE', () => {
  const a = `${USERS}\n${POSTS.replace(' [ref: > users.id]', '')}`;
  const b = `${USERS.replace('}', ' indexes { name [name: "ix_name"] }\n}')}\n${POSTS}`;
  const off = plan(a, b, 'postgres');
  assert.ok(sqls(off.statements).includes('CREATE INDEX "ix_name" ON "users" ("name")'));
  assert.ok(codes(off).includes('MIG008') && codes(off).includes('MIG017'));
  const on = plan(a, b, 'postgres', { online: true });
  const idx = on.statements.find((s) => /CONCURRENTLY/.test(s.sql))!;
  assert.equal(idx.sql, 'CREATE INDEX CONCURRENTLY "ix_name" ON "users" ("name")');
  assert.equal(idx.transactional, false);
  assert.ok(sqls(on.statements).some((s) => /FOREIGN KEY \("author"\) REFERENCES "users" \("id"\) NOT VALID$/.test(s)));
  const validate = indexOf(on.statements, /VALIDATE CONSTRAINT "posts_author_fkey"/);
  assert.ok(validate > indexOf(on.statements, /NOT VALID/));
  assert.ok(!codes(on).includes('MIG008'));
  const nn = plan(USERS, USERS.replace('name varchar(20)', 'name varchar(20) [not null]'), 'postgres', { online: true });
  assert.deepEqual(sqls(nn.statements), [
    'ALTER TABLE "users" ADD CONSTRAINT "users_name_not_null" CHECK ("name" IS NOT NULL) NOT VALID',
    'ALTER TABLE "users" VALIDATE CONSTRAINT "users_name_not_null"',
    'ALTER TABLE "users" ALTER COLUMN "name" SET NOT NULL',
    'ALTER TABLE "users" DROP CONSTRAINT "users_name_not_null"',
  ]);
});

test('plan: MySQL uses ALGORITHM=INSTANT/INPLACE where valid and flags table copies', () => {
  assert.deepEqual(sqls(plan(USERS, USERS.replace('}', ' nick text\n}'), 'mysql').statements), ['ALTER TABLE `users` ADD COLUMN `nick` text NULL, ALGORITHM=INSTANT']);
  assert.deepEqual(sqls(plan(USERS, USERS.replace('}', ' indexes { name [name: "ix"] }\n}'), 'mysql').statements), ['CREATE INDEX `ix` ON `users` (`name`) ALGORITHM=INPLACE']);
  const retype = plan(USERS, USERS.replace('age int', 'age bigint'), 'mysql');
  assert.deepEqual(sqls(retype.statements), ['ALTER TABLE `users` MODIFY COLUMN `age` bigint NULL DEFAULT 1']);
  assert.ok(codes(retype).includes('MIG013'));
  assert.ok(retype.statements.every((s) => !s.transactional));
  assert.match(plan(USERS, USERS.replace("age int [default: 1]", "age int [default: 2]"), 'mysql').statements[0].sql, /^ALTER TABLE `users` ALTER COLUMN `age` SET DEFAULT 2$/);
});

test('plan: MySQL escapes backslashes in literals', () => {
  const p = plan(USERS, USERS.replace('}', " nick varchar(9) [default: 'a\\\\\\\\']\n}"), 'mysql');
  assert.match(p.statements[0].sql, /DEFAULT 'a\\\\\\\\'/);
});

test('plan: SQLite rebuilds a table for a change ALTER TABLE cannot make, with foreign keys off around it', () => {
  const b = USERS.replace('age int [default: 1]', 'age bigint [default: 1]').replace('}', ' indexes { name [name: "ix_name"] }\n}');
  const p = plan(USERS.replace('}', ' indexes { name [name: "ix_name"] }\n}'), b, 'sqlite');
  const s = sqls(p.statements);
  assert.equal(s[0], 'PRAGMA foreign_keys = OFF');
  assert.match(s[1], /^CREATE TABLE "_ss_new_users" \(/);
  assert.equal(s[2], 'INSERT INTO "_ss_new_users" ("id", "email", "name", "age") SELECT "id", "email", "name", "age" FROM "users"');
  assert.deepEqual(s.slice(3), ['DROP TABLE "users"', 'ALTER TABLE "_ss_new_users" RENAME TO "users"', 'CREATE INDEX "ix_name" ON "users" ("name")', 'PRAGMA foreign_key_check', 'PRAGMA foreign_keys = ON']);
  assert.equal(p.statements[0].transactional, false);
  assert.equal(p.statements.at(-1)!.transactional, false);
  assert.ok(codes(p).includes('MIG014'));
  const script = renderPlan(p);
  assert.ok(script.indexOf('PRAGMA foreign_keys = OFF') < script.indexOf('BEGIN;') && script.indexOf('PRAGMA foreign_key_check') < script.indexOf('COMMIT;') && script.indexOf('COMMIT;') < script.indexOf('PRAGMA foreign_keys = ON'));
});

test('plan: SQLite adds a nullable column and renames in place (no rebuild)', () => {
  const p = plan(USERS, USERS.replace('}', ' nick text\n}'), 'sqlite');
  const plain = p.statements.filter((s) => !/^PRAGMA/.test(s.sql));
  assert.deepEqual(sqls(plain), ['ALTER TABLE "users" ADD COLUMN "nick" text']);
  const r = planFromSchemas(dbml(USERS), dbml(USERS.replace('name varchar', 'nom varchar')), { dialect: 'sqlite', renames: [{ kind: 'column', table: 'users', from: 'name', to: 'nom' }] });
  assert.deepEqual(sqls(r.statements.filter((s) => !/^PRAGMA/.test(s.sql))), ['ALTER TABLE "users" RENAME COLUMN "name" TO "nom"']);
});

test('plan: SQL Server writes T-SQL in GO batches with bracket quoting and sp_rename', () => {
  const p = planFromSchemas(dbml(USERS), dbml(USERS.replace('Table users', 'Table people').replace('}', ' nick nvarchar(5)\n}')), { dialect: 'mssql', renames: [{ kind: 'table', from: 'users', to: 'people' }] });
  const s = sqls(p.statements);
  assert.equal(s[0], "EXEC sp_rename N'[users]', N'people'");
  assert.equal(s[1], 'ALTER TABLE [people] ADD [nick] nvarchar(5) NULL');
  assert.ok(codes(p).includes('MIG015'));
  const script = renderPlan(p);
  assert.match(script, /BEGIN TRANSACTION;\nGO\n/);
  assert.match(script, /EXEC sp_rename N'\[users\]', N'people';\nGO\n/);
  assert.match(script, /COMMIT TRANSACTION;\nGO\n$/);
  const create = plan('Table z { id int }', `Table z { id int }\n${USERS}`, 'mssql');
  assert.match(create.statements[0].sql, /CONSTRAINT \[PK_users\] PRIMARY KEY \(\[id\]\)/);
  assert.match(create.statements[0].sql, /\[age\] int NULL CONSTRAINT \[DF_users_age\] DEFAULT 1/);
});

const hazardCases: [string, string, string, MigrationDialect, string[]][] = [
  ['drop table', `${USERS}\nTable t { a int }`, USERS, 'postgres', ['MIG001']],
  ['drop column', USERS, USERS.replace('  name varchar(20)\n', ''), 'mysql', ['MIG002']],
  ['narrow varchar', USERS, USERS.replace('varchar(20)', 'varchar(5)'), 'postgres', ['MIG003', 'MIG006', 'MIG007']],
  ['widen varchar (no hazard)', USERS, USERS.replace('varchar(20)', 'varchar(50)'), 'postgres', []],
  ['NOT NULL column without default', USERS, USERS.replace('}', ' nick text [not null]\n}'), 'postgres', ['MIG004']],
  ['set NOT NULL', USERS, USERS.replace('name varchar(20)', 'name varchar(20) [not null]'), 'postgres', ['MIG005', 'MIG007']],
  ['int -> bigint rewrites', USERS, USERS.replace('age int', 'age bigint'), 'postgres', ['MIG006', 'MIG007']],
  ['index build', USERS, USERS.replace('}', ' indexes { name [name: "ix"] }\n}'), 'postgres', ['MIG008']],
  ['index drop', USERS.replace('}', ' indexes { name [name: "ix"] }\n}'), USERS, 'sqlite', ['MIG009']],
  ['rename table', USERS, USERS.replace('Table users', 'Table app_users'), 'mysql', ['MIG010']],
  ['rename column', USERS, USERS.replace('email varchar', 'email_address varchar'), 'postgres', ['MIG011']],
  ['MySQL copy', USERS, USERS.replace('name varchar(20)', 'name varchar(20) [not null]'), 'mysql', ['MIG005', 'MIG013']],
  ['SQLite rebuild', USERS, USERS.replace('name varchar(20)', 'name varchar(20) [not null]'), 'sqlite', ['MIG005', 'MIG014']],
  ['SQL Server Sch-M', USERS, USERS.replace('name varchar(20)', 'name varchar(40)'), 'mssql', ['MIG015']],
  ['FK on existing table', `${USERS}\n${POSTS.replace(' [ref: > users.id]', '')}`, `${USERS}\n${POSTS}`, 'postgres', ['MIG017']],
  ['unique on existing data', USERS, USERS.replace('name varchar(20)', 'name varchar(20) [unique]'), 'postgres', ['MIG008', 'MIG018']],
  ['check on existing data', USERS, USERS.replace('}', ' checks { `age > 0` }\n}'), 'postgres', ['MIG007', 'MIG019']],
  ['primary key change', USERS, USERS.replace('id int [pk]', 'id int [not null]').replace('[not null, unique]', '[pk]'), 'postgres', ['MIG008', 'MIG007', 'MIG021', 'MIG009'].sort()],
  ['volatile default', USERS, USERS.replace('}', ' token varchar(40) [default: `gen_random_uuid()`]\n}'), 'postgres', ['MIG007', 'MIG025']],
];

for (const [name, a, b, d, expected] of hazardCases) {
  test(`plan hazards (${d}): ${name}`, () => {
    assert.deepEqual(codes(plan(a, b, d)), [...expected].sort());
  });
}

test('rollback: the reverse plan restores structure; steps that cannot restore data are marked', () => {
  const p = plan(USERS, USERS.replace('  name varchar(20)\n', ''), 'postgres');
  assert.ok(p.statements[0].irreversible);
  assert.deepEqual(sqls(p.rollback), ['ALTER TABLE "users" ADD COLUMN "name" varchar(20)']);
  const back = p.rollback[0];
  assert.equal(back.irreversible, true);
  assert.ok(back.hazards.some((h) => h.code === 'MIG012' && h.dataLoss));
  const additive = plan(USERS, USERS.replace('}', ' nick text\n}'), 'postgres');
  assert.deepEqual(sqls(additive.rollback), ['ALTER TABLE "users" DROP COLUMN "nick"']);
  assert.ok(!additive.rollback[0].hazards.some((h) => h.code === 'MIG012'));
  const renamed = plan(USERS, USERS.replace('email varchar', 'email_address varchar'), 'mysql');
  assert.deepEqual(sqls(renamed.rollback), ['ALTER TABLE `users` RENAME COLUMN `email_address` TO `email`, ALGORITHM=INPLACE']);
  const narrowed = plan(USERS, USERS.replace('varchar(20)', 'varchar(5)'), 'postgres');
  assert.ok(narrowed.rollback.some((s: PlannedStatement) => s.irreversible && s.hazards.some((h) => h.code === 'MIG012')));
  assert.match(renderPlan(p, 'down'), /hazard MIG012 \(error, data loss\)/);
});

test('plan: hazards are deduplicated by code and renames are reported', () => {
  const p = plan(`${USERS}\nTable a { x int }\nTable b { y int }`, USERS, 'postgres');
  assert.deepEqual(p.hazards.map((h) => h.code), ['MIG001']);
  assert.equal(p.statements.filter((s) => s.hazards.some((h) => h.code === 'MIG001')).length, 2);
  const r = plan(USERS, USERS.replace('email varchar', 'email_address varchar'), 'postgres');
  assert.equal(r.renames.filter((x) => x.accepted).length, 1);
});

test('plan: views are dropped first and created last; a view without its definition is a manual step', () => {
  const a = dbml(USERS);
  const b = dbml(USERS);
  b.tables.push({ key: 'public.adults', schema: 'public', name: 'adults', columns: [], indexes: [], checks: [], settings: { definition: 'SELECT * FROM users WHERE age >= 18' }, isView: true });
  const p = planFromSchemas(a, b, { dialect: 'postgres' });
  assert.deepEqual(sqls(p.statements), ['CREATE VIEW "adults" AS SELECT * FROM users WHERE age >= 18']);
  assert.deepEqual(sqls(p.rollback), ['DROP VIEW "adults"']);
  delete b.tables[1].settings.definition;
  const m = planFromSchemas(a, b, { dialect: 'mysql' });
  assert.equal(m.statements[0].manual, true);
  assert.ok(m.statements[0].sql.startsWith('-- manual step:'));
  assert.deepEqual(codes(m), ['MIG023']);
  assert.ok(!renderPlan(m).includes('CREATE VIEW'));
});

test('plan: MySQL and SQL Server drop the last columns of a table only after its new ones exist', () => {
  for (const d of ['mysql', 'mssql'] as MigrationDialect[]) {
    const p = plan('Table t { a int }', 'Table t { b int }', d);
    assert.ok(indexOf(p.statements, /ADD (COLUMN )?[`[]b/) < indexOf(p.statements, /DROP COLUMN/), d);
  }
});

test('plan: constraints the database named are found by their columns (MySQL prepared statement, SQL Server catalog look-up)', () => {
  const a = `${USERS}\n${POSTS}`;
  const b = `${USERS}\n${POSTS.replace(' [ref: > users.id]', '')}`;
  const my = plan(a, b, 'mysql');
  assert.match(my.statements[0].sql, /^SET @ss_sql = \(SELECT CONCAT\('ALTER TABLE ', '`posts`', ' DROP FOREIGN KEY `'[\s\S]*TABLE_NAME = 'posts' AND REFERENCED_TABLE_NAME = 'users'[\s\S]*= 'author' LIMIT 1\);\nPREPARE ss_stmt FROM @ss_sql;\nEXECUTE ss_stmt;\nDEALLOCATE PREPARE ss_stmt$/);
  // the index InnoDB made for the key goes too (no declared index covers `author`)
  assert.match(my.statements[1].sql, /^SET @ss_sql = IFNULL\(\(SELECT CONCAT\('ALTER TABLE ', '`posts`', ' DROP INDEX `'[\s\S]*NON_UNIQUE = 1[\s\S]*'DO 0'\);/);
  const ms = plan(a, b, 'mssql');
  assert.match(ms.statements[0].sql, /^DECLARE @ss_name sysname;\nSELECT @ss_name = fk\.name FROM sys\.foreign_keys fk WHERE fk\.parent_object_id = OBJECT_ID\(N'\[posts\]'\)[\s\S]*= N'author';\nIF @ss_name IS NOT NULL EXEC\(N'ALTER TABLE ' \+ N'\[posts\]' \+ N' DROP CONSTRAINT ' \+ QUOTENAME\(@ss_name\)\)$/);
  const pg = plan(a, b, 'postgres');
  assert.deepEqual(sqls(pg.statements), ['ALTER TABLE "posts" DROP CONSTRAINT "posts_author_fkey"']);
});

test('plan: PostgreSQL default constraint names are cut to 63 bytes like PostgreSQL does', async () => {
  const { pgDefaultName } = await import('../../src/engine/migrate/index.ts');
  assert.equal(pgDefaultName('users', ['email'], 'key'), 'users_email_key');
  const long = pgDefaultName('t'.repeat(40), ['c'.repeat(40)], 'fkey');
  assert.equal(new TextEncoder().encode(long).length, 63);
  assert.equal(long, `${'t'.repeat(29)}_${'c'.repeat(28)}_fkey`);
});
