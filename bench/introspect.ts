/**
 * Introspection benchmark (issue 7: "a database of 1,000 tables introspects
 * in under 1 second on loopback"). Builds a database of N tables (default
 * 1,000; 8 columns, a primary key, a unique key, a two-column index and a
 * foreign key to the previous table each) in PostgreSQL, MariaDB and SQLite,
 * then times `introspect` three times per engine and prints the median,
 * and how many tables came back with a row-count estimate (SQLite: also
 * the median without its bounded `count(*)`, to show what counting costs).
 *
 * PostgreSQL: SCHEMASAGE_PG_URL, else a private server from
 * scripts/db/postgres.sh (stopped at the end), else PGlite. MariaDB:
 * SCHEMASAGE_MYSQL_URL, else scripts/db/mariadb.sh (never installs: reported
 * as not measured when absent). SQLite: sql.js in memory. Prints only.
 *   node --import tsx bench/introspect.ts [tables] [--json]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DbConnection, ServerConnectionOptions } from '../server/src/db/connection.ts';
import { parseConnectionUrl } from '../server/src/db/connection.ts';
import { introspect, type IntrospectOptions } from '../server/src/db/introspect.ts';
import { rowEstimate } from '../server/src/engine/introspect/estimate.ts';
import { connectMysql } from '../server/src/db/mysql.ts';
import { connectPostgres } from '../server/src/db/pg.ts';
import { openPglite } from '../server/src/db/pglite.ts';
import { openSqlite } from '../server/src/db/sqlite.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const N = Number(args.find((a) => /^\d+$/.test(a)) ?? 1000);
const JSON_OUT = args.includes('--json');
const RUNS = 3;
const DB = 'ss_bench_introspect';

type Dialect = 'postgres' | 'mysql' | 'sqlite';

/** The N tables' DDL, one statement per element. */
function statements(dialect: Dialect): string[] {
  const q = (s: string) => (dialect === 'mysql' ? `\`${s}\`` : `"${s}"`);
  const out: string[] = [];
  for (let i = 0; i < N; i++) {
    const t = `t${i}`;
    const cols = [
      `${q('id')} int NOT NULL`,
      `${q('code')} varchar(40) NOT NULL`,
      `${q('name')} varchar(100) DEFAULT 'x'`,
      `${q('amount')} decimal(10,2) DEFAULT 0`,
      `${q('flag')} boolean DEFAULT false`,
      `${q('created')} ${dialect === 'mysql' ? 'datetime' : 'timestamp'}`,
      `${q('note')} text`,
      `${q('parent_id')} int`,
      `PRIMARY KEY (${q('id')})`,
      `UNIQUE (${q('code')})`,
    ];
    if (i > 0) cols.push(`FOREIGN KEY (${q('parent_id')}) REFERENCES ${q(`t${i - 1}`)} (${q('id')}) ON DELETE CASCADE`);
    out.push(`CREATE TABLE ${q(t)} (${cols.join(', ')});`);
    out.push(`CREATE INDEX ${q(`${t}_name`)} ON ${q(t)} (${q('name')}, ${q('created')});`);
  }
  return out;
}

interface Figure {
  engine: string;
  backend: string;
  tables?: number;
  loadMs?: number;
  medianMs?: number;
  runsMs?: number[];
  /** tables that came back with a row-count estimate */
  estimated?: number;
  note?: string;
}

async function measure(conn: DbConnection, engine: string, backend: string, schemas?: string[], options: IntrospectOptions = {}, loaded = false): Promise<Figure> {
  const t0 = performance.now();
  // batches of 100: one multi-statement exec is one transaction, and thousands of CREATEs exhaust PostgreSQL's lock table
  const all = loaded ? [] : statements(conn.dialect);
  for (let i = 0; i < all.length; i += 100) await conn.exec(all.slice(i, i + 100).join('\n'));
  const loadMs = Math.round(performance.now() - t0);
  const runs: number[] = [];
  let tables = 0;
  let estimated = 0;
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    const schema = await introspect(conn, { ...options, ...(schemas ? { schemas } : {}) });
    runs.push(Math.round(performance.now() - s));
    tables = schema.tables.length;
    estimated = schema.tables.filter((t) => rowEstimate(t.settings)).length;
  }
  const sorted = [...runs].sort((a, b) => a - b);
  return { engine, backend, tables, loadMs, medianMs: sorted[Math.floor(sorted.length / 2)], runsMs: runs, estimated };
}

