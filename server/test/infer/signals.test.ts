/**
 * The precision signals of relationship inference (issue 5): indexes,
 * documentation, `_by` text columns, ambiguous key families, composite
 * references, copies and projections of tables, partitions that keep their
 * own foreign keys, and role + abbreviation. Each case is an inline schema
 * whose outcome changes with the signal: the relationship appears, vanishes,
 * or moves to another target, and the evidence says why.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../src/engine/workspace.js';
import type { Schema } from '../../src/engine/model/schema.js';
import { inferRelationships, SIGNALS, type InferredRelationship } from '../../src/engine/infer/index.js';
import { docDenies, docReference, mentions } from '../../src/engine/infer/docs.js';

function dbml(text: string): Schema {
  const ws = new Workspace();
  ws.setFile('file:///s.dbml', text, 0, { language: 'dbml' });
  return ws.binding().schema;
}

function postgres(text: string): Schema {
  const ws = new Workspace();
  ws.setFile('file:///s.sql', text, 0, { language: 'sql', dialect: 'postgres' });
  return ws.binding().schema;
}

function short(key: string): string {
  return key.startsWith('public.') ? key.slice(7) : key;
}

function show(r: InferredRelationship): string {
  return `${short(r.from.tableKey)}.${r.from.columns.join('+')} -> ${short(r.to.tableKey)}.${r.to.columns.join('+')}`;
}

function shown(schema: Schema, minConfidence?: number): string[] {
  return inferRelationships(schema, minConfidence === undefined ? undefined : { minConfidence }).map(show).sort();
}

/** The one relationship from `table.column` at any confidence. */
function candidate(schema: Schema, f: string): InferredRelationship | undefined {
  return inferRelationships(schema, { minConfidence: 0 }).find((r) => `${short(r.from.tableKey)}.${r.from.columns.join('+')}` === f);
}

function signals(r: InferredRelationship | undefined): string[] {
  return r ? r.evidence.map((e) => e.signal) : [];
}

interface Case {
  name: string;
  schema: Schema;
  /** relationships reported at the default threshold */
  expect: string[];
  /** `table.column` whose evidence must carry `signal` */
  from: string;
  signal: string;
}

const USERS = 'Table users { id int [pk] }\nTable runtime_environments { id int [pk] }\n';

