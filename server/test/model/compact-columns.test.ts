/**
 * Compact column lines (syntax/dbml/nodes.ts CompactColumn, issue 3): a simple
 * column line of a Table is one record, the binder reads its fields (bind.ts
 * `compactColumn`) and everything else is made from the line when read. The
 * direct parser's equivalence test compares the parse (statements and
 * declarations, as JSON) with the token path; this one compares what the
 * binder builds from it, the whole workspace with compact lines on and off:
 * the model, every diagnostic, every symbol and occurrence. It also checks
 * which lines are compact, that a record's nodes are made once and shared by
 * its line and its declaration, and that an edit keeps them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serialize } from 'node:v8';
import { Workspace } from '../../src/engine/workspace.js';
import { setCompactColumns } from '../../src/engine/syntax/dbml/direct-parser.js';
import { isCompactColumn, isCompactColumnDecl } from '../../src/engine/syntax/dbml/nodes.js';
import type { Line, TableDecl } from '../../src/engine/syntax/dbml/ast.js';
import { generateDbml } from '../../../bench/generate.mjs';
import { mutate, rngFor } from '../fuzz/mutate.js';
import { sharedDbmlFiles } from '../syntax/dbml-arbitraries.js';
import { DBML_EDGE_CASES } from '../syntax/dbml-edge-cases.js';
import { semanticTokens } from '../../src/engine/ide/semantic-tokens.js';
import { foldingRanges } from '../../src/engine/ide/folding.js';
import { documentSymbols, workspaceSymbols } from '../../src/engine/ide/symbols.js';

const URI = 'file:///w/schema.dbml';

/** Everything a binding exposes, as JSON: model, diagnostics, symbols (by id), each symbol's occurrences. */
function bound(texts: Record<string, string>, compact: boolean): string {
  const was = setCompactColumns(compact);
  try {
    const ws = new Workspace();
    for (const [uri, text] of Object.entries(texts)) ws.setFile(uri, text);
    const b = ws.binding();
    const symbols = b.symbols.map((s) => ({ ...s, occurrences: b.occurrencesOf(s.id).map((o) => ({ uri: o.uri, start: o.span.start, end: o.span.end, def: o.isDefinition, quoted: o.quoted })) }));
    const diagnostics = Object.keys(texts).map((uri) => ws.diagnostics(uri));
    return JSON.stringify({ schema: b.schema, diagnostics, symbols });
  } finally {
    setCompactColumns(was);
  }
}

function compactShare(text: string): { compact: number; columns: number } {
  const ws = new Workspace();
  ws.setFile(URI, text);
  let compact = 0;
  let columns = 0;
  for (const d of ws.getFile(URI)!.dbml.decls) {
    if (d.kind !== 'table') continue;
    for (const c of d.columns) {
      columns++;
      if (isCompactColumnDecl(c)) compact++;
    }
  }
  return { compact, columns };
}

test('the binder builds the same from compact lines as from the full tree: model, diagnostics, symbols, occurrences', () => {
  const files = sharedDbmlFiles();
  assert.ok(files.length > 100, 'the shared DBML files are there');
  let compared = 0;
  for (const f of files) {
    const texts = { [URI]: readFileSync(f, 'utf8') };
    assert.equal(bound(texts, true), bound(texts, false), f);
    compared++;
  }
  DBML_EDGE_CASES.forEach((x, i) => assert.equal(bound({ [URI]: x }, true), bound({ [URI]: x }, false), `edge case ${i}`));
  const generated = generateDbml(200).text;
  assert.equal(bound({ [URI]: generated }, true), bound({ [URI]: generated }, false), 'generated 200');
  // across files: enum types and refs in another file than the columns
  const two = {
    'file:///w/a.dbml': "Enum core.status {\n  on\n  off\n}\nEnum kind {\n  a\n}\n",
    'file:///w/b.dbml': "Table t {\n  id int [pk]\n  s core.status [not null, default: 'on']\n  k kind\n  c core.nope\n  u \"core\".\"status\"[]\n}\nRef: t.id < t.id\n",
  };
  assert.equal(bound(two, true), bound(two, false), 'enum types across files');
  // mutants: broken and odd lines next to compact ones
  const donors = files.slice(0, 40).map((f) => readFileSync(f, 'utf8'));
  for (let i = 0; i < 150; i++) {
    const m = mutate(donors[i % donors.length], rngFor(7, i), donors);
    assert.equal(bound({ [URI]: m.text }, true), bound({ [URI]: m.text }, false), `mutant ${i} (${m.ops.join(', ')})`);
  }
  assert.ok(compared > 100);
});

