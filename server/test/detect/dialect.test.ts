/**
 * SQL dialect detection (issue 4, item 2): explicit choice, then the file's
 * pragma, then the setting, then the extension, then the content.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectDialect, dialectFromContent, dialectFromExtension, dialectFromPragma } from '../../src/engine/detect/dialect.js';
import { Workspace } from '../../src/engine/workspace.js';

const CORPUS = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'corpus');

test('extensions name dialects; .sql names none', () => {
  assert.equal(dialectFromExtension('file:///a/x.pgsql'), 'postgres');
  assert.equal(dialectFromExtension('file:///a/x.PSQL'), 'postgres');
  assert.equal(dialectFromExtension('file:///a/x.mysql'), 'mysql');
  assert.equal(dialectFromExtension('file:///a/x.sqlite'), 'sqlite');
  assert.equal(dialectFromExtension('file:///a/x.tsql'), 'mssql');
  assert.equal(dialectFromExtension('file:///a/x.sql'), undefined);
});

test('a first-line pragma names the dialect by any usual name', () => {
  assert.equal(dialectFromPragma('-- schemasage: dialect=mariadb\nCREATE TABLE a (id int);'), 'mysql');
  assert.equal(dialectFromPragma('\n  -- SchemaSage: dialect = SQL Server\n'), 'mssql');
  assert.equal(dialectFromPragma('/* schemasage: dialect=sqlite */\n'), 'sqlite');
  assert.equal(dialectFromPragma('CREATE TABLE a (id int);\n-- schemasage: dialect=mysql'), undefined, 'only the first line counts');
  assert.equal(dialectFromPragma('-- schemasage: dialect=oracle\n'), undefined);
});

test('precedence: explicit, pragma, setting, extension, content', () => {
  const mysqlText = '-- schemasage: dialect=mysql\nCREATE TABLE a (id serial);';
  assert.deepEqual(detectDialect('file:///x.tsql', mysqlText, 'sqlite', 'postgres'), { dialect: 'sqlite', source: 'explicit' });
  assert.deepEqual(detectDialect('file:///x.tsql', mysqlText, undefined, 'postgres'), { dialect: 'mysql', source: 'pragma' });
  assert.deepEqual(detectDialect('file:///x.tsql', 'CREATE TABLE a (id int);', undefined, 'postgres'), { dialect: 'postgres', source: 'setting' });
  assert.deepEqual(detectDialect('file:///x.tsql', 'CREATE TABLE a (id int);'), { dialect: 'mssql', source: 'extension' });
  assert.deepEqual(detectDialect('file:///x.sql', 'CREATE TABLE `a` (id int AUTO_INCREMENT) ENGINE=InnoDB;'), { dialect: 'mysql', source: 'content' });
  assert.deepEqual(detectDialect('file:///x.sql', 'CREATE TABLE a (id int);'), { dialect: 'postgres', source: 'default' });
});

test('the content of every corpus SQL file gives its real dialect (PostgreSQL when nothing hints)', () => {
  const manifest = JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8')) as { file: string; dialect: string }[];
  const sql = manifest.filter((m) => ['postgres', 'mysql', 'sqlite', 'mssql'].includes(m.dialect));
  assert.ok(sql.length >= 10);
  for (const m of sql) assert.equal(detectDialect('file:///x.sql', readFileSync(join(CORPUS, m.file), 'utf8')).dialect, m.dialect, m.file);
});

test('the workspace reads a file in the dialect it detects, and in another on request', () => {
  const ws = new Workspace();
  const f = ws.setFile('file:///db/schema.sql', 'CREATE TABLE `users` (id int AUTO_INCREMENT PRIMARY KEY);');
  assert.equal(f.language, 'sql');
  assert.equal(f.dialect, 'mysql');
  assert.equal(f.dialectSource, 'content');
  const g = ws.setDialect('file:///db/schema.sql', 'sqlite');
  assert.equal(g?.dialect, 'sqlite');
  assert.equal(g?.dialectSource, 'explicit');
  assert.equal(ws.setFile('file:///db/schema.prisma', 'model A {\n  id Int @id\n}\n').language, 'prisma');
  const withSetting = new Workspace({ dialectFor: (uri) => (uri.includes('/lite/') ? 'sqlite' : undefined) });
  assert.equal(withSetting.setFile('file:///lite/a.sql', 'CREATE TABLE a (id int);').dialectSource, 'setting');
});
