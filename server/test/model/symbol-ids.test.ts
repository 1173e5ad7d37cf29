/**
 * Symbol ids across bindings: a declaration whose block is unchanged keeps its
 * symbols' ids, also when its table is rebuilt because what its names resolve to
 * changed (an enum added or removed elsewhere); a rewritten block gets new ones.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../src/engine/workspace.js';
import type { Binding } from '../../src/engine/model/bind.js';

const TABLE = 'Table a {\n  id int [pk]\n  s status\n}\n';

function columnIds(b: Binding): Map<string, number> {
  return new Map(b.symbols.filter((s) => s.kind === 'column').map((s) => [s.qualifiedName, s.id]));
}

const cases: { name: string; enums: [string, string]; rebuilds: boolean }[] = [
  { name: 'an enum the table names is added', enums: ['Enum other { x }\n', 'Enum other { x }\nEnum status { y }\n'], rebuilds: true },
  { name: 'an enum the table names is removed', enums: ['Enum status { y }\n', 'Enum other { x }\n'], rebuilds: true },
  { name: 'an unrelated enum changes', enums: ['Enum other { x }\n', 'Enum other { x\n  z }\n'], rebuilds: false },
];

for (const c of cases) {
  test(`column symbol ids survive when ${c.name}`, () => {
    const ws = new Workspace();
    ws.setFile('file:///a.dbml', TABLE);
    ws.setFile('file:///e.dbml', c.enums[0]);
    const b1 = ws.binding();
    const before = columnIds(b1);
    const familyBefore = b1.schema.tables[0].columns[1].type.family;
    ws.setFile('file:///e.dbml', c.enums[1]);
    const b2 = ws.binding();
    const after = columnIds(b2);
    assert.deepEqual([...after.keys()].sort(), ['a.id', 'a.s']);
    assert.deepEqual(after, before);
    // the rebuild really happened where the type's meaning changed
    const familyAfter = b2.schema.tables[0].columns[1].type.family;
    assert.equal(familyBefore !== familyAfter, c.rebuilds);
    // every id still answers
    for (const id of after.values()) assert.equal(b2.symbol(id)?.id, id);
  });
}

test('a rewritten table gets new column symbols; an untouched one keeps its own', () => {
  const ws = new Workspace();
  ws.setFile('file:///a.dbml', `${TABLE}\nTable b {\n  id int\n}\n`);
  const before = columnIds(ws.binding());
  ws.setFile('file:///a.dbml', `${TABLE.replace('id int', 'id bigint')}\nTable b {\n  id int\n}\n`);
  const after = columnIds(ws.binding());
  assert.notEqual(after.get('a.id'), before.get('a.id'));
  assert.equal(after.get('b.id'), before.get('b.id'));
});

test('a column symbol (made on demand from its table build) has every field, its target and its definition occurrence', () => {
  const ws = new Workspace();
  ws.setFile('file:///a.dbml', 'Table core.users as U {\n  id int [pk]\n  "e mail" varchar(255)\n  id bigint\n}\nTable b {\n  u int [ref: > U.id]\n}\n');
  const b = ws.binding();
  const table = b.symbols.find((s) => s.kind === 'table' && s.name === 'users')!;
  const cols = b.symbols.filter((s) => s.kind === 'column' && s.parent === table.id);
  // the repeated `id` is a syntax error (DBML004) and no column
  assert.deepEqual(cols.map((s) => [s.name, s.qualifiedName, s.key, s.detail]), [
    ['id', 'core.users.id', 'core.users.id', 'int'],
    ['e mail', 'core.users.e mail', 'core.users.e mail', 'varchar(255)'],
  ]);
  const text = ws.getFile('file:///a.dbml')!.text;
  for (const s of cols) {
    assert.equal(s.uri, 'file:///a.dbml');
    assert.equal(text.slice(s.nameSpan.start, s.nameSpan.end).replace(/"/g, ''), s.name);
    assert.ok(text.slice(s.span.start, s.span.end).startsWith(text.slice(s.nameSpan.start, s.nameSpan.end)));
    assert.equal(b.symbol(s.id), s, 'the same object every time');
    const t = b.target(s.id);
    assert.equal(t.kind, 'column');
    if (t.kind === 'column') {
      assert.equal(t.table, b.schema.tables.find((x) => x.name === 'users'));
      assert.equal(t.column.type.raw, s.detail);
    }
    const occs = b.occurrencesOf(s.id);
    assert.ok(occs[0].isDefinition && occs[0].span === s.nameSpan, 'the definition comes first');
    assert.equal(occs[0].quoted, s.name === 'e mail');
  }
  // the ref names the column through the alias
  const refUse = b.occurrencesOf(cols[0].id).filter((o) => !o.isDefinition);
  assert.equal(refUse.length, 1);
  assert.equal(text.slice(refUse[0].span.start, refUse[0].span.end), 'id');
  assert.equal(b.columnSymbol('core.users.id'), cols[0].id);
  assert.equal(b.occurrenceAt('file:///a.dbml', refUse[0].span.start)?.symbol, cols[0].id);

  // another table's edit (a delta) keeps these ids answering; rewriting the table retires them
  ws.setFile('file:///a.dbml', text.replace('u int', 'u bigint'));
  const b2 = ws.binding();
  for (const s of cols) assert.deepEqual(b2.symbol(s.id), s);
  ws.setFile('file:///a.dbml', text.replace('id int [pk]', 'id int [pk, note: "x"]'));
  const b3 = ws.binding();
  for (const s of cols) {
    assert.equal(b3.symbol(s.id), undefined);
    assert.equal(b3.target(s.id).kind, 'other');
  }
  assert.equal(b3.symbols.filter((s) => s.kind === 'column').length, 3);
  // a binding that is no longer the workspace's answers nothing
  assert.equal(b2.symbol(cols[0].id), undefined);
});
