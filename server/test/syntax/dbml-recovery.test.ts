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

test('an endpoint cut short while typing (`> users.`) reports the missing name once, not also that it names no column', () => {
  const text = 'Table users {\n  id int\n}\nTable p {\n  provider int\n}\nRef: p.provider > users.\nTable t {\n  a int\n}\n';
  const ws = new Workspace();
  ws.setFile('file:///a.dbml', text);
  const errors = ws.diagnostics('file:///a.dbml').filter((d) => d.severity === 'error');
  assert.deepEqual(
    errors.map((d) => [d.code, d.span.start]),
    [['DBML001', text.indexOf('users.') + 'users.'.length]],
    errors.map((d) => d.message).join(' | '),
  );
  // a complete endpoint with one part still says what is wrong
  const one = 'Table users {\n  id int\n}\nRef: users > users.id\n';
  ws.setFile('file:///b.dbml', one);
  assert.ok(ws.diagnostics('file:///b.dbml').some((d) => d.code === 'DBML007' && /must name a column/.test(d.message)));
});
