/**
 * Relationship inference (engine/infer): one data-driven table per signal,
 * each fixture a small DBML schema bound through the Workspace, then checks
 * that declared relationships are never re-reported, the evidence a user
 * reads, confidence ordering, cardinality, polymorphic pairs, junction
 * tables and deterministic order.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../src/engine/workspace.js';
import type { Schema } from '../../src/engine/model/schema.js';
import { inferRelationships, inferSchema, type InferredRelationship } from '../../src/engine/infer/index.js';

function schemaOf(dbml: string): Schema {
  const ws = new Workspace();
  ws.setFile('file:///t.dbml', dbml, 0, { language: 'dbml' });
  return ws.binding().schema;
}

function short(key: string): string {
  return key.startsWith('public.') ? key.slice(7) : key;
}

function show(r: InferredRelationship): string {
  return `${short(r.from.tableKey)}.${r.from.columns.join('+')} -> ${short(r.to.tableKey)}.${r.to.columns.join('+')}`;
}

function infer(dbml: string, minConfidence?: number): InferredRelationship[] {
  return inferRelationships(schemaOf(dbml), minConfidence === undefined ? undefined : { minConfidence });
}

/** Finds the one inferred relationship from `from` (`table.column`). */
function from(rels: InferredRelationship[], f: string): InferredRelationship | undefined {
  return rels.find((r) => `${short(r.from.tableKey)}.${r.from.columns.join('+')}` === f);
}

interface Case {
  name: string;
  dbml: string;
  /** `table.column -> table.column` expected among the results */
  expect: string;
  /** the naming signal that must have produced it */
  signal: string;
}

