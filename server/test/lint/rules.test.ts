/**
 * Every lint rule against a failing fixture (the rule fires on the expected
 * table and column) and a passing one (it does not fire). Fixtures are DBML
 * through the Workspace, or SQL in a dialect for dialect-specific rules.
 * The table also proves the registry: each registered code has a row.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../src/engine/workspace.js';
import type { DatabaseType, Schema } from '../../src/engine/model/schema.js';
import type { SqlDialect } from '../../src/engine/syntax/sql/ast.js';
import { lint, rules, type LintFinding } from '../../src/engine/lint/index.js';

interface Case {
  code: string;
  db?: DatabaseType;
  /** SQL dialect: the fixtures are SQL in it (else DBML) */
  sql?: SqlDialect;
  bad: string;
  /** where the finding must be: `table` or `table.column` (unqualified names) */
  at: string;
  good: string;
  /** edits the bad fixture's schema after binding (states the front ends normalise away) */
  patchBad?: (s: Schema) => void;
}

export function schemaOf(text: string, sql?: SqlDialect): Schema {
  const ws = new Workspace();
  if (sql) {
    ws.setFile('file:///t.sql', text, 0, { language: 'sql', dialect: sql });
    return ws.binding().parts.find((p) => p.tables.length > 0 || p.enums.length > 0) ?? ws.binding().schema;
  }
  ws.setFile('file:///t.dbml', text);
  return ws.binding().schema;
}

function findings(c: Case, text: string): LintFinding[] {
  const schema = schemaOf(text, c.sql);
  if (text === c.bad) c.patchBad?.(schema);
  return lint(schema, { databaseType: c.db }).filter((f) => f.code === c.code);
}

function where(f: LintFinding): string {
  const table = f.tableKey ? f.tableKey.slice(f.tableKey.indexOf('.') + 1) : '';
  return f.column ? `${table}.${f.column}` : table;
}

const USERS = 'Table users {\n  id int [pk]\n}\n';

