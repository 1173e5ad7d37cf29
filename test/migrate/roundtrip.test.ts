/**
 * Migration round trips against real databases (issue 6): for hand-written
 * before/after fixtures and random mutations of `arbSchema()` schemas, build
 * the database from A (with two rows per table), apply plan(A->B),
 * introspect and compare with B; the rows of every kept table must still be
 * there; then, when no hazard says data is lost, apply the rollback and
 * compare with A. PostgreSQL (server, or PGlite), MariaDB, SQLite.
 * SCHEMASAGE_MIGRATE_RUNS (default 200) random cases per dialect; FC_SEED replays.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import fc from 'fast-check';
import type { DbConnection } from '../../server/src/db/connection.ts';
import type { RenameHint } from '../../server/src/engine/diff/types.ts';
import type { Schema } from '../../server/src/engine/model/schema.ts';
import { planFromSchemas, renderPlan, type MigrationPlan } from '../../server/src/engine/migrate/index.ts';
import { getMysql, getPostgres, getSqlite } from '../util/db.ts';
import { arbSchema, type Dialect } from '../util/random-schema.ts';
import { arbMutation, type Mutated } from '../util/mutate-schema.ts';
import { applyStatements, countRows, dbml, differences, loadSchema } from './harness.ts';

const RUNS = Number(process.env.SCHEMASAGE_MIGRATE_RUNS ?? 200);
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;

interface Fixture {
  name: string;
  a: string;
  b: string;
  renames?: RenameHint[];
  online?: boolean;
  /** dialects where the fixture does not apply */
  skip?: Dialect[];
}

const USERS = `Table users {
  id int [pk]
  email varchar(50) [not null, unique]
  name varchar(20)
  age int [default: 1]
}`;
const POSTS = `Table posts {
  id int [pk]
  author int [ref: > users.id]
  title varchar(40) [not null, default: 'untitled']
  body text
}`;
const enumOf = (...values: string[]) => `Enum status {\n${values.map((v) => `  ${v}`).join('\n')}\n}`;
const ENUM = enumOf('draft', 'published', 'archived');