test('simple column lines are compact, anything else takes the full path', () => {
  const gen = compactShare(generateDbml(200).text);
  // every column of a generated schema, those with an inline ref too
  assert.equal(gen.compact, gen.columns, `generated: ${gen.compact} of ${gen.columns} compact`);
  const cases: [string, boolean][] = [
    ['id int', true],
    ['id int [pk, increment]', true],
    ['"order id" "character varying(10)" [not null, note: \'x\']', true],
    ['id bigint [primary key, unique, null]', true],
    ["a varchar(255) [default: 'it\\'s', note: '''multi\n  line''']", true],
    ['a numeric( 10 , 2 )', true],
    ['a numeric(10) [default: -1]', false],
    ['a numeric(10, 2) [default: 1.5]', true],
    ['a core.status[] [default: `now()`]', true],
    ['a int [default: true, not null]', true],
    ['a int [default: active]', false],
    ['a int [pk, pk]', false],
    ['a int [pk, primary key]', false],
    ['a int [null, not null]', false],
    ['a int [ref: > t.id]', true],
    ['a int [not null, ref: < core.t.id, note: \'n\']', true],
    ['a int [ref: - b]', true],
    ['a int [ref: <> t.id, pk]', true],
    ['a int [ref: > t.id, ref: > u.id]', false],
    ['a int [ref: > t . id]', false],
    ['a int [ref: > "t".id]', false],
    ['a int [ref: > t.(id)]', false],
    ['a int [ref: > s.t.id.x]', false],
    ['a int [ref: > t.id x]', false],
    ['a int [ref: t.id]', false],
    ['a int [ref: > -1]', false],
    ['a int [check: `a > 0`]', false],
    ['a int /* why */ [pk]', false],
    ['a int [pk] // why', true],
    ['a int pk', false],
    ['a int[3]', false],
    ['a', false],
    ['a int, b int', false],
    ['a int [note: "x"]', false],
    // the name's end and the type's start are folded into the record's bits, 8 bits each
    ['"a \\"b\\" c" int [pk]', true],
    [`${'n'.repeat(300)} int`, true],
    [`"${'q'.repeat(300)}" int`, true],
    [`a${' '.repeat(255)}int`, true],
    [`a${' '.repeat(256)}int`, false],
    [`"a${'\\"'.repeat(260)}" int`, false],
  ];
  for (const [line, compact] of cases) {
    const text = `Table t {\n  ${line}\n}\n`;
    const ws = new Workspace();
    ws.setFile(URI, text);
    const t = ws.getFile(URI)!.dbml.decls.find((d): d is TableDecl => d.kind === 'table');
    const first = t?.element.body?.items[0];
    assert.equal(!!first && isCompactColumn(first), compact, line);
    // and whichever path took it, the same binding
    assert.equal(bound({ [URI]: text }, true), bound({ [URI]: text }, false), line);
  }
  // lines share their type's object: an array of a type with arguments is another type
  const arrays = 'Table t {\n  a varchar(10)\n  b varchar(10)[]\n  c core.status\n  d core.status[]\n  e int\n  f int[]\n}\nTable u {\n  b varchar(10)[]\n  a varchar(10)\n}\n';
  assert.equal(bound({ [URI]: arrays }, true), bound({ [URI]: arrays }, false), 'arrays');
  // a body on the next line makes the line an element: not a column
  assert.equal(compactShare('Table t {\n  x int\n  {\n  }\n}\n').compact, 0);
  // only a top-level Table's columns: not a TablePartial's, not a nested body's
  assert.equal(compactShare('TablePartial p {\n  id int\n}\nTable t {\n  ~p\n  x int\n}\n').compact, 1);
});

