/**
 * The pure side of introspection without a database: catalog-value readers,
 * type-text splitting, default classification, index-SQL scanning, mapping
 * of odd or inconsistent catalog rows (no throw, a warning instead), the
 * connection-URL parser (never prints a password), and the random-schema
 * comparison itself (agrees with itself, catches each kind of change).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { classifyDefault, indexSqlParts, tableSqlParts, mapMysql, mapPostgres, mapSqlite, splitTypeText, strArray } from '../../server/src/engine/introspect/index.ts';
import { describeConnection, parseConnectionUrl } from '../../server/src/db/connection.ts';
import type { Schema } from '../../server/src/engine/model/schema.ts';
import { arbSchema, compareSchemas, toDdl } from '../util/random-schema.ts';

test('strArray reads JS arrays and PostgreSQL array literals', () => {
  const cases: [unknown, string[]][] = [
    [['a', 'b'], ['a', 'b']],
    ['{a,b}', ['a', 'b']],
    ['{"a b","c,d",e}', ['a b', 'c,d', 'e']],
    ['{"say \\"hi\\""}', ['say "hi"']],
    ['{}', []],
    [null, []],
    [42, []],
  ];
  for (const [input, expected] of cases) assert.deepEqual(strArray(input), expected, String(input));
});

test('splitTypeText separates name, arguments, array marks and MySQL flags', () => {
  const cases: [string, ReturnType<typeof splitTypeText>][] = [
    ['character varying(20)', { name: 'character varying', args: ['20'], isArray: false, flags: [] }],
    ['numeric(10,2)[]', { name: 'numeric', args: ['10', '2'], isArray: true, flags: [] }],
    ['timestamp(3) with time zone', { name: 'timestamp with time zone', args: ['3'], isArray: false, flags: [] }],
    ["enum('a','b,c','it''s')", { name: 'enum', args: ['a', 'b,c', "it's"], isArray: false, flags: [] }],
    ['bigint(20) unsigned zerofill', { name: 'bigint', args: ['20'], isArray: false, flags: ['unsigned', 'zerofill'] }],
    ['"Level"', { name: 'Level', args: [], isArray: false, flags: [] }],
    ['', { name: '', args: [], isArray: false, flags: [] }],
    ['varchar(', { name: 'varchar', args: [], isArray: false, flags: [] }],
  ];
  for (const [input, expected] of cases) assert.deepEqual(splitTypeText(input), expected, input);
});

test('classifyDefault reads literals as the catalogs print them', () => {
  const cases: [string, boolean, boolean, string][] = [
    // text, numeric column, MySQL escapes, expected kind:value
    ["'abc'::character varying", false, false, 'string:abc'],
    ["'it''s'::text", false, false, "string:it's"],
    ["'-1'::integer", false, false, 'number:-1'],
    ['(-1)', false, false, 'number:-1'],
    ['42', true, false, 'number:42'],
    ['NULL::integer', false, false, 'null:null'],
    ['true', false, false, 'boolean:true'],
    ["'t'::boolean", false, false, 'string:t'],
    ['now()', false, false, 'expression:now()'],
    ["nextval('s'::regclass)", false, false, "expression:nextval('s'::regclass)"],
    ["'1.50'", true, true, 'number:1.50'],
    ["'it\\'s'", false, true, "string:it's"],
    ["'a\\\\b'", false, true, 'string:a\\b'],
    ["'unterminated", false, false, "expression:'unterminated"],
  ];
  for (const [text, numeric, mysql, expected] of cases) {
    const d = classifyDefault(text, numeric, mysql);
    assert.equal(`${d.kind}:${d.value}`, expected, text);
  }
});

test('indexSqlParts finds parts and predicate in stored CREATE INDEX text', () => {
  const cases: [string, ReturnType<typeof indexSqlParts>][] = [
    ['CREATE INDEX i ON t (a, lower(b), "c d") WHERE a > 0', { parts: ['a', 'lower(b)', '"c d"'], where: 'a > 0' }],
    ['CREATE INDEX "on" ON "where" (x)', { parts: ['x'] }],
    ["CREATE INDEX i ON t (substr(a, 1, 2)) WHERE b = 'where (x'", { parts: ['substr(a, 1, 2)'], where: "b = 'where (x'" }],
    ['garbage', { parts: [] }],
  ];
  for (const [sql, expected] of cases) assert.deepEqual(indexSqlParts(sql), expected, sql);
});

test('tableSqlParts finds CHECKs and generated expressions in stored CREATE TABLE text', () => {
  const r = tableSqlParts(`CREATE TABLE "t (x" (
    "a,b" INT CONSTRAINT "pos" CHECK ("a,b" > 0) CHECK ("a,b" < 10),
    c TEXT DEFAULT 'check (no)',
    d INT GENERATED ALWAYS AS (c || ')') STORED,
    e INT AS (d + 1),
    CONSTRAINT named CHECK (d <> e),
    CHECK (length(c) > 0),
    PRIMARY KEY ("a,b")
  )`);
  assert.deepEqual(r.checks, [
    { name: 'pos', expression: '"a,b" > 0', column: 'a,b' },
    { expression: '"a,b" < 10', column: 'a,b' },
    { name: 'named', expression: 'd <> e' },
    { expression: 'length(c) > 0' },
  ]);
  assert.deepEqual([...r.generated], [['d', "c || ')'"], ['e', 'd + 1']]);
  assert.deepEqual(tableSqlParts('nonsense'), { checks: [], generated: new Map() });
});

test('mappers place what they can and warn about rows for unknown tables and columns', () => {
  const pg = mapPostgres({
    info: [{ current_schema: 'public', schemas: '{public}' }],
    tables: [{ schema: 'public', name: 't', kind: 'r' }],
    columns: [
      { schema: 'public', table: 't', num: 1, name: 'id', type: 'integer', typtype: 'b', notnull: 't' },
      { schema: 'public', table: 'ghost', num: 1, name: 'x', type: 'text' },
      { schema: 'public', table: 't', num: 2, name: null, type: null },
    ],
    constraints: [
      { schema: 'public', table: 't', name: 'pk', type: 'p', columns: '{id,nope}' },
      { schema: 'public', table: 't', name: 'fk', type: 'f', columns: ['id'], ref_schema: 'public', ref_table: 'u', ref_columns: [], on_delete: 'z' },
    ],
    indexes: [{ schema: 'public', table: 't', name: 'i', unique: 'f', parts: 'not an array' }],
    enums: [],
  });
  assert.deepEqual(pg.schema.tables.map((t) => t.columns.map((c) => c.name)), [['id', '']]);
  assert.deepEqual(pg.schema.tables[0].indexes.map((i) => i.parts), [[{ column: 'id' }, { column: 'nope' }], []]);
  assert.deepEqual(pg.warnings.map((w) => w.code).sort(), ['INTRO001', 'INTRO002', 'INTRO002']);
  assert.equal(pg.schema.relationships[0].onDelete, undefined);

  const my = mapMysql('mariadb', 'db', [
    { database: 'db', rows: { tables: [{ name: 't', type: 'BASE TABLE' }], columns: [{ table: 't', name: 'c', column_type: 42 }], keys: [{ table: 'x', name: 'PRIMARY', column: 'c' }], referential: [], checks: [], indexes: [] } },
  ]);
  assert.equal(my.schema.tables[0].columns[0].type.family, 'other');
  assert.deepEqual(my.warnings.map((w) => w.code), ['INTRO001']);

  const lite = mapSqlite({ objects: [], columns: [{ table: 'missing', name: 'a' }], foreignKeys: [], indexes: [] });
  assert.equal(lite.schema.tables.length, 0);
  assert.deepEqual(lite.warnings.map((w) => w.code), ['INTRO001']);
});

test('mapPostgres turns serial sequences and identities into auto-increment', () => {
  const r = mapPostgres({
    info: [{ current_schema: 'public', schemas: ['public'] }],
    tables: [{ schema: 'public', name: 't', kind: 'r' }],
    columns: [
      { schema: 'public', table: 't', name: 'a', type: 'integer', typtype: 'b', notnull: true, default: "nextval('t_a_seq'::regclass)", sequence: 'public.t_a_seq' },
      { schema: 'public', table: 't', name: 'b', type: 'bigint', typtype: 'b', notnull: true, identity: 'a' },
      { schema: 'public', table: 't', name: 'c', type: 'integer', typtype: 'b', notnull: false, default: "nextval('other'::regclass)" },
    ],
    constraints: [],
    indexes: [],
    enums: [],
  });
  const cols = r.schema.tables[0].columns;
  assert.deepEqual(cols.map((c) => [c.name, c.autoIncrement, c.default?.kind ?? 'none']), [
    ['a', true, 'none'],
    ['b', true, 'none'],
    ['c', false, 'expression'],
  ]);
  assert.equal(cols[1].settings['identity'], 'always');
});

test('connection URLs parse to plain options and never print the password', () => {
  const o = parseConnectionUrl('postgresql://ann:s%40cret@db.example:6543/app?sslmode=require');
  assert.deepEqual(o, { dialect: 'postgres', host: 'db.example', port: 6543, user: 'ann', password: 's@cret', database: 'app', ssl: { rejectUnauthorized: false } });
  assert.equal(describeConnection(o!), 'postgres://ann:***@db.example:6543/app (tls)');
  assert.ok(!describeConnection(o!).includes('cret'));
  assert.deepEqual(parseConnectionUrl('mariadb://root@127.0.0.1/x'), { dialect: 'mysql', host: '127.0.0.1', user: 'root', database: 'x' });
  assert.equal(parseConnectionUrl('http://x'), undefined);
  assert.equal(parseConnectionUrl('not a url'), undefined);
  assert.equal(describeConnection({ dialect: 'sqlite' }), 'sqlite (memory)');
});

function clone(s: Schema): Schema {
  return structuredClone(s);
}

test('compareSchemas: a schema equals itself and every kind of change is reported', () => {
  fc.assert(
    fc.property(arbSchema(), fc.nat(), (schema, pick) => {
      assert.deepEqual(compareSchemas(schema, clone(schema), 'postgres'), []);
      for (const d of ['postgres', 'mysql', 'sqlite'] as const) assert.equal(toDdl(schema, d).split('CREATE TABLE').length - 1, schema.tables.length);
      const t = schema.tables[pick % schema.tables.length];
      const c = t.columns[pick % t.columns.length];
      const mutations: [string, (s: Schema) => void][] = [
        ['table', (s) => void s.tables.pop()],
        ['column', (s) => void s.tables.find((x) => x.name === t.name)!.columns.push({ ...c, name: `${c.name}_extra` })],
        ['nullability', (s) => {
          const x = s.tables.find((y) => y.name === t.name)!.columns.find((y) => y.name === c.name)!;
          x.nullable = !x.nullable;
        }],
        ['family', (s) => {
          const x = s.tables.find((y) => y.name === t.name)!.columns.find((y) => y.name === c.name)!;
          x.type = { ...x.type, family: x.type.family === 'uuid' ? 'json' : 'uuid' };
        }],
        ['default', (s) => {
          const x = s.tables.find((y) => y.name === t.name)!.columns.find((y) => y.name === c.name)!;
          x.default = x.default ? undefined : { kind: 'string', value: 'zz' };
        }],
        ['primary key', (s) => {
          const x = s.tables.find((y) => y.name === t.name)!;
          const hadPk = x.columns.some((y) => y.primaryKey) || x.indexes.some((i) => i.primaryKey);
          for (const y of x.columns) y.primaryKey = false;
          x.indexes = x.indexes.filter((i) => !i.primaryKey);
          if (!hadPk) x.columns[0].primaryKey = true;
        }],
        ['unique', (s) => {
          const x = s.tables.find((y) => y.name === t.name)!.columns.find((y) => y.name === c.name)!;
          if (x.primaryKey) x.primaryKey = false;
          else x.unique = !x.unique;
        }],
        ['index', (s) => void s.tables.find((x) => x.name === t.name)!.indexes.push({ name: 'extra', parts: [{ column: c.name }], unique: false, primaryKey: false })],
        ['foreign key', (s) => {
          if (s.relationships.length) s.relationships.pop();
          else s.relationships.push({ from: { schema: 'public', table: t.name, columns: [c.name], tableKey: t.key }, to: { schema: 'public', table: t.name, columns: [c.name], tableKey: t.key }, cardinality: 'n-1', source: 'declared' });
        }],
      ];
      for (const [what, mutate] of mutations) {
        const other = clone(schema);
        mutate(other);
        assert.notDeepEqual(compareSchemas(schema, other, 'postgres'), [], `a changed ${what} went unnoticed`);
      }
    }),
    { numRuns: 100 },
  );
});

test('compareSchemas ignores what MySQL cannot express', () => {
  const s = (type: 'boolean' | 'tinyint', def: string, onDelete?: 'restrict'): Schema => ({
    schemas: ['db'],
    defaultSchema: 'db',
    tables: [
      {
        key: 'db.t', schema: 'db', name: 't', indexes: [], checks: [], settings: {},
        columns: [{ name: 'b', type: type === 'boolean' ? { raw: 'boolean', name: 'boolean', family: 'boolean', args: [] } : { raw: 'tinyint(1)', name: 'tinyint', family: 'integer', args: ['1'], bits: 8 }, nullable: true, nullabilityExplicit: false, default: { kind: type === 'boolean' ? 'boolean' : 'number', value: def }, primaryKey: true, unique: false, autoIncrement: false, checks: [], settings: {} }],
      },
    ],
    relationships: [{ from: { schema: 'db', table: 't', columns: ['b'], tableKey: 'db.t' }, to: { schema: 'db', table: 't', columns: ['b'], tableKey: 'db.t' }, cardinality: '1-1', source: 'declared', ...(onDelete ? { onDelete } : {}) }],
    enums: [], tableGroups: [], notes: [],
  });
  assert.deepEqual(compareSchemas(s('boolean', 'true'), s('tinyint', '1', 'restrict'), 'mysql'), []);
  assert.deepEqual(compareSchemas(s('boolean', 'true'), s('tinyint', '1', 'restrict'), 'postgres'), [
    'column t.b: type family boolean (boolean) vs integer (tinyint(1))',
    'column t.b: default bool:true vs number:1',
    'foreign keys: missing t(b) -> t(b) on delete no action on update no action',
    'foreign keys: unexpected t(b) -> t(b) on delete restrict on update no action',
  ]);
});
