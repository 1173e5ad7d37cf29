/**
 * Compact Ref lines (syntax/dbml/nodes.ts CompactRefNode, issue 3): a block
 * that is one simple `Ref[ name]: a.b > c.d [delete: x, update: y]` line is
 * one record. compact-columns.test.ts compares the whole binding and the
 * editor views with compact lines (columns and Refs) on and off; this one
 * checks the record itself against the full parser's nodes for every Ref of
 * the shared files and a generated schema (positions, names, operator,
 * settings, the value's span), which lines are compact, that the binder and
 * the views make no nodes, and that an edit keeps the record.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Workspace } from '../../src/engine/workspace.js';
import { compactRefBound, compactRefTokens, isCompactRef, isCompactRefDecl, materializeRef, type CompactRefNode } from '../../src/engine/syntax/dbml/nodes.js';
import type { Decl, Element, QName, RefDecl } from '../../src/engine/syntax/dbml/ast.js';
import { generateDbml } from '../../../bench/generate.mjs';
import { sharedDbmlFiles } from '../syntax/dbml-arbitraries.js';
import { semanticTokens } from '../../src/engine/ide/semantic-tokens.js';
import { foldingRanges } from '../../src/engine/ide/folding.js';
import { documentSymbols } from '../../src/engine/ide/symbols.js';
import { formatDbml, formatDbmlDetailed } from '../../src/engine/ide/format.js';
import { exprText } from '../../src/engine/syntax/dbml/interpret.js';

const URI = 'file:///w/schema.dbml';

function decls(text: string): Decl[] {
  const ws = new Workspace();
  ws.setFile(URI, text);
  return ws.getFile(URI)!.dbml.decls;
}

const spanOf = (s: { start: number; end: number }): [number, number] => [s.start, s.end];
const names = (q: QName): [string, number, number][] => q.parts.map((p) => [p.text, p.span.start, p.span.end]);

/** The record against the nodes the full parser and the interpreter make of the same line. */
function checkRecord(r: CompactRefNode, where: string): void {
  const { element, decl } = materializeRef(r);
  const full = decl as RefDecl;
  assert.deepEqual(spanOf(r), spanOf(element.span), `${where}: the element's span`);
  assert.equal(element.kind, 'ref', where);
  const b = compactRefBound(r);
  assert.deepEqual(spanOf(b.span), spanOf(full.span), `${where}: the declaration's span`);
  // the endpoints: table parts then the column, with their positions
  const endpoint = (e: RefDecl['left']): [string, number, number][] => [...names(e!.table), ...e!.columns.map((c): [string, number, number] => [c.text, c.span.start, c.span.end])];
  assert.deepEqual(names(b.left), endpoint(full.left), `${where}: left`);
  assert.deepEqual(names(b.right), endpoint(full.right), `${where}: right`);
  assert.equal(r.op, full.op, where);
  assert.equal(r.anchorOfSpan.start + r.opStartOfSpan, full.opSpan!.start, `${where}: the operator`);
  assert.equal(r.refName, full.name?.parts.map((p) => p.text).join('.'), `${where}: the name`);
  const t = compactRefTokens(r);
  assert.deepEqual(spanOf(t.keyword), spanOf(element.keyword.span), `${where}: the keyword`);
  if (full.name) assert.deepEqual(spanOf(t.name!), spanOf(full.name.span), `${where}: the name's span`);
  // settings: the same names and actions in the same order, the names where the parser has them
  assert.deepEqual(
    r.actions,
    full.settings.flatMap((s) => [s.name, exprText(s.value)]),
    `${where}: settings`,
  );
  assert.deepEqual(t.settingNames.map(spanOf), full.settings.map((s) => spanOf(s.nameSpan)), `${where}: setting names`);
}

test("every compact Ref's record agrees with the full parser's nodes for the same line", () => {
  const inputs = sharedDbmlFiles().map((f) => ({ name: f, text: readFileSync(f, 'utf8') }));
  inputs.push({ name: 'generated 300', text: generateDbml(300).text });
  let checked = 0;
  let shared = 0;
  for (const { name, text } of inputs) {
    for (const d of decls(text)) {
      if (!isCompactRefDecl(d)) continue;
      checkRecord(d.ref, `${name} at ${d.ref.start}`);
      checked++;
      if (name !== 'generated 300') shared++;
    }
  }
  assert.ok(shared > 20 && checked > 200, `${checked} compact Refs checked, ${shared} of them in the shared files`);
});