test("a compact line's nodes are made once, shared by its line and its declaration, and kept across an edit", () => {
  const before = 'Table a {\n  x int [pk]\n  y varchar(20) [note: \'n\']\n}\n\nTable b {\n  z int\n}\n';
  const ws = new Workspace();
  ws.setFile(URI, before, 1);
  const a1 = ws.getFile(URI)!.dbml.decls[0] as TableDecl;
  const line = a1.element.body!.items[1] as Line;
  const decl = a1.columns[1];
  assert.ok(isCompactColumn(line) && isCompactColumnDecl(decl));
  assert.equal(decl.span, line, 'the declaration is spanned by its line');
  const name = decl.name;
  assert.equal(name, decl.name, 'made once');
  const nameExpr = line.parts[0];
  assert.ok(nameExpr.kind === 'qname');
  assert.equal(nameExpr.name.parts[0], name, 'the line and the declaration share the ident');
  assert.equal(decl.settings[0], line.settings!.items[0], 'and the settings');
  assert.deepEqual([name.text, name.span.start], ['y', before.indexOf('y varchar')]);
  // an edit in table b: table a's block is reused, its nodes keep their identity and move
  const after = `Table q {\n  w int\n}\n\n${before.replace('z int', 'z bigint')}`;
  ws.setFile(URI, after, 2);
  const a2 = ws.getFile(URI)!.dbml.decls.find((d): d is TableDecl => d.kind === 'table' && d.name.parts[0].text === 'a')!;
  assert.equal(a2.columns[1].name, name, 'the reused block keeps the ident');
  assert.equal(name.span.start, after.indexOf('y varchar'), 'which moved with the block');
  // the binder found the column and its symbol's definition is the ident
  const b = ws.binding();
  const sym = b.symbols.find((x) => x.kind === 'column' && x.qualifiedName === 'a.y');
  assert.ok(sym, 'a.y has a symbol');
  assert.deepEqual([sym.nameSpan.start, sym.nameSpan.end], [name.span.start, name.span.end], "its name span is the ident's");
  assert.deepEqual(b.occurrencesOf(sym.id).map((o) => [o.span.start, o.isDefinition]), [[after.indexOf('y varchar'), true]]);
});

test('colouring, folding, outline and workspace symbols read compact lines without making their nodes, with the same results', () => {
  const views = (texts: Record<string, string>, compact: boolean): string => {
    const was = setCompactColumns(compact);
    try {
      const ws = new Workspace();
      for (const [uri, text] of Object.entries(texts)) ws.setFile(uri, text);
      const out = Object.keys(texts).map((uri) => ({ tokens: semanticTokens(ws, uri), folds: foldingRanges(ws, uri), outline: documentSymbols(ws, uri) }));
      const made = Object.keys(texts).flatMap((uri) =>
        ws.getFile(uri)!.dbml.decls.flatMap((d) => (d.kind === 'table' ? d.columns.filter((c) => isCompactColumnDecl(c) && c.line.madeSpan !== undefined) : [])),
      );
      return JSON.stringify({ out, search: workspaceSymbols(ws, 'id'), made: compact ? made.length : 0 });
    } finally {
      setCompactColumns(was);
    }
  };
  const inputs: Record<string, string>[] = sharedDbmlFiles().map((f) => ({ [URI]: readFileSync(f, 'utf8') }));
  inputs.push({ [URI]: generateDbml(150).text });
  inputs.push({ [URI]: "Enum core.st {\n  a\n}\nTable t {\n  id int [pk, not null, note: 'x'] // c\n  s core.st[] [default: 'a']\n  n \"a b\" [note: '''two\n  lines''']\n  v varchar(10) [primary key]\n}\n" });
  for (const texts of inputs) {
    const on = views(texts, true);
    assert.equal(on, views(texts, false).replace('"made":0', `"made":${JSON.parse(on).made}`), Object.values(texts)[0].slice(0, 60));
  }
  // nothing was made for the other compact columns: a multi-line note folds (its line is made), a schema-qualified
  // enum type's occurrence takes the line's ident; every other line keeps only its record
  const text = generateDbml(150).text;
  const generated = JSON.parse(views({ [URI]: text }, true)) as { made: number };
  const ws = new Workspace();
  ws.setFile(URI, text);
  const expected = ws.getFile(URI)!.dbml.decls.flatMap((d) => (d.kind === 'table' ? d.columns : [])).filter((c) => isCompactColumnDecl(c) && (c.line.tq2 !== undefined || /[\r\n]/.test(text.slice(c.span.start, c.span.end)))).length;
  assert.ok(expected > 0 && expected < 200, `${expected} compact lines are multi-line or schema-qualified`);
  assert.ok(generated.made <= expected, `${generated.made} compact lines made their nodes (expected at most ${expected})`);
});

test("a structured clone of the model copies each block's text once, not once per compact column", () => {
  // tests and tools clone schemas (structuredClone, v8.serialize): a column's source reaches its line's record
  const text = generateDbml(200).text;
  const ws = new Workspace();
  ws.setFile(URI, text);
  const schema = ws.binding().schema;
  const columns = schema.tables.reduce((n, t) => n + t.columns.length, 0);
  const bytes = serialize(schema).length;
  assert.ok(columns > 2000, `${columns} columns`);
  assert.ok(bytes < 20 * text.length, `the clone is ${bytes} bytes for ${text.length} characters of text`);
  const copy = structuredClone(schema);
  assert.equal(copy.tables.length, schema.tables.length);
  assert.equal(copy.tables[0].columns[0].name, schema.tables[0].columns[0].name);
});