const CASES: Case[] = [
  {
    name: 'index:missing: a table that indexes other columns but not this one (a weak name falls below the threshold)',
    schema: dbml(USERS + 'Table deploys { id int [pk]\n environment_id int\n sha varchar\n Indexes { sha } }'),
    expect: [],
    from: 'deploys.environment_id',
    signal: 'index:missing',
  },
  {
    name: 'index:covered: the same weak name, indexed, is reported',
    schema: dbml(USERS + 'Table deploys { id int [pk]\n environment_id int\n sha varchar\n Indexes { sha\n environment_id } }'),
    expect: ['deploys.environment_id -> runtime_environments.id'],
    from: 'deploys.environment_id',
    signal: 'index:covered',
  },
  {
    name: 'index:fk-name: an index named for a foreign key',
    schema: dbml(USERS + "Table deploys { id int [pk]\n environment_id int\n sha varchar\n Indexes { sha\n environment_id [name: 'idx_fk_environment_id'] } }"),
    expect: ['deploys.environment_id -> runtime_environments.id'],
    from: 'deploys.environment_id',
    signal: 'index:fk-name',
  },
  {
    name: 'name:by-text: `installed_by text` may hold a name',
    schema: dbml('Table users { id text [pk] }\nTable installs { id text [pk]\n installed_by text }'),
    expect: [],
    from: 'installs.installed_by',
    signal: 'name:by-text',
  },
  {
    name: 'target:ambiguous: a key shared by a family of tables, the source names none of them',
    schema: dbml(
      'Table businessentity { businessentityid int [pk] }\nTable person { businessentityid int [pk] }\nTable vendor { businessentityid int [pk] }\n' +
        'Table store { businessentityid int [pk] }\nTable emailaddress { emailaddressid int [pk]\n businessentityid int }',
    ),
    expect: ['person.businessentityid -> businessentity.businessentityid', 'store.businessentityid -> businessentity.businessentityid', 'vendor.businessentityid -> businessentity.businessentityid'],
    from: 'emailaddress.businessentityid',
    signal: 'target:ambiguous',
  },
  {
    name: 'doc:names-target: the note picks the target among the family',
    schema: dbml(
      'Table businessentity { businessentityid int [pk] }\nTable person { businessentityid int [pk] }\nTable vendor { businessentityid int [pk] }\n' +
        "Table store { businessentityid int [pk] }\nTable emailaddress { emailaddressid int [pk]\n businessentityid int [note: 'Person. Foreign key to Person.BusinessEntityID'] }",
    ),
    expect: [
      'emailaddress.businessentityid -> person.businessentityid',
      'person.businessentityid -> businessentity.businessentityid',
      'store.businessentityid -> businessentity.businessentityid',
      'vendor.businessentityid -> businessentity.businessentityid',
    ],
    from: 'emailaddress.businessentityid',
    signal: 'doc:names-target',
  },
  {
    name: 'doc:names-target: a column without a reference marker',
    schema: dbml("Table employee { businessentityid int [pk] }\nTable document { id int [pk]\n owner int [note: 'Employee who controls the document. Foreign key to Employee.BusinessEntityID'] }"),
    expect: ['document.owner -> employee.businessentityid'],
    from: 'document.owner',
    signal: 'doc:names-target',
  },
  {
    name: 'doc:no-reference: a column note',
    schema: dbml("Table projects { id int [pk] }\nTable sessions { id int [pk]\n project_id int [note: 'Denormalized scoping column, no FK'] }"),
    expect: [],
    from: 'sessions.project_id',
    signal: 'doc:no-reference',
  },
  {
    name: 'doc:no-reference: a table note that names no column covers them all',
    schema: dbml("Table projects { id int [pk] }\nTable orgs { id int [pk] }\nTable sessions { id int [pk]\n project_id int\n org_id int\n Note: 'No foreign keys: project and org ids are plain columns' }"),
    expect: [],
    from: 'sessions.org_id',
    signal: 'doc:no-reference',
  },
  {
    name: 'doc:no-reference: a table note that names a column covers that one only',
    schema: dbml("Table sessions { id int [pk] }\nTable runs { id int [pk] }\nTable session_runs { id int [pk]\n session_id int\n run_id int\n Note: '`run_id` is a plain column with no FK to runs' }"),
    expect: ['session_runs.session_id -> sessions.id'],
    from: 'session_runs.run_id',
    signal: 'doc:no-reference',
  },
  {
    name: 'composite:subsumed: a column of a composite reference, whose target column references the same table',
    schema: dbml(
      'Table offers { offer_id int [pk] }\nTable products { product_id int [pk] }\n' +
        'Table offer_products {\n offer_id int\n product_id int\n Indexes { (offer_id, product_id) [pk] }\n}\n' +
        'Table order_lines { line_id int [pk]\n offer_id int\n product_id int }',
    ),
    expect: [
      'offer_products.offer_id -> offers.offer_id',
      'offer_products.product_id -> products.product_id',
      'order_lines.offer_id+product_id -> offer_products.offer_id+product_id',
    ],
    from: 'order_lines.product_id',
    signal: 'composite:subsumed',
  },
  {
    name: 'source:copy: an archive with the columns of the table it extends',
    schema: dbml(
      'Table products { product_id int [pk] }\n' +
        'Table transaction_history { transaction_id int [pk]\n product_id int\n quantity int\n cost decimal }\n' +
        'Table transaction_history_archive { transaction_id int [pk]\n product_id int\n quantity int\n cost decimal }',
    ),
    expect: ['transaction_history.product_id -> products.product_id'],
    from: 'transaction_history_archive.product_id',
    signal: 'source:copy',
  },
  {
    name: 'source:projection: a table made only of another table’s columns',
    schema: dbml('Table film { film_id int [pk]\n title varchar\n description text\n length int }\nTable film_text { film_id int [pk]\n title varchar\n description text }'),
    expect: [],
    from: 'film_text.film_id',
    signal: 'source:projection',
  },
];

for (const c of CASES) {
  test(`signal ${c.name}`, () => {
    assert.ok(Object.values(SIGNALS).some((s) => s.id === c.signal), `${c.signal} is in SIGNALS`);
    assert.deepEqual(shown(c.schema), c.expect);
    const r = candidate(c.schema, c.from);
    assert.ok(r, `a candidate from ${c.from}`);
    const e = r.evidence.find((x) => x.signal === c.signal);
    assert.ok(e, `${c.from}: ${signals(r).join(', ')}`);
    assert.ok(e.detail.length > 10);
    const sum = r.evidence.reduce((s, x) => s + x.weight, 0);
    assert.ok(Math.abs(Math.min(1, Math.max(0, sum)) - r.confidence) < 0.001, 'confidence is the clamped sum of the weights');
  });
}

test('index signals order the confidence: fk-named index > indexed > no secondary index > others indexed but not this one', () => {
  const c = (indexes: string) => candidate(dbml(USERS + `Table deploys { id int [pk]\n environment_id int\n sha varchar\n ${indexes} }`), 'deploys.environment_id')!.confidence;
  const fk = c("Indexes { sha\n environment_id [name: 'fk_deploys_environment_idx'] }");
  const covered = c('Indexes { sha\n environment_id }');
  const none = c('');
  const missing = c('Indexes { sha }');
  assert.ok(fk > covered && covered > none && none > missing, `${fk} > ${covered} > ${none} > ${missing}`);
});

