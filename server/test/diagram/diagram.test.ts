/**
 * toDiagram (engine/diagram): marks, cardinality ends, inferred relationships,
 * groups, notes, sources and the per-file filter, on inline DBML fixtures
 * bound through the Workspace, plus a corpus file end to end.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Workspace } from '../../src/engine/workspace.js';
import type { Schema } from '../../src/engine/model/schema.js';
import { inferRelationships } from '../../src/engine/infer/index.js';
import { safeColor, toDiagram } from '../../src/engine/diagram/index.js';

function schemaOf(dbml: string, uri = 'file:///t.dbml'): Schema {
  const ws = new Workspace();
  ws.setFile(uri, dbml, 0, { language: 'dbml' });
  return ws.binding().schema;
}

const BASE = `Table users {
  id int [pk]
  email varchar(255) [unique, not null]
  nick text
}
Table posts {
  id int [pk]
  author_id int [not null, ref: > users.id]
  editor_id int [ref: > users.id]
  slug text
  indexes { slug [unique] }
}
Table profiles {
  user_id int [pk, ref: - users.id]
}`;

test('column marks: pk, fk, unique (inline and single-column unique index), not null, type as written', () => {
  const d = toDiagram(schemaOf(BASE));
  const marks = (t: string) =>
    d.tables.find((x) => x.name === t)!.columns.map((c) => `${c.name}:${c.type}:${[c.pk && 'pk', c.fk && 'fk', c.unique && 'uq', c.notNull && 'nn'].filter(Boolean).join('+')}`);
  const rows: Array<[string, string[]]> = [
    ['users', ['id:int:pk+nn', 'email:varchar(255):uq+nn', 'nick:text:']],
    ['posts', ['id:int:pk+nn', 'author_id:int:fk+nn', 'editor_id:int:fk', 'slug:text:uq']],
    ['profiles', ['user_id:int:pk+fk+nn']],
  ];
  for (const [t, want] of rows) assert.deepEqual(marks(t), want, t);
});

test('relationship ends: many / optional per cardinality and nullability', () => {
  const d = toDiagram(schemaOf(BASE));
  const ends = d.relationships.map(
    (r) => `${r.from.table}.${r.from.columns}:${r.from.many ? 'N' : '1'}${r.from.optional ? '?' : ''} ${r.cardinality} ${r.to.table}.${r.to.columns}:${r.to.many ? 'N' : '1'}${r.to.optional ? '?' : ''}`,
  );
  assert.deepEqual(ends, [
    'public.posts.author_id:N? n-1 public.users.id:1',
    'public.posts.editor_id:N? n-1 public.users.id:1?',
    'public.profiles.user_id:1? 1-1 public.users.id:1',
  ]);
  assert.ok(d.relationships.every((r) => !r.inferred && r.confidence === undefined));
  assert.equal(new Set(d.relationships.map((r) => r.id)).size, 3);
});

test('inferred relationships are dashed data with confidence and evidence; declared ones are not repeated', () => {
  const s = schemaOf(`Table users { id int [pk] }
Table posts { id int [pk]
 user_id int [ref: > users.id] }
Table likes { id int [pk]
 post_id int
 user_id int }`);
  const inferred = inferRelationships(s);
  assert.ok(inferred.length >= 2);
  const dup = { ...s.relationships[0]!, source: 'inferred' as const, confidence: 0.9, evidence: [] };
  const d = toDiagram(s, { inferred: [...inferred, dup] });
  const inf = d.relationships.filter((r) => r.inferred);
  assert.deepEqual(inf.map((r) => `${r.from.table}.${r.from.columns[0]}->${r.to.table}`).sort(), ['public.likes.post_id->public.posts', 'public.likes.user_id->public.users']);
  for (const r of inf) {
    assert.ok(r.confidence! > 0.5 && r.confidence! <= 1, String(r.confidence));
    assert.ok(r.evidence!.length > 0 && r.evidence!.every((e) => typeof e === 'string' && e.length > 5));
  }
  // FK marks stay declared-only
  assert.deepEqual(d.tables.find((t) => t.name === 'likes')!.columns.map((c) => c.fk), [false, false, false]);
  assert.equal(d.relationships.filter((r) => !r.inferred).length, 1);
});

test('groups (with palette colours), header colours, notes, labels, sources and schemas', () => {
  const text = `Table users [headercolor: #3498DB] { id int [pk] }
Table billing.invoices [headercolor: "red;background:url(x)"] { id int [pk]
 user_id int [ref: > users.id] }
TableGroup core { users }
TableGroup money [color: #abc] { billing.invoices }
Note todo { 'remember <b>this</b>' }`;
  const d = toDiagram(schemaOf(text));
  assert.deepEqual(d.schemas, ['billing', 'public']);
  assert.deepEqual(d.tables.map((t) => [t.label, t.group, t.headerColor]), [
    ['users', 'core', '#3498DB'],
    ['billing.invoices', 'money', undefined],
  ]);
  assert.deepEqual(d.groups.map((g) => [g.name, g.tables, g.color]), [
    ['core', ['public.users'], '#3b82f6'],
    ['money', ['billing.invoices'], '#abc'],
  ]);
  assert.deepEqual(d.notes.map((n) => [n.name, n.content]), [['todo', 'remember <b>this</b>']]);
  const users = d.tables[0]!;
  assert.equal(users.source!.uri, 'file:///t.dbml');
  assert.equal(text.slice(users.source!.span.start, users.source!.span.end), 'users');
  const id = users.columns[0]!;
  assert.equal(text.slice(id.source!.span.start, id.source!.span.end), 'id');
  // plain JSON: survives a round trip unchanged
  assert.deepEqual(JSON.parse(JSON.stringify(d)), d);
});

test('labels drop the schema when every drawn table is in one schema', () => {
  const one = toDiagram(schemaOf('Table shop.users { id int [pk] }\nTable shop.orders { id int [pk] }'));
  assert.deepEqual(one.tables.map((t) => t.label), ['users', 'orders']);
  assert.deepEqual(one.schemas, ['shop']);
  const two = toDiagram(schemaOf('Table shop.users { id int [pk] }\nTable orders { id int [pk] }'));
  assert.deepEqual(two.tables.map((t) => t.label), ['shop.users', 'orders']);
});

test('safeColor keeps hex and keywords only', () => {
  const rows: Array<[string | undefined, string | undefined]> = [
    ['#fff', '#fff'], ['#A1B2C3', '#A1B2C3'], ['#a1b2c3d4', '#a1b2c3d4'], ['red', 'red'], [' #123 ', '#123'],
    ['#12', undefined], ['red;x:y', undefined], ['url(javascript:1)', undefined], ['rgb(1,2,3)', undefined], [undefined, undefined],
  ];
  for (const [i, o] of rows) assert.equal(safeColor(i), o, String(i));
});

test('files option keeps only the tables of those files and the relationships between them', () => {
  const ws = new Workspace();
  ws.setFile('file:///a.dbml', 'Table a { id int [pk] }\nTable a2 { id int [pk]\n a_id int [ref: > a.id] }', 0, { language: 'dbml' });
  ws.setFile('file:///b.dbml', 'Table b { id int [pk]\n a_id int [ref: > a.id] }', 0, { language: 'dbml' });
  const s = ws.binding().schema;
  const all = toDiagram(s);
  assert.deepEqual([all.tables.length, all.relationships.length], [3, 2]);
  const onlyA = toDiagram(s, { files: ['file:///a.dbml'] });
  assert.deepEqual(onlyA.tables.map((t) => t.name), ['a', 'a2']);
  assert.deepEqual(onlyA.relationships.map((r) => r.from.table), ['public.a2']);
});

test('a corpus schema: every table and every declared foreign key is drawn', () => {
  const file = '/work/shared/corpus/dbml/postgres-db-dump.dbml';
  const manifest = JSON.parse(readFileSync('/work/shared/corpus/manifest.json', 'utf8')) as Array<{ file: string; tables: number; foreign_keys: number }>;
  const m = manifest.find((e) => e.file === 'dbml/postgres-db-dump.dbml')!;
  const d = toDiagram(schemaOf(readFileSync(file, 'utf8'), 'file:///dump.dbml'));
  assert.equal(d.tables.length, m.tables);
  assert.equal(d.relationships.length, m.foreign_keys);
  const keys = new Set(d.tables.map((t) => t.key));
  for (const r of d.relationships) assert.ok(keys.has(r.from.table) && keys.has(r.to.table));
});
