/**
 * Migration files, pure: the SchemaSage format written from a plan and read
 * back, the other tools' folders, ordering, checksums, the statements a
 * runner executes, and status against history rows.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  compareVersions,
  confirmationText,
  migrationChecksum,
  migrationSlug,
  migrationStatements,
  migrationStatus,
  parseHistoryRows,
  parseMigrationFile,
  readMigrationFolder,
  sha256Hex,
  writeMigrationFile,
  historySql,
  type HistoryRow,
  type MigrationFile,
} from '../../server/src/engine/history/index.ts';
import { hazard } from '../../server/src/engine/migrate/index.ts';
import type { MigrationPlan } from '../../server/src/engine/migrate/types.ts';

const PLAN: MigrationPlan = {
  dialect: 'postgres',
  statements: [
    { sql: 'CREATE TABLE "users" ("id" integer PRIMARY KEY)', phase: 'create', transactional: true, description: 'create table users', hazards: [] },
    { sql: 'ALTER TABLE "orders" DROP COLUMN "note"', phase: 'drop', transactional: true, description: 'drop column orders.note', hazards: [hazard('MIG002', 'drops orders.note\nand its values')] },
    { sql: 'CREATE INDEX CONCURRENTLY "i" ON "users" ("id")', phase: 'index', transactional: false, description: 'index', hazards: [hazard('MIG020', 'outside a transaction')] },
    { sql: '-- manual step: copy the data', phase: 'post', transactional: false, description: 'copy the data', hazards: [hazard('MIG023', 'copy')], manual: true },
  ],
  rollback: [
    { sql: 'ALTER TABLE "orders" ADD COLUMN "note" text', phase: 'alter', transactional: true, description: 'add column orders.note', hazards: [hazard('MIG012', 'the values are gone')], irreversible: true },
    { sql: 'DROP TABLE "users"', phase: 'drop', transactional: true, description: 'drop table users', hazards: [hazard('MIG001', 'drops users')] },
  ],
  renames: [],
  hazards: [],
  rollbackHazards: [],
};
PLAN.hazards = [...new Map(PLAN.statements.flatMap((s) => s.hazards).map((h) => [h.code, h])).values()];

test('sha256Hex agrees with node:crypto on ASCII, multi-byte, astral and block-boundary inputs', () => {
  for (const t of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(63), 'a'.repeat(64), 'a'.repeat(119), 'héllo wörld ✓ 😀', 'x\r\ny'.repeat(300)]) {
    assert.equal(sha256Hex(t), createHash('sha256').update(t, 'utf8').digest('hex'), JSON.stringify(t.slice(0, 20)));
  }
});

test('writeMigrationFile names the file by UTC timestamp and slug and round-trips through parseMigrationFile', () => {
  const w = writeMigrationFile(PLAN, { name: 'Add users & drop note!', now: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)) });
  assert.equal(w.path, 'migrations/20260102030405_add_users_drop_note.sql');
  assert.equal(w.name, '20260102030405_add_users_drop_note');
  const { migration: m, diagnostics } = parseMigrationFile(w.path, w.text);
  assert.deepEqual(diagnostics, []);
  assert.equal(m.name, w.name);
  assert.equal(m.version, '20260102030405');
  assert.equal(m.description, 'add_users_drop_note');
  assert.deepEqual(m.hazards, ['MIG002', 'MIG020', 'MIG023']);
  assert.deepEqual(m.downHazards, ['MIG012', 'MIG001']);
  const up = migrationStatements(m.up, 'postgres');
  assert.deepEqual(up.map((s) => s.sql), PLAN.statements.filter((s) => !s.manual).map((s) => s.sql));
  assert.deepEqual(up.map((s) => s.transactional), [true, true, false]);
  const down = migrationStatements(m.down!, 'postgres');
  assert.deepEqual(down.map((s) => s.sql), PLAN.rollback.map((s) => s.sql));
  // the hazard message's newline stays inside its comment line
  assert.ok(!/^and its values/m.test(w.text));
  assert.equal(m.checksum, migrationChecksum(m.up));
  assert.equal(writeMigrationFile(PLAN, { name: '  ', now: new Date(0), folder: 'db/migrations/' }).path, 'db/migrations/19700101000000_migration.sql');
});

test('the checksum ignores line endings and trailing blanks, and sees every other edit', () => {
  const base = '-- schemasage:up\nCREATE TABLE a (x int);\n-- schemasage:down\nDROP TABLE a;\n';
  const sum = (t: string) => parseMigrationFile('1_a.sql', t).migration.checksum;
  const cases: [string, string, boolean][] = [
    ['CRLF', base.replace(/\n/g, '\r\n'), true],
    ['trailing spaces', base.replace('int);', 'int);   '), true],
    ['blank lines at the end of up', base.replace('int);\n', 'int);\n\n\n'), true],
    ['down edited', base.replace('DROP TABLE a', 'DROP TABLE IF EXISTS a'), true],
    ['type edited', base.replace('int', 'bigint'), false],
    ['comment added', base.replace('CREATE', '-- note\nCREATE'), false],
    ['case changed', base.replace('CREATE TABLE a', 'CREATE TABLE A'), false],
  ];
  for (const [what, text, same] of cases) assert.equal(sum(text) === sum(base), same, what);
});

test('section markers: missing, reversed and duplicated', () => {
  const cases: { text: string; up: string; down?: string; codes: string[] }[] = [
    { text: 'CREATE TABLE a (x int);', up: 'CREATE TABLE a (x int)', codes: ['MIGF004'] },
    { text: 'CREATE TABLE a (x int);\n-- schemasage:down\nDROP TABLE a;', up: 'CREATE TABLE a (x int)', down: 'DROP TABLE a', codes: ['MIGF004'] },
    { text: '-- schemasage:down\nDROP TABLE a;\n--  SchemaSage:UP  \nCREATE TABLE a (x int);', up: 'CREATE TABLE a (x int)', down: 'DROP TABLE a', codes: [] },
    { text: '-- schemasage:up\nSELECT 1;\n-- schemasage:up\nSELECT 2;', up: 'SELECT 1|SELECT 2', codes: ['MIGF003'] },
  ];
  for (const c of cases) {
    const { migration, diagnostics } = parseMigrationFile('5_x.sql', c.text);
    assert.equal(migrationStatements(migration.up, 'postgres').map((s) => s.sql).join('|'), c.up, c.text);
    assert.equal(migration.down === undefined ? undefined : migrationStatements(migration.down, 'postgres').map((s) => s.sql).join('|'), c.down, c.text);
    assert.deepEqual(diagnostics.map((d) => d.code), c.codes, c.text);
  }
});

test('readMigrationFolder reads SchemaSage, Prisma, Flyway and golang-migrate names in natural order', () => {
  const folder = readMigrationFolder([
    { path: 'V10__ten.sql', text: 'CREATE TABLE ten (x int);' },
    { path: 'V2__two.sql', text: 'CREATE TABLE two (x int);' },
    { path: 'U2__two.sql', text: 'DROP TABLE two;' },
    { path: 'V1_1__one_one.sql', text: 'SELECT 11;' },
    { path: 'U9__orphan.sql', text: 'SELECT 9;' },
    { path: 'R__views.sql', text: 'SELECT 0;' },
    { path: '20240101000000_init/migration.sql', text: 'CREATE TABLE p (x int);' },
    { path: 'migration_lock.toml', text: 'provider = "postgresql"' },
    { path: '20230101000000_first.sql', text: '-- schemasage:up\nSELECT 1;\n-- schemasage:down\nSELECT 2;' },
    { path: '3_go.up.sql', text: 'SELECT 3;' },
    { path: '3_go.down.sql', text: 'SELECT -3;' },
    { path: 'notes.sql', text: 'SELECT 1;' },
  ]);
  assert.deepEqual(
    folder.migrations.map((m) => `${m.format}:${m.name}:${m.version}:${m.down === undefined ? 'up' : 'up+down'}`),
    [
      'flyway:V1_1__one_one:1.1:up',
      'flyway:V2__two:2:up+down',
      'golang-migrate:3_go:3:up+down',
      'flyway:V10__ten:10:up',
      'schemasage:20230101000000_first:20230101000000:up+down',
      'prisma:20240101000000_init:20240101000000:up',
    ],
  );
  assert.equal(folder.migrations.find((m) => m.name === 'V2__two')!.downPath, 'U2__two.sql');
  assert.deepEqual(folder.diagnostics.map((d) => `${d.code}:${d.uri}`).sort(), ['MIGF001:notes.sql', 'MIGF005:U9__orphan.sql', 'MIGF006:R__views.sql']);
});

test('compareVersions orders digit runs by value', () => {
  const sorted = ['10', '2', '1.10', '1.2', '001', '1', '20240101000000', '9'].sort(compareVersions);
  assert.deepEqual(sorted, ['001', '1', '1.2', '1.10', '2', '9', '10', '20240101000000']);
  assert.equal(migrationSlug('Ünïcode name -- 2'), 'n_code_name_2');
});

test('migrationStatements marks what must run outside a transaction and drops transaction control', () => {
  const cases: [string, 'postgres' | 'mysql' | 'sqlite', string][] = [
    ['CREATE INDEX CONCURRENTLY i ON t (x)', 'postgres', 'no-tx'],
    ['create unique index concurrently i on t (x)', 'postgres', 'no-tx'],
    ['DROP INDEX CONCURRENTLY i', 'postgres', 'no-tx'],
    ["ALTER TYPE mood ADD VALUE 'meh'", 'postgres', 'no-tx'],
    ["ALTER TYPE mood RENAME VALUE 'a' TO 'b'", 'postgres', 'tx'],
    ['VACUUM t', 'postgres', 'no-tx'],
    ['CREATE INDEX i ON t (x)', 'postgres', 'tx'],
    ['PRAGMA foreign_keys = OFF', 'sqlite', 'no-tx setting'],
    ['PRAGMA foreign_key_check', 'sqlite', 'tx'],
    ['SET lock_timeout = 1000', 'postgres', 'tx setting'],
    ['-- schemasage:no-transaction\nUPDATE t SET x = 1', 'postgres', 'no-tx'],
    ['BEGIN', 'postgres', 'dropped'],
    ['COMMIT', 'postgres', 'dropped'],
    ['START TRANSACTION', 'mysql', 'dropped'],
    ['BEGIN IMMEDIATE', 'sqlite', 'dropped'],
  ];
  for (const [sql, d, want] of cases) {
    const st = migrationStatements(`${sql};`, d);
    const got = st.length === 0 ? 'dropped' : `${st[0]!.transactional ? 'tx' : 'no-tx'}${st[0]!.setting ? ' setting' : ''}`;
    assert.equal(got, want, sql);
  }
  // the marker covers only the statement right after it
  const two = migrationStatements('-- schemasage:no-transaction\nSELECT 1;\nSELECT 2;', 'postgres');
  assert.deepEqual(two.map((s) => s.transactional), [false, true]);
  // a function body's semicolons do not split it
  assert.equal(migrationStatements('CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\nSELECT 2;', 'postgres').length, 2);
});

function mig(name: string, up: string): MigrationFile {
  return parseMigrationFile(`${name}.sql`, `-- schemasage:up\n${up}\n-- schemasage:down\nSELECT 0;`).migration;
}

test('migrationStatus: pending, applied, edited after apply, failed at statement N, interrupted, out of order, missing file', () => {
  const a = mig('1_a', 'SELECT 1;');
  const b = mig('2_b', 'SELECT 2;');
  const c = mig('3_c', 'SELECT 3; SELECT 33; SELECT 333;');
  const d = mig('4_d', 'SELECT 4;');
  const e = mig('5_e', 'SELECT 5;');
  const rows: HistoryRow[] = [
    { name: '1_a', checksum: a.checksum, status: 'applied', statementsDone: 1, appliedBy: 'me' },
    { name: '2_b', checksum: 'f'.repeat(64), status: 'applied', statementsDone: 1 },
    { name: '3_c', checksum: c.checksum, status: 'failed', statementsDone: 1, statementsTotal: 3, error: 'boom' },
    { name: '5_e', checksum: e.checksum, status: 'running', statementsDone: 0, statementsTotal: 1 },
    { name: '9_gone', checksum: 'x', status: 'applied', statementsDone: 1 },
  ];
  const r = migrationStatus([a, b, c, d, e], rows);
  assert.deepEqual(
    r.entries.map((x) => `${x.name}:${x.state}${x.failedAt ? `@${x.failedAt}` : ''}${x.outOfOrder ? ':out-of-order' : ''}`),
    ['1_a:applied', '2_b:edited', '3_c:failed@2', '4_d:pending', '5_e:failed@1', '9_gone:missing-file'],
  );
  assert.match(r.entries[2]!.message, /failed at statement 2 of 3: boom/);
  assert.match(r.entries[4]!.message, /interrupted/);
  assert.deepEqual(r.pending.map((m) => m.name), ['3_c', '4_d', '5_e']);
  assert.deepEqual(r.problems.map((p) => p.name), ['2_b', '3_c', '5_e']);
  assert.equal(r.current, '2_b');
  const gap = migrationStatus([a, b, c], [{ name: '1_a', checksum: a.checksum, status: 'applied', statementsDone: 1 }, { name: '3_c', checksum: c.checksum, status: 'applied', statementsDone: 3 }]);
  assert.equal(gap.entries[1]!.outOfOrder, true);
});

test('parseHistoryRows normalises driver values; historySql uses each dialect placeholders', () => {
  const [row] = parseHistoryRows([{ name: '1_a', checksum: 'ab  ', applied_at: new Date(Date.UTC(2026, 0, 1)), applied_by: null, duration_ms: '42', status: 'applied', statements_done: 3n, statements_total: null, error: null }]);
  assert.deepEqual(row, { name: '1_a', checksum: 'ab', appliedAt: '2026-01-01T00:00:00.000Z', durationMs: 42, status: 'applied', statementsDone: 3 });
  assert.match(historySql('postgres').insert, /\$6\)$/);
  assert.match(historySql('mysql').create, /`schemasage_migrations`/);
  assert.equal((historySql('sqlite').fail.match(/\?/g) ?? []).length, 3);
});

test('confirmationText names every hazard of the plan, data loss first', () => {
  const text = confirmationText(PLAN);
  assert.equal(text.split('\n')[0], 'Apply 3 statements (postgres)?');
  assert.deepEqual(text.split('\n').slice(3).map((l) => l.slice(0, 8)), ['• MIG002', '• MIG020', '• MIG023']);
  assert.match(text, /MIG002 \(DATA LOSS\) \[error\]: drops orders.note and its values/);
  assert.equal(confirmationText({ ...PLAN, hazards: [] }), 'Apply 3 statements (postgres)?');
});

test('property: reading any folder never throws and every migration it returns has a checksum of its up text', () => {
  const path = fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.tuple(fc.constantFrom('V', 'U', 'R', ''), fc.nat(30), fc.constantFrom('__', '_', ''), fc.string({ maxLength: 8 }), fc.constantFrom('.sql', '.up.sql', '.down.sql', '/migration.sql', '.txt')).map((p) => p.join('')),
  );
  const text = fc.array(fc.constantFrom('-- schemasage:up\n', '-- schemasage:down\n', 'SELECT 1;\n', "'", '$$', '/*', '-- hazard MIG001\n', 'BEGIN;\n', '\r\n'), { maxLength: 12 }).map((a) => a.join(''));
  fc.assert(
    fc.property(fc.array(fc.record({ path, text }), { maxLength: 8 }), (entries) => {
      const f = readMigrationFolder(entries);
      for (const m of f.migrations) {
        assert.equal(m.checksum, migrationChecksum(m.up));
        migrationStatements(m.up, 'mysql');
      }
      for (let i = 1; i < f.migrations.length; i++) assert.ok(compareVersions(f.migrations[i - 1]!.version, f.migrations[i]!.version) <= 0);
    }),
    { numRuns: 500 },
  );
});
