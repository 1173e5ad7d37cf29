/**
 * Awkward names round-trip (issue 7): tables, columns, indexes and foreign
 * keys named with quotes, spaces, unicode and SQL keywords are created in
 * each engine, introspected (the names must come back exactly), printed as
 * DDL again (test/db/print-ddl.ts), re-parsed by SchemaSage, and the parse
 * must state the same facts as the database. The printed DDL is also loaded
 * into a second, empty database, whose introspection must be the same again.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { DbConnection } from '../../server/src/db/connection.ts';
import { introspectWithWarnings } from '../../server/src/db/introspect.ts';
import { quoteIdent } from '../../server/src/engine/codegen/quote.ts';
import type { Schema } from '../../server/src/engine/model/schema.ts';
import { Workspace } from '../../server/src/engine/workspace.ts';
import { getMysql, getPostgres, getSqlite } from '../util/db.ts';
import { coreFacts } from './facts.ts';
import { printDdl, type PrintDialect } from './print-ddl.ts';
import { renderSchema } from '../../server/src/render.ts';
import { join } from 'node:path';

const TEMPLATES = join(import.meta.dirname, '..', '..', 'templates');

/** The names under test, as the database must report them. */
const N = {
  schema: 'Straße & "Co"',
  order: 'order',
  users: 'User "Accounts"',
  select: 'select',
  groupBy: 'group by',
  cafe: 'café',
  kanji: '名前',
  id: 'id',
  apostrophe: "it's",
  orderRef: 'order ref',
  umlaut: 'Ünïcödé',
  backtick: 'back`tick',
  index: 'idx "weird" name',
  uniqueIndex: 'ünique',
  fk: 'fk: order → user',
  where: 'WHERE',
} as const;

/** The DDL that makes them, per dialect (PostgreSQL puts one table in a schema with an awkward name). */
function createDdl(d: PrintDialect): string {
  const q = (n: string) => quoteIdent(n, d, true);
  const users = d === 'postgres' ? `${q(N.schema)}.${q(N.users)}` : q(N.users);
  const int = d === 'mysql' ? 'int' : 'integer';
  return [
    d === 'postgres' ? `CREATE SCHEMA ${q(N.schema)};` : '',
    `CREATE TABLE ${q(N.order)} (
      ${q(N.select)} ${int} NOT NULL PRIMARY KEY,
      ${q(N.groupBy)} varchar(40) NOT NULL UNIQUE,
      ${q(N.cafe)} text,
      ${q(N.kanji)} varchar(10),
      ${q(N.where)} numeric(8,3)
    );`,
    `CREATE TABLE ${users} (
      ${q(N.id)} ${int} NOT NULL,
      ${q(N.apostrophe)} ${int},
      ${q(N.orderRef)} ${int} NOT NULL,
      ${q(N.umlaut)} numeric(10,2),
      ${q(N.backtick)} varchar(5),
      PRIMARY KEY (${q(N.id)}, ${q(N.orderRef)}),
      CONSTRAINT ${q(N.fk)} FOREIGN KEY (${q(N.orderRef)}) REFERENCES ${q(N.order)} (${q(N.select)}) ON DELETE CASCADE
    );`,
    `CREATE INDEX ${q(N.index)} ON ${users} (${q(N.apostrophe)}, ${q(N.umlaut)});`,
    `CREATE UNIQUE INDEX ${q(N.uniqueIndex)} ON ${q(N.order)} (${q(N.kanji)}, ${q(N.where)});`,
  ].join('\n');
}

function parse(ddl: string, dialect: PrintDialect): { schema: Schema; errors: string[] } {
  const ws = new Workspace();
  const uri = 'file:///names/schema.sql';
  ws.setFile(uri, ddl, 0, { language: 'sql', dialect });
  const b = ws.binding();
  const schema = b.parts.find((p) => p.tables.some((t) => t.source?.uri === uri)) ?? b.parts[b.parts.length - 1];
  return { schema, errors: ws.diagnostics(uri).filter((x) => x.severity === 'error').map((x) => `${x.code} ${x.message} at ${x.span.start}`) };
}