const CASES: Case[] = [
  // keys
  { code: 'KEY001', bad: 'Table events {\n  name varchar\n}', at: 'events', good: 'Table events {\n  id int [pk]\n  name varchar\n}' },
  // front ends make key columns NOT NULL; introspected SQLite reports `notnull = 0` for them, as patched here
  {
    code: 'KEY002',
    bad: 'Table t {\n  a int\n  b int\n  Indexes {\n    (a, b) [pk]\n  }\n}',
    patchBad: (s) => void (s.tables[0].columns[1].nullable = true),
    at: 't.b',
    good: 'Table t {\n  a int\n  b int [null]\n  Indexes {\n    (a, b) [pk]\n  }\n}',
  },
  { code: 'KEY003', bad: USERS + 'Table posts {\n  id int [pk]\n  user_id int [ref: > users.id]\n}', at: 'posts.user_id', good: USERS + 'Table posts {\n  id int [pk]\n  user_id int [ref: > users.id]\n  Indexes {\n    (user_id, id)\n  }\n}' },
  { code: 'KEY004', bad: 'Table users {\n  id bigint [pk]\n}\nTable posts {\n  id int [pk]\n  user_id int [ref: > users.id]\n}', at: 'posts.user_id', good: 'Table users {\n  id bigint [pk]\n  code my_domain\n}\nTable posts {\n  id int [pk]\n  user_id int8 [ref: > users.id]\n  user_code text [ref: > users.code]\n}' },
  { code: 'KEY005', bad: 'Table users {\n  id int [pk]\n  email varchar\n}\nTable logins {\n  id int [pk]\n  email varchar [ref: > users.email]\n}', at: 'logins.email', good: 'Table users {\n  id int [pk]\n  email varchar [unique]\n}\nTable logins {\n  id int [pk]\n  email varchar [ref: > users.email]\n}' },
  { code: 'KEY006', bad: 'Table seats {\n  hall int\n  num int\n  Indexes {\n    (hall, num) [pk]\n  }\n}\nTable tickets {\n  id int [pk]\n  seat_hall int\n  seat_num int\n}\nRef: tickets.(seat_num, seat_hall) > seats.(num, hall)', at: 'tickets.seat_num', good: 'Table seats {\n  hall int\n  num int\n  Indexes {\n    (hall, num) [pk]\n  }\n}\nTable tickets {\n  id int [pk]\n  seat_hall int\n  seat_num int\n}\nRef: tickets.(seat_hall, seat_num) > seats.(hall, num)' },
  { code: 'KEY007', bad: USERS + 'Table posts {\n  id int [pk]\n  user_id int [not null]\n}\nRef: posts.user_id > users.id [delete: set null]', at: 'posts.user_id', good: USERS + 'Table posts {\n  id int [pk]\n  user_id int [null]\n}\nRef: posts.user_id > users.id [delete: set null]' },
  { code: 'KEY008', bad: 'Table categories {\n  id int [pk]\n  parent_id int [not null, ref: > categories.id]\n}', at: 'categories.parent_id', good: 'Table categories {\n  id int [pk]\n  parent_id int [null, ref: > categories.id]\n}' },
  // naming
  { code: 'NAME001', bad: 'Table users {\n  id int [pk]\n  first_name varchar\n  last_name varchar\n  birthPlace varchar\n}', at: 'users.birthPlace', good: 'Table users {\n  id int [pk]\n  first_name varchar\n  last_name varchar\n  birth_place varchar\n}' },
  { code: 'NAME002', db: 'postgres', bad: 'Table accounts {\n  id int [pk]\n  user int\n}', at: 'accounts.user', good: 'Table accounts {\n  id int [pk]\n  owner int\n}' },
  { code: 'NAME002', db: 'mysql', bad: 'Table ranges {\n  id int [pk]\n  range int\n}', at: 'ranges.range', good: 'Table ranges {\n  id int [pk]\n  user int\n}' },
  { code: 'NAME003', db: 'postgres', bad: `Table t {\n  id int [pk]\n  ${'a'.repeat(64)} int\n}`, at: `t.${'a'.repeat(64)}`, good: `Table t {\n  id int [pk]\n  ${'a'.repeat(63)} int\n}` },
  { code: 'NAME003', db: 'postgres', bad: `Table t {\n  id int [pk]\n  "${'é'.repeat(32)}" int\n}`, at: `t.${'é'.repeat(32)}`, good: `Table t {\n  id int [pk]\n  "${'é'.repeat(31)}" int\n}` },
  { code: 'NAME003', db: 'mysql', bad: `Table ${'m'.repeat(65)} {\n  id int [pk]\n}`, at: 'm'.repeat(65), good: `Table ${'m'.repeat(64)} {\n  id int [pk]\n}` },
  { code: 'NAME003', db: 'mssql', bad: `Table t {\n  id int [pk]\n  ${'s'.repeat(129)} int\n}`, at: `t.${'s'.repeat(129)}`, good: `Table t {\n  id int [pk]\n  ${'s'.repeat(128)} int\n}` },
  { code: 'NAME004', bad: 'Table items {\n  id int [pk]\n  "unit price" decimal\n}', at: 'items.unit price', good: 'Table items {\n  id int [pk]\n  unit_price decimal\n}' },
  { code: 'NAME005', db: 'postgres', bad: 'Table accounts {\n  id int [pk]\n  OwnerName varchar\n}', at: 'accounts.OwnerName', good: 'Table accounts {\n  id int [pk]\n  owner_name varchar\n}' },
  { code: 'NAME006', bad: 'Table users {\n  id int [pk]\n  user_email_verified_at timestamptz\n}', at: 'users.user_email_verified_at', good: 'Table users {\n  id int [pk]\n  user_id int\n  email_verified_at timestamptz\n}' },
  // types
  { code: 'TYPE001', bad: 'Table orders {\n  id int [pk]\n  total_price double\n}', at: 'orders.total_price', good: 'Table orders {\n  id int [pk]\n  total_price decimal(19, 4)\n  weight double\n  discount_rate float\n}' },
  { code: 'TYPE002', db: 'postgres', sql: 'postgres', bad: 'create table events (id int primary key, happened_at timestamp);', at: 'events.happened_at', good: 'create table events (id int primary key, happened_at timestamptz);' },
  { code: 'TYPE003', db: 'mysql', bad: 'Table users {\n  id int [pk]\n  name varchar\n}', at: 'users.name', good: 'Table users {\n  id int [pk]\n  name varchar(255)\n}' },
  { code: 'TYPE004', bad: 'Table users {\n  id int [pk]\n  last_name char(50)\n}', at: 'users.last_name', good: 'Table users {\n  id int [pk]\n  last_name varchar(50)\n  country_code char(2)\n  password_sha256 char(64)\n  dept_no char(4)\n  cultureid char(6)\n}' },
  { code: 'TYPE005', bad: 'Table pages {\n  url text [pk]\n}', at: 'pages.url', good: 'Table pages {\n  id bigint [pk]\n  url varchar(2048) [unique]\n}' },
  { code: 'TYPE006', db: 'postgres', sql: 'postgres', bad: 'create table users (id serial primary key);', at: 'users.id', good: 'create table users (id integer generated always as identity primary key);' },
  { code: 'TYPE007', bad: 'Table events {\n  id int [pk, increment]\n}', at: 'events.id', good: 'Table events {\n  id bigint [pk, increment]\n}' },
  { code: 'TYPE008', db: 'postgres', bad: 'Table events {\n  id int [pk]\n  payload json\n}', at: 'events.payload', good: 'Table events {\n  id int [pk]\n  payload jsonb\n}' },
  { code: 'TYPE009', bad: 'Table readings {\n  value double [pk]\n}', at: 'readings.value', good: 'Table readings {\n  id bigint [pk]\n  value double\n}' },
  { code: 'TYPE010', db: 'postgres', bad: 'Table orders {\n  id int [pk]\n  total money\n}', at: 'orders.total', good: 'Table orders {\n  id int [pk]\n  total numeric(19, 4)\n}' },
  { code: 'TYPE011', bad: 'Table shops {\n  id int [pk]\n  opens_at timetz\n}', at: 'shops.opens_at', good: 'Table shops {\n  id int [pk]\n  opens_at time\n}' },
  { code: 'TYPE012', db: 'mysql', sql: 'mysql', bad: 'create table orders (id int primary key, total decimal);', at: 'orders.total', good: 'create table orders (id int primary key, total decimal(19, 4));' },
  // indexes
  { code: 'IDX001', bad: "Table users {\n  id int [pk]\n  email varchar\n  Indexes {\n    email [name: 'a']\n    email [name: 'b']\n  }\n}", at: 'users', good: "Table users {\n  id int [pk]\n  email varchar\n  Indexes {\n    email [name: 'a']\n    (email, id) [name: 'b']\n  }\n}" },
  { code: 'IDX002', bad: 'Table orders {\n  id int [pk]\n  customer_id int\n  created_at timestamptz\n  Indexes {\n    customer_id\n    (customer_id, created_at)\n  }\n}', at: 'orders', good: 'Table orders {\n  id int [pk]\n  customer_id int\n  created_at timestamptz\n  Indexes {\n    created_at\n    (customer_id, created_at)\n  }\n}' },
  { code: 'IDX003', bad: `Table t {\n  id int [pk]\n${[...'abcdefghij'].map((c) => `  ${c} int`).join('\n')}\n  Indexes {\n${[...'abcdefghij'].map((c) => `    ${c}`).join('\n')}\n  }\n}`, at: 't', good: `Table t {\n  id int [pk]\n${[...'abcdefghi'].map((c) => `  ${c} int`).join('\n')}\n  Indexes {\n${[...'abcdefghi'].map((c) => `    ${c}`).join('\n')}\n  }\n}` },
  { code: 'IDX004', db: 'postgres', bad: "Table a {\n  id int [pk]\n  x int\n  Indexes {\n    x [name: 'ix_x']\n  }\n}\nTable b {\n  id int [pk]\n  x int\n  Indexes {\n    x [name: 'ix_x']\n  }\n}", at: 'b', good: "Table a {\n  id int [pk]\n  x int\n  Indexes {\n    x [name: 'a_x_idx']\n  }\n}\nTable b {\n  id int [pk]\n  x int\n  Indexes {\n    x [name: 'b_x_idx']\n  }\n}" },
  { code: 'IDX005', bad: 'Table users {\n  id int [pk]\n  is_active boolean\n  Indexes {\n    is_active\n  }\n}', at: 'users.is_active', good: 'Table users {\n  id int [pk]\n  is_active boolean\n  org_id int\n  Indexes {\n    (org_id, is_active)\n  }\n}' },
  { code: 'IDX006', bad: 'Table t {\n  id int [pk]\n  a int\n  b int\n  c int\n  d int\n  e int\n  f int\n  Indexes {\n    (a, b, c, d, e, f)\n  }\n}', at: 't', good: 'Table t {\n  id int [pk]\n  a int\n  b int\n  c int\n  d int\n  e int\n  f int\n  Indexes {\n    (a, b, c, d, e)\n  }\n}' },
  // design
  { code: 'DES001', bad: `Table wide {\n  id int [pk]\n${Array.from({ length: 50 }, (_, i) => `  c${i} int`).join('\n')}\n}`, at: 'wide', good: `Table wide {\n  id int [pk]\n${Array.from({ length: 49 }, (_, i) => `  c${i} int`).join('\n')}\n}` },
  { code: 'DES002', bad: USERS + 'Table posts {\n  id int [pk]\n  user_id int [ref: > users.id]\n}\nTable tmp_import {\n  id int [pk]\n}', at: 'tmp_import', good: USERS + 'Table posts {\n  id int [pk]\n  user_id int [ref: > users.id]\n}' },
  { code: 'DES003', bad: 'Table players {\n  id int [pk]\n  team_id int [ref: > teams.id]\n}\nTable teams {\n  id int [pk]\n  captain_id int [ref: > players.id]\n}', at: 'players', good: 'Table players {\n  id int [pk]\n  team_id int [ref: > teams.id]\n  mentor_id int [ref: > players.id]\n}\nTable teams {\n  id int [pk]\n}' },
  { code: 'DES004', bad: 'Table posts {\n  id int [pk]\n}\nTable tags {\n  id int [pk]\n}\nTable post_tags {\n  post_id int [ref: > posts.id]\n  tag_id int [ref: > tags.id]\n  created_at timestamptz\n}', at: 'post_tags', good: 'Table posts {\n  id int [pk]\n}\nTable tags {\n  id int [pk]\n}\nTable post_tags {\n  post_id int [ref: > posts.id]\n  tag_id int [ref: > tags.id]\n  Indexes {\n    (post_id, tag_id) [pk]\n  }\n}' },
  { code: 'DES005', bad: 'Enum status {\n  active\n}\nTable t {\n  id int [pk]\n  s status\n}', at: '', good: 'Enum status {\n  active\n  closed\n}\nTable t {\n  id int [pk]\n  s status\n}' },
  { code: 'DES006', bad: 'Table placeholder {\n}', at: 'placeholder', good: 'Table placeholder {\n  id int [pk]\n}' },
  { code: 'DES007', bad: 'Enum mood {\n  happy\n  sad\n}\nTable people {\n  id int [pk]\n  mood varchar\n}', at: '', good: 'Enum mood {\n  happy\n  sad\n}\nTable people {\n  id int [pk]\n  feeling mood\n}' },
  { code: 'DES008', sql: 'postgres', bad: 'create table users (id int primary key, is_admin boolean);', at: 'users.is_admin', good: 'create table users (id int primary key, is_admin boolean not null, is_verified boolean default false);' },
  // pii
  { code: 'PII001', bad: 'Table users {\n  id int [pk]\n  contact_email varchar\n}', at: 'users.contact_email', good: 'Table users {\n  id int [pk]\n  email_verified boolean\n  email_sent_at timestamptz\n}' },
  { code: 'PII002', bad: 'Table users {\n  id int [pk]\n  mobilePhone varchar\n}', at: 'users.mobilePhone', good: 'Table users {\n  id int [pk]\n  phone_verified_at timestamptz\n  telemetry_enabled boolean\n}' },
  { code: 'PII003', bad: 'Table employees {\n  id int [pk]\n  ssn varchar(11)\n}', at: 'employees.ssn', good: 'Table employees {\n  id int [pk]\n  lesson varchar\n  passport_checked boolean\n}' },
  { code: 'PII004', bad: 'Table users {\n  id int [pk]\n  date_of_birth date\n}', at: 'users.date_of_birth', good: 'Table users {\n  id int [pk]\n  birth_year_known boolean\n  created_on date\n}' },
  { code: 'PII005', bad: 'Table payments {\n  id int [pk]\n  card_number varchar(19)\n}', at: 'payments.card_number', good: 'Table payments {\n  id int [pk]\n  card_last4 char(4)\n  card_brand varchar\n}' },
  { code: 'PII006', bad: 'Table logins {\n  id int [pk]\n  ip_address varchar(45)\n}', at: 'logins.ip_address', good: 'Table logins {\n  id int [pk]\n  zip_file varchar\n  ip_count int\n}' },
  { code: 'PII007', bad: 'Table customers {\n  id int [pk]\n  street_address varchar\n}', at: 'customers.street_address', good: 'Table customers {\n  id int [pk]\n  address_id int\n  email_address_verified boolean\n  mac_address varchar\n}' },
  { code: 'PII008', bad: 'Table users {\n  id int [pk]\n  password varchar(255)\n}', at: 'users.password', good: 'Table users {\n  id int [pk]\n  password_hash varchar(255)\n}' },
  { code: 'PII008', bad: 'Table users {\n  id int [pk]\n  password_hash varchar(32)\n}', at: 'users.password_hash', good: 'Table users {\n  id int [pk]\n  password_digest bytea\n  password_changed_at timestamptz\n}' },
  { code: 'PII009', bad: 'Table users {\n  id int [pk]\n  email varchar\n}', at: 'users.email', good: "Table users {\n  id int [pk]\n  email varchar [note: 'PII: email']\n}" },
];

