/**
 * Shared steps of the migration round trips: load schema A into a database
 * (the generator's DDL), insert sample rows, run a plan statement by
 * statement (transactional runs inside BEGIN/COMMIT), introspect, count rows.
 */
import type { DbConnection } from '../../server/src/db/connection.ts';
import { introspectWithWarnings } from '../../server/src/db/introspect.ts';
import type { Schema, Table } from '../../server/src/engine/model/schema.ts';
import type { PlannedStatement } from '../../server/src/engine/migrate/index.ts';
import { Workspace } from '../../server/src/engine/workspace.ts';
import { compareSchemas, quoteIdent, toDdl, type Dialect } from '../util/random-schema.ts';
import { sampleRows } from '../util/mutate-schema.ts';

/** A DBML text as a Schema. */
export function dbml(text: string): Schema {
  const ws = new Workspace();
  ws.setFile('file:///fixture.dbml', text, 0, { language: 'dbml' });
  return ws.binding().schema;
}

function literal(v: string | number | boolean, dialect: Dialect): string {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return dialect === 'postgres' ? (v ? 'TRUE' : 'FALSE') : v ? '1' : '0';
  return `'${v.replace(/'/g, "''")}'`;
}

/** Creates A and inserts two rows per table. */
export async function loadSchema(conn: DbConnection, a: Schema, dialect: Dialect, rows = true): Promise<void> {
  await conn.exec(toDdl(a, dialect));
  if (!rows) return;
  const q = (n: string) => quoteIdent(n, dialect);
  for (const [t, list] of sampleRows(a)) {
    for (const row of list) {
      const cols = Object.keys(row);
      await conn.exec(`INSERT INTO ${q(t.name)} (${cols.map(q).join(', ')}) VALUES (${cols.map((c) => literal(row[c], dialect)).join(', ')})`);
    }
  }
}

/** Runs statements the way a migration runner would. */
export async function applyStatements(conn: DbConnection, dialect: Dialect, list: PlannedStatement[]): Promise<void> {
  let inTx = false;
  const useTx = dialect !== 'mysql';
  for (const s of list) {
    if (s.manual) continue;
    if (useTx && s.transactional !== inTx) {
      await conn.exec(s.transactional ? 'BEGIN' : 'COMMIT');
      inTx = s.transactional;
    }
    try {
      if (dialect === 'sqlite' && /^PRAGMA foreign_key_check/.test(s.sql)) {
        const bad = await conn.query(s.sql);
        if (bad.length) throw new Error(`foreign_key_check: ${JSON.stringify(bad)}`);
      } else await conn.exec(s.sql);
    } catch (e) {
      if (inTx) await conn.exec('ROLLBACK').catch(() => undefined);
      throw new Error(`${e instanceof Error ? e.message : String(e)}\n  in: ${s.sql}`);
    }
  }
  if (inTx) await conn.exec('COMMIT');
}

/** Differences between the database and `expected` (empty when equal). */
export async function differences(conn: DbConnection, expected: Schema, dialect: Dialect): Promise<string[]> {
  const { schema, warnings } = await introspectWithWarnings(conn);
  return [...compareSchemas(expected, schema, dialect), ...warnings.map((w) => `${w.code} ${w.message}`)];
}

/** Row count of a table. */
export async function countRows(conn: DbConnection, t: Table, dialect: Dialect): Promise<number> {
  const rows = await conn.query(`SELECT COUNT(*) AS n FROM ${quoteIdent(t.name, dialect)}`);
  return Number(rows[0]?.n ?? rows[0]?.N ?? Object.values(rows[0] ?? {})[0]);
}
