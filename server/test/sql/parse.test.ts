/**
 * DDL parser: per statement kind and dialect, one statement -> a compact
 * summary of its AST (names as the reader folds them, flags, references), and
 * error recovery: a broken statement reports an error inside itself while the
 * statements around it still parse; the cache reuses unchanged statements.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSql, SqlParseCache, type SqlColumnDef, type SqlDialect, type SqlQName, type SqlStatement, type SqlTableConstraint } from '../../src/engine/syntax/sql/index.js';

const q = (n: SqlQName): string => n.parts.map((p) => p.text).join('.');

function col(c: SqlColumnDef): string {
  const bits = [c.name.text];
  if (c.type) bits.push(c.type.name + (c.type.args.length ? `(${c.type.args.join(',')})` : '') + (c.type.isArray ? '[]' : ''));
  if (c.notNull === true) bits.push('notnull');
  if (c.notNull === false) bits.push('null');
  if (c.primaryKey) bits.push('pk');
  if (c.unique) bits.push('unique');
  if (c.autoIncrement) bits.push('ai');
  if (c.default !== undefined) bits.push(`default=${c.default}`);
  if (c.generated !== undefined) bits.push(`gen=${c.generated}`);
  if (c.collate) bits.push(`collate=${c.collate}`);
  if (c.comment !== undefined) bits.push(`comment=${c.comment}`);
  for (const ch of c.checks) bits.push(`check=${ch}`);
  if (c.references) bits.push(`ref=${q(c.references.table)}(${c.references.columns.map((x) => x.text).join(',')})${c.references.onDelete ? ' del=' + c.references.onDelete : ''}${c.references.onUpdate ? ' upd=' + c.references.onUpdate : ''}`);
  return bits.join(' ');
}

function con(c: SqlTableConstraint): string {
  const parts = c.parts.map((p) => p.column?.text ?? `expr:${p.expression}`).join(',');
  let s = `${c.kind}${c.name ? ' ' + c.name.text : ''}(${parts})`;
  if (c.references) s += ` -> ${q(c.references.table)}(${c.references.columns.map((x) => x.text).join(',')})${c.references.onDelete ? ' del=' + c.references.onDelete : ''}${c.references.onUpdate ? ' upd=' + c.references.onUpdate : ''}`;
  if (c.expression) s += ` ${c.expression}`;
  if (c.indexType) s += ` [${c.indexType}]`;
  return s;
}

/** A stable, readable projection of a statement. */
function summary(st: SqlStatement): unknown {
  switch (st.kind) {
    case 'createTable':
      return { kind: st.kind, name: q(st.name), columns: st.columns.map(col), constraints: st.constraints.map(con), ...(Object.keys(st.settings).length ? { settings: st.settings } : {}), ...(st.partitionOf ? { partitionOf: q(st.partitionOf) } : {}), ...(st.comment ? { comment: st.comment } : {}) };
    case 'alterTable':
      return {
        kind: st.kind,
        name: q(st.name),
        actions: st.actions.map((a) => {
          switch (a.kind) {
            case 'addColumn':
              return `add ${col(a.column)}`;
            case 'dropColumn':
              return `drop ${a.name.text}`;
            case 'alterColumn':
              return `alter ${a.name.text}${a.type ? ' type ' + a.type.name : ''}${a.notNull !== undefined ? ' notnull=' + a.notNull : ''}${a.setDefault ? ' default=' + a.setDefault : ''}${a.dropDefault ? ' dropdefault' : ''}`;
            case 'changeColumn':
              return `change ${a.from.text} -> ${col(a.column)}`;
            case 'renameColumn':
              return `rename ${a.from.text} -> ${a.to.text}`;
            case 'addConstraint':
              return `add ${con(a.constraint)}`;
            case 'dropConstraint':
              return `dropconstraint ${a.name.text}`;
            case 'renameTo':
              return `renameto ${q(a.to)}`;
            case 'attachPartition':
              return `attach ${q(a.partition)}`;
            case 'other':
              return 'other';
          }
        }),
      };
    case 'createIndex':
      return { kind: st.kind, name: st.name?.text, table: q(st.table), unique: st.unique, using: st.using, parts: st.parts.map((p) => p.column ? p.column.text + (p.desc ? ' desc' : '') : `expr:${p.expression}`), include: st.include.map((i) => i.text), where: st.where };
    case 'createEnum':
      return { kind: st.kind, name: q(st.name), values: st.values.map((v) => v.text) };
    case 'alterEnum':
      return { kind: st.kind, name: q(st.name), add: st.addValue?.text, rename: st.renameValue };
    case 'createDomain':
      return { kind: st.kind, name: q(st.name), type: st.type?.name, notNull: st.notNull, default: st.default, checks: st.checks };
    case 'commentOn':
      return { kind: st.kind, target: st.target, name: q(st.name), text: st.text };
    case 'createSchema':
      return { kind: st.kind, name: st.name.text };
    case 'createView':
      return { kind: st.kind, name: q(st.name), materialized: st.materialized, columns: st.columns.map((c) => c.text) };
    case 'createSequence':
      return { kind: st.kind, name: q(st.name) };
    case 'drop':
      return { kind: st.kind, object: st.object, names: st.names.map(q), ifExists: st.ifExists };
    case 'setSearchPath':
      return { kind: st.kind, schemas: st.schemas };
    case 'renameIndex':
      return { kind: st.kind, name: q(st.name), to: st.to.text };
    case 'use':
      return { kind: st.kind, name: st.name.text };
    case 'other':
      return { kind: st.kind, keyword: st.keyword, unsupported: st.unsupported };
  }
}

