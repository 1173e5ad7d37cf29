/**
 * Planner -> migration file -> runner, end to end on real databases: plans
 * of DBML schemas are written as SchemaSage migration files, read back from
 * the folder, applied (hazards refused until allowed) and rolled back; after
 * each step the introspected database equals the schema it should be at
 * (test/util/random-schema.ts's comparator, as the planner's round trips use). Also a property test of the file format's round trip.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { DbConnection } from '../../server/src/db/connection.ts';
import { introspect } from '../../server/src/db/introspect.ts';
import { migrationStatements, readMigrationFolder, writeMigrationFile } from '../../server/src/engine/history/index.ts';
import { hazard, planFromSchemas, type MigrationDialect } from '../../server/src/engine/migrate/index.ts';
import type { MigrationPlan, Phase, PlannedStatement } from '../../server/src/engine/migrate/types.ts';
import type { Schema } from '../../server/src/engine/model/schema.ts';
import { Workspace } from '../../server/src/engine/workspace.ts';
import { apply, rollback, status } from '../../server/src/migrations/index.ts';
import { getMysql, getPostgres, getSqlite } from '../util/db.ts';
import { history } from './helpers.ts';
import { compareSchemas, type Dialect } from '../util/random-schema.ts';

function dbml(text: string): Schema {
  const ws = new Workspace();
  ws.setFile('file:///schema.dbml', text, 0, { language: 'dbml' });
  return ws.binding().schema;
}

const S0 = dbml('');
const S1 = dbml(`
Table users {
  id int [pk]
  email varchar(100) [not null]
}
Table posts {
  id int [pk]
  user_id int [not null, ref: > users.id]
  note varchar(200)
}`);
const S2 = dbml(`
Table users {
  id int [pk]
  email varchar(100) [not null, unique]
  name varchar(50)
}
Table posts {
  id int [pk]
  user_id int [not null, ref: > users.id]
  title varchar(120)
  indexes { user_id }
}`);

/** How the database differs from `expected` (nothing when it is at `expected`), by the round-trip tests' comparator. */
async function remaining(conn: DbConnection, expected: Schema, d: MigrationDialect): Promise<string[]> {
  const actual = await introspect(conn);
  // the history table belongs to the runner, not to the schema
  actual.tables = actual.tables.filter((t) => t.name !== 'schemasage_migrations');
  return compareSchemas(expected, actual, d as Dialect);
}

