/**
 * Introspection timing on a generated database of N tables (default 1,000):
 * each table has 8 columns, a primary key, a unique key, an index and a
 * foreign key to the table before it. Loads it into PostgreSQL and MariaDB
 * (given by SCHEMASAGE_PG_URL / SCHEMASAGE_MYSQL_URL, default loopback 5432 /
 * 3306, e.g. from scripts/db/*.sh start) and SQLite (sql.js), then prints the
 * best of 3 introspection times as JSON. Run:
 *   node --import tsx scripts/db/bench-introspect.ts [tables]
 */
import { connectUrl } from '../../server/src/db/index.ts';
import { openSqlite } from '../../server/src/db/sqlite.ts';
import { introspect } from '../../server/src/db/introspect.ts';
import type { DbConnection } from '../../server/src/db/connection.ts';

const N = Number(process.argv[2] ?? 1000);

function ddl(dialect: 'postgres' | 'mysql' | 'sqlite'): string {
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
  return out.join('\n');
}

async function measure(conn: DbConnection, setup: string, schemas?: string[]): Promise<{ tables: number; bestMs: number }> {
  await conn.exec(setup);
  // in batches: one multi-statement exec is one transaction, and 1,000 CREATEs exhaust PostgreSQL's lock table
  const statements = ddl(conn.dialect).split('\n');
  for (let i = 0; i < statements.length; i += 100) await conn.exec(statements.slice(i, i + 100).join('\n'));
  let best = Infinity;
  let tables = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const r = await introspect(conn, schemas ? { schemas } : {});
    best = Math.min(best, performance.now() - t0);
    tables = r.tables.length;
  }
  return { tables, bestMs: Math.round(best) };
}

const results: Record<string, unknown> = { tables: N };
async function server(name: string, url: string, setup: string, teardown: string): Promise<void> {
  let conn: DbConnection | undefined;
  try {
    conn = await connectUrl(url);
    results[name] = await measure(conn, setup, name === 'postgres' ? ['ss_bench'] : undefined);
  } catch (e) {
    results[name] = `not measured: ${e instanceof Error ? e.message : String(e)}`;
  } finally {
    await conn?.exec(teardown).catch(() => undefined);
    await conn?.close().catch(() => undefined);
  }
}

await server('postgres', process.env.SCHEMASAGE_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  'DROP SCHEMA IF EXISTS ss_bench CASCADE; CREATE SCHEMA ss_bench; SET search_path = ss_bench;', 'DROP SCHEMA IF EXISTS ss_bench CASCADE');
await server('mariadb', process.env.SCHEMASAGE_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/',
  'DROP DATABASE IF EXISTS ss_bench; CREATE DATABASE ss_bench; USE ss_bench;', 'DROP DATABASE IF EXISTS ss_bench');
const lite = await openSqlite();
results.sqlite = await measure(lite, 'PRAGMA foreign_keys = OFF;');
await lite.close();
console.log(JSON.stringify(results));
