/**
 * Row-count estimates (issue 7): the catalog mappers' reading of
 * `pg_class.reltuples`, `information_schema.TABLES.TABLE_ROWS` and SQLite's
 * `sqlite_stat1` / bounded `count(*)`, as tables of inline rows; then the
 * same against the real engines (PostgreSQL server or PGlite, MariaDB when
 * present, sql.js).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { introspectWithWarnings } from '../../server/src/db/introspect.ts';
import { applySqliteStat1, mapMysql, mapPostgres, rowEstimate, setRowEstimate, sqliteCountQueries, sqliteCountableTables, type RowEstimate } from '../../server/src/engine/introspect/index.ts';
import { emptySchema, type Schema } from '../../server/src/engine/model/schema.ts';
import { formatRowCount } from '../../client/src/connections/model.ts';
import { getMysql, getPostgres, getSqlite } from '../util/db.ts';

/** table name -> its estimate (`undefined` = unknown), for every table of the schema */
function estimates(schema: Schema): Record<string, RowEstimate | undefined> {
  const out: Record<string, RowEstimate | undefined> = {};
  for (const t of schema.tables) out[t.name] = rowEstimate(t.settings);
  return out;
}

test('rowEstimate / setRowEstimate: what counts as known', () => {
  const cases: [string, number | undefined, boolean, RowEstimate | undefined][] = [
    ['a count', 12345, false, { rows: 12345, exact: false }],
    ['a fractional statistic is rounded', 1234.6, false, { rows: 1235, exact: false }],
    ['zero is known', 0, false, { rows: 0, exact: false }],
    ['exact', 7, true, { rows: 7, exact: true }],
    ['-1 (never analysed) is unknown', -1, false, undefined],
    ['NaN is unknown', Number.NaN, false, undefined],
    ['missing is unknown', undefined, false, undefined],
  ];
  for (const [name, rows, exact, expected] of cases) {
    const settings: Record<string, string> = {};
    setRowEstimate(settings, rows, exact);
    assert.deepEqual(rowEstimate(settings), expected, name);
  }
  assert.equal(rowEstimate({ estimatedRows: 'lots' }), undefined);
  // a later statistic replaces an exact count and its mark
  const s: Record<string, string> = {};
  setRowEstimate(s, 3, true);
  setRowEstimate(s, 9);
  assert.deepEqual(rowEstimate(s), { rows: 9, exact: false });
});

test('PostgreSQL mapping: reltuples per relation kind', () => {
  const row = (name: string, kind: string, estimate: unknown) => ({ schema: 'public', name, kind, estimate, comment: null, is_partition: false });
  const { schema } = mapPostgres({
    info: [{ current_schema: 'public', schemas: '{public}' }],
    tables: [row('big', 'r', 98765.4), row('never', 'r', -1), row('empty', 'r', '0'), row('v', 'v', 0), row('mv', 'm', 12), row('parent', 'p', -1), row('odd', 'r', 'x')],
    columns: [],
    constraints: [],
    indexes: [],
    enums: [],
  });
  assert.deepEqual(estimates(schema), {
    big: { rows: 98765, exact: false },
    never: undefined,
    empty: { rows: 0, exact: false },
    v: undefined,
    mv: { rows: 12, exact: false },
    parent: undefined,
    odd: undefined,
  });
});

test('MySQL/MariaDB mapping: TABLE_ROWS, NULL for views', () => {
  const row = (name: string, type: string, estimate: unknown) => ({ name, type, comment: '', estimate, engine: type === 'VIEW' ? null : 'InnoDB' });
  const empty = { columns: [], keys: [], referential: [], checks: [], indexes: [] };
  const { schema } = mapMysql('mariadb', 'shop', [{ database: 'shop', rows: { tables: [row('orders', 'BASE TABLE', '4200'), row('v', 'VIEW', null), row('fresh', 'BASE TABLE', 0)], ...empty } }]);
  assert.deepEqual(estimates(schema), { orders: { rows: 4200, exact: false }, v: undefined, fresh: { rows: 0, exact: false } });
});

test('SQLite sqlite_stat1: the largest first number per table, by name case-insensitively', () => {
  const schema = emptySchema('main');
  for (const name of ['a', 'B', 'c', 'v']) schema.tables.push({ key: `main.${name}`, schema: 'main', name, columns: [], indexes: [], checks: [], settings: {}, ...(name === 'v' ? { isView: true } : {}) });
  const done = applySqliteStat1(schema, [
    { tbl: 'a', idx: 'a_x', stat: '1000 10 1' },
    { tbl: 'a', idx: 'a_partial', stat: '40 2' },
    { tbl: 'b', idx: null, stat: '77' },
    { tbl: 'v', idx: null, stat: '5' },
    { tbl: 'gone', idx: null, stat: '3' },
    { tbl: 'c', idx: 'c_x', stat: 'garbage' },
  ]);
  assert.deepEqual([...done].sort(), ['B', 'a']);
  assert.deepEqual(estimates(schema), { a: { rows: 1000, exact: false }, B: { rows: 77, exact: false }, c: undefined, v: undefined });
});