/** Starts scripts/db/<name>.sh in a private dir; the port and a stop function, or why not. */
function startServer(name: 'postgres' | 'mariadb'): { port: number; stop: () => void } | { error: string } {
  const dirVar = name === 'postgres' ? 'SCHEMASAGE_PG_DIR' : 'SCHEMASAGE_MYSQL_DIR';
  const env = { ...process.env, [dirVar]: mkdtempSync(join(tmpdir(), `ss-bench-${name}-`)), SCHEMASAGE_DB_OWNER_PID: String(process.pid), SCHEMASAGE_NO_INSTALL: '1' };
  const script = join(ROOT, 'scripts', 'db', `${name}.sh`);
  const r = spawnSync('bash', [script, 'start'], { env, encoding: 'utf8', timeout: 120_000 });
  const port = Number(r.stdout.trim().split('\n').pop());
  const stop = () => void spawnSync('bash', [script, 'stop'], { env: { ...env, SCHEMASAGE_DB_OWNER_PID: '' }, timeout: 60_000 });
  if (r.status === 0 && port > 0) return { port, stop };
  stop();
  return { error: (r.stderr || `exit ${r.status}`).trim().split('\n').pop() ?? '' };
}

async function postgres(): Promise<Figure> {
  let options: ServerConnectionOptions | undefined = process.env.SCHEMASAGE_PG_URL ? parseConnectionUrl(process.env.SCHEMASAGE_PG_URL) : undefined;
  let stop: (() => void) | undefined;
  let why = '';
  if (!options) {
    const s = startServer('postgres');
    if ('port' in s) {
      options = { dialect: 'postgres', host: '127.0.0.1', port: s.port, user: 'postgres', database: 'postgres' };
      stop = s.stop;
    } else why = s.error;
  }
  try {
    if (options) {
      const admin = await connectPostgres(options);
      await admin.exec(`DROP DATABASE IF EXISTS ${DB}`);
      await admin.exec(`CREATE DATABASE ${DB}`);
      const conn = await connectPostgres({ ...options, database: DB });
      try {
        return await measure(conn, 'PostgreSQL', 'server');
      } finally {
        await conn.close();
        await admin.exec(`DROP DATABASE IF EXISTS ${DB}`);
        await admin.close();
      }
    }
    const lite = await openPglite();
    try {
      return { ...(await measure(lite, 'PostgreSQL', 'PGlite')), note: `no server (${why})` };
    } finally {
      await lite.close();
    }
  } finally {
    stop?.();
  }
}

async function mariadb(): Promise<Figure> {
  let options: ServerConnectionOptions | undefined = process.env.SCHEMASAGE_MYSQL_URL ? parseConnectionUrl(process.env.SCHEMASAGE_MYSQL_URL) : undefined;
  let stop: (() => void) | undefined;
  if (!options) {
    const s = startServer('mariadb');
    if ('error' in s) return { engine: 'MariaDB', backend: '-', note: `not measured: ${s.error}` };
    options = { dialect: 'mysql', host: '127.0.0.1', port: s.port, user: 'root', password: '' };
    stop = s.stop;
  }
  const conn = await connectMysql(options);
  try {
    await conn.exec(`DROP DATABASE IF EXISTS ${DB}; CREATE DATABASE ${DB}; USE ${DB}`);
    return await measure(conn, 'MariaDB', 'server', [DB]);
  } finally {
    await conn.exec(`DROP DATABASE IF EXISTS ${DB}`).catch(() => undefined);
    await conn.close();
    stop?.();
  }
}

async function sqlite(): Promise<Figure> {
  const conn = await openSqlite();
  try {
    const counted = await measure(conn, 'SQLite', 'sql.js');
    // the same database without row counts: what the bounded count(*) costs
    const bare = await measure(conn, 'SQLite', 'sql.js', undefined, { sqliteCountLimitBytes: 0 }, true);
    return { ...counted, note: `without row counts: median ${bare.medianMs} ms` };
  } finally {
    await conn.close();
  }
}

const figures: Figure[] = [];
for (const run of [postgres, mariadb, sqlite]) {
  try {
    figures.push(await run());
  } catch (e) {
    figures.push({ engine: run.name, backend: '-', note: `not measured: ${e instanceof Error ? e.message : String(e)}` });
  }
}
const load = loadavg()[0];
const cores = availableParallelism();
if (JSON_OUT) console.log(JSON.stringify({ tables: N, runs: RUNS, loadAverage: load, cores, figures }));
else {
  console.log(`introspect: ${N} tables, median of ${RUNS} (load average ${load.toFixed(1)} on ${cores} cores${load > cores ? ': busy machine, figures inflated' : ''})`);
  for (const f of figures) {
    console.log(
      f.medianMs === undefined
        ? `  ${f.engine.padEnd(10)} ${f.note ?? ''}`
        : `  ${f.engine.padEnd(10)} ${f.backend.padEnd(7)} ${String(f.tables).padStart(5)} tables  median ${String(f.medianMs).padStart(5)} ms  best ${String(Math.min(...f.runsMs!)).padStart(5)} ms  (runs ${f.runsMs!.join(', ')} ms; load ${f.loadMs} ms; ${f.estimated} with a row estimate)${f.note ? `  ${f.note}` : ''}`,
    );
  }
}