/** Hand-written before/after pairs (30), run in every dialect they apply to. */
const FIXTURES: Fixture[] = [
  { name: 'add nullable column', a: USERS, b: USERS.replace('}', '  nick varchar(10)\n}') },
  { name: 'add column with default', a: USERS, b: USERS.replace('}', "  country varchar(2) [not null, default: 'NL']\n}") },
  { name: 'drop column', a: USERS, b: USERS.replace('  name varchar(20)\n', '') },
  { name: 'rename column (forced)', a: USERS, b: USERS.replace('name varchar', 'full_name varchar'), renames: [{ kind: 'column', table: 'users', from: 'name', to: 'full_name' }] },
  { name: 'rename column (detected)', a: USERS, b: USERS.replace('email varchar', 'email_address varchar') },
  { name: 'rename table (forced)', a: `${USERS}\n${POSTS}`, b: `${USERS.replace('Table users', 'Table members')}\n${POSTS.replace('users.id', 'members.id')}`, renames: [{ kind: 'table', from: 'users', to: 'members' }] },
  { name: 'widen varchar', a: USERS, b: USERS.replace('varchar(20)', 'varchar(200)') },
  { name: 'narrow varchar (values fit)', a: USERS, b: USERS.replace('varchar(20)', 'varchar(5)') },
  { name: 'int to bigint', a: USERS, b: USERS.replace('age int', 'age bigint') },
  { name: 'varchar to text', a: USERS, b: USERS.replace('name varchar(20)', 'name text') },
  { name: 'set NOT NULL', a: USERS, b: USERS.replace('name varchar(20)', 'name varchar(20) [not null]') },
  { name: 'drop NOT NULL', a: USERS, b: USERS.replace('email varchar(50) [not null, unique]', 'email varchar(50) [unique]') },
  { name: 'set default', a: USERS, b: USERS.replace('name varchar(20)', "name varchar(20) [default: 'anon']") },
  { name: 'change default', a: USERS, b: USERS.replace('[default: 1]', '[default: 18]') },
  { name: 'drop default', a: USERS, b: USERS.replace(' [default: 1]', '') },
  { name: 'add unique', a: USERS, b: USERS.replace('name varchar(20)', 'name varchar(20) [unique]') },
  { name: 'drop unique', a: USERS, b: USERS.replace('[not null, unique]', '[not null]') },
  { name: 'add index', a: USERS, b: USERS.replace('}', '  indexes { (name, age) [name: "ix_name_age"] }\n}') },
  { name: 'drop index', a: USERS.replace('}', '  indexes { (name) [name: "ix_name"] }\n}'), b: USERS },
  { name: 'composite unique', a: USERS, b: USERS.replace('}', '  indexes { (name, age) [unique] }\n}') },
  { name: 'create table with foreign key', a: USERS, b: `${USERS}\n${POSTS}` },
  { name: 'drop table referenced by nothing', a: `${USERS}\n${POSTS}`, b: USERS },
  { name: 'drop referenced table and its referrer', a: `${USERS}\n${POSTS}`, b: POSTS.replace(' [ref: > users.id]', '') },
  { name: 'add foreign key to existing table', a: `${USERS}\n${POSTS.replace(' [ref: > users.id]', '')}`, b: `${USERS}\n${POSTS}` },
  { name: 'drop foreign key', a: `${USERS}\n${POSTS}`, b: `${USERS}\n${POSTS.replace(' [ref: > users.id]', '')}` },
  { name: 'change foreign key action', a: `${USERS}\n${POSTS}`, b: `${USERS}\n${POSTS.replace(' [ref: > users.id]', '')}\nRef: posts.author > users.id [delete: cascade, update: no action]` },
  { name: 'primary key change', a: USERS, b: USERS.replace('id int [pk]', 'id int [not null]').replace('email varchar(50) [not null, unique]', 'email varchar(50) [pk]') },
  { name: 'enum add value at end', a: `${ENUM}\n${POSTS.replace(' [ref: > users.id]', '').replace('body text', 'st status')}`, b: `${enumOf('draft', 'published', 'archived', 'deleted')}\n${POSTS.replace(' [ref: > users.id]', '').replace('body text', 'st status')}` },
  { name: 'enum add value in the middle', a: `${ENUM}\n${POSTS.replace(' [ref: > users.id]', '').replace('body text', 'st status')}`, b: `${enumOf('draft', 'review', 'published', 'archived')}\n${POSTS.replace(' [ref: > users.id]', '').replace('body text', 'st status')}` },
  { name: 'enum remove unused value', a: `${ENUM}\n${POSTS.replace(' [ref: > users.id]', '').replace('body text', 'st status')}`, b: `${enumOf('draft', 'published')}\n${POSTS.replace(' [ref: > users.id]', '').replace('body text', 'st status')}` },
  { name: 'hostile names', a: 'Table "a\\"; DROP TABLE x; --" { "c`]\'" int [pk] }', b: 'Table "a\\"; DROP TABLE x; --" { "c`]\'" int [pk]\n "d`; --" varchar(5) }' },
  { name: 'online postgres plan', a: `${USERS}\n${POSTS.replace(' [ref: > users.id]', '')}`, b: `${USERS.replace('name varchar(20)', 'name varchar(20) [not null, unique]')}\n${POSTS}`, online: true },
];

interface Stats {
  cases: number;
  statements: number;
  rollbacks: number;
  hazards: Map<string, number>;
}

function newStats(): Stats {
  return { cases: 0, statements: 0, rollbacks: 0, hazards: new Map() };
}

/** One case: A -> B -> (A). Throws with a readable report when anything differs. */
async function roundTrip(conn: DbConnection, dialect: Dialect, a: Schema, b: Schema, renames: RenameHint[], stats: Stats, label: string, online = false): Promise<void> {
  await loadSchema(conn, a, dialect);
  const plan: MigrationPlan = planFromSchemas(a, b, { dialect, renames, online });
  const report = (what: string, detail: string) => `${dialect} ${label}: ${what}\n  ${detail}\nplan:\n${renderPlan(plan)}`;
  try {
    await applyStatements(conn, dialect, plan.statements);
  } catch (e) {
    throw new Error(report('the plan failed', e instanceof Error ? e.message : String(e)));
  }
  const diffs = await differences(conn, b, dialect);
  if (diffs.length) throw new Error(report('after the plan the database differs from B', diffs.join('\n  ')));
  // rows of tables that exist on both sides survive (a dropped table is the only way to lose rows)
  const renamedTables = new Map(plan.renames.filter((r) => r.accepted && r.kind === 'table').map((r) => [r.from.toLowerCase(), r.to]));
  for (const t of a.tables) {
    const name = renamedTables.get(t.name.toLowerCase()) ?? t.name;
    const kept = b.tables.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!kept) continue;
    const n = await countRows(conn, kept, dialect);
    if (n !== 2) throw new Error(report(`table ${kept.name} has ${n} rows after the plan, expected 2`, ''));
  }
  stats.cases++;
  stats.statements += plan.statements.length;
  for (const h of plan.hazards) stats.hazards.set(h.code, (stats.hazards.get(h.code) ?? 0) + 1);
  if (plan.hazards.some((h) => h.dataLoss)) return;
  try {
    await applyStatements(conn, dialect, plan.rollback);
  } catch (e) {
    throw new Error(report('the rollback failed', `${e instanceof Error ? e.message : String(e)}\nrollback:\n${renderPlan(plan, 'down')}`));
  }
  const back = await differences(conn, a, dialect);
  if (back.length) throw new Error(report('after the rollback the database differs from A', `${back.join('\n  ')}\nrollback:\n${renderPlan(plan, 'down')}`));
  stats.rollbacks++;
}