test('SQLite counting: only real tables, quoted, in batches of 200', () => {
  const objects = [
    { type: 'table', name: 'plain', sql: 'CREATE TABLE plain (a)' },
    { type: 'table', name: 'we"ird', sql: 'CREATE TABLE "we""ird" (a)' },
    { type: 'table', name: 'docs', sql: 'CREATE VIRTUAL TABLE docs USING fts5(body)' },
    { type: 'view', name: 'v', sql: 'CREATE VIEW v AS SELECT 1' },
    { type: 'index', name: 'i', sql: 'CREATE INDEX i ON plain (a)' },
  ];
  const tables = sqliteCountableTables(objects);
  assert.deepEqual(tables, ['plain', 'we"ird']);
  const [q] = sqliteCountQueries(tables);
  assert.equal(q?.sql, 'SELECT (SELECT count(*) FROM main."plain") AS "0", (SELECT count(*) FROM main."we""ird") AS "1"');
  const many = sqliteCountQueries(Array.from({ length: 450 }, (_, i) => `t${i}`));
  assert.deepEqual(many.map((b) => b.tables.length), [200, 200, 50]);
  assert.equal(many[2]?.tables[0], 't400');
});

test('SQLite live: counted when small, sqlite_stat1 after ANALYZE, unknown past the size limit', async () => {
  const conn = await getSqlite();
  try {
    await conn.exec(`CREATE TABLE a (id INTEGER PRIMARY KEY, x TEXT);
      CREATE TABLE "b c" (id INT) ; CREATE INDEX b_id ON "b c" (id);
      CREATE TABLE w (k TEXT PRIMARY KEY) WITHOUT ROWID;
      CREATE VIEW v AS SELECT * FROM a;
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1234) INSERT INTO a SELECT i, 'x' FROM n;
      INSERT INTO w VALUES ('p'), ('q');`);
    let r = await introspectWithWarnings(conn);
    assert.deepEqual(estimates(r.schema), { a: { rows: 1234, exact: true }, 'b c': { rows: 0, exact: true }, w: { rows: 2, exact: true }, v: undefined });
    assert.deepEqual(r.warnings, []);

    // ANALYZE fills sqlite_stat1: its (now stale) figure wins over counting; tables it skipped are still counted
    await conn.exec('ANALYZE; INSERT INTO a (x) VALUES (\'late\');');
    r = await introspectWithWarnings(conn);
    const e = estimates(r.schema);
    // (an empty table gets no sqlite_stat1 row)
    assert.deepEqual(e, { a: { rows: 1234, exact: false }, 'b c': { rows: 0, exact: true }, w: { rows: 2, exact: false }, v: undefined });

    // a file above the limit is never counted: only statistics remain
    r = await introspectWithWarnings(conn, { sqliteCountLimitBytes: 1 });
    assert.deepEqual(estimates(r.schema), { a: { rows: 1234, exact: false }, 'b c': undefined, w: { rows: 2, exact: false }, v: undefined });
  } finally {
    await conn.close();
  }
});

test('PostgreSQL live: reltuples after ANALYZE, unknown when never analysed, none for views', async (t) => {
  const db = await getPostgres(t);
  if (!db) return;
  await db.conn.exec(`CREATE TABLE big (id int PRIMARY KEY, v text);
    INSERT INTO big SELECT g, 'x' || g FROM generate_series(1, 5000) g;
    CREATE TABLE never (id int);
    CREATE VIEW big_v AS SELECT id FROM big;
    CREATE MATERIALIZED VIEW big_m AS SELECT id FROM big WHERE id <= 300;
    ANALYZE big; ANALYZE big_m;`);
  const { schema, warnings } = await introspectWithWarnings(db.conn);
  assert.deepEqual(warnings, []);
  assert.deepEqual(estimates(schema), { big: { rows: 5000, exact: false }, big_m: { rows: 300, exact: false }, big_v: undefined, never: undefined });
});

test('MariaDB live: TABLE_ROWS after ANALYZE TABLE (InnoDB estimate, Aria exact), none for views', async (t) => {
  const db = await getMysql(t);
  if (!db) return;
  await db.conn.exec(`CREATE TABLE orders (id int PRIMARY KEY, v varchar(20)) ENGINE=InnoDB;
    INSERT INTO orders SELECT seq, CONCAT('x', seq) FROM seq_1_to_3000;
    CREATE TABLE small (id int PRIMARY KEY) ENGINE=Aria;
    INSERT INTO small VALUES (1), (2), (3), (4), (5), (6), (7);
    CREATE VIEW orders_v AS SELECT id FROM orders;
    ANALYZE TABLE orders, small;`);
  const { schema, warnings } = await introspectWithWarnings(db.conn, { schemas: [db.database] });
  assert.deepEqual(warnings, []);
  const e = estimates(schema);
  const orders = e['orders'];
  assert.ok(orders && !orders.exact && Math.abs(orders.rows - 3000) <= 300, `InnoDB estimate near 3000: ${JSON.stringify(orders)}`);
  assert.deepEqual(e['small'], { rows: 7, exact: false });
  assert.equal(e['orders_v'], undefined);
});

test('formatRowCount: grouped digits in the display language', () => {
  const cases: [number, string, string][] = [
    [12345, 'en', '12,345'],
    [12345, 'de', '12.345'],
    [1234567, 'fr', '1\u202f234\u202f567'],
    [0, 'en', '0'],
    [999, 'en', '999'],
  ];
  for (const [n, locale, expected] of cases) assert.equal(formatRowCount(n, locale), expected, `${n} ${locale}`);
});