test('a version table (a copy plus its own columns) keeps the reference to what it versions', () => {
  const s = dbml(
    'Table users { id int [pk] }\nTable artists { id int [pk]\n name varchar\n group_name varchar\n created_at timestamp }\n' +
      'Table artist_versions { id int [pk]\n artist_id int\n updater_id int\n name varchar\n group_name varchar\n created_at timestamp }',
  );
  assert.deepEqual(shown(s), ['artist_versions.artist_id -> artists.id', 'artist_versions.updater_id -> users.id']);
  assert.ok(!signals(candidate(s, 'artist_versions.artist_id')).includes('source:copy'));
});

test('a note that says "no FK to X" denies, it does not name a target', () => {
  const s = dbml("Table secrets { id int [pk] }\nTable endpoints { id int [pk]\n signing_key varchar [note: 'Plain string, NO @relation -> no FK to Secrets.id'] }");
  assert.deepEqual(shown(s, 0), []);
});

test('role + abbreviation: dependent_batch_run_id -> batch_task_runs, not task_runs', () => {
  const s = dbml('Table task_runs { id int [pk] }\nTable batch_task_runs { id int [pk] }\nTable dependencies { id int [pk]\n dependent_batch_run_id int }');
  assert.deepEqual(shown(s, 0), ['dependencies.dependent_batch_run_id -> batch_task_runs.id']);
});

const PAYMENT = `
CREATE TABLE customer (customer_id int PRIMARY KEY);
CREATE TABLE staff (staff_id int PRIMARY KEY);
CREATE TABLE payment (payment_id int, customer_id int, staff_id int) PARTITION BY RANGE (payment_id);
CREATE TABLE payment_p1 PARTITION OF payment FOR VALUES FROM (0) TO (100);
CREATE TABLE payment_p2 PARTITION OF payment FOR VALUES FROM (100) TO (200);
`;

test('partitions without indexes of their own: the suggestion goes on the parent', () => {
  assert.deepEqual(shown(postgres(PAYMENT)), ['payment.customer_id -> customer.customer_id', 'payment.staff_id -> staff.staff_id']);
});

test('partitions with indexes of their own keep their own foreign keys: suggested there, not on the parent', () => {
  const s = postgres(PAYMENT + 'CREATE INDEX idx_fk_p1_customer_id ON payment_p1 (customer_id);\n');
  assert.deepEqual(shown(s), ['payment_p1.customer_id -> customer.customer_id', 'payment_p1.staff_id -> staff.staff_id']);
  assert.ok(signals(candidate(s, 'payment_p1.customer_id')).includes('index:fk-name'));
});

test('a foreign key declared on the parent covers its partitions', () => {
  const s = postgres(PAYMENT + 'CREATE INDEX p1_customer ON payment_p1 (customer_id);\nALTER TABLE payment ADD FOREIGN KEY (customer_id) REFERENCES customer (customer_id);\n');
  assert.deepEqual(shown(s), ['payment_p1.staff_id -> staff.staff_id']);
});

test('docReference: the table and column a note names', () => {
  const rows: [string, ReturnType<typeof docReference>][] = [
    ['Product identification number. Foreign key to Product.ProductID.', { table: 'Product', column: 'ProductID' }],
    ['FK to users', { table: 'users' }],
    ['foreign key references orders(id)', { table: 'orders' }],
    ['references customers.id', { table: 'customers', column: 'id' }],
    ['references the parent row', undefined],
    ['type: Normal', undefined],
  ];
  for (const [note, want] of rows) assert.deepEqual(docReference(note), want, note);
});

test('docDenies: notes that say there is no foreign key', () => {
  const rows: [string, boolean][] = [
    ['Denormalized scoping columns — no FK relations.', true],
    ['Live run pointer — non-FK so run deletion never cascades.', true],
    ['No\nforeign keys: ids are plain scalar columns', true],
    ['Plain String, NO @relation -> no FK to SecretReference.', true],
    ['without a constraint, on purpose', true],
    ['Foreign key to Product.ProductID.', false],
    ['The user who started this conversation', false],
  ];
  for (const [note, want] of rows) assert.equal(docDenies(note), want, note);
});

test('mentions: whole words only', () => {
  assert.equal(mentions('`runId` is a plain string column', 'runId'), true);
  assert.equal(mentions('project/runtimeEnvironment ids are plain', 'id'), false);
  assert.equal(mentions('Durable, typed, bidirectional', 'type'), false);
  assert.equal(mentions('type', 'type'), true);
});
