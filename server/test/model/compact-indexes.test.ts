/**
 * Compact indexes blocks (syntax/dbml/nodes.ts CompactIndexesNode, issue 3):
 * an `indexes { ... }` block of a top-level Table whose lines are all simple
 * (`col`, `(a, b)` or one backtick expression, with `unique`, `pk`, `name`,
 * `type` and `note` settings) is one record per line. compact-columns.test.ts
 * compares the binding and the editor views with compact lines on and off;
 * this one holds every record of the shared files and a generated schema
 * against the nodes the full path makes of it, checks which blocks are
 * compact, and that binding, colouring, folding and the outline make no nodes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Workspace } from '../../src/engine/workspace.js';
import { compactIndexBound, isCompactIndexDecl, isCompactIndexes, materializeIndexes, type CompactIndexesNode } from '../../src/engine/syntax/dbml/nodes.js';
import type { TableDecl } from '../../src/engine/syntax/dbml/ast.js';
import { exprText } from '../../src/engine/syntax/dbml/interpret.js';
import { generateDbml } from '../../../bench/generate.mjs';
import { sharedDbmlFiles } from '../syntax/dbml-arbitraries.js';
import { semanticTokens } from '../../src/engine/ide/semantic-tokens.js';
import { foldingRanges } from '../../src/engine/ide/folding.js';
import { documentSymbols } from '../../src/engine/ide/symbols.js';
import { formatDbml, formatDbmlDetailed } from '../../src/engine/ide/format.js';

const URI = 'file:///w/schema.dbml';

function tables(text: string): TableDecl[] {
  const ws = new Workspace();
  ws.setFile(URI, text);
  return ws.getFile(URI)!.dbml.decls.filter((d): d is TableDecl => d.kind === 'table');
}

const spanOf = (s: { start: number; end: number }): [number, number] => [s.start, s.end];

/** A block's records against the element and IndexDecls the full path makes of the same text. */
function checkBlock(node: CompactIndexesNode, where: string): void {
  const { element, decls } = materializeIndexes(node);
  assert.equal(element.kind, 'indexes', where);
  assert.deepEqual(spanOf(node), spanOf(element.span), `${where}: the element's span`);
  assert.deepEqual([node.start + node.openOfSpan - node.startOfSpan, node.start + node.closeOfSpan - node.startOfSpan], [element.body!.openSpan.start, element.body!.closeSpan!.start], `${where}: braces`);
  assert.equal(decls.length, node.lines.length, `${where}: one declaration per line`);
  node.lines.forEach((l, i) => {
    const d = decls[i];
    const at = `${where} line ${i}`;
    const b = compactIndexBound(l);
    assert.deepEqual(spanOf(b.span), spanOf(d.span), `${at}: span`);
    if (l.expression !== undefined) {
      assert.deepEqual(d.parts.map((p) => [p.expression, ...spanOf(p.span)]), [[l.expression, ...spanOf(b.exprSpan!)]], `${at}: expression`);
    } else {
      assert.deepEqual(
        b.idents.map((id) => [id.text, id.quoted, ...spanOf(id.span)]),
        d.parts.map((p) => [p.column!.text, p.column!.quoted, ...spanOf(p.column!.span)]),
        `${at}: columns`,
      );
    }
    assert.deepEqual(l.settingNames, d.settings.map((s) => s.name), `${at}: settings`);
    assert.deepEqual(l.settingStartsOfSpan.map((s) => node.anchorOfSpan.start + s), d.settings.map((s) => s.nameSpan.start), `${at}: setting names`);
    const value = (n: string) => {
      const s = d.settings.find((x) => x.name === n);
      return s?.value ? (s.value.kind === 'string' ? s.value.value : exprText(s.value)) : undefined;
    };
    assert.deepEqual([l.name, l.type, l.note, l.unique, l.pk], [value('name'), value('type'), value('note'), l.settingNames.includes('unique'), l.settingNames.includes('pk')], `${at}: values`);
  });
}