async function roundTrip(t: TestContext, dialect: PrintDialect, first: DbConnection, second: () => Promise<DbConnection>): Promise<void> {
  await first.exec(createDdl(dialect));
  const got = await introspectWithWarnings(first);
  assert.deepEqual(got.warnings, []);
  const db = got.schema;
  // the names come back exactly
  const tableNames = db.tables.map((x) => (dialect === 'postgres' && x.schema !== db.defaultSchema ? `${x.schema}.${x.name}` : x.name)).sort();
  assert.deepEqual(tableNames, [dialect === 'postgres' ? `${N.schema}.${N.users}` : N.users, N.order].sort());
  const users = db.tables.find((x) => x.name === N.users)!;
  const order = db.tables.find((x) => x.name === N.order)!;
  assert.deepEqual(users.columns.map((c) => c.name), [N.id, N.apostrophe, N.orderRef, N.umlaut, N.backtick]);
  assert.deepEqual(order.columns.map((c) => c.name), [N.select, N.groupBy, N.cafe, N.kanji, N.where]);
  assert.ok(users.indexes.some((ix) => ix.name === N.index), `index ${N.index} in ${JSON.stringify(users.indexes)}`);
  assert.ok(order.indexes.some((ix) => ix.name === N.uniqueIndex && ix.unique), `unique index ${N.uniqueIndex}`);
  // (SQLite keeps a foreign key's constraint name only in the CREATE TABLE text: introspection reads it from there)
  const fkName = N.fk;
  assert.deepEqual(db.relationships.map((r) => [r.name, r.from.table, r.from.columns, r.to.table, r.to.columns, r.onDelete]), [[fkName, N.users, [N.orderRef], N.order, [N.select], 'cascade']]);

  // import -> parse: the printed DDL reads back as the same schema
  const ddl = printDdl(db, dialect);
  const mine = parse(ddl, dialect);
  assert.deepEqual(mine.errors, [], ddl);
  const opts = { unqualified: dialect !== 'postgres' };
  const truth = coreFacts(db, opts);
  assert.deepEqual(coreFacts(mine.schema, opts), truth, ddl);
  assert.deepEqual(mine.schema.relationships.map((r) => r.name), [fkName], 'the FK constraint name survives the print');

  // the product's import (the codegen's SQL target, as "Import schema from database" writes it) reads back the same
  const imported = renderSchema(db, 'sql', { dialect, templatesDir: TEMPLATES });
  assert.ok(!('error' in imported), JSON.stringify(imported));
  const product = parse(imported.text, dialect);
  assert.deepEqual(product.errors, [], imported.text);
  assert.deepEqual(coreFacts(product.schema, opts), truth, imported.text);

  // and the printed DDL builds the same database again
  const again = await second();
  await again.exec(ddl);
  assert.deepEqual(coreFacts((await introspectWithWarnings(again)).schema, opts), truth);
  t.diagnostic(`${dialect}: ${truth.length} facts with awkward names round-tripped`);
}

test('awkward names round-trip: PostgreSQL', async (t) => {
  const db = await getPostgres(t);
  if (!db) return;
  t.diagnostic(`backend: ${db.backend}`);
  await roundTrip(t, 'postgres', db.conn, async () => {
    await db.reset();
    return db.conn;
  });
});

test('awkward names round-trip: MariaDB', async (t) => {
  const db = await getMysql(t);
  if (!db) return;
  await roundTrip(t, 'mysql', db.conn, async () => {
    await db.reset();
    return db.conn;
  });
});

test('awkward names round-trip: SQLite', async (t) => {
  const a = await getSqlite();
  const b = await getSqlite();
  try {
    await roundTrip(t, 'sqlite', a, async () => b);
  } finally {
    await a.close();
    await b.close();
  }
});
