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