test("every compact indexes block's records agree with the full parser's nodes", () => {
  const inputs = sharedDbmlFiles().map((f) => ({ name: f, text: readFileSync(f, 'utf8') }));
  inputs.push({ name: 'generated 300', text: generateDbml(300).text });
  let blocks = 0;
  let shared = 0;
  for (const { name, text } of inputs) {
    for (const t of tables(text)) {
      for (const it of t.element.body?.items ?? []) {
        if (!isCompactIndexes(it)) continue;
        checkBlock(it, `${name} at ${it.start}`);
        blocks++;
        if (name !== 'generated 300') shared++;
      }
    }
  }
  assert.ok(shared > 20 && blocks > 200, `${blocks} compact blocks checked, ${shared} of them in the shared files`);
});

test('simple indexes blocks are compact, anything else takes the full path', () => {
  const all = tables(generateDbml(200).text).flatMap((t) => t.indexes);
  assert.ok(all.length > 100 && all.every((ix) => isCompactIndexDecl(ix)), 'every index of a generated schema');
  const cases: [string, boolean][] = [
    ['id', true],
    ['(id, name) [unique]', true],
    ['("a b", name) [pk, name: \'k\', note: \'n\']', true],
    ['`lower(name)` [type: hash]', true],
    ['id [type: btree, unique]\n    name\n\n    (id, name)', true],
    ['id [unique, unique]', false],
    ['id [name: "k"]', false],
    ['id [type: gist]', false],
    ['id [name: \'it\\\'s\']', false],
    ['id // why', false],
    ['(id, `lower(name)`)', false],
    ['id name', false],
    ['id [primary key]', false],
    ['t.id', false],
  ];
  for (const [lines, compact] of cases) {
    const text = `Table t {\n  id int\n  name text\n  "a b" int\n  indexes {\n    ${lines}\n  }\n}\n`;
    const t = tables(text)[0];
    const block = t.element.body!.items.find((it) => it.type === 'element' && it.kind === 'indexes')!;
    assert.equal(isCompactIndexes(block), compact, lines);
    if (isCompactIndexes(block)) checkBlock(block, lines);
  }
  // only a top-level Table's: not a TablePartial's
  const partial = 'TablePartial p {\n  id int\n  indexes {\n    id\n  }\n}\n';
  const ws = new Workspace();
  ws.setFile(URI, partial);
  assert.equal(ws.getFile(URI)!.dbml.decls.flatMap((d) => (d.kind === 'tablePartial' ? d.indexes : [])).filter((ix) => isCompactIndexDecl(ix)).length, 0);
});

test('binding, colouring, folding and the outline read compact indexes without making their nodes; formatting keeps them', () => {
  const text = generateDbml(150).text;
  const ws = new Workspace();
  ws.setFile(URI, text);
  const blocks = ws
    .getFile(URI)!
    .dbml.decls.filter((d): d is TableDecl => d.kind === 'table')
    .flatMap((t) => (t.element.body?.items ?? []).filter((it) => isCompactIndexes(it))) as CompactIndexesNode[];
  assert.ok(blocks.length > 50);
  const b = ws.binding();
  ws.diagnostics(URI);
  semanticTokens(ws, URI);
  foldingRanges(ws, URI);
  documentSymbols(ws, URI);
  assert.equal(blocks.filter((x) => x.madeSpan !== undefined).length, 0, 'no block made its nodes');
  // the model's index parts point at the records' identifiers
  const withIndexes = b.schema.tables.find((t) => t.indexes.length > 0)!;
  assert.ok(withIndexes.indexes.some((ix) => ix.parts.some((p) => p.column !== undefined)));
  const options = { tabSize: 2, insertSpaces: true };
  const messy = text.replace(/^ {4}\((\w+), (\w+)\)/gm, '    ($1,$2)');
  assert.notEqual(messy, text);
  const once = formatDbmlDetailed(messy, options);
  assert.equal(once.status, 'formatted', 'the safety check passed');
  assert.equal(once.text, formatDbml(text, options));
});
