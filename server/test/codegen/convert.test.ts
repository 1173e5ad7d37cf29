/**
 * Dialect conversion report: the type each column gets in another dialect
 * (the four SQL dialects and Snowflake, BigQuery, Redshift, Databricks) and
 * the lossy or approximate conversions flagged per column, from inline
 * schemas in the source dialects; and a pass over the corpus.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CONVERT_DIALECTS, convertReport, type ConvertDialect } from '../../src/engine/codegen/index.ts';
import type { SqlDialect } from '../../src/engine/syntax/sql/index.ts';
import { corpusSchemas, schemaOf } from './corpus.ts';

const PG = schemaOf('file:///pg.sql', `
CREATE TYPE mood AS ENUM ('sad', 'ok');
CREATE TABLE t (
  id serial PRIMARY KEY,
  big_money numeric(50, 4),
  price numeric(10, 2),
  tags text[],
  doc jsonb,
  m mood,
  at timestamptz,
  local timestamp,
  clock time,
  u uuid,
  name varchar(40) COLLATE "C"
);`, 'sql', 'postgres');

const MY = schemaOf('file:///my.sql', 'CREATE TABLE u (id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY, n INT UNSIGNED, s ENUM(\'a\',\'b\'));', 'sql', 'mysql' as SqlDialect);

/** `column: type [CODE kind, ...]` per column. */
function lines(report: ReturnType<typeof convertReport>): string[] {
  return report.columns.map((c) => `${c.column}: ${c.to}${c.issues.length ? ` [${c.issues.map((i) => `${i.code} ${i.kind}`).join(', ')}]` : ''}`);
}

const CASES: { name: string; schema: typeof PG; to: ConvertDialect; expected: string[] }[] = [
  {
    name: 'postgres -> bigquery',
    schema: PG,
    to: 'bigquery',
    expected: ['id: INT64 [IDENTITY lossy, KEY approximate]', 'big_money: BIGNUMERIC(42, 4) [PRECISION lossy]', 'price: NUMERIC(10, 2)', 'tags: ARRAY<STRING> [ARRAY approximate]', 'doc: JSON', 'm: STRING [ENUM approximate]', 'at: TIMESTAMP', 'local: DATETIME', 'clock: TIME', 'u: STRING [TYPE approximate]', 'name: STRING(40) [COLLATION lossy]'],
  },
  {
    name: 'postgres -> mysql',
    schema: PG,
    to: 'mysql',
    expected: ['id: INTEGER', 'big_money: DECIMAL(50, 4)', 'price: DECIMAL(10, 2)', 'tags: JSON [ARRAY approximate]', 'doc: JSON', 'm: mood', 'at: DATETIME [TIMEZONE lossy]', 'local: DATETIME', 'clock: TIME', 'u: CHAR(36) [TYPE approximate]', 'name: VARCHAR(40) [COLLATION lossy]'],
  },
  {
    name: 'postgres -> snowflake',
    schema: PG,
    to: 'snowflake',
    expected: ['id: NUMBER(38, 0) [IDENTITY approximate, KEY approximate]', 'big_money: DECIMAL(38, 4) [PRECISION lossy]', 'price: DECIMAL(10, 2)', 'tags: ARRAY [ARRAY approximate]', 'doc: VARIANT [JSON approximate]', 'm: VARCHAR [ENUM approximate]', 'at: TIMESTAMP_TZ', 'local: TIMESTAMP_NTZ', 'clock: TIME', 'u: CHAR(36) [TYPE approximate]', 'name: VARCHAR(40) [COLLATION lossy]'],
  },
  {
    name: 'postgres -> databricks',
    schema: PG,
    to: 'databricks',
    expected: ['id: BIGINT [IDENTITY approximate, KEY approximate]', 'big_money: DECIMAL(38, 4) [PRECISION lossy]', 'price: DECIMAL(10, 2)', 'tags: ARRAY<STRING>', 'doc: STRING [JSON approximate]', 'm: STRING [ENUM approximate]', 'at: TIMESTAMP', 'local: TIMESTAMP_NTZ', 'clock: STRING [TYPE approximate]', 'u: STRING [TYPE approximate]', 'name: STRING [COLLATION lossy, LENGTH approximate]'],
  },
  {
    name: 'mysql -> redshift',
    schema: MY,
    to: 'redshift',
    expected: ['id: BIGINT [UNSIGNED lossy, IDENTITY approximate, KEY approximate]', 'n: BIGINT [UNSIGNED approximate]', 's: VARCHAR(65535) [ENUM approximate]'],
  },
  {
    name: 'mysql -> sqlite',
    schema: MY,
    to: 'sqlite',
    expected: ['id: INTEGER [UNSIGNED lossy]', 'n: INTEGER [UNSIGNED approximate]', 's: TEXT [ENUM approximate]'],
  },
];

for (const c of CASES) {
  test(`convertReport: ${c.name}`, () => {
    const report = convertReport(c.schema, c.to);
    assert.deepEqual(lines(report), c.expected);
    assert.equal(report.lossy, c.expected.filter((l) => l.includes('lossy')).length);
  });
}

test('convertReport: every corpus schema converts to every dialect, one entry per column', () => {
  for (const s of corpusSchemas()) {
    const columns = s.schema.tables.filter((t) => !t.isView).reduce((n, t) => n + t.columns.length, 0);
    for (const to of CONVERT_DIALECTS) {
      const r = convertReport(s.schema, to);
      assert.equal(r.columns.length, columns, `${s.file} -> ${to}`);
      assert.ok(r.columns.every((c) => c.to.length > 0), `${s.file} -> ${to}`);
    }
  }
});
