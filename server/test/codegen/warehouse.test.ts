/**
 * Warehouse DDL (Snowflake, BigQuery, Redshift, Databricks): generated from
 * every corpus schema (first 50 tables) and the keyword fixture, it parses
 * with node-sql-parser's grammar for the warehouse (documented gaps rewritten
 * per statement, see warehouse-parse.ts) to the same tables with the same
 * column counts; names are quoted per warehouse; types, identity, keys,
 * comments and defaults are written as each warehouse takes them; and the
 * conversion report flags what the DDL leaves out.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildViewModel, convertReport, generate, WAREHOUSES, warehouseColumnDef, warehouseForeignKeys, warehouseQuote, type Warehouse } from '../../src/engine/codegen/index.ts';
import { corpusSchemas, keywordSchema, schemaOf, target } from './corpus.ts';
import { parseWarehouseDdl, statements, type ParseCheck } from './warehouse-parse.ts';

const schemas = corpusSchemas();

function ddl(schema: Parameters<typeof generate>[0], wh: Warehouse, dialect?: string, options?: Record<string, unknown>): string {
  const r = generate(schema, target(`sql-${wh}`), { dialect, options });
  assert.deepEqual(r.diagnostics, [], `sql-${wh}`);
  assert.equal(r.files.length, 1);
  return r.files[0].content;
}


for (const wh of WAREHOUSES) {
  test(`sql-${wh}: DDL of every corpus schema parses with node-sql-parser to the model's tables and column counts`, () => {
    assert.ok(schemas.length > 1);
    const total: ParseCheck = { tables: [], asIs: 0, rewritten: 0, skipped: 0, gaps: new Map(), errors: [], foreignKeys: 0 };
    for (const s of schemas) {
      const sql = ddl(s.schema, wh, s.dialect);
      const before = total.tables.length;
      const fksBefore = total.foreignKeys;
      parseWarehouseDdl(sql, wh, total);
      assert.deepEqual(total.errors, [], `${s.file} -> ${wh}`);
      const vm = buildViewModel(s.schema, target(`sql-${wh}`).manifest, { dialect: s.dialect });
      const parsed = total.tables.slice(before);
      assert.deepEqual(parsed.map((t) => t.columns), vm.tables.map((t) => t.columns.length), `${s.file} -> ${wh}: columns per table`);
      assert.equal(parsed.length, vm.tables.length, `${s.file} -> ${wh}: tables`);
      assert.equal(total.foreignKeys - fksBefore, vm.tables.reduce((n, t) => n + warehouseForeignKeys(t, wh).length, 0), `${s.file} -> ${wh}: foreign keys`);
    }
    const statementsSeen = total.asIs + total.rewritten + total.skipped;
    // the figures for the report: how much node-sql-parser saw as written
    console.log(`# ${wh}: ${schemas.length} schemas, ${total.tables.length} tables, ${statementsSeen} statements: ${total.asIs} parsed as written, ${total.rewritten} after a documented gap's rewrite, ${total.skipped} left out; gaps ${JSON.stringify(Object.fromEntries(total.gaps))}`);
    assert.ok(total.asIs > 0);
  });
}

const fixture = keywordSchema();

/** Each expected line must appear in the output (trimmed lines compared). */
function hasLines(sql: string, expected: string[], label: string): void {
  const lines = new Set(sql.split('\n').map((l) => l.trim()));
  assert.deepEqual(expected.filter((e) => !lines.has(e)), [], `${label}: lines not found`);
}