const NAMING: Case[] = [
  { name: 'snake_case user_id -> users', dbml: 'Table users { id int [pk] }\nTable posts { id int [pk]\n user_id int }', expect: 'posts.user_id -> users.id', signal: 'name:table' },
  { name: 'camelCase userId -> users', dbml: 'Table users { id int [pk] }\nTable posts { id int [pk]\n userId int }', expect: 'posts.userId -> users.id', signal: 'name:table' },
  { name: 'UserID -> User', dbml: 'Table User { UserID int [pk] }\nTable Post { PostID int [pk]\n UserID int }', expect: 'Post.UserID -> User.UserID', signal: 'name:same-key' },
  { name: 'UserID -> User (key named id)', dbml: 'Table User { id int [pk] }\nTable Post { id int [pk]\n UserID int }', expect: 'Post.UserID -> User.id', signal: 'name:table' },
  { name: 'user_fk suffix', dbml: 'Table users { id int [pk] }\nTable posts { id int [pk]\n user_fk int }', expect: 'posts.user_fk -> users.id', signal: 'name:table' },
  { name: 'fk_user prefix', dbml: 'Table users { id int [pk] }\nTable posts { id int [pk]\n fk_user int }', expect: 'posts.fk_user -> users.id', signal: 'name:table' },
  { name: 'glued departmentid', dbml: 'Table department { departmentid int [pk] }\nTable history { id int [pk]\n departmentid int }', expect: 'history.departmentid -> department.departmentid', signal: 'name:same-key' },
  { name: 'irregular plural people', dbml: 'Table people { id int [pk] }\nTable visits { id int [pk]\n person_id int }', expect: 'visits.person_id -> people.id', signal: 'name:table' },
  { name: 'irregular plural children', dbml: 'Table children { id int [pk] }\nTable toys { id int [pk]\n child_id int }', expect: 'toys.child_id -> children.id', signal: 'name:table' },
  { name: '-ies plural', dbml: 'Table categories { id int [pk] }\nTable products { id int [pk]\n category_id int }', expect: 'products.category_id -> categories.id', signal: 'name:table' },
  { name: '-es plural', dbml: 'Table addresses { id int [pk] }\nTable shops { id int [pk]\n address_id int }', expect: 'shops.address_id -> addresses.id', signal: 'name:table' },
  { name: '-ches plural', dbml: 'Table branches { id int [pk] }\nTable desks { id int [pk]\n branch_id int }', expect: 'desks.branch_id -> branches.id', signal: 'name:table' },
  {
    name: 'table prefix wp_',
    dbml: 'Table wp_users { ID int [pk] }\nTable wp_posts { ID int [pk]\n user_id int }\nTable wp_comments { ID int [pk]\n post_id int }',
    expect: 'wp_posts.user_id -> wp_users.ID',
    signal: 'name:table',
  },
  { name: 'schema-qualified target', dbml: 'Table crm.customers { id int [pk] }\nTable billing.invoices { id int [pk]\n customer_id int }', expect: 'billing.invoices.customer_id -> crm.customers.id', signal: 'name:table' },
  { name: 'role prefix original_language_id', dbml: 'Table languages { id int [pk] }\nTable films { id int [pk]\n original_language_id int }', expect: 'films.original_language_id -> languages.id', signal: 'name:role-prefix' },
  { name: 'role prefix before a key name', dbml: 'Table staff { staff_id int [pk] }\nTable stores { store_id int [pk]\n manager_staff_id int }', expect: 'stores.manager_staff_id -> staff.staff_id', signal: 'name:role-prefix' },
  { name: 'glued role prefix', dbml: 'Table address { addressid int [pk] }\nTable orders { orderid int [pk]\n shiptoaddressid int }', expect: 'orders.shiptoaddressid -> address.addressid', signal: 'name:role-prefix' },
  { name: 'same key name emp_no', dbml: 'Table employees { emp_no int [pk] }\nTable salaries { id int [pk]\n emp_no int }', expect: 'salaries.emp_no -> employees.emp_no', signal: 'name:same-key' },
  { name: 'context prefix forum_posts.topic_id', dbml: 'Table forum_topics { id int [pk] }\nTable forum_posts { id int [pk]\n topic_id int }', expect: 'forum_posts.topic_id -> forum_topics.id', signal: 'name:context-prefix' },
  { name: 'sub-entity of the source after a role', dbml: 'Table sessions { id int [pk] }\nTable environment_sessions { id int [pk] }\nTable environments { id int [pk]\n current_session_id int }', expect: 'environments.current_session_id -> environment_sessions.id', signal: 'name:context-prefix' },
  { name: 'table suffix environment_id', dbml: 'Table runtime_environments { id int [pk] }\nTable deploys { id int [pk]\n environment_id int }', expect: 'deploys.environment_id -> runtime_environments.id', signal: 'name:table-suffix' },
  { name: 'abbreviation worker_group_id', dbml: 'Table worker_instance_groups { id int [pk] }\nTable workers { id int [pk]\n worker_group_id int }', expect: 'workers.worker_group_id -> worker_instance_groups.id', signal: 'name:table-suffix' },
  { name: 'self reference parent_id', dbml: 'Table categories { id int [pk]\n parent_id int }', expect: 'categories.parent_id -> categories.id', signal: 'name:self-role' },
  { name: 'self reference manager_id', dbml: 'Table employees { id int [pk]\n manager_id int }', expect: 'employees.manager_id -> employees.id', signal: 'name:self-role' },
  { name: 'self reference ReportsTo', dbml: 'Table Employee { EmployeeId int [pk]\n ReportsTo int }', expect: 'Employee.ReportsTo -> Employee.EmployeeId', signal: 'name:self-role' },
  { name: 'self reference previous_version_id', dbml: 'Table tag_versions { id int [pk]\n previous_version_id int }\nTable note_versions { id int [pk] }', expect: 'tag_versions.previous_version_id -> tag_versions.id', signal: 'name:self-role' },
  { name: 'actor role author_id (no authors table)', dbml: 'Table users { id int [pk] }\nTable articles { id int [pk]\n author_id int }', expect: 'articles.author_id -> users.id', signal: 'name:actor-role' },
  { name: 'actor role created_by', dbml: 'Table users { id int [pk] }\nTable articles { id int [pk]\n created_by int }', expect: 'articles.created_by -> users.id', signal: 'name:actor-role' },
  { name: 'author_id -> authors when it exists', dbml: 'Table users { id int [pk] }\nTable authors { id int [pk] }\nTable books { id int [pk]\n author_id int }', expect: 'books.author_id -> authors.id', signal: 'name:table' },
];

for (const c of NAMING) {
  test(`naming: ${c.name}`, () => {
    const rels = infer(c.dbml);
    const hit = rels.find((r) => show(r) === c.expect);
    assert.ok(hit, `expected ${c.expect}, got ${rels.map(show).join('; ') || 'nothing'}`);
    assert.equal(hit.source, 'inferred');
    assert.equal(hit.evidence[0].signal, c.signal);
    assert.ok(hit.confidence >= 0.5 && hit.confidence <= 1);
    const sum = hit.evidence.reduce((s, e) => s + e.weight, 0);
    assert.ok(Math.abs(Math.min(1, Math.max(0, sum)) - hit.confidence) < 0.001, 'confidence is the clamped sum of the weights');
  });
}

/** Columns that must not become relationships. */
const NOT_REFERENCES: { name: string; dbml: string }[] = [
  { name: 'a table key named id', dbml: 'Table users { id int [pk] }\nTable posts { id int [pk] }' },
  { name: 'an id with no table of that name', dbml: 'Table users { id int [pk]\n stripe_id varchar }' },
  { name: 'uuid column', dbml: 'Table users { id int [pk]\n uuid uuid }' },
  { name: 'a row’s own external id', dbml: 'Table reactions { id int [pk]\n reaction_id int }' },
  { name: 'a table’s own key named after it', dbml: 'Table users { user_id int [pk] }\nTable accounts { account_id int [pk] }' },
  { name: 'no key to point at', dbml: 'Table users { name varchar }\nTable posts { id int [pk]\n user_id int }' },
  { name: 'an id in another system', dbml: 'Table orders { id int [pk] }\nTable shipments { id int [pk]\n external_order_id int }' },
  { name: 'valid is not v + id', dbml: 'Table v { id int [pk] }\nTable tokens { id int [pk]\n valid bool }' },
];