function report(t: TestContext, dialect: Dialect, what: string, s: Stats, started: number): void {
  const hz = [...s.hazards].sort().map(([k, v]) => `${k}:${v}`).join(' ');
  t.diagnostic(`${dialect} ${what}: ${s.cases} cases, ${s.statements} statements, ${s.rollbacks} rollbacks applied, ${((performance.now() - started) / 1000).toFixed(1)} s; hazards ${hz}`);
}

async function fixtures(t: TestContext, dialect: Dialect, fresh: () => Promise<DbConnection>): Promise<void> {
  const stats = newStats();
  const started = performance.now();
  const failures: string[] = [];
  let run = 0;
  for (const f of FIXTURES) {
    if (f.skip?.includes(dialect)) continue;
    run++;
    const conn = await fresh();
    try {
      await roundTrip(conn, dialect, dbml(f.a), dbml(f.b), f.renames ?? [], stats, f.name, f.online);
    } catch (e) {
      failures.push(e instanceof Error ? e.message : String(e));
    }
  }
  report(t, dialect, 'fixtures', stats, started);
  assert.ok(run >= 30, `only ${run} fixtures ran`);
  assert.deepEqual(failures, []);
}

async function random(t: TestContext, dialect: Dialect, fresh: () => Promise<DbConnection>): Promise<void> {
  const stats = newStats();
  const started = performance.now();
  await fc.assert(
    fc.asyncProperty(
      arbSchema().chain((a) => arbMutation(a).map((m): [Schema, Mutated] => [a, m])),
      fc.boolean(),
      async ([a, m], online) => {
        const conn = await fresh();
        // PostgreSQL: half the cases planned online (CONCURRENTLY, NOT VALID + VALIDATE)
        const useOnline = online && dialect === 'postgres';
        await roundTrip(conn, dialect, a, m.schema, m.renames, stats, `${useOnline ? 'online ' : ''}mutations [${m.steps.join('; ')}]`, useOnline);
      },
    ),
    { numRuns: RUNS, seed: SEED, endOnFailure: true, includeErrorInReport: true },
  );
  report(t, dialect, 'random', stats, started);
  assert.equal(stats.cases, RUNS);
}

function sqliteFresh(): () => Promise<DbConnection> {
  let conn: DbConnection | undefined;
  return async () => {
    await conn?.close();
    conn = await getSqlite();
    return conn;
  };
}

test('migration round trip: SQLite fixtures', async (t) => {
  await fixtures(t, 'sqlite', sqliteFresh());
});

test('migration round trip: SQLite random mutations', async (t) => {
  await random(t, 'sqlite', sqliteFresh());
});

test('migration round trip: PostgreSQL fixtures', async (t) => {
  const db = await getPostgres(t);
  if (!db) return;
  t.diagnostic(`backend: ${db.backend}`);
  await fixtures(t, 'postgres', async () => {
    await db.reset();
    return db.conn;
  });
});

test('migration round trip: PostgreSQL random mutations', async (t) => {
  const db = await getPostgres(t);
  if (!db) return;
  await random(t, 'postgres', async () => {
    await db.reset();
    return db.conn;
  });
});

test('migration round trip: MariaDB fixtures', async (t) => {
  const db = await getMysql(t);
  if (!db) return;
  await fixtures(t, 'mysql', async () => {
    await db.reset();
    return db.conn;
  });
});

test('migration round trip: MariaDB random mutations', async (t) => {
  const db = await getMysql(t);
  if (!db) return;
  await random(t, 'mysql', async () => {
    await db.reset();
    return db.conn;
  });
});

// an apply killed mid-way: test/migrations/apply-kill.test.ts