const KEYWORD_LINES: Record<Warehouse, string[]> = {
  // unquoted names fold to upper case; a name that must be quoted is written as Snowflake folds names
  snowflake: ['CREATE TABLE class (', '"FROM" VARCHAR(20) NOT NULL COMMENT \'a keyword column\',', '"SELECT" NUMBER(38, 0),', '"MY COL" VARCHAR,', '"2FA" BOOLEAN DEFAULT FALSE,', '"ORDER" NUMBER(38, 0),', '"USER-ID" NUMBER(38, 0),', 'CREATE TABLE "USER" (', '"DEFAULT" VARCHAR,', 'UNIQUE ("DEFAULT")', 'CREATE TABLE "ORDER ITEMS" ('],
  bigquery: ['CREATE TABLE `public`.class (', '`from` STRING(20) NOT NULL OPTIONS(description = \'a keyword column\'),', '`select` INT64,', '`my col` STRING,', '`2fa` BOOL DEFAULT FALSE,', '`user-id` INT64,', 'CREATE TABLE `public`.`user` (', '`default` STRING,', 'CREATE TABLE `public`.`order items` ('],
  redshift: ['CREATE TABLE class (', '"from" VARCHAR(20) NOT NULL,', '"select" INTEGER,', '"my col" VARCHAR(65535),', '"2fa" BOOLEAN DEFAULT FALSE,', '"user-id" INTEGER,', 'CREATE TABLE "user" (', '"default" VARCHAR(65535),', 'COMMENT ON COLUMN class."from" IS \'a keyword column\';', 'CREATE TABLE "order items" ('],
  databricks: ['CREATE TABLE class (', '`from` STRING NOT NULL COMMENT \'a keyword column\',', '`select` INT,', '`my col` STRING,', '`2fa` BOOLEAN DEFAULT FALSE,', '`user-id` INT,', 'CREATE TABLE `user` (', '`default` STRING,', 'CREATE TABLE order_items (', "TBLPROPERTIES ('delta.feature.allowColumnDefaults' = 'supported', 'delta.columnMapping.mode' = 'name');"],
};

for (const wh of WAREHOUSES) {
  test(`keywords and non-identifiers in sql-${wh}`, () => hasLines(ddl(fixture.schema, wh, 'postgres'), KEYWORD_LINES[wh], wh));
}

test('Snowflake preserveCase quotes every name that is not all upper case, as written', () => {
  hasLines(ddl(fixture.schema, 'snowflake', 'postgres', { preserveCase: true }), ['CREATE TABLE "class" (', '"from" VARCHAR(20) NOT NULL COMMENT \'a keyword column\',', '"my col" VARCHAR,', '"Order" NUMBER(38, 0),', 'CREATE TABLE "user" ('], 'preserveCase');
  assert.equal(warehouseQuote('ID', 'snowflake', true), 'ID');
});

const quoteCases: [string, Warehouse, string][] = [
  ['plain_name', 'snowflake', 'plain_name'],
  ['Mixed', 'snowflake', 'Mixed'],
  ['qualify', 'snowflake', '"QUALIFY"'],
  ['a"b', 'snowflake', '"A""B"'],
  ['with$dollar', 'snowflake', 'with$dollar'],
  ['struct', 'bigquery', '`struct`'],
  ['a`b', 'bigquery', '`a\\`b`'],
  ['with$dollar', 'bigquery', '`with$dollar`'],
  ['az64', 'redshift', '"az64"'],
  ['Mixed', 'redshift', 'Mixed'],
  ['a`b', 'databricks', '`a``b`'],
  ['time', 'databricks', '`time`'],
];

test('warehouseQuote: keywords of each warehouse and non-identifiers are quoted its way', () => {
  for (const [name, wh, expected] of quoteCases) assert.equal(warehouseQuote(name, wh), expected, `${wh} ${name}`);
});

const PG = schemaOf('file:///wh.sql', `
CREATE TYPE mood AS ENUM ('sad', 'ok');
CREATE TABLE account (
  id bigserial PRIMARY KEY,
  email varchar(200) NOT NULL UNIQUE,
  balance numeric(50, 4),
  ratio numeric,
  tags text[],
  doc jsonb DEFAULT '{}'::jsonb,
  m mood NOT NULL DEFAULT 'ok',
  seen timestamptz DEFAULT now(),
  born date DEFAULT current_date,
  active boolean NOT NULL DEFAULT true,
  token uuid DEFAULT gen_random_uuid(),
  shape geometry,
  small smallint
);
COMMENT ON TABLE account IS 'People''s accounts';
COMMENT ON COLUMN account.email IS 'Login\\name';
CREATE INDEX account_seen ON account (seen);
CREATE TABLE entry (
  id serial PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  parent_code int REFERENCES entry (code),
  code int UNIQUE,
  amount numeric(10, 2) CHECK (amount > 0)
);
CREATE TABLE tag_link (
  account_id bigint NOT NULL,
  tag varchar(20) NOT NULL,
  PRIMARY KEY (account_id, tag)
);`, 'sql', 'postgres');

/** The `CREATE TABLE` statement of a table in the DDL. */
function createOf(sql: string, name: RegExp): string {
  const s = statements(sql).find((x) => x.startsWith('CREATE TABLE') && name.test(x.split('\n')[0]));
  assert.ok(s, `CREATE TABLE ${name}`);
  return s;
}