function one(dialect: SqlDialect, sql: string): { st: SqlStatement; errors: string[] } {
  const f = parseSql(sql, dialect);
  assert.equal(f.statements.length, 1, `expected one statement in ${sql}`);
  return { st: f.statements[0], errors: f.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message) };
}

const cases: { dialect: SqlDialect; sql: string; expected: unknown }[] = [
  // ---- CREATE TABLE, PostgreSQL
  {
    dialect: 'postgres',
    sql: `CREATE TABLE IF NOT EXISTS Public."Users" (
      id bigserial PRIMARY KEY,
      Email varchar(255) NOT NULL UNIQUE COLLATE "C",
      "Role" public.role_t DEFAULT 'member'::public.role_t,
      tags text[] DEFAULT '{}'::text[],
      created timestamp(3) with time zone NOT NULL DEFAULT now(),
      price numeric(10, 2) CHECK (price > 0),
      org_id integer REFERENCES orgs (id) ON DELETE CASCADE ON UPDATE SET NULL,
      ident int GENERATED BY DEFAULT AS IDENTITY (START WITH 10),
      total int GENERATED ALWAYS AS (price * 2) STORED,
      CONSTRAINT users_pk2 UNIQUE (Email, org_id),
      FOREIGN KEY (org_id, id) REFERENCES orgs2 (a, b) ON DELETE SET DEFAULT,
      CHECK (id > 0)
    ) PARTITION BY RANGE (created)`,
    expected: {
      kind: 'createTable',
      name: 'public.Users',
      columns: [
        'id bigserial pk ai',
        'email varchar(255) notnull unique collate="C"',
        "Role role_t default='member'::public.role_t",
        "tags text[] default='{}'::text[]",
        'created timestamp with time zone(3) notnull default=now()',
        'price numeric(10,2) check=price > 0',
        'org_id integer ref=orgs(id) del=cascade upd=set null',
        'ident int ai',
        'total int gen=price * 2',
      ],
      constraints: ['unique users_pk2(email,org_id)', 'foreignKey(org_id,id) -> orgs2(a,b) del=set default', 'check() id > 0'],
      settings: { 'partition by': 'RANGE (created)', options: 'PARTITION BY RANGE (created)' },
    },
  },
  {
    dialect: 'postgres',
    sql: 'CREATE TABLE payment_p2022_01 PARTITION OF payment FOR VALUES FROM (\'2022-01-01\') TO (\'2022-02-01\')',
    expected: { kind: 'createTable', name: 'payment_p2022_01', columns: [], constraints: [], partitionOf: 'payment', settings: { 'partition bound': "FROM ('2022-01-01') TO ('2022-02-01')", options: "FOR VALUES FROM ('2022-01-01') TO ('2022-02-01')" } },
  },
  {
    dialect: 'postgres',
    sql: 'CREATE UNLOGGED TABLE child (extra int, LIKE base INCLUDING ALL) INHERITS (parent1, parent2) WITH (fillfactor = 70) TABLESPACE fast',
    expected: { kind: 'createTable', name: 'child', columns: ['extra int'], constraints: [], settings: { like: 'base', 'like options': 'INCLUDING ALL', inherits: 'parent1, parent2', options: 'INHERITS (parent1, parent2) WITH (fillfactor = 70) TABLESPACE fast' } },
  },
  { dialect: 'postgres', sql: 'CREATE TABLE t2 AS SELECT * FROM t', expected: { kind: 'createTable', name: 't2', columns: [], constraints: [] } },
  // ---- CREATE TABLE, MySQL
  {
    dialect: 'mysql',
    sql: "CREATE TABLE `Film` (\n  `film_id` SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'the id',\n  rating ENUM('G','PG','R') DEFAULT 'G',\n  last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,\n  title VARCHAR(128) CHARACTER SET utf8mb4 NOT NULL,\n  PRIMARY KEY (`film_id`),\n  KEY idx_title (title(10)),\n  FULLTEXT KEY ft (title),\n  CONSTRAINT fk_lang FOREIGN KEY (film_id) REFERENCES language (language_id) ON DELETE RESTRICT ON UPDATE CASCADE\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='films'",
    expected: {
      kind: 'createTable',
      name: 'Film',
      columns: ['film_id smallint unsigned notnull ai comment=the id', "rating enum('G','PG','R') default='G'", 'last_update timestamp notnull default=CURRENT_TIMESTAMP', 'title varchar(128) notnull'],
      constraints: ['primaryKey(film_id)', 'index idx_title(title)', 'index ft(title) [fulltext]', 'foreignKey fk_lang(film_id) -> language(language_id) del=restrict upd=cascade'],
      settings: { options: "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='films'" },
      comment: 'films',
    },
  },
  // ---- CREATE TABLE, SQLite
  {
    dialect: 'sqlite',
    sql: 'CREATE TABLE [Track] (\n  [TrackId] INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,\n  "AlbumId" INTEGER,\n  untyped,\n  FOREIGN KEY ([AlbumId]) REFERENCES [Album] ([AlbumId]) ON DELETE NO ACTION\n) WITHOUT ROWID, STRICT',
    expected: {
      kind: 'createTable',
      name: 'Track',
      columns: ['TrackId integer notnull pk ai', 'AlbumId integer', 'untyped'],
      constraints: ['foreignKey(AlbumId) -> Album(AlbumId) del=no action'],
      settings: { 'without rowid': 'true', options: 'WITHOUT ROWID, STRICT' },
    },
  },
  // ---- CREATE TABLE, SQL Server
  {
    dialect: 'mssql',
    sql: 'CREATE TABLE [dbo].[Order Details] (\n  "OrderID" "int" IDENTITY (1, 1) NOT NULL ,\n  [Total] AS ([Qty] * [Price]) PERSISTED,\n  [Qty] smallint NOT NULL CONSTRAINT "DF_Qty" DEFAULT (1),\n  CONSTRAINT [PK_OD] PRIMARY KEY CLUSTERED ([OrderID] ASC) WITH (PAD_INDEX = OFF) ON [PRIMARY],\n  CONSTRAINT "FK_OD_Orders" FOREIGN KEY ("OrderID") REFERENCES "dbo"."Orders" ("OrderID")\n) ON [PRIMARY]',
    expected: {
      kind: 'createTable',
      name: 'dbo.Order Details',
      columns: ['OrderID int notnull ai', 'Total gen=([Qty] * [Price])', 'Qty smallint notnull default=(1)'],
      constraints: ['primaryKey PK_OD(OrderID) [clustered]', 'foreignKey FK_OD_Orders(OrderID) -> dbo.Orders(OrderID)'],
      settings: { options: 'ON [PRIMARY]' },
    },
  },
  // ---- ALTER TABLE
  {
    dialect: 'postgres',
    sql: 'ALTER TABLE ONLY public.film ADD CONSTRAINT film_fk FOREIGN KEY (language_id) REFERENCES public.language(language_id) ON UPDATE CASCADE ON DELETE RESTRICT',
    expected: { kind: 'alterTable', name: 'public.film', actions: ['add foreignKey film_fk(language_id) -> public.language(language_id) del=restrict upd=cascade'] },
  },
  {
    dialect: 'postgres',
    sql: "ALTER TABLE t ADD COLUMN IF NOT EXISTS c int NOT NULL, DROP COLUMN d, ALTER COLUMN e TYPE bigint, ALTER e SET DEFAULT nextval('s'::regclass), ALTER COLUMN f DROP NOT NULL, RENAME COLUMN g TO h, DROP CONSTRAINT x, OWNER TO postgres, ALTER COLUMN id SET STATISTICS 100",
    expected: { kind: 'alterTable', name: 't', actions: ['add c int notnull', 'drop d', 'alter e type bigint', "alter e default=nextval('s'::regclass)", 'alter f notnull=false', 'rename g -> h', 'dropconstraint x', 'other', 'alter id'] },
  },
  { dialect: 'postgres', sql: 'ALTER TABLE a RENAME TO b', expected: { kind: 'alterTable', name: 'a', actions: ['renameto b'] } },
  { dialect: 'postgres', sql: "ALTER TABLE ONLY payment ATTACH PARTITION payment_p1 FOR VALUES FROM ('2022-01-01') TO ('2022-02-01')", expected: { kind: 'alterTable', name: 'payment', actions: ['attach payment_p1'] } },
  { dialect: 'mysql', sql: 'ALTER TABLE t CHANGE COLUMN a b int NOT NULL, MODIFY c varchar(10), ADD INDEX idx (c)', expected: { kind: 'alterTable', name: 't', actions: ['change a -> b int notnull', 'change c -> c varchar(10)', 'add index idx(c)'] } },
  { dialect: 'mssql', sql: 'ALTER TABLE [dbo].[Album] WITH CHECK ADD CONSTRAINT [FK_A] FOREIGN KEY ([ArtistId]) REFERENCES [dbo].[Artist] ([ArtistId]) ON DELETE NO ACTION ON UPDATE NO ACTION', expected: { kind: 'alterTable', name: 'dbo.Album', actions: ['add foreignKey FK_A(ArtistId) -> dbo.Artist(ArtistId) del=no action upd=no action'] } },
  { dialect: 'mssql', sql: 'ALTER TABLE t ADD a int NULL, b varchar(10)', expected: { kind: 'alterTable', name: 't', actions: ['add a int null', 'add b varchar(10)'] } },
  { dialect: 'mysql', sql: 'ALTER TABLE t ADD (a int, b text, INDEX ib (b))', expected: { kind: 'alterTable', name: 't', actions: ['add a int', 'add b text', 'add index ib(b)'] } },
  { dialect: 'sqlite', sql: 'ALTER TABLE t ADD COLUMN z TEXT', expected: { kind: 'alterTable', name: 't', actions: ['add z text'] } },
  { dialect: 'mysql', sql: 'RENAME TABLE a TO b', expected: { kind: 'alterTable', name: 'a', actions: ['renameto b'] } },
  // ---- CREATE INDEX
  {
    dialect: 'postgres',
    sql: 'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS idx_a ON ONLY public.t USING btree (lower(email), created DESC NULLS LAST, name text_pattern_ops) INCLUDE (x, y) WHERE deleted_at IS NULL',
    expected: { kind: 'createIndex', name: 'idx_a', table: 'public.t', unique: true, using: 'btree', parts: ['expr:lower(email)', 'created desc', 'name'], include: ['x', 'y'], where: 'deleted_at IS NULL' },
  },
  { dialect: 'mssql', sql: 'CREATE NONCLUSTERED INDEX [IX_A] ON [dbo].[Album] ([ArtistId])', expected: { kind: 'createIndex', name: 'IX_A', table: 'dbo.Album', unique: false, using: 'nonclustered', parts: ['ArtistId'], include: [], where: undefined } },
  { dialect: 'mysql', sql: 'CREATE INDEX i USING BTREE ON t (a(10), b)', expected: { kind: 'createIndex', name: 'i', table: 't', unique: false, using: 'btree', parts: ['a', 'b'], include: [], where: undefined } },
  // ---- types, domains, comments, schemas, views, sequences, drops
  { dialect: 'postgres', sql: "CREATE TYPE public.mpaa_rating AS ENUM ('G', 'PG', 'it''s')", expected: { kind: 'createEnum', name: 'public.mpaa_rating', values: ['G', 'PG', "it's"] } },
  { dialect: 'postgres', sql: "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh' AFTER 'ok'", expected: { kind: 'alterEnum', name: 'mood', add: 'meh', rename: undefined } },
  { dialect: 'postgres', sql: 'CREATE TYPE pair AS (a int, b text)', expected: { kind: 'other', keyword: 'create type', unsupported: true } },
  { dialect: 'postgres', sql: 'CREATE DOMAIN public.year AS integer NOT NULL DEFAULT 2000 CONSTRAINT year_check CHECK (VALUE >= 1901)', expected: { kind: 'createDomain', name: 'public.year', type: 'integer', notNull: true, default: '2000', checks: ['VALUE >= 1901'] } },
  { dialect: 'postgres', sql: "COMMENT ON TABLE public.users IS 'People; and more'", expected: { kind: 'commentOn', target: 'table', name: 'public.users', text: 'People; and more' } },
  { dialect: 'postgres', sql: 'COMMENT ON COLUMN users.email IS NULL', expected: { kind: 'commentOn', target: 'column', name: 'users.email', text: null } },
  { dialect: 'postgres', sql: 'COMMENT ON EXTENSION plpgsql IS $$x$$', expected: { kind: 'other', keyword: 'comment on extension', unsupported: false } },
  { dialect: 'postgres', sql: 'CREATE SCHEMA IF NOT EXISTS Sales AUTHORIZATION bob', expected: { kind: 'createSchema', name: 'sales' } },
  { dialect: 'mysql', sql: 'CREATE DATABASE IF NOT EXISTS Chinook', expected: { kind: 'createSchema', name: 'Chinook' } },
  { dialect: 'postgres', sql: 'CREATE OR REPLACE VIEW v (a, b) AS SELECT 1, 2', expected: { kind: 'createView', name: 'v', materialized: false, columns: ['a', 'b'] } },
  { dialect: 'postgres', sql: 'CREATE MATERIALIZED VIEW mv AS SELECT u.id, u.name AS full_name, count(*) n FROM users u GROUP BY 1, 2', expected: { kind: 'createView', name: 'mv', materialized: true, columns: ['id', 'full_name', 'n'] } },
  { dialect: 'mysql', sql: 'CREATE ALGORITHM=UNDEFINED DEFINER=`root`@`localhost` SQL SECURITY DEFINER VIEW actor_info AS SELECT a.actor_id, a.first_name FROM actor a', expected: { kind: 'createView', name: 'actor_info', materialized: false, columns: ['actor_id', 'first_name'] } },
  { dialect: 'postgres', sql: 'CREATE VIEW star AS SELECT * FROM t', expected: { kind: 'createView', name: 'star', materialized: false, columns: [] } },
  { dialect: 'postgres', sql: 'CREATE SEQUENCE public.actor_actor_id_seq START WITH 1 INCREMENT BY 1 NO MINVALUE CACHE 1', expected: { kind: 'createSequence', name: 'public.actor_actor_id_seq' } },
  { dialect: 'postgres', sql: 'DROP TABLE IF EXISTS a, public.b CASCADE', expected: { kind: 'drop', object: 'table', names: ['a', 'public.b'], ifExists: true } },
  { dialect: 'postgres', sql: 'DROP MATERIALIZED VIEW mv', expected: { kind: 'drop', object: 'view', names: ['mv'], ifExists: false } },
  { dialect: 'mysql', sql: 'USE `sakila`', expected: { kind: 'use', name: 'sakila' } },
  { dialect: 'postgres', sql: 'ALTER INDEX IF EXISTS "User_email_key" RENAME TO "User_mail_key"', expected: { kind: 'renameIndex', name: 'User_email_key', to: 'User_mail_key' } },
  { dialect: 'postgres', sql: 'ALTER INDEX i SET TABLESPACE fast', expected: { kind: 'other', keyword: 'alter index', unsupported: false } },
  // ---- statements that do not change the schema
  { dialect: 'postgres', sql: 'SET statement_timeout = 0', expected: { kind: 'other', keyword: 'set', unsupported: false } },
  { dialect: 'postgres', sql: 'SET search_path TO "$user", Sales, "Ops", public', expected: { kind: 'setSearchPath', schemas: ['sales', 'Ops', 'public'] } },
  { dialect: 'postgres', sql: "SELECT pg_catalog.set_config('search_path', '', false)", expected: { kind: 'setSearchPath', schemas: [] } },
  { dialect: 'mysql', sql: 'SET search_path = x', expected: { kind: 'other', keyword: 'set', unsupported: false } },
  { dialect: 'postgres', sql: 'CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public', expected: { kind: 'other', keyword: 'create extension', unsupported: false } },
  { dialect: 'postgres', sql: 'CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$', expected: { kind: 'other', keyword: 'create function', unsupported: false } },
  { dialect: 'postgres', sql: 'ALTER SEQUENCE s OWNED BY t.id', expected: { kind: 'other', keyword: 'alter sequence', unsupported: false } },
  { dialect: 'postgres', sql: 'GRANT ALL ON TABLE t TO bob', expected: { kind: 'other', keyword: 'grant', unsupported: false } },
];