test('simple Ref lines are compact, anything else takes the full path', () => {
  const all = decls(generateDbml(200).text).filter((d) => d.kind === 'ref');
  assert.ok(all.length > 100 && all.every((d) => isCompactRefDecl(d)), 'every Ref of a generated schema');
  const cases: [string, boolean][] = [
    ['Ref: a.id > b.a_id', true],
    ['Ref:a.id<b.a_id', true],
    ['Ref fk_1: core.a.id - b.a_id', true],
    ['Ref: a.id <> s.b.a_id [delete: cascade]', true],
    ['Ref: a.id > b.a_id [update: set null, delete: no action]', true],
    ['Ref: a.id > b.a_id\n\n\n', true],
    ['Ref: a.id > b.a_id [delete: cascade, delete: restrict]', false],
    ['Ref: a.id > b.a_id [delete: Cascade]', false],
    ['Ref: a.id > b.a_id [delete: set  null]', false],
    ['Ref: a.id > b.a_id [color: #aaa]', false],
    ['Ref: a.id > b.a_id // why', false],
    ['Ref: a.(x, y) > b.(x, y)', false],
    ['Ref: "a".id > b.a_id', true],
    ['Ref: a . id > b.a_id', false],
    ['Ref: a > b.a_id', false],
    ['Ref: s.t.c.x > b.a_id', false],
    ['ref: a.id > b.a_id', true],
    ['REF "fk 1":"s"."a"."id" < "b"."a_id" [update: cascade, delete: cascade]', true],
    ['Ref: "a.b".id > b.a_id', false],
    ['Ref: "".id > b.a_id', false],
    ['Ref a.b: a.id > b.a_id', false],
    ['Ref {\n  a.id > b.a_id\n}', false],
    ['Ref: a.id > b.a_id b', false],
  ];
  for (const [line, compact] of cases) {
    const text = `Table a {\n  id int\n  x int\n  y int\n}\nTable b {\n  a_id int\n  x int\n  y int\n}\n${line}\n`;
    const ds = decls(text);
    const ref = ds.find((d) => d.kind === 'ref');
    assert.equal(!!ref && isCompactRefDecl(ref), compact, line);
    if (ref && isCompactRefDecl(ref)) checkRecord(ref.ref, line);
  }
});

test('binding, colouring, folding and the outline read compact Refs without making their nodes; formatting keeps them', () => {
  const text = generateDbml(150).text;
  const ws = new Workspace();
  ws.setFile(URI, text);
  const refs = ws.getFile(URI)!.dbml.decls.filter((d) => isCompactRefDecl(d)) as (RefDecl & { ref: CompactRefNode })[];
  assert.ok(refs.length > 100);
  ws.binding();
  ws.diagnostics(URI);
  semanticTokens(ws, URI);
  foldingRanges(ws, URI);
  documentSymbols(ws, URI);
  assert.equal(refs.filter((d) => d.ref.madeSpan !== undefined).length, 0, 'no Ref made its nodes');
  // the element list holds the record itself
  const elements = ws.getFile(URI)!.dbml.syntax.elements.filter((e: Element) => isCompactRef(e));
  assert.equal(elements.length, refs.length);
  // formatting a formatted schema changes nothing, and the safety check compares records by their fields
  const options = { tabSize: 2, insertSpaces: true };
  const messy = text.replace(/^Ref: (\S+) > (\S+)$/gm, 'Ref:$1>$2');
  assert.notEqual(messy, text);
  const once = formatDbmlDetailed(messy, options);
  assert.equal(once.status, 'formatted', 'the safety check passed');
  assert.equal(once.text, formatDbml(text, options), 'the same as the tidy schema formatted');
  assert.equal(formatDbml(once.text, options), once.text);
});

test('an edit elsewhere keeps a compact Ref and moves it; an edit in it parses it again', () => {
  const base = 'Table a {\n  id int\n}\nTable b {\n  a_id int\n}\nRef r1: b.a_id > a.id [delete: cascade]\n';
  const ws = new Workspace();
  ws.setFile(URI, base, 1);
  const first = ws.getFile(URI)!.dbml.decls.find((d) => d.kind === 'ref')!;
  assert.ok(isCompactRefDecl(first));
  const rel = ws.binding().schema.relationships[0];
  assert.deepEqual([rel.name, rel.from.table, rel.to.table, rel.onDelete], ['r1', 'b', 'a', 'cascade']);
  const moved = `Table z {\n  q int\n}\n${base}`;
  ws.setFile(URI, moved, 2);
  const second = ws.getFile(URI)!.dbml.decls.find((d) => d.kind === 'ref')!;
  assert.ok(isCompactRefDecl(second));
  assert.equal(second.ref, first.ref, 'the record is reused');
  assert.equal(second.ref.start, moved.indexOf('Ref r1'), 'and moved with its block');
  assert.equal(compactRefBound(second.ref).left.parts[1].span.start, moved.indexOf('a_id >'));
  // an occurrence of b.a_id through the Ref, at its new place
  const b = ws.binding();
  const col = b.symbols.find((s) => s.kind === 'column' && s.qualifiedName === 'b.a_id')!;
  assert.ok(b.occurrencesOf(col.id).some((o) => o.span.start === moved.indexOf('a_id >')));
  const edited = moved.replace('> a.id', '> a.idx');
  ws.setFile(URI, edited, 3);
  assert.ok(ws.diagnostics(URI).some((d) => /idx/.test(d.message)), 'the unknown column is reported');
});