const DDL_CASES: { wh: Warehouse; lines: string[]; absent?: RegExp[] }[] = [
  {
    wh: 'snowflake',
    lines: ['id NUMBER(38, 0) NOT NULL AUTOINCREMENT,', "email VARCHAR(200) NOT NULL COMMENT 'Login\\\\name',", 'balance DECIMAL(38, 4),', 'ratio DECIMAL(38, 9),', 'tags ARRAY,', 'doc VARIANT,', "m VARCHAR NOT NULL DEFAULT 'ok',", 'seen TIMESTAMP_TZ DEFAULT CURRENT_TIMESTAMP(),', 'born DATE DEFAULT CURRENT_DATE(),', 'active BOOLEAN NOT NULL DEFAULT TRUE,', 'token CHAR(36),', 'shape GEOMETRY,', 'small NUMBER(38, 0),', 'PRIMARY KEY (id),', 'UNIQUE (email)', ") COMMENT = 'People''s accounts';"],
    absent: [/CREATE INDEX/, /CHECK/, /ON DELETE/],
  },
  {
    wh: 'bigquery',
    lines: ['id INT64 NOT NULL,', "email STRING(200) NOT NULL OPTIONS(description = 'Login\\\\name'),", 'balance BIGNUMERIC(42, 4),', 'ratio NUMERIC,', 'tags ARRAY<STRING>,', 'doc JSON,', "m STRING DEFAULT 'ok' NOT NULL,", 'seen TIMESTAMP DEFAULT CURRENT_TIMESTAMP(),', 'born DATE DEFAULT CURRENT_DATE(),', 'active BOOL DEFAULT TRUE NOT NULL,', 'token STRING,', 'shape GEOGRAPHY,', 'PRIMARY KEY (id) NOT ENFORCED', "OPTIONS(description = 'People\\'s accounts');"],
    absent: [/UNIQUE/, /AUTO|IDENTITY/],
  },
  {
    wh: 'redshift',
    lines: ['id BIGINT IDENTITY(1, 1) NOT NULL,', 'email VARCHAR(200) NOT NULL,', 'balance DECIMAL(38, 4),', 'ratio DECIMAL(38, 9),', 'tags SUPER,', 'doc SUPER,', "m VARCHAR(65535) DEFAULT 'ok' NOT NULL,", 'seen TIMESTAMPTZ DEFAULT GETDATE(),', 'born DATE DEFAULT CURRENT_DATE,', 'active BOOLEAN DEFAULT TRUE NOT NULL,', 'shape GEOMETRY,', 'small SMALLINT,', "COMMENT ON TABLE account IS 'People''s accounts';", "COMMENT ON COLUMN account.email IS 'Login\\\\name';"],
  },
  {
    wh: 'databricks',
    lines: ['id BIGINT GENERATED BY DEFAULT AS IDENTITY NOT NULL,', "email STRING NOT NULL COMMENT 'Login\\\\name',", 'balance DECIMAL(38, 4),', 'ratio DECIMAL(38, 9),', 'tags ARRAY<STRING>,', 'doc STRING,', "m STRING NOT NULL DEFAULT 'ok',", 'seen TIMESTAMP DEFAULT CURRENT_TIMESTAMP(),', 'active BOOLEAN NOT NULL DEFAULT TRUE,', 'shape STRING,', 'CONSTRAINT account_pk PRIMARY KEY (id)', 'USING DELTA', "COMMENT 'People\\'s accounts'", "TBLPROPERTIES ('delta.feature.allowColumnDefaults' = 'supported');"],
    absent: [/UNIQUE/],
  },
];

for (const c of DDL_CASES) {
  test(`sql-${c.wh}: types, identity, defaults, keys and comments as ${c.wh} takes them`, () => {
    const sql = ddl(PG, c.wh, 'postgres');
    hasLines(sql, c.lines, c.wh);
    for (const re of c.absent ?? []) assert.doesNotMatch(createOf(sql, /account/i), re);
    // jsonb and gen_random_uuid() defaults carry over to no warehouse: left out of the table, listed under it
    assert.doesNotMatch(createOf(sql, /account/i), /'\{\}'|gen_random_uuid/);
    assert.match(sql, /-- account\.token: default gen_random_uuid\(\) is not carried over/);
    assert.match(sql, /-- account: index account_seen \(seen\) is not created/);
  });
}