async function endToEnd(t: TestContext, conn: DbConnection, d: 'postgres' | 'mysql' | 'sqlite'): Promise<void> {
  const p1 = planFromSchemas(S0, S1, { dialect: d });
  const p2 = planFromSchemas(S1, S2, { dialect: d });
  const f1 = writeMigrationFile(p1, { name: 'init', now: new Date(Date.UTC(2026, 0, 1)) });
  const f2 = writeMigrationFile(p2, { name: 'second', now: new Date(Date.UTC(2026, 0, 2)) });
  const folder = readMigrationFolder([f2, f1].map((f) => ({ path: f.path.replace(/^migrations\//, ''), text: f.text })));
  assert.deepEqual(folder.diagnostics, []);
  const files = folder.migrations;
  assert.deepEqual(files.map((f) => f.name), [f1.name, f2.name]);
  const codes = p2.hazards.map((h) => h.code);
  assert.ok(codes.includes('MIG002'), `dropping posts.note is a data-loss hazard (${codes})`);
  assert.deepEqual([...files[1]!.hazards].sort(), [...codes].sort());

  const refused = await apply(conn, files);
  assert.match(refused.error ?? '', /hazards not allowed: .*second \(.*MIG002/);
  assert.deepEqual((await status(conn, files)).entries.map((e) => e.state), ['pending', 'pending'], 'the refusal ran nothing');

  const ok = await apply(conn, files, { allowHazards: codes });
  assert.deepEqual([ok.ok, ok.error, ok.done], [true, undefined, [f1.name, f2.name]]);
  assert.deepEqual(await remaining(conn, S2, d), [], `${d}: the database is at S2`);
  assert.notDeepEqual(await remaining(conn, S1, d), [], 'the comparator sees the difference between S1 and S2');
  assert.deepEqual((await history(conn)).map((r) => r.status), ['applied', 'applied']);

  const back = await rollback(conn, files, { allowHazards: true });
  assert.deepEqual([back.ok, back.error, back.done], [true, undefined, [f2.name]]);
  assert.deepEqual(await remaining(conn, S1, d), [], `${d}: the rollback is at S1`);
  const all = await rollback(conn, files, { allowHazards: true });
  assert.deepEqual([all.ok, all.error], [true, undefined]);
  assert.deepEqual(await remaining(conn, S0, d), [], `${d}: back to empty`);
  assert.deepEqual(await history(conn), []);
  t.diagnostic(`${d}: ${migrationStatements(files[0]!.up, d).length}+${migrationStatements(files[1]!.up, d).length} statements applied and rolled back`);
}

test('PostgreSQL: planned migration files apply and roll back to the schemas they were planned from', async (t) => {
  const db = await getPostgres(t);
  if (!db) return;
  await endToEnd(t, db.conn, 'postgres');
});

test('MariaDB: planned migration files apply and roll back to the schemas they were planned from', async (t) => {
  const db = await getMysql(t);
  if (!db) return;
  await endToEnd(t, db.conn, 'mysql');
});

test('SQLite: planned migration files apply and roll back to the schemas they were planned from', async (t) => {
  const conn = await getSqlite();
  t.after(() => conn.close());
  await endToEnd(t, conn, 'sqlite');
});

const PHASES: Phase[] = ['pre', 'drop-fk', 'drop', 'rename', 'create', 'alter', 'index', 'add-fk', 'post'];
const ident = fc.string({ minLength: 1, maxLength: 12 }).map((s) => `"${s.replace(/"/g, '""')}"`);
const statement: fc.Arbitrary<PlannedStatement> = fc.record({
  sql: fc.oneof(
    ident.map((n) => `CREATE TABLE ${n} (id integer)`),
    fc.tuple(ident, fc.string({ maxLength: 20 })).map(([n, v]) => `INSERT INTO ${n} VALUES ('${v.replace(/'/g, "''")}')`),
    ident.map((n) => `DROP TABLE ${n}`),
  ),
  phase: fc.constantFrom(...PHASES),
  transactional: fc.boolean(),
  description: fc.string({ maxLength: 30 }),
  hazards: fc.array(fc.constantFrom('MIG001', 'MIG002', 'MIG007', 'MIG020').map((c) => hazard(c, `message\nfor ${c} -- schemasage:down`)), { maxLength: 2 }),
});

test('property: any plan written as a file reads back to the same statements, transactional flags and hazards', () => {
  fc.assert(
    fc.property(fc.array(statement, { maxLength: 8 }), fc.array(statement, { maxLength: 8 }), fc.string({ maxLength: 20 }), (up, down, name) => {
      const plan: MigrationPlan = { dialect: 'postgres', statements: up, rollback: down, renames: [], hazards: [], rollbackHazards: [] };
      const w = writeMigrationFile(plan, { name, now: new Date(Date.UTC(2030, 11, 31, 23, 59, 59)) });
      const [m] = readMigrationFolder([{ path: w.path.slice('migrations/'.length), text: w.text }]).migrations;
      assert.ok(m);
      assert.equal(m.name, w.name);
      const back = migrationStatements(m.up, 'postgres');
      assert.deepEqual(back.map((s) => s.sql), up.map((s) => s.sql));
      assert.deepEqual(back.map((s) => s.transactional), up.map((s) => s.transactional));
      assert.deepEqual(migrationStatements(m.down ?? '', 'postgres').map((s) => s.sql), down.map((s) => s.sql));
      assert.deepEqual(m.hazards.sort(), [...new Set(up.flatMap((s) => s.hazards.map((h) => h.code)))].sort());
      assert.deepEqual(m.downHazards.sort(), [...new Set(down.flatMap((s) => s.hazards.map((h) => h.code)))].sort());
    }),
    { numRuns: 300 },
  );
});
