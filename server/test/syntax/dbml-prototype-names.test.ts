/**
 * Names that are also properties of every JavaScript object (`constructor`,
 * `__proto__`, `hasOwnProperty`) as DBML setting and element names: the
 * interpreter's rule tables must treat them as unknown names, report them, and
 * never call Object's methods as rules (it used to throw on `[constructor]`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDbml } from '../../src/engine/syntax/dbml/parse.js';

const cases: [string, string[]][] = [
  ['Table t {\n  id int [constructor]\n}', ["Unknown column setting 'constructor'"]],
  ['Table t {\n  id int [__proto__: 1, pk]\n}', ["Unknown column setting '__proto__'"]],
  ['Table t [hasOwnProperty] {\n  id int\n}', ["Unknown Table setting 'hasownproperty'"]],
  ['Ref: a.b > c.d [valueOf: cascade]', ["Unknown Ref setting 'valueof'"]],
  ['constructor x {\n  id int\n}', ["Unknown element 'constructor': expected Table, Ref, Enum, TableGroup, TablePartial, Note, Project or Records"]],
  ['__proto__ {\n}', ["Unknown element '__proto__': expected Table, Ref, Enum, TableGroup, TablePartial, Note, Project or Records"]],
];

for (const [text, expected] of cases) {
  test(`prototype names are unknown names: ${JSON.stringify(text)}`, () => {
    const r = parseDbml(text, 'file:///p.dbml');
    assert.deepEqual(r.diagnostics.map((d) => d.message), expected);
    // nothing but declarations comes out (an element named `constructor` once became the interpreter's context)
    for (const d of r.file.decls) assert.ok(['table', 'ref', 'enum', 'tableGroup', 'tablePartial', 'note', 'project', 'records'].includes(d.kind), JSON.stringify(d.kind));
  });
}