test('foreign keys: informational ALTER TABLE after every table, only those the warehouse can declare', () => {
  const fks = (wh: Warehouse) => statements(ddl(PG, wh, 'postgres')).filter((s) => s.startsWith('ALTER TABLE'));
  // entry.parent_code references entry(code): unique, not the primary key, and its own table
  assert.deepEqual(fks('snowflake'), ['ALTER TABLE entry ADD CONSTRAINT fk_entry_account_id FOREIGN KEY (account_id) REFERENCES "ACCOUNT" (id)', 'ALTER TABLE entry ADD CONSTRAINT fk_entry_parent_code FOREIGN KEY (parent_code) REFERENCES entry (code)']);
  assert.deepEqual(fks('redshift'), ['ALTER TABLE entry ADD CONSTRAINT fk_entry_account_id FOREIGN KEY (account_id) REFERENCES account (id)', 'ALTER TABLE entry ADD CONSTRAINT fk_entry_parent_code FOREIGN KEY (parent_code) REFERENCES entry (code)']);
  assert.deepEqual(fks('databricks'), ['ALTER TABLE entry ADD CONSTRAINT fk_entry_account_id FOREIGN KEY (account_id) REFERENCES account (id)']);
  assert.deepEqual(fks('bigquery'), ['ALTER TABLE `public`.entry ADD CONSTRAINT fk_entry_account_id FOREIGN KEY (account_id) REFERENCES `public`.account (id) NOT ENFORCED']);
});