for (const c of NOT_REFERENCES) {
  test(`no inference: ${c.name}`, () => {
    assert.deepEqual(infer(c.dbml).map(show), []);
  });
}

test('a declared relationship is never re-reported, in either direction', () => {
  const base = 'Table users { id int [pk] }\nTable posts { id int [pk]\n user_id int\n editor_id int }\n';
  assert.deepEqual(infer(base).map(show).sort(), ['posts.editor_id -> users.id', 'posts.user_id -> users.id']);
  assert.deepEqual(infer(base + 'Ref: posts.user_id > users.id').map(show), ['posts.editor_id -> users.id']);
  assert.deepEqual(infer(base + 'Ref: users.id < posts.user_id').map(show), ['posts.editor_id -> users.id']);
  assert.deepEqual(infer(base + 'Ref: users.id - posts.user_id').map(show), ['posts.editor_id -> users.id']);
});

test('a column that already holds a declared reference gets no second one', () => {
  const dbml = 'Table users { id int [pk] }\nTable members { id int [pk] }\nTable posts { id int [pk]\n user_id int [ref: > members.id] }';
  assert.deepEqual(infer(dbml).map(show), []);
});

test('type compatibility: compatible adds weight, a mismatch takes it away', () => {
  const ok = from(infer('Table users { id int [pk] }\nTable posts { id int [pk]\n user_id bigint }'), 'posts.user_id');
  assert.ok(ok);
  const t = ok.evidence.find((e) => e.signal === 'type:compatible');
  assert.ok(t && t.weight > 0 && t.detail.includes('bigint') && t.detail.includes('int'));
  const bad = 'Table users { id uuid [pk] }\nTable posts { id int [pk]\n user_id int }';
  assert.deepEqual(infer(bad).map(show), [], 'below the default threshold');
  const low = from(infer(bad, 0), 'posts.user_id');
  assert.ok(low);
  const m = low.evidence.find((e) => e.signal === 'type:mismatch');
  assert.ok(m && m.weight < 0);
  assert.ok(low.confidence < ok.confidence);
});

test('target evidence: primary key, unique, or a plain id (weaker)', () => {
  const pk = from(infer('Table users { id int [pk] }\nTable posts { id int [pk]\n user_id int }'), 'posts.user_id')!;
  const unique = from(infer('Table users { id int [unique] }\nTable posts { id int [pk]\n user_id int }'), 'posts.user_id')!;
  const plain = from(infer('Table users { id int }\nTable posts { id int [pk]\n user_id int }'), 'posts.user_id')!;
  assert.equal(pk.evidence[1].signal, 'target:primary-key');
  assert.equal(unique.evidence[1].signal, 'target:unique');
  assert.equal(plain.evidence[1].signal, 'target:not-key');
  assert.ok(pk.confidence > unique.confidence && unique.confidence > plain.confidence);
});

test('target key: a unique column of the right type when the primary key has the wrong one', () => {
  const dbml = 'Table login_sessions { id bigint [pk]\n login_id uuid [unique] }\nTable user_events { id bigint [pk]\n login_session_id uuid }';
  const r = from(infer(dbml), 'user_events.login_session_id');
  assert.ok(r);
  assert.equal(show(r), 'user_events.login_session_id -> login_sessions.login_id');
  assert.match(r.evidence[1].detail, /login_id is unique and has the type of login_session_id/);
});

test('cardinality: n-1, and 1-1 when the source column is unique or the key', () => {
  const many = from(infer('Table users { id int [pk] }\nTable posts { id int [pk]\n user_id int }'), 'posts.user_id')!;
  assert.equal(many.cardinality, 'n-1');
  const one = from(infer('Table users { id int [pk] }\nTable profiles { id int [pk]\n user_id int [unique] }'), 'profiles.user_id')!;
  assert.equal(one.cardinality, '1-1');
  assert.ok(one.evidence.some((e) => e.signal === 'cardinality:one-to-one' && e.weight === 0));
  const inherit = from(infer('Table person { person_id int [pk] }\nTable employee { person_id int [pk] }'), 'employee.person_id')!;
  assert.equal(inherit.cardinality, '1-1');
  assert.equal(show(inherit), 'employee.person_id -> person.person_id');
});

