/**
 * Workspace.setFile with the edit the caller knows (an editor's didChange): any region that covers
 * the edit gives what diffing the texts gives (parse, binding, diagnostics, line index); a region
 * that cannot be the edit (out of bounds, lengths that do not add up) is ignored.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../src/engine/workspace.js';
import type { TextChange } from '../../src/engine/text/edit.js';

const BEFORE = `Enum status {
  active
}

Table users as U {
  id int [pk]
  name text
  state status
}

Table posts {
  id int [pk]
  author_id int [ref: > U.id]
}

Ref: posts.id - users.id
`;

/** What a file gives: its diagnostics, the binding's schema and occurrences, and line/column of some offsets. */
function observe(ws: Workspace, uri: string): string {
  const f = ws.getFile(uri)!;
  const b = ws.binding();
  const occs = (b.occurrencesByUri.get(uri) ?? []).map((o) => [o.span.start, o.span.end, b.symbol(o.symbol)?.key]);
  const positions = [0, 5, f.text.length >> 1, f.text.length].map((o) => f.lineIndex.position(o));
  return JSON.stringify([ws.diagnostics(uri), b.schema, occs, positions, f.dbml.decls.length]);
}

/** [what, the edit as a function of the text, the hint given for it (old text, new text) -> change] */
const CASES: [string, (t: string) => string, (a: string, b: string) => TextChange | undefined][] = [
  ['typing in a column name, exact region', (t) => t.replace('  name text', '  namex text'), (a) => { const s = a.indexOf(' text', a.indexOf('  name')); return { start: s, oldEnd: s, newEnd: s + 1 }; }],
  ['typing in a column name, a wider region', (t) => t.replace('  name text', '  namex text'), (a) => { const s = a.indexOf('  name'); return { start: s - 3, oldEnd: s + 20, newEnd: s + 21 }; }],
  ['the whole text as the region', (t) => t.replace('Table posts', 'Table post'), (a, b) => ({ start: 0, oldEnd: a.length, newEnd: b.length })],
  ['deleting a Ref line, exact region', (t) => t.replace('Ref: posts.id - users.id\n', ''), (a) => { const s = a.indexOf('Ref:'); return { start: s, oldEnd: s + 25, newEnd: s }; }],
  ['a new table at the end, an empty region at the end', (t) => `${t}\nTable tags {\n  id int\n}\n`, (a, b) => ({ start: a.length, oldEnd: a.length, newEnd: b.length })],
  ['lengths that do not add up: ignored', (t) => t.replace('  name text', '  namex text'), () => ({ start: 10, oldEnd: 12, newEnd: 12 })],
  ['out of bounds: ignored', (t) => t.replace('  name text', '  namex text'), (a) => ({ start: -1, oldEnd: a.length, newEnd: a.length + 1 })],
  ['start after the end: ignored', (t) => t.replace('  name text', '  namex text'), () => ({ start: 20, oldEnd: 10, newEnd: 11 })],
  ['no hint', (t) => t.replace('  name text', '  namex text'), () => undefined],
];

test('setFile with the caller\'s change equals setFile that diffs the texts', () => {
  const uri = 'file:///s.dbml';
  for (const [what, edit, hint] of CASES) {
    const after = edit(BEFORE);
    assert.notEqual(after, BEFORE, what);
    const hinted = new Workspace();
    hinted.setFile(uri, BEFORE, 1);
    hinted.getFile(uri)!.lineIndex; // built, so the next version's is updated from it with the change
    hinted.binding();
    hinted.setFile(uri, after, 2, {}, hint(BEFORE, after));
    const diffed = new Workspace();
    diffed.setFile(uri, BEFORE, 1);
    diffed.binding();
    diffed.setFile(uri, after, 2);
    const fresh = new Workspace();
    fresh.setFile(uri, after, 2);
    assert.equal(observe(hinted, uri), observe(diffed, uri), what);
    assert.equal(observe(hinted, uri), observe(fresh, uri), what);
  }
});
