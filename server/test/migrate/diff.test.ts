/**
 * The schema diff: what changes it finds, rename detection with confidence,
 * forced and refused renames, case folding per dialect, enums, foreign keys,
 * indexes, checks, comments, and the reverse diff.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffSchemas, reverseDiff, type Change, type DiffOptions } from '../../src/engine/diff/index.ts';
import { dbml } from './util.ts';

const kinds = (cs: Change[]) => cs.map((c) => c.kind).sort();

const USERS = `Table users {
  id int [pk]
  email varchar(50) [not null, unique]
  name varchar(20)
  age int [default: 1]
}`;

interface Case {
  name: string;
  a: string;
  b: string;
  options?: DiffOptions;
  kinds: string[];
}

const CASES: Case[] = [
  { name: 'no change', a: USERS, b: USERS, kinds: [] },
  { name: 'add column', a: USERS, b: USERS.replace('}', ' nick text\n}'), kinds: ['add-column'] },
  { name: 'drop column', a: USERS, b: USERS.replace('  age int [default: 1]\n', ''), kinds: ['drop-column'] },
  { name: 'type change', a: USERS, b: USERS.replace('age int', 'age bigint'), kinds: ['alter-column'] },
  { name: 'int and integer are the same type', a: USERS, b: USERS.replace('age int', 'age integer'), kinds: [] },
  { name: 'nullability', a: USERS, b: USERS.replace('name varchar(20)', 'name varchar(20) [not null]'), kinds: ['alter-column'] },
  { name: 'default', a: USERS, b: USERS.replace('[default: 1]', '[default: 2]'), kinds: ['alter-column'] },
  { name: 'default 1 and 1.0 are equal', a: USERS, b: USERS.replace('[default: 1]', '[default: 1.0]'), kinds: [] },
  { name: 'unique added', a: USERS, b: USERS.replace('name varchar(20)', 'name varchar(20) [unique]'), kinds: ['add-unique'] },
  { name: 'unique dropped', a: USERS, b: USERS.replace('[not null, unique]', '[not null]'), kinds: ['drop-unique'] },
  { name: 'index added', a: USERS, b: USERS.replace('}', ' indexes { (name) [name: "ix"] }\n}'), kinds: ['add-index'] },
  { name: 'index redefined under the same name', a: USERS.replace('}', ' indexes { (name) [name: "ix"] }\n}'), b: USERS.replace('}', ' indexes { (age) [name: "ix"] }\n}'), kinds: ['add-index', 'drop-index'] },
  { name: 'primary key moved', a: USERS, b: USERS.replace('id int [pk]', 'id int').replace('[not null, unique]', '[pk]'), kinds: ['alter-column', 'alter-primary-key', 'drop-unique'] },
  { name: 'table comment', a: USERS, b: USERS.replace('}', " Note: 'people'\n}"), kinds: ['table-comment'] },
  { name: 'column comment', a: USERS, b: USERS.replace('name varchar(20)', "name varchar(20) [note: 'display']"), kinds: ['column-comment'] },
  { name: 'table created with its index', a: USERS, b: `${USERS}\nTable t { a int\n indexes { a [name: 'ix_t'] } }`, kinds: ['add-index', 'create-table'] },
  { name: 'table dropped', a: `${USERS}\nTable t { a int }`, b: USERS, kinds: ['drop-table'] },
  { name: 'foreign key added', a: `${USERS}\nTable p { id int [pk]\n u int }`, b: `${USERS}\nTable p { id int [pk]\n u int [ref: > users.id] }`, kinds: ['add-foreign-key'] },
  { name: 'foreign key action changed', a: `${USERS}\nTable p { id int [pk]\n u int [ref: > users.id] }`, b: `${USERS}\nTable p { id int [pk]\n u int }\nRef: p.u > users.id [delete: cascade]`, kinds: ['add-foreign-key', 'drop-foreign-key'] },
  { name: 'foreign key recreated around a column type change', a: `${USERS}\nTable p { id int [pk]\n u int [ref: > users.id] }`, b: `${USERS.replace('id int', 'id bigint')}\nTable p { id int [pk]\n u bigint [ref: > users.id] }`, kinds: ['add-foreign-key', 'alter-column', 'alter-column', 'drop-foreign-key'] },
  { name: 'table check added', a: USERS, b: USERS.replace('}', ' checks { `age > 0` }\n}'), kinds: ['add-check'] },
  { name: 'case-only table difference is a rename in MySQL', a: USERS, b: USERS.replace('Table users', 'Table Users'), options: { dialect: 'mysql' }, kinds: ['rename-table'] },
  { name: 'case-only table difference is a new table in PostgreSQL when not similar enough', a: USERS, b: USERS.replace('Table users', 'Table USERS_ARCHIVE').replace('email', 'mail').replace('name', 'title'), options: { dialect: 'postgres' }, kinds: ['create-table', 'drop-table'] },
  { name: 'case-insensitive column match in SQLite', a: USERS, b: USERS.replace('name varchar', 'Name varchar'), options: { dialect: 'sqlite' }, kinds: ['rename-column'] },
];

for (const c of CASES) {
  test(`diff: ${c.name}`, () => {
    const d = diffSchemas(dbml(c.a), dbml(c.b), c.options);
    assert.deepEqual(kinds(d.changes), [...c.kinds].sort());
  });
}

test('diff: a similar column is detected as a rename with its confidence', () => {
  const d = diffSchemas(dbml(USERS), dbml(USERS.replace('email varchar', 'email_address varchar')));
  assert.deepEqual(kinds(d.changes), ['rename-column']);
  const r = d.renames.find((x) => x.kind === 'column')!;
  assert.equal(r.from, 'email');
  assert.equal(r.to, 'email_address');
  assert.equal(r.accepted, true);
  assert.ok(r.confidence >= 0.75 && r.confidence <= 1, String(r.confidence));
});

test('diff: an unrelated column is not a rename (drop + add, candidate reported or not, never accepted)', () => {
  const d = diffSchemas(dbml(USERS), dbml(USERS.replace('age int [default: 1]', 'zzz int [default: 1]')));
  assert.deepEqual(kinds(d.changes), ['add-column', 'drop-column']);
  assert.ok(d.renames.every((r) => !r.accepted));
});

test('diff: a threshold raises or lowers what counts as confident', () => {
  const b = dbml(USERS.replace('age int [default: 1]', 'zzz int [default: 1]'));
  const low = diffSchemas(dbml(USERS), b, { renameThreshold: 0.5 });
  assert.deepEqual(kinds(low.changes), ['rename-column']);
  const high = diffSchemas(dbml(USERS), dbml(USERS.replace('email varchar', 'email_address varchar')), { renameThreshold: 0.99 });
  assert.deepEqual(kinds(high.changes), ['add-column', 'add-unique', 'drop-column', 'drop-unique']);
});

test('diff: a forced rename wins over similarity; a refused one is drop + add', () => {
  const b = dbml(USERS.replace('age int', 'years int'));
  const forced = diffSchemas(dbml(USERS), b, { renames: [{ kind: 'column', table: 'users', from: 'age', to: 'years' }] });
  assert.deepEqual(kinds(forced.changes), ['rename-column']);
  assert.equal(forced.renames[0].forced, true);
  const emailB = dbml(USERS.replace('email varchar', 'email_address varchar'));
  const refused = diffSchemas(dbml(USERS), emailB, { rejectRenames: [{ kind: 'column', from: 'email', to: 'email_address' }] });
  assert.deepEqual(kinds(refused.changes), ['add-column', 'add-unique', 'drop-column', 'drop-unique']);
  assert.equal(refused.renames.find((r) => r.from === 'email')?.accepted, false);
  const all = diffSchemas(dbml(USERS), emailB, { rejectRenames: true });
  assert.ok(all.changes.some((c) => c.kind === 'drop-column'));
});

test('diff: a table with the same columns under another name is a detected rename; references follow it', () => {
  const posts = 'Table posts { id int [pk]\n author int [ref: > users.id] }';
  const a = dbml(`${USERS}\n${posts}`);
  const b = dbml(`${USERS.replace('Table users', 'Table app_users')}\n${posts.replace('users.id', 'app_users.id')}`);
  const d = diffSchemas(a, b);
  assert.deepEqual(kinds(d.changes), ['rename-table']);
  assert.equal(d.renames[0].accepted, true);
  const forced = diffSchemas(a, dbml(`${USERS.replace('Table users', 'Table people')}\n${posts.replace('users.id', 'people.id')}`), { renames: [{ kind: 'table', from: 'users', to: 'people' }] });
  assert.deepEqual(kinds(forced.changes), ['rename-table']);
});

const enumOf = (...v: string[]) => `Enum st {\n${v.join('\n')}\n}\nTable t { id int [pk]\n s st }`;

test('diff: enum values added (with position), renamed, removed', () => {
  const add = diffSchemas(dbml(enumOf('a', 'b', 'c')), dbml(enumOf('a', 'x', 'b', 'c', 'y'))).changes[0];
  assert.equal(add.kind, 'alter-enum');
  if (add.kind !== 'alter-enum') return;
  assert.deepEqual(add.added, [{ value: 'x', before: 'b' }, { value: 'y', after: 'c' }]);
  assert.deepEqual([add.removed, add.renamed, add.reordered], [[], [], false]);
  const ren = diffSchemas(dbml(enumOf('a', 'b', 'c')), dbml(enumOf('a', 'bee', 'c'))).changes[0];
  assert.ok(ren.kind === 'alter-enum' && ren.renamed.length === 1 && ren.renamed[0].from === 'b' && ren.renamed[0].to === 'bee' && ren.removed.length === 0);
  const rem = diffSchemas(dbml(enumOf('a', 'b', 'c')), dbml(enumOf('a', 'c'))).changes[0];
  assert.ok(rem.kind === 'alter-enum' && rem.removed[0] === 'b' && rem.added.length === 0);
  const reorder = diffSchemas(dbml(enumOf('a', 'b', 'c')), dbml(enumOf('c', 'b', 'a'))).changes[0];
  assert.ok(reorder.kind === 'alter-enum' && reorder.reordered);
});

test('diff: reverseDiff undoes renames as forced renames', () => {
  const d = diffSchemas(dbml(USERS), dbml(USERS.replace('email varchar', 'email_address varchar')));
  const back = reverseDiff(d);
  assert.deepEqual(kinds(back.changes), ['rename-column']);
  const r = back.changes[0];
  assert.ok(r.kind === 'rename-column' && r.from.name === 'email_address' && r.to.name === 'email');
});

test('diff: inferred relationships are ignored', () => {
  const a = dbml(`${USERS}\nTable p { id int [pk]\n user_id int }`);
  const b = structuredClone(a);
  b.relationships.push({ from: { schema: 'public', table: 'p', columns: ['user_id'], tableKey: 'public.p' }, to: { schema: 'public', table: 'users', columns: ['id'], tableKey: 'public.users' }, cardinality: 'n-1', source: 'inferred' });
  assert.deepEqual(diffSchemas(a, b).changes, []);
});
