/**
 * Protocol (issue 5): an inferred relationship arrives as a diagnostic; the
 * client asks for code actions with it, applies "Declare this relationship",
 * and the edited document re-parses without errors and without the hint.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { applyEdits, startServer, type ServerHandle } from './harness.ts';

const DBML = 'Table users {\n  id int [pk]\n}\n\nTable posts {\n  id int [pk]\n  user_id int\n}\n';
const SQL = 'CREATE TABLE authors (\n  id integer PRIMARY KEY\n);\n\nCREATE TABLE books (\n  id integer PRIMARY KEY,\n  author_id integer\n);\n';

describe('protocol: inferred relationships and their quick fix', () => {
  let server: ServerHandle;
  before(async () => {
    server = await startServer({ files: { 'a.dbml': DBML, 'b.sql': SQL } });
  });
  after(async () => {
    await server?.stop();
  });

  for (const [name, text, languageId] of [['a.dbml', DBML, 'dbml'], ['b.sql', SQL, 'sql']] as const) {
    it(`${name}: the client applies "Declare this relationship" and the result parses clean`, async () => {
      const uri = await server.open(name, text, languageId);
      const diags = await server.diagnostics(name, (ds) => ds.some((d) => d.code === 'INFER001'));
      const hint = diags.find((d) => d.code === 'INFER001') as Diagnostic;
      const actions = await server.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: hint.range, context: { diagnostics: [hint] } });
      const declare = actions.find((a) => a.title === 'Declare this relationship');
      assert.ok(declare?.edit?.changes?.[uri], JSON.stringify(actions.map((a) => a.title)));
      const fixed = applyEdits(text, declare.edit.changes[uri]);
      await server.change(name, fixed);
      // the keystroke pass keeps the last analysis; the analysis pass that follows drops the hint
      const parsed = await server.diagnosticsForVersion(name);
      assert.deepEqual(parsed.filter((d) => d.severity === 1), [], JSON.stringify(parsed));
      const after = await server.diagnostics(name, (ds) => !ds.some((d) => d.code === 'INFER001'));
      assert.deepEqual(after.filter((d) => d.severity === 1), [], JSON.stringify(after));
    });
  }
});

describe('protocol: schemasage.config.json in the workspace folder', () => {
  let server: ServerHandle;
  after(async () => {
    await server?.stop();
  });

  it('sets the severity of a code', async () => {
    server = await startServer({ files: { 'a.dbml': DBML, 'schemasage.config.json': JSON.stringify({ rules: { INFER001: 'warning' } }) } });
    await server.open('a.dbml', DBML);
    const diags = await server.diagnostics('a.dbml', (ds) => ds.some((d) => d.code === 'INFER001'));
    assert.equal(diags.find((d) => d.code === 'INFER001')?.severity, 2, JSON.stringify(diags));
  });
});

describe('protocol: the analysis runs in slices', () => {
  let server: ServerHandle;
  after(async () => {
    await server?.stop();
  });

  it('a request sent while inference and lint run over 3,000 tables is answered before their diagnostics are published', async () => {
    const { generateDbml } = await import('../../bench/generate.mjs');
    const text: string = generateDbml(3000).text;
    // the analysis starts right after the first diagnostics (no pause)
    server = await startServer({ initializationOptions: { diagnostics: { debounceMs: 0, analysisDelayMs: 0 } }, timeoutMs: 60000 });
    const lintPublished = server.nextPublication('big.dbml', (ds) => ds.some((d) => /^(KEY|PII|TYPE|IDX|NAME|DES)\d{3}$/.test(String(d.code))));
    const first = server.nextPublication('big.dbml');
    const uri = await server.open('big.dbml', text);
    const firstDiagnostics = await first;
    assert.ok(!firstDiagnostics.diagnostics.some((d) => /^(KEY|PII|TYPE)\d{3}$/.test(String(d.code))), 'the first pass has no analysis yet');
    // the analysis runs now (about 0.2 s of work at this size); a hover on a column of the middle table
    const order: string[] = [];
    const at = text.indexOf('\n  ', text.indexOf('\nTable ', text.length >> 1)) + 3;
    const before = text.slice(0, at);
    const position = { line: before.split('\n').length - 1, character: at - before.lastIndexOf('\n') - 1 };
    const hover = server.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position }).then((h) => {
      order.push('hover');
      return h;
    });
    const lint = lintPublished.then(() => order.push('analysis published'));
    const [answer] = await Promise.all([hover, lint]);
    assert.deepEqual(order, ['hover', 'analysis published'], 'the hover did not wait for the whole analysis');
    const column = /^ {2}(\S+)/.exec(text.slice(at - 2))![1];
    assert.ok(answer && JSON.stringify(answer.contents).includes(column), JSON.stringify(answer));
  });
});