test('confidence orders the signals: table name > role prefix > table suffix and actor role', () => {
  const rels = infer(
    'Table users { id int [pk] }\nTable languages { id int [pk] }\nTable runtime_environments { id int [pk] }\n' +
      'Table things { id int [pk]\n user_id int\n original_language_id int\n environment_id int\n creator_id int }',
  );
  const c = (f: string) => from(rels, f)!.confidence;
  assert.ok(c('things.user_id') > c('things.original_language_id'));
  assert.ok(c('things.original_language_id') > c('things.environment_id'));
  assert.ok(c('things.original_language_id') > c('things.creator_id'));
  // within a table, the most confident first
  const order = rels.map((r) => r.confidence);
  assert.deepEqual(order, [...order].sort((a, b) => b - a));
});

test('polymorphic pair: no single target, reported as low-confidence evidence', () => {
  const dbml = 'Table posts { id int [pk] }\nTable comments { id int [pk]\n commentable_type varchar\n commentable_id int }';
  const r = inferSchema(schemaOf(dbml));
  assert.deepEqual(r.relationships.map(show), []);
  assert.equal(r.polymorphic.length, 1);
  const p = r.polymorphic[0];
  assert.equal(p.tableKey, 'public.comments');
  assert.equal(p.typeColumn, 'commentable_type');
  assert.equal(p.idColumn, 'commentable_id');
  assert.ok(p.confidence < 0.5);
  assert.match(p.evidence[0].detail, /polymorphic/);
});

test('polymorphic pair naming a table: reported, with less confidence', () => {
  const plain = from(infer('Table posts { id int [pk] }\nTable likes { id int [pk]\n post_id int }'), 'likes.post_id')!;
  const poly = from(infer('Table posts { id int [pk] }\nTable likes { id int [pk]\n post_type varchar\n post_id int }', 0), 'likes.post_id')!;
  assert.ok(poly.evidence.some((e) => e.signal === 'polymorphic' && e.weight < 0));
  assert.ok(poly.confidence < plain.confidence);
});

test('junction table: both references carry the n-n note', () => {
  const rels = infer('Table posts { id int [pk] }\nTable tags { id int [pk] }\nTable post_tags {\n post_id int\n tag_id int\n indexes { (post_id, tag_id) [pk] }\n}');
  assert.deepEqual(rels.map(show).sort(), ['post_tags.post_id -> posts.id', 'post_tags.tag_id -> tags.id']);
  for (const r of rels) {
    const j = r.evidence.find((e) => e.signal === 'junction');
    assert.ok(j, show(r));
    assert.match(j.detail, /post_tags is a junction table.*posts.*tags.*n-n/);
  }
});

test('junction table with one reference declared: the inferred one still carries the note', () => {
  const rels = infer('Table posts { id int [pk] }\nTable tags { id int [pk] }\nTable post_tags {\n post_id int [ref: > posts.id]\n tag_id int\n indexes { (post_id, tag_id) [pk] }\n}');
  assert.deepEqual(rels.map(show), ['post_tags.tag_id -> tags.id']);
  assert.match(rels[0].evidence.find((e) => e.signal === 'junction')?.detail ?? '', /joins posts and tags/);
});

test('composite reference by the columns of a composite key', () => {
  const rels = infer(
    'Table offer_products {\n offer_id int\n product_id int\n indexes { (offer_id, product_id) [pk] }\n}\n' +
      'Table order_lines { id int [pk]\n offer_id int\n product_id int }',
  );
  assert.ok(rels.some((r) => show(r) === 'order_lines.offer_id+product_id -> offer_products.offer_id+product_id'), rels.map(show).join('; '));
});

test('evidence details name the columns and tables a user must judge', () => {
  const r = from(infer('Table users { id int [pk] }\nTable posts { id int [pk]\n user_id int }'), 'posts.user_id')!;
  assert.match(r.evidence[0].detail, /posts\.user_id .*'user' names users \(plural 'users'\)/);
  assert.match(r.evidence[1].detail, /users\.id is the primary key/);
});

test('minConfidence filters', () => {
  const dbml = 'Table users { id int [pk] }\nTable things { id int [pk]\n user_id int\n creator_id int }';
  assert.equal(infer(dbml, 0.5).length, 2);
  assert.deepEqual(infer(dbml, 0.8).map(show), ['things.user_id -> users.id']);
});

test('deterministic: the same result whatever the table order', () => {
  const tables = [
    'Table users { id int [pk] }',
    'Table posts { id int [pk]\n user_id int\n parent_id int }',
    'Table comments { id int [pk]\n post_id int\n user_id int }',
    'Table languages { id int [pk] }',
    'Table films { id int [pk]\n language_id int\n original_language_id int }',
  ];
  const a = infer(tables.join('\n')).map(show);
  const b = infer([...tables].reverse().join('\n')).map(show);
  assert.deepEqual(a, b);
  assert.equal(a.length, 6);
});
