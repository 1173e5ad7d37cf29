/**
 * Statement splitter: per dialect, a script -> the statements' texts (slices
 * without terminators, comments-only statements dropped). Each fixture hides a
 * terminator somewhere the splitter must not cut.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitStatements, type SqlDialect } from '../../src/engine/syntax/sql/index.js';

function check(dialect: SqlDialect, script: string, expected: string[]): void {
  const got = splitStatements(script, dialect).map((s) => script.slice(s.start, s.end));
  assert.deepEqual(got, expected);
}

const cases: { name: string; dialect: SqlDialect; script: string; expected: string[] }[] = [
  { name: 'plain statements', dialect: 'postgres', script: 'create table a (x int);\n\ncreate table b (y int) ;', expected: ['create table a (x int)', 'create table b (y int)'] },
  { name: 'no terminator at the end', dialect: 'sqlite', script: 'select 1;\nselect 2', expected: ['select 1', 'select 2'] },
  { name: 'empty statements and comments only are dropped', dialect: 'postgres', script: ';;\n-- just a comment;\n/* c; */;\nselect 1;', expected: ['select 1'] },
  { name: 'line comment hides ;', dialect: 'mysql', script: 'select 1 -- a; b\n+ 1;select 2', expected: ['select 1 -- a; b\n+ 1', 'select 2'] },
  { name: 'string with doubled quote', dialect: 'postgres', script: "insert into t values ('a;''b');select 1", expected: ["insert into t values ('a;''b')", 'select 1'] },
  { name: "postgres E'' string with backslash quote", dialect: 'postgres', script: "select E'it\\'s; here';select 2", expected: ["select E'it\\'s; here'", 'select 2'] },
  { name: "standard string: backslash is literal in postgres", dialect: 'postgres', script: "select 'a\\';select 2", expected: ["select 'a\\'", 'select 2'] },
  { name: 'mysql backslash escapes', dialect: 'mysql', script: "insert into t values ('it\\'s;');select 2", expected: ["insert into t values ('it\\'s;')", 'select 2'] },
  { name: 'dollar quotes with tag', dialect: 'postgres', script: 'create function f() returns int as $body$ begin; return 1; end; $body$ language plpgsql;\nselect 1;', expected: ['create function f() returns int as $body$ begin; return 1; end; $body$ language plpgsql', 'select 1'] },
  { name: 'empty dollar tag', dialect: 'postgres', script: 'do $$ begin perform 1; end $$;select 1', expected: ['do $$ begin perform 1; end $$', 'select 1'] },
  { name: 'nested block comments in postgres', dialect: 'postgres', script: '/* a /* b; */ c; */ select 1; select 2', expected: ['select 1', 'select 2'] },
  { name: 'block comments do not nest in mysql', dialect: 'mysql', script: '/* a /* b */ select 1; select 2', expected: ['select 1', 'select 2'] },
  { name: 'quoted identifier hides ;', dialect: 'postgres', script: 'create table "a;b" (x int); select 1', expected: ['create table "a;b" (x int)', 'select 1'] },
  { name: 'mysql backticks', dialect: 'mysql', script: 'create table `a;b` (x int); select 1', expected: ['create table `a;b` (x int)', 'select 1'] },
  { name: 'mysql # comments', dialect: 'mysql', script: '# drop; \nselect 1; # x;\nselect 2', expected: ['select 1', 'select 2'] },
  { name: '# is an operator in postgres', dialect: 'postgres', script: 'select 1 # 2; select 3', expected: ['select 1 # 2', 'select 3'] },
  { name: 'mssql brackets', dialect: 'mssql', script: 'create table [a;b] (x int); select 1', expected: ['create table [a;b] (x int)', 'select 1'] },
  { name: 'sqlite brackets', dialect: 'sqlite', script: 'create table [a;]]b] (x int); select 1', expected: ['create table [a;]]b] (x int)', 'select 1'] },
  {
    name: 'mysql DELIMITER lines',
    dialect: 'mysql',
    script: 'DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END//\nDELIMITER ;\nSELECT 3;',
    expected: ['CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END', 'SELECT 3'],
  },
  {
    name: 'mysql DELIMITER ;; then back',
    dialect: 'mysql',
    script: 'DELIMITER ;;\nCREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET NEW.a = 1; END;;\nDELIMITER ;\nSELECT 3;',
    expected: ['CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET NEW.a = 1; END', 'SELECT 3'],
  },
  {
    name: 'BEGIN ... END of a trigger without DELIMITER (sqlite)',
    dialect: 'sqlite',
    script: 'CREATE TRIGGER tr AFTER UPDATE ON t BEGIN UPDATE t SET x = 1; DELETE FROM u; END;\nSELECT 1;',
    expected: ['CREATE TRIGGER tr AFTER UPDATE ON t BEGIN UPDATE t SET x = 1; DELETE FROM u; END', 'SELECT 1'],
  },
  {
    name: 'END IF / CASE END inside a routine body',
    dialect: 'mysql',
    script: 'CREATE PROCEDURE p() BEGIN IF x THEN SELECT CASE WHEN a THEN 1 END; END IF; SELECT 2; END;\nSELECT 3;',
    expected: ['CREATE PROCEDURE p() BEGIN IF x THEN SELECT CASE WHEN a THEN 1 END; END IF; SELECT 2; END', 'SELECT 3'],
  },
  { name: 'a table named like a routine word is not a routine', dialect: 'mysql', script: 'CREATE TABLE event (begin date);\nSELECT 1;', expected: ['CREATE TABLE event (begin date)', 'SELECT 1'] },
  { name: 'a table with a column named begin is not a block', dialect: 'sqlite', script: 'CREATE TABLE t (begin int, x int REFERENCES event (id));\nSELECT 1;', expected: ['CREATE TABLE t (begin int, x int REFERENCES event (id))', 'SELECT 1'] },
  { name: 'sqlite BEGIN TRANSACTION is a statement', dialect: 'sqlite', script: 'BEGIN TRANSACTION;\nCREATE TABLE a (x);\nCOMMIT;', expected: ['BEGIN TRANSACTION', 'CREATE TABLE a (x)', 'COMMIT'] },
  { name: 'mssql GO lines end batches', dialect: 'mssql', script: 'CREATE TABLE a (x int)\nGO\nCREATE TABLE b (y int)\ngo 2\n', expected: ['CREATE TABLE a (x int)', 'CREATE TABLE b (y int)'] },
  { name: 'GO inside a name is not a batch end', dialect: 'mssql', script: 'SELECT go\nFROM t;', expected: ['SELECT go\nFROM t'] },
  {
    name: 'mssql statements without ; split at line-start keywords',
    dialect: 'mssql',
    script: 'CREATE TABLE a (x int)\nCREATE INDEX i ON a (x)\nALTER TABLE a ADD y int\nGO',
    expected: ['CREATE TABLE a (x int)', 'CREATE INDEX i ON a (x)', 'ALTER TABLE a ADD y int'],
  },
  { name: 'mssql ALTER COLUMN at line start stays in its ALTER TABLE', dialect: 'mssql', script: 'ALTER TABLE a\nALTER COLUMN x bigint\nGO', expected: ['ALTER TABLE a\nALTER COLUMN x bigint'] },
  {
    name: 'mssql IF ... BEGIN ... END block',
    dialect: 'mssql',
    script: "IF EXISTS (SELECT 1)\nBEGIN\n\tALTER DATABASE [x] SET OFFLINE;\n\tDROP DATABASE [x];\nEND\n\nGO\nCREATE TABLE t (a int);",
    expected: ['IF EXISTS (SELECT 1)\nBEGIN\n\tALTER DATABASE [x] SET OFFLINE;\n\tDROP DATABASE [x];\nEND', 'CREATE TABLE t (a int)'],
  },
  {
    name: 'mssql CREATE PROCEDURE owns its batch',
    dialect: 'mssql',
    script: 'CREATE PROCEDURE p AS\nSELECT 1\nINSERT INTO t VALUES (1)\nGO\nSELECT 2',
    expected: ['CREATE PROCEDURE p AS\nSELECT 1\nINSERT INTO t VALUES (1)', 'SELECT 2'],
  },
  {
    name: 'pg_dump COPY data block belongs to the COPY',
    dialect: 'postgres',
    script: 'COPY public.t (a, b) FROM stdin;\n1\tx;y\n2\t\\N\n\\.\n\nCREATE TABLE u (a int);',
    expected: ['COPY public.t (a, b) FROM stdin;\n1\tx;y\n2\t\\N\n\\.', 'CREATE TABLE u (a int)'],
  },
  { name: 'COPY that failed before copy mode has no data block', dialect: 'postgres', script: 'COPY t FROM stdin;\n\nselect 1;', expected: ['COPY t FROM stdin', 'select 1'] },
  { name: 'COPY from a file has no data block', dialect: 'postgres', script: "COPY t FROM '/x.csv';\nselect 1;", expected: ["COPY t FROM '/x.csv'", 'select 1'] },
  { name: 'psql meta-command lines are not SQL', dialect: 'postgres', script: '\\connect chinook\nselect 1;\n\\set x 1\nselect 2;', expected: ['select 1', 'select 2'] },
  { name: 'psql \\gset ends a statement', dialect: 'postgres', script: 'select 1 as x \\gset\nselect 2;', expected: ['select 1 as x', 'select 2'] },
  { name: 'mysql executable comments are statements', dialect: 'mysql', script: '/*!40101 SET NAMES utf8 */;\nselect 1;', expected: ['/*!40101 SET NAMES utf8 */', 'select 1'] },
  { name: 'unterminated string runs to the end', dialect: 'postgres', script: "select 1; select 'abc; select 2", expected: ['select 1', "select 'abc; select 2"] },
];

for (const c of cases) {
  test(`split ${c.dialect}: ${c.name}`, () => check(c.dialect, c.script, c.expected));
}

test('split is linear: a 2 MB script splits fast and completely', () => {
  const one = "INSERT INTO t VALUES (1, 'a;b', \"c\");\n";
  const script = one.repeat(Math.ceil(2_000_000 / one.length));
  const t0 = performance.now();
  const slices = splitStatements(script, 'postgres');
  const ms = performance.now() - t0;
  assert.equal(slices.length, Math.ceil(2_000_000 / one.length));
  assert.ok(ms < 1000, `took ${ms} ms`);
});
