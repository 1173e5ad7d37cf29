/**
 * DBML error recovery where chevrotain builds a "no viable alternative" error
 * with an empty lookahead path (a lone operator in a table body): the error
 * message must not throw, so the block is recovered (its table and columns
 * kept) and the error is placed on the stray token.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Workspace } from '../../src/engine/workspace.ts';

for (const [name, text, stray] of [
  ['a lone +', 'Table t {\n  x int\n  +\n}\nTable u {\n  id int [pk]\n}\n', '+'],
  ['a lone -', 'Table t {\n  x int\n  -\n}\nTable u {\n  id int [pk]\n}\n', '-'],
] as const) {
  test(`recovery: ${name} in a table body keeps the table and its column`, () => {
    const ws = new Workspace();
    ws.setFile('file:///a.dbml', text);
    const tables = ws.binding().schema.tables.map((t) => `${t.name}(${t.columns.map((c) => c.name).join(',')})`);
    assert.deepEqual(tables, ['t(x)', 'u(id)']);
    const diags = ws.getFile('file:///a.dbml')!.parseDiagnostics;
    const at = text.indexOf(stray, text.indexOf('x int'));
    assert.ok(diags.some((d) => d.severity === 'error' && d.span.start === at), diags.map((d) => `${d.span.start} ${d.message}`).join(' | '));
  });
}