test('every registered rule has a fixture, and codes are unique with the family prefix', () => {
  const prefix: Record<string, string> = { keys: 'KEY', naming: 'NAME', types: 'TYPE', indexes: 'IDX', design: 'DES', pii: 'PII' };
  const codes = rules.map((r) => r.code);
  assert.equal(new Set(codes).size, codes.length);
  assert.ok(rules.length >= 40, `${rules.length} rules`);
  for (const r of rules) assert.match(r.code, new RegExp(`^${prefix[r.family]}\\d{3}$`));
  const covered = new Set(CASES.map((c) => c.code));
  assert.deepEqual(codes.filter((c) => !covered.has(c)), []);
});

for (const c of CASES) {
  test(`${c.code} fires on ${c.at || 'the enum'}${c.db ? ` (${c.db})` : ''}`, () => {
    const found = findings(c, c.bad);
    assert.ok(found.length > 0, `${c.code} did not fire`);
    assert.ok(found.some((f) => where(f) === c.at), `${c.code} fired at ${found.map(where).join(', ')}, not ${c.at}`);
    for (const f of found) assert.ok(f.uri && f.span && f.span.end > f.span.start, `${c.code} has a location`);
  });
  test(`${c.code} stays quiet on the good fixture${c.db ? ` (${c.db})` : ''}`, () => {
    assert.deepEqual(findings(c, c.good).map((f) => f.message), []);
  });
}