for (const c of cases) {
  test(`parse ${c.dialect}: ${c.sql.slice(0, 70).replace(/\s+/g, ' ')}`, () => {
    const { st, errors } = one(c.dialect, c.sql);
    assert.deepEqual(errors, []);
    assert.deepEqual(summary(st), c.expected);
  });
}

test('identifiers keep written form, quoting and spans; unquoted fold in postgres only', () => {
  const sql = 'CREATE TABLE "MixedCase".Foo (Bar int)';
  const pg = parseSql(sql, 'postgres').statements[0];
  assert.equal(pg.kind, 'createTable');
  if (pg.kind !== 'createTable') return;
  assert.deepEqual(pg.name.parts.map((p) => [p.text, p.written, p.quoted, sql.slice(p.span.start, p.span.end)]), [
    ['MixedCase', '"MixedCase"', true, '"MixedCase"'],
    ['foo', 'Foo', false, 'Foo'],
  ]);
  assert.equal(pg.columns[0].name.text, 'bar');
  const my = parseSql(sql.replace(/"/g, '`'), 'mysql').statements[0];
  assert.ok(my.kind === 'createTable' && my.name.parts[1].text === 'Foo' && my.columns[0].name.text === 'Bar');
});

const errorCases: { dialect: SqlDialect; sql: string; at: string }[] = [
  { dialect: 'postgres', sql: 'CREATE TABLE t (id int,, name text)', at: '(' },
  { dialect: 'postgres', sql: 'CREATE TABLE t (id int NOT NUL)', at: 'NUL' },
  { dialect: 'postgres', sql: 'CREATE TABLE t (id int', at: '(' },
  { dialect: 'postgres', sql: 'CREATE TABLE t id int', at: 'id int' },
  { dialect: 'postgres', sql: 'CREATE TABLE (id int)', at: '(id' },
  { dialect: 'postgres', sql: 'CREATE TABLE t (a int REFERENCES)', at: ')' },
  { dialect: 'postgres', sql: 'CREATE TABLE t (a int, FOREIGN KEY a REFERENCES u)', at: 'a REF' },
  { dialect: 'postgres', sql: 'CREATE TABLE t (a int) WITH OIDS', at: 'WITH' },
  { dialect: 'postgres', sql: 'CREATE TABLE t (a int) PARTITION BY MAGIC (a)', at: 'MAGIC' },
  { dialect: 'postgres', sql: 'CREATE INDEX IF NOT EXISTS ON t (a)', at: 'ON' },
  { dialect: 'postgres', sql: 'CREATE INDEX i ON t', at: '' },
  { dialect: 'postgres', sql: 'ALTER TABLE t ADD CONSTRAINT c FOREIGN KEY (a) REFERENCES u ON UPDATE SET NULL (a)', at: '(a)' },
  { dialect: 'postgres', sql: 'CREATE TABLE t (a int GENERATED BY DEFAULT AS (1) STORED)', at: 'GENERATED' },
  { dialect: 'postgres', sql: "CREATE TYPE e AS ENUM ('a', b)", at: 'b' },
  { dialect: 'postgres', sql: "CREATE TABLE t (a text DEFAULT 'x)", at: "'x" },
  { dialect: 'postgres', sql: 'CREAT TABLE t (a int)', at: 'CREAT' },
  { dialect: 'mysql', sql: 'CREATE TABLE t (a int COMMENT)', at: ')' },
  { dialect: 'mssql', sql: 'CREATE TABLE [t] ([a] int, CONSTRAINT [pk] PRIMARY KEY)', at: ')' },
];

for (const c of errorCases) {
  test(`error ${c.dialect}: ${c.sql}`, () => {
    const f = parseSql(c.sql, c.dialect);
    const errs = f.diagnostics.filter((d) => d.severity === 'error');
    assert.ok(errs.length >= 1, 'expected an error');
    const e = errs[0];
    assert.ok(e.span.start >= 0 && e.span.end <= c.sql.length + 1 && e.span.start < e.span.end);
    if (c.at) assert.ok(c.sql.slice(e.span.start).startsWith(c.at) || c.sql.slice(e.span.start, e.span.end).includes(c.at), `error at ${JSON.stringify(c.sql.slice(e.span.start))}: ${e.message}`);
    assert.ok(e.code === 'SQL001' || e.code === 'SQL003');
  });
}

test('recovery: a broken statement between good ones costs only itself', () => {
  const sql = 'CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE b (id int,, x REFERENCES);\nCREATE TABLE c (a_id int REFERENCES a (id));\nALTER TABLE c ADD COLUMN z text;';
  const f = parseSql(sql, 'postgres');
  assert.deepEqual(f.statements.map((s) => s.kind), ['createTable', 'createTable', 'createTable', 'alterTable']);
  const errs = f.diagnostics.filter((d) => d.severity === 'error');
  assert.ok(errs.length >= 1);
  const bStart = sql.indexOf('CREATE TABLE b');
  const bEnd = sql.indexOf(';', bStart);
  for (const e of errs) assert.ok(e.span.start >= bStart && e.span.end <= bEnd + 1, `error outside the broken statement: ${e.message}`);
  const c = f.statements[2];
  assert.ok(c.kind === 'createTable' && c.columns[0].references?.table.parts[0].text === 'a');
  // the broken table keeps the column that did parse
  const b = f.statements[1];
  assert.ok(b.kind === 'createTable' && b.columns.map((x) => x.name.text).join() === 'id');
});

test('unknown DDL is information SQL002, not an error', () => {
  const f = parseSql('CREATE VIRTUAL TABLE docs USING fts5(body);', 'sqlite');
  assert.deepEqual(f.diagnostics.map((d) => [d.code, d.severity]), [['SQL002', 'info']]);
});

test('cache: only the edited statement is re-parsed, reused spans are shifted', () => {
  const cache = new SqlParseCache();
  const v1 = 'CREATE TABLE a (id int);\nCREATE TABLE b (id int);\nCREATE TABLE c (id int);';
  parseSql(v1, 'postgres', cache);
  assert.equal(cache.reused, 0);
  const v2 = '-- header\nCREATE TABLE a (id int, x int);\nCREATE TABLE b (id int);\nCREATE TABLE c (id int);';
  const f = parseSql(v2, 'postgres', cache);
  assert.equal(cache.reused, 2);
  const c = f.statements[2];
  assert.ok(c.kind === 'createTable');
  if (c.kind !== 'createTable') return;
  assert.equal(v2.slice(c.name.span.start, c.name.span.end), 'c');
  assert.equal(v2.slice(c.columns[0].name.span.start, c.columns[0].name.span.end), 'id');
  // same statement twice: two independent parses
  const v3 = 'CREATE TABLE b (id int);\nCREATE TABLE b (id int);';
  const f3 = parseSql(v3, 'postgres', cache);
  const [s1, s2] = f3.statements;
  assert.ok(s1.kind === 'createTable' && s2.kind === 'createTable' && s1.name.span.start !== s2.name.span.start);
  // a dialect change drops the cache
  parseSql(v3, 'mysql', cache);
  assert.equal(cache.reused, 0);
});

