/**
 * What the blocks of a DBML parse keep of the file's text (issue 3, item 11: server memory). A file's
 * first whole-file parse reads its blocks in place: they keep copies of the strings they need and reach
 * the text itself through a holder the file's blocks share, which each edit points at the current text.
 * So after an edit the first version can go, blocks the edit left alone read the current text at their
 * moved starts, and a block the edit dropped reads the text it was parsed from.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getHeapSnapshot } from 'node:v8';
import { DbmlParseCache, parseDbml } from '../../src/engine/syntax/dbml/parse.js';
import { compactLine, isCompactColumn } from '../../src/engine/syntax/dbml/nodes.js';
import type { Body, Element, Expr } from '../../src/engine/syntax/dbml/ast.js';
import { Workspace } from '../../src/engine/workspace.js';
import { generateDbml } from '../../../bench/generate.mjs';

const URI = 'file:///holder.dbml';

/** Everything a parse produces, as plain JSON (reading every compact record's nodes). */
function snapshot(r: ReturnType<typeof parseDbml>): string {
  return JSON.stringify({ decls: r.file.decls, elements: r.file.syntax.elements, comments: r.file.syntax.comments, diagnostics: r.diagnostics });
}

/** A line's parts as text: names as written without quotes. */
function lineWords(line: unknown): string[] {
  return compactLine(line as never).parts.map((p: Expr) => (p.kind === 'qname' ? p.name.parts.map((i) => i.text).join('.') : p.kind));
}

function tableBody(r: ReturnType<typeof parseDbml>, name: string): Body {
  const el = r.file.syntax.elements.find((e: Element) => e.name?.parts.some((p) => p.text === name));
  assert.ok(el?.body, `table ${name}`);
  return el.body;
}

const V1 = ['Table a {', '  id int [pk]', '}', '', 'Table b {', '  name varchar [not null]', '  email varchar', '}', '', 'Table c {', '  id int [pk]', '  b_name varchar [ref: > b.name]', '}', '', 'Ref: c.id > a.id', ''].join('\n');

test('blocks an edit moved, read for the first time after it, read the current text at their new place', () => {
  const cache = new DbmlParseCache();
  parseDbml(V1, URI, cache); // nothing read: the compact lines are only records
  const v2 = V1.replace('  id int [pk]\n}', '  id int [pk]\n  created_at timestamp\n}');
  const v3 = v2.replace('Table a {', '// the first table\nTable a {');
  parseDbml(v2, URI, cache);
  const again = parseDbml(v3, URI, cache);
  assert.equal(snapshot(again), snapshot(parseDbml(v3, URI)));
  // the lines of table c, never read before, give their names at their new place
  const line = tableBody(again, 'c').items.find((x) => isCompactColumn(x as object));
  assert.ok(line);
  assert.deepEqual(lineWords(line), ['id', 'int']);
});

test('a block an edit dropped still reads the text it was parsed from', () => {
  const cache = new DbmlParseCache();
  const first = parseDbml(V1, URI, cache);
  const oldLine = tableBody(first, 'b').items.find((x) => isCompactColumn(x as object));
  assert.ok(oldLine);
  // a column before `name` in table b: that block is parsed again and the old one dropped; at the old
  // line's offsets the new text has `zz int`
  parseDbml(V1.replace('Table b {\n', 'Table b {\n  zz int\n'), URI, cache);
  assert.deepEqual(lineWords(oldLine), ['name', 'varchar']);
  // and the whole dropped block is what a fresh parse of the first version makes of it
  const fresh = tableBody(parseDbml(V1, URI), 'b');
  assert.equal(JSON.stringify(tableBody(first, 'b')), JSON.stringify(fresh));
});

/** The string nodes of this process's heap whose text starts with `prefix`: their sizes in bytes. */
async function stringSizes(prefix: string): Promise<number[]> {
  let json = '';
  for await (const chunk of getHeapSnapshot()) json += chunk;
  const snap = JSON.parse(json) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[]; strings: string[] };
  const fields = snap.snapshot.meta.node_fields;
  const width = fields.length;
  const iType = fields.indexOf('type');
  const iName = fields.indexOf('name');
  const iSize = fields.indexOf('self_size');
  const stringType = snap.snapshot.meta.node_types[0].indexOf('string');
  const sizes: number[] = [];
  for (let i = 0; i < snap.nodes.length; i += width) {
    if (snap.nodes[i + iType] !== stringType) continue;
    if (snap.strings[snap.nodes[i + iName]].startsWith(prefix)) sizes.push(snap.nodes[i + iSize]);
  }
  return sizes;
}

test('after an edit, the workspace keeps the current text and not the first version', async () => {
  const tag = `// holder ${Math.random().toString(36).slice(2)}\n`;
  const ws = new Workspace({ analysis: { enabled: false } });
  // both versions as flat strings of their own, and only the second held here afterwards
  const lengths = ((): { v1: number; v2: number } => {
    const base = tag + generateDbml(60).text;
    const v1 = Buffer.from(base).toString();
    ws.setFile(URI, v1, 1);
    ws.binding();
    ws.diagnostics(URI, 'fast');
    // a column in the first table: that block is parsed again, the 59 after it are reused
    const at = base.indexOf('\n', base.indexOf('\nTable ') + 1) + 1;
    const inserted = '  inserted_column_for_the_test int\n';
    const v2 = Buffer.from(base.slice(0, at) + inserted + base.slice(at)).toString();
    ws.setFile(URI, v2, 2, {}, { start: at, oldEnd: at, newEnd: at + inserted.length });
    ws.binding();
    ws.diagnostics(URI, 'fast');
    return { v1: v1.length, v2: v2.length };
  })();
  const sizes = await stringSizes(tag);
  // a one-byte string is its characters and a 16-byte header, rounded up to 8 bytes
  const holds = (length: number): boolean => sizes.some((s) => s >= length + 16 && s < length + 24);
  assert.ok(holds(lengths.v2), `the current text is there (${sizes.join(', ')})`);
  assert.ok(!holds(lengths.v1), `the first version is gone (${sizes.join(', ')})`);
  assert.equal(ws.binding().schema.tables.length, 60);
});