test('BigQuery: the dataset option names the default schema\'s dataset; datasets are created first', () => {
  const sql = ddl(PG, 'bigquery', 'postgres', { dataset: 'analytics' });
  assert.equal(statements(sql)[0], 'CREATE SCHEMA IF NOT EXISTS analytics');
  assert.match(sql, /CREATE TABLE analytics\.account \(/);
});

/** `column: CODE kind, …` for the columns of a report with issues of the given codes. */
function issueLines(wh: Warehouse, codes: string[]): string[] {
  const r = convertReport(PG, wh);
  return r.columns.map((c) => `${c.column}: ${c.issues.filter((i) => codes.includes(i.code)).map((i) => `${i.code} ${i.kind}`).join(', ')}`).filter((l) => !l.endsWith(': '));
}

test('convertReport to a warehouse: defaults, keys and foreign keys the DDL cannot carry are flagged per column', () => {
  assert.deepEqual(issueLines('databricks', ['DEFAULT', 'KEY', 'UNIQUE', 'FOREIGN_KEY']), [
    'id: KEY approximate', 'email: UNIQUE lossy', 'doc: DEFAULT lossy', 'token: DEFAULT lossy',
    'id: KEY approximate', 'account_id: FOREIGN_KEY approximate', 'parent_code: FOREIGN_KEY lossy', 'code: UNIQUE lossy',
  ]);
  assert.deepEqual(issueLines('snowflake', ['DEFAULT', 'KEY', 'UNIQUE', 'FOREIGN_KEY']), [
    'id: KEY approximate', 'email: UNIQUE approximate', 'doc: DEFAULT lossy', 'token: DEFAULT lossy',
    'id: KEY approximate', 'account_id: FOREIGN_KEY approximate', 'parent_code: FOREIGN_KEY approximate', 'code: UNIQUE approximate',
  ]);
  const bq = convertReport(PG, 'bigquery');
  const fk = bq.columns.find((c) => c.column === 'account_id')!.issues.find((i) => i.code === 'FOREIGN_KEY')!;
  assert.match(fk.message, /informational: not enforced; ON DELETE CASCADE dropped/);
  assert.match(bq.columns.find((c) => c.column === 'm')!.issues.find((i) => i.code === 'ENUM')!.message, /values: 'sad', 'ok'/);
});

test('convertReport to a warehouse: indexes and checks are table-level lines', () => {
  const r = convertReport(PG, 'redshift');
  assert.deepEqual(r.tables.map((t) => `${t.table}: ${t.issues.map((i) => `${i.code} ${i.kind}`).join(', ')}`), ['public.account: INDEX approximate', 'public.tag_link: KEY approximate']);
  assert.deepEqual(r.columns.find((c) => c.column === 'amount')!.issues.map((i) => `${i.code} ${i.kind}`), ['CHECK lossy']);
});

test('the report\'s types are the DDL\'s types, for every column of every corpus schema', () => {
  let columns = 0;
  for (const wh of WAREHOUSES) {
    for (const s of schemas) {
      const r = convertReport(s.schema, wh);
      const vm = buildViewModel(s.schema, target(`sql-${wh}`).manifest, { dialect: s.dialect });
      const defs = vm.tables.flatMap((t) => t.columns.map((c) => warehouseColumnDef(t, c, wh)));
      assert.equal(defs.length, r.columns.length, `${s.file} -> ${wh}`);
      const differ = r.columns.filter((c, i) => !defs[i].startsWith(`${warehouseQuote(c.column, wh)} ${c.to}`)).map((c, i) => `${c.table}.${c.column}: report ${c.to}, DDL ${defs[i]}`);
      assert.deepEqual(differ.slice(0, 5), [], `${s.file} -> ${wh}`);
      columns += defs.length;
    }
  }
  assert.ok(columns > 1000);
});

test('an integer foreign key is typed like the identity it references (Databricks identities are BIGINT)', () => {
  const s = schemaOf('file:///fk.dbml', 'Table a {\n  id int [pk, increment]\n}\nTable b {\n  id int [pk]\n  a_id int [ref: > a.id]\n}\n', 'dbml');
  const sql = ddl(s, 'databricks');
  hasLines(sql, ['id BIGINT GENERATED BY DEFAULT AS IDENTITY NOT NULL,', 'a_id BIGINT,', 'id INT NOT NULL,'], 'databricks');
  const col = convertReport(s, 'databricks').columns.find((c) => c.column === 'a_id')!;
  assert.equal(col.to, 'BIGINT');
  assert.deepEqual(col.issues.map((i) => `${i.code} ${i.kind}`), ['TYPE approximate', 'FOREIGN_KEY approximate']);
  // Snowflake types every integer NUMBER(38, 0): nothing to align
  assert.deepEqual(convertReport(s, 'snowflake').columns.find((c) => c.column === 'a_id')!.issues.map((i) => i.code), ['FOREIGN_KEY']);
});

test('schemasage convert --to <warehouse> prints the DDL on stdout and the conversion issues on stderr', async () => {
  const { runConvert } = await import('../../src/cli/commands/generate.ts');
  const { REPO } = await import('./corpus.ts');
  for (const wh of WAREHOUSES) {
    let out = '';
    let err = '';
    const code = await runConvert({ paths: ['examples/dbml'], to: wh, cwd: REPO }, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
    assert.equal(code, 0, err);
    const check = parseWarehouseDdl(out, wh);
    assert.deepEqual(check.errors, [], wh);
    assert.ok(check.tables.length > 3, wh);
    assert.match(err, new RegExp(`\\d+ columns: \\d+ lossy, \\d+ approximate conversions to ${wh}\\n$`));
    assert.match(err, /: approximate INDEX index /);
    assert.doesNotMatch(err, /not written yet/);
  }
});

test('string literals (comments, defaults) never break out of their quotes, whatever the text', async () => {
  const fc = (await import('fast-check')).default;
  const base = schemaOf('file:///lit.dbml', "Table t {\n  id int [pk]\n  s varchar(20) [note: 'x', default: 'x']\n  n text\n}\n", 'dbml');
  const text = fc.string({ unit: fc.constantFrom('a', "'", '"', '`', '\\', '\n', ';', ')', ' ', '--', '/*', 'é') , maxLength: 24 });
  for (const wh of WAREHOUSES) {
    fc.assert(fc.property(text, (s) => {
      const schema = structuredClone(base);
      const col = schema.tables[0].columns[1];
      col.note = s.trim() ? s : 'x';
      col.default = { kind: 'string', value: s };
      const check = parseWarehouseDdl(ddl(schema, wh), wh);
      return check.errors.length === 0 && check.tables.length === 1 && check.tables[0].columns === 3;
    }), { numRuns: 150 });
  }
});

test('schemasage convert to an OLTP dialect types columns from the source dialect (a PostgreSQL timestamptz is no MySQL type)', async (t) => {
  const { runConvert } = await import('../../src/cli/commands/generate.ts');
  const { REPO, CORPUS } = await import('./corpus.ts');
  const { existsSync } = await import('node:fs');
  const file = `${CORPUS}/postgres/pagila-schema.sql`;
  if (!existsSync(file)) return t.skip('no corpus');
  let out = '';
  const code = await runConvert({ paths: [file], to: 'mysql', cwd: REPO }, { stdout: (x) => (out += x), stderr: () => {} });
  assert.equal(code, 0);
  assert.doesNotMatch(out, /with time zone|timestamptz/i);
  assert.match(out, /`?last_update`? DATETIME NOT NULL/);
});
