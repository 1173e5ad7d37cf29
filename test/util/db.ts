/**
 * Real databases for tests. `getPostgres(t)` and `getMysql(t)` hand each test
 * a fresh, empty database on a real server: the one named by
 * SCHEMASAGE_PG_URL / SCHEMASAGE_MYSQL_URL, or one this test process starts
 * with scripts/db/*.sh (once per process, in its own temp dir, stopped at
 * exit; a watcher also stops it if the process is killed). When PostgreSQL
 * cannot start, tests fall back to PGlite (one per test process, i.e. per
 * test file); when MariaDB is not available the test is skipped with the
 * reason. SCHEMASAGE_REQUIRE_DB=1 turns either case into a failure.
 * `getSqlite()` is an empty in-memory sql.js database.
 *
 * MariaDB is installed by the script (apt-get) only when SCHEMASAGE_REQUIRE_DB=1,
 * CI or SCHEMASAGE_DB_INSTALL=1 is set; otherwise a missing `mariadbd` skips.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { DbConnection, ServerConnectionOptions } from '../../server/src/db/connection.ts';
import { parseConnectionUrl } from '../../server/src/db/connection.ts';
import { connectPostgres } from '../../server/src/db/pg.ts';
import { connectMysql } from '../../server/src/db/mysql.ts';
import { openPglite } from '../../server/src/db/pglite.ts';
import { openSqlite, type SqliteConnection } from '../../server/src/db/sqlite.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const requireDb = process.env.SCHEMASAGE_REQUIRE_DB === '1';

/** A fresh database for one test. */
export interface TestDatabase {
  conn: DbConnection;
  /** `server` (a real PostgreSQL/MariaDB), or `pglite` (the in-process fallback) */
  backend: 'server' | 'pglite';
  /** the database (PostgreSQL, MySQL) whose default schema/database is empty at the start */
  database: string;
  /** Empties the database again (drops every table, type and schema the test made). */
  reset(): Promise<void>;
  /** how to open another connection to this database (server backends only) */
  options?: ServerConnectionOptions;
}

type Server = { ok: true; options: ServerConnectionOptions } | { ok: false; reason: string };

let pgServer: Promise<Server> | undefined;
let myServer: Promise<Server> | undefined;
let pglite: Promise<DbConnection> | undefined;
let counter = 0;
const stops: (() => void)[] = [];
process.on('exit', () => {
  for (const stop of stops) stop();
});

/** Runs scripts/db/<name>.sh start in a private dir; the port, or the failure. */
function startScript(name: 'postgres' | 'mariadb', env: Record<string, string>): { port: number } | { error: string } {
  const dirVar = name === 'postgres' ? 'SCHEMASAGE_PG_DIR' : 'SCHEMASAGE_MYSQL_DIR';
  const dir = mkdtempSync(join(tmpdir(), `schemasage-${name}-`));
  const script = join(ROOT, 'scripts', 'db', `${name}.sh`);
  const fullEnv = { ...process.env, ...env, [dirVar]: dir, SCHEMASAGE_DB_OWNER_PID: String(process.pid) };
  const r = spawnSync('bash', [script, 'start'], { env: fullEnv, encoding: 'utf8', timeout: 600_000 });
  const port = Number(r.stdout.trim().split('\n').pop());
  if (r.status === 0 && Number.isInteger(port) && port > 0) {
    stops.push(() => void spawnSync('bash', [script, 'stop'], { env: { ...fullEnv, SCHEMASAGE_DB_OWNER_PID: '' }, timeout: 60_000 }));
    return { port };
  }
  spawnSync('bash', [script, 'stop'], { env: { ...fullEnv, SCHEMASAGE_DB_OWNER_PID: '' }, timeout: 60_000 });
  return { error: (r.stderr || r.error?.message || `exit ${r.status}`).trim().split('\n').slice(-3).join(' / ') };
}

function postgresServer(): Promise<Server> {
  pgServer ??= (async (): Promise<Server> => {
    const url = process.env.SCHEMASAGE_PG_URL;
    if (url) {
      const options = parseConnectionUrl(url);
      return options ? { ok: true, options } : { ok: false, reason: 'SCHEMASAGE_PG_URL is not a postgres:// URL' };
    }
    const r = startScript('postgres', {});
    if ('error' in r) return { ok: false, reason: r.error };
    return { ok: true, options: { dialect: 'postgres', host: '127.0.0.1', port: r.port, user: 'postgres', database: 'postgres' } };
  })();
  return pgServer;
}

