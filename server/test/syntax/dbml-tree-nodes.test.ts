/**
 * The DBML tree's compact nodes (nodes.ts, issue 3): a name, line or setting is
 * its own span, a plain name's expression is its own QName, empty lists are one
 * shared frozen list. Readers must see what they saw before: the same values,
 * the same JSON (key for key), spans that move with their block and keep their
 * identity while the block is reused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DbmlParseCache, parseDbml } from '../../src/engine/syntax/dbml/parse.js';
import type { ColumnDecl, Element, Line, TableDecl } from '../../src/engine/syntax/dbml/ast.js';
import { compactLine, identNode, isCompactColumn, lineNode, nameExprNode, settingNode, spanNode } from '../../src/engine/syntax/dbml/nodes.js';
import { anchorOf, spanBetween } from '../../src/engine/text/span.js';

const URI = 'file:///t.dbml';

function table(text: string, name: string): TableDecl {
  const d = parseDbml(text, URI).file.decls.find((x): x is TableDecl => x.kind === 'table' && x.name.parts[x.name.parts.length - 1].text === name);
  assert.ok(d, `no table ${name}`);
  return d;
}

function column(t: TableDecl, name: string): ColumnDecl {
  const c = t.columns.find((x) => x.name.text === name);
  assert.ok(c, `no column ${name}`);
  return c;
}

test('nodes serialise exactly like the plain objects they replace', () => {
  const a = { start: 100 };
  const cases: [string, unknown, string][] = [
    ['ident', identNode(a, 2, 5, 'abc', false), '{"text":"abc","span":{"start":102,"end":105},"quoted":false}'],
    ['quoted ident', identNode(a, 0, 5, 'a b', true), '{"text":"a b","span":{"start":100,"end":105},"quoted":true}'],
    ['span', spanNode(a, 1, 3), '{"start":101,"end":103}'],
    ['flag', settingNode(a, 1, 3, 'pk', undefined, undefined), '{"name":"pk","nameSpan":{"start":101,"end":103},"span":{"start":101,"end":103}}'],
    ['line', lineNode(a, 0, 5, [], false, undefined), '{"type":"line","parts":[],"commaSeparated":false,"span":{"start":100,"end":105}}'],
    ['ident as a span', { span: identNode(a, 2, 5, 'abc', false) }, '{"span":{"start":102,"end":105}}'],
    ['ident as a name span', { nameSpan: identNode(a, 2, 5, 'abc', false) }, '{"nameSpan":{"start":102,"end":105}}'],
  ];
  for (const [what, node, json] of cases) assert.equal(JSON.stringify(node), json, what);
  const n = nameExprNode([identNode(a, 0, 3, 'int', false)]);
  const expr = '{"kind":"qname","name":{"parts":[{"text":"int","span":{"start":100,"end":103},"quoted":false}],"span":{"start":100,"end":103}},"span":{"start":100,"end":103}}';
  const qname = '{"parts":[{"text":"int","span":{"start":100,"end":103},"quoted":false}],"span":{"start":100,"end":103}}';
  assert.equal(JSON.stringify(n), expr, 'a plain name as an expression');
  assert.equal(JSON.stringify([n]), `[${expr}]`, 'in a list of expressions');
  for (const key of ['name', 'callee', 'target', 'table']) assert.equal(JSON.stringify({ [key]: n }), `{"${key}":${qname}}`, `as a QName under '${key}'`);
});

test('a node reads as before: its span is itself, a plain name is its own QName, positions move with the anchor', () => {
  const text = 'Table users {\n  id int [pk, note: \'x\']\n  name varchar(20)\n}\n';
  const t = table(text, 'users');
  const id = column(t, 'id');
  assert.equal(id.name.span, id.name, 'an ident is its own span');
  assert.deepEqual([id.name.span.start, id.name.span.end, id.name.text], [text.indexOf('id int'), text.indexOf('id int') + 2, 'id']);
  const line = t.element.body!.items[0] as Line;
  assert.equal(line.span, line);
  const nameExpr = line.parts[0];
  assert.ok(nameExpr.kind === 'qname');
  assert.equal(nameExpr.name, nameExpr, 'a plain name expression is its QName');
  assert.equal(nameExpr.span, nameExpr.name.parts[0], 'spanned by its ident');
  assert.deepEqual(Object.keys(nameExpr), ['kind', 'parts'], 'no cycle for key walkers');
  // settings: a flag's name span is the setting; a valued setting's is the name's
  const [pk, note] = id.settings;
  assert.equal(pk.nameSpan, pk.span);
  assert.deepEqual([note.nameSpan.start, note.nameSpan.end, note.span.end], [text.indexOf('note'), text.indexOf('note') + 4, text.indexOf("'x'") + 3]);
  // the type's callee is spanned by its name
  assert.equal(column(t, 'name').type!.name.span, column(t, 'name').type!.name.parts[0]);
  // keys: the position fields end in `Span` (skipped by span-blind walkers), the data keys are the interface's
  assert.deepEqual(Object.keys(id.name).filter((k) => !k.endsWith('Span')), ['text', 'quoted']);
  // a simple column line is one record (nodes.ts CompactColumn) whose Line is made when read, and shared with its declaration
  assert.ok(isCompactColumn(line), 'a simple column line is compact');
  assert.equal(id.name, (line.parts[0] as typeof nameExpr).name.parts[0], 'the declaration and the line share their nodes');
  assert.deepEqual(Object.keys(compactLine(line)).filter((k) => !k.endsWith('Span')), ['type', 'parts', 'commaSeparated', 'settings']);
});

test('an untouched block keeps its nodes (and their identity as spans) and they move after an edit above it', () => {
  const before = 'Table a {\n  x int\n}\n\nTable b {\n  y int [ref: > a.x]\n}\n';
  const cache = new DbmlParseCache();
  const r1 = parseDbml(before, URI, cache);
  const b1 = r1.file.decls[1] as TableDecl;
  const y1 = column(b1, 'y').name;
  const start1 = y1.span.start;
  const endpoint = spanBetween(b1.name.parts[0].span, y1.span);
  assert.ok(anchorOf(b1.name.parts[0].span), 'an ident span is anchored');
  const after = 'Table a {\n  x int\n  extra text\n}\n\nTable b {\n  y int [ref: > a.x]\n}\n';
  const delta = after.length - before.length;
  const r2 = parseDbml(after, URI, cache, { start: before.indexOf('}'), oldEnd: before.indexOf('}'), newEnd: before.indexOf('}') + delta });
  const b2 = r2.file.decls[1] as TableDecl;
  const y2 = column(b2, 'y').name;
  assert.equal(y2, y1, 'the reused block keeps its ident');
  assert.equal(y2.span, y1.span, 'and its span object');
  assert.equal(y2.span.start, start1 + delta, 'which moved with the block');
  assert.equal(endpoint.start, b2.name.parts[0].span.start, 'spanBetween of ident spans moves with the block too');
  assert.equal(JSON.stringify(r2.file), JSON.stringify(parseDbml(after, URI).file), 'equal to a fresh parse');
});

test('empty lists are one shared frozen list: nothing adds to a parsed tree', () => {
  const t = table('Table t {\n  id int\n}\n', 't');
  const cases: [string, unknown[]][] = [
    ['indexes', t.indexes],
    ['checks', t.checks],
    ['partials', t.partials],
    ['records', t.records],
    ['table settings', t.settings],
    ['column settings', t.columns[0].settings],
    ['inline refs', t.columns[0].inlineRefs],
    ['type args', t.columns[0].type!.args],
  ];
  for (const [what, xs] of cases) {
    assert.equal(xs.length, 0, what);
    assert.ok(Object.isFrozen(xs), `${what}: frozen`);
    assert.throws(() => xs.push(1), TypeError, `${what}: a push throws`);
  }
  assert.equal(t.indexes, t.checks, 'one list');
});

test('a type text and its arguments are shared between columns of the same type, and exact', () => {
  // c's one argument spells like d's two: same text, other arguments
  const t = table("Table t {\n  a varchar(20)\n  b varchar(20)\n  c varchar('x\\',\\'y')\n  d varchar('x','y')\n}\n", 't');
  assert.equal((t.element as Element).body!.items.length, 4);
  const [a, b, c, d] = t.columns.map((x) => x.type!);
  assert.equal(a.args, b.args, 'shared arguments');
  assert.deepEqual([a.text, [...a.args]], ['varchar(20)', ['20']]);
  assert.deepEqual([c.text, [...c.args]], ["varchar('x','y')", ["'x','y'"]]);
  assert.deepEqual([d.text, [...d.args]], ["varchar('x','y')", ["'x'", "'y'"]]);
});

// The parse result's heap bytes per source character (a figure, measured with .scratch/dbml-perf/mem.mjs, not
// asserted): 34.5 and 26.8 at 1,000 and 5,000 generated tables before nodes.ts, 25.3 and 19.8 after it, 12.4 and
// 9.5 since compact column lines (with inline refs) and class nodes (2026-11-24), under the goal of half the first.
