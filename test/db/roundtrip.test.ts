/**
 * The round-trip property (issue 4): random schemas written as DDL, loaded
 * into a real PostgreSQL (or PGlite), MariaDB and SQLite, introspected with
 * plain catalog queries, must equal the generator's own schema, and
 * SchemaSage's parse of the same DDL must equal what the database reports.
 * 200 cases per dialect (SCHEMASAGE_ROUNDTRIP_RUNS to change, FC_SEED to replay).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import fc from 'fast-check';
import { introspectWithWarnings } from '../../server/src/db/introspect.ts';
import type { DbConnection } from '../../server/src/db/connection.ts';
import { getMysql, getPostgres, getSqlite } from '../util/db.ts';
import { Workspace } from '../../server/src/engine/workspace.ts';
import type { Schema } from '../../server/src/engine/model/schema.ts';

/** SchemaSage's own reading of the DDL: the schema, and its error diagnostics. */
function parseDdl(ddl: string, dialect: Dialect): { schema: Schema; errors: string[] } {
  const ws = new Workspace();
  const uri = 'file:///roundtrip/schema.sql';
  ws.setFile(uri, ddl, 0, { language: 'sql', dialect });
  const b = ws.binding();
  const schema = b.parts.find((p) => p.tables.some((t) => t.source?.uri === uri)) ?? b.parts[b.parts.length - 1];
  return { schema, errors: ws.diagnostics(uri).filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message} at ${d.span.start}`) };
}
import { arbSchema, compareSchemas, toDdl, type Dialect } from '../util/random-schema.ts';

const RUNS = Number(process.env.SCHEMASAGE_ROUNDTRIP_RUNS ?? 200);
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;

async function roundTrip(t: TestContext, dialect: Dialect, fresh: () => Promise<DbConnection>): Promise<void> {
  let cases = 0;
  let tables = 0;
  let fks = 0;
  let compositeFks = 0;
  let enums = 0;
  let parsed = 0;
  const started = performance.now();
  await fc.assert(
    fc.asyncProperty(arbSchema(), async (schema) => {
      const conn = await fresh();
      const ddl = toDdl(schema, dialect);
      try {
        await conn.exec(ddl);
      } catch (e) {
        throw new Error(`${dialect} rejected the DDL: ${e instanceof Error ? e.message : String(e)}\n${ddl}`);
      }
      const { schema: got, warnings } = await introspectWithWarnings(conn);
      const diffs = compareSchemas(schema, got, dialect);
      if (diffs.length || warnings.length) {
        throw new Error(`${dialect} round trip differs:\n  ${[...diffs, ...warnings.map((w) => `${w.code} ${w.message}`)].join('\n  ')}\nDDL:\n${ddl}`);
      }
      // the parser against the real engine: what SchemaSage reads from the DDL is what the database built
      const mine = parseDdl(ddl, dialect);
      // (the parse as `expected`, the database as `actual`: what InnoDB adds by itself, an index per foreign key, is no difference)
      const parseDiffs = [...mine.errors, ...compareSchemas(mine.schema, got, dialect)];
      if (parseDiffs.length) throw new Error(`${dialect}: SchemaSage's parse differs from the database:\n  ${parseDiffs.join('\n  ')}\nDDL:\n${ddl}`);
      parsed++;
      cases++;
      tables += schema.tables.length;
      fks += schema.relationships.length;
      compositeFks += schema.relationships.filter((r) => r.from.columns.length > 1).length;
      if (schema.enums.length) enums++;
    }),
    { numRuns: RUNS, seed: SEED, endOnFailure: true, includeErrorInReport: true },
  );
  t.diagnostic(`${dialect}: ${parsed} parses agree with the database`);
  t.diagnostic(`${dialect}: ${cases} schemas (${tables} tables, ${fks} foreign keys of which ${compositeFks} composite, ${enums} schemas with enums) round-tripped in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  assert.equal(cases, RUNS);
}

test('round trip: PostgreSQL', async (t) => {
  const db = await getPostgres(t);
  if (!db) return;
  t.diagnostic(`backend: ${db.backend}`);
  await roundTrip(t, 'postgres', async () => {
    await db.reset();
    return db.conn;
  });
});

test('round trip: MariaDB', async (t) => {
  const db = await getMysql(t);
  if (!db) return;
  await roundTrip(t, 'mysql', async () => {
    await db.reset();
    return db.conn;
  });
});

test('round trip: SQLite', async (t) => {
  let conn: DbConnection | undefined;
  await roundTrip(t, 'sqlite', async () => {
    await conn?.close();
    conn = await getSqlite();
    return conn;
  });
  await conn?.close();
});

test.todo('round trip and introspection on MySQL 8 (STATISTICS.EXPRESSION, unquoted COLUMN_DEFAULT): only MariaDB is installable here');