function mysqlServer(): Promise<Server> {
  myServer ??= (async (): Promise<Server> => {
    const url = process.env.SCHEMASAGE_MYSQL_URL;
    if (url) {
      const options = parseConnectionUrl(url);
      return options ? { ok: true, options } : { ok: false, reason: 'SCHEMASAGE_MYSQL_URL is not a mysql:// URL' };
    }
    const install = requireDb || !!process.env.CI || process.env.SCHEMASAGE_DB_INSTALL === '1';
    const r = startScript('mariadb', install ? {} : { SCHEMASAGE_NO_INSTALL: '1' });
    if ('error' in r) return { ok: false, reason: r.error };
    return { ok: true, options: { dialect: 'mysql', host: '127.0.0.1', port: r.port, user: 'root', password: '' } };
  })();
  return myServer;
}

function freshName(): string {
  return `ss_${process.pid}_${++counter}`;
}

async function resetPostgres(conn: DbConnection): Promise<void> {
  const rows = await conn.query(
    `SELECT nspname AS name FROM pg_namespace WHERE nspname <> 'information_schema' AND nspname NOT LIKE 'pg\\_%'`,
  );
  const drops = rows.map((r) => `DROP SCHEMA IF EXISTS "${String(r.name).replace(/"/g, '""')}" CASCADE;`).join('\n');
  await conn.exec(`${drops}\nCREATE SCHEMA public;`);
}

/**
 * A fresh PostgreSQL database for this test: on the server (a new database,
 * dropped after the test) or, when no server can start, the process's PGlite
 * with its schemas emptied. Undefined only when the test was skipped.
 */
export async function getPostgres(t: TestContext): Promise<TestDatabase | undefined> {
  const server = await postgresServer();
  if (server.ok) {
    const name = freshName();
    const admin = await connectPostgres(server.options);
    try {
      await admin.exec(`CREATE DATABASE ${name}`);
    } finally {
      await admin.close();
    }
    const conn = await connectPostgres({ ...server.options, database: name });
    t.after(async () => {
      await conn.close();
      const a = await connectPostgres(server.options);
      try {
        await a.exec(`DROP DATABASE IF EXISTS ${name}`);
      } finally {
        await a.close();
      }
    });
    return { conn, backend: 'server', database: name, reset: () => resetPostgres(conn), options: { ...server.options, database: name } };
  }
  if (requireDb) throw new Error(`PostgreSQL not available (SCHEMASAGE_REQUIRE_DB=1): ${server.reason}`);
  t.diagnostic(`PostgreSQL not available (${server.reason}): using PGlite`);
  pglite ??= openPglite();
  const conn = await pglite;
  await resetPostgres(conn);
  return { conn, backend: 'pglite', database: 'postgres', reset: () => resetPostgres(conn) };
}

/**
 * A fresh MySQL/MariaDB database for this test (created, selected, dropped
 * after the test). Undefined when MariaDB is not available: the test is then
 * marked skipped (or failed under SCHEMASAGE_REQUIRE_DB=1).
 */
export async function getMysql(t: TestContext): Promise<TestDatabase | undefined> {
  const server = await mysqlServer();
  if (!server.ok) {
    if (requireDb) throw new Error(`MariaDB not available (SCHEMASAGE_REQUIRE_DB=1): ${server.reason}`);
    t.skip(`MariaDB not available: ${server.reason}`);
    return undefined;
  }
  const name = freshName();
  const conn = await connectMysql(server.options);
  const reset = async () => {
    await conn.exec(`DROP DATABASE IF EXISTS \`${name}\`; CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4; USE \`${name}\``);
  };
  await reset();
  t.after(async () => {
    try {
      await conn.exec(`DROP DATABASE IF EXISTS \`${name}\``);
    } finally {
      await conn.close();
    }
  });
  return { conn, backend: 'server', database: name, reset, options: { ...server.options, database: name } };
}

/** An empty in-memory SQLite database (sql.js), foreign keys on. */
export function getSqlite(): Promise<SqliteConnection> {
  return openSqlite();
}
