/**
 * Protocol: the server survives what it cannot handle. A request that makes
 * the server throw is logged with its stack and answered with an empty result;
 * garbage documents get diagnostics, not a crash; every later request is
 * still answered.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hover } from 'vscode-languageserver';
import { startServer, type ServerHandle } from './harness.ts';

const GOOD = 'Table users {\n  id int [pk]\n}\n';

/** Every request the server answers, with params for a uri at line 0 column 1. */
function everyRequest(uri: string): [string, unknown][] {
  const pos = { textDocument: { uri }, position: { line: 0, character: 1 } };
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } };
  return [
    ['textDocument/hover', pos],
    ['textDocument/definition', pos],
    ['textDocument/references', { ...pos, context: { includeDeclaration: true } }],
    ['textDocument/prepareRename', pos],
    ['textDocument/completion', pos],
    ['textDocument/documentSymbol', { textDocument: { uri } }],
    ['workspace/symbol', { query: 'a' }],
    ['textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }],
    ['textDocument/foldingRange', { textDocument: { uri } }],
    ['textDocument/selectionRange', { textDocument: { uri }, positions: [pos.position] }],
    ['textDocument/semanticTokens/full', { textDocument: { uri } }],
    ['textDocument/documentHighlight', pos],
    ['textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } }],
  ];
}

/** Sends a request; a deliberate refusal (RequestFailed, e.g. "cannot be renamed") counts as an answer. */
async function answered(server: ServerHandle, method: string, params: unknown): Promise<unknown> {
  try {
    return await server.request(method, params);
  } catch (err) {
    if ((err as { code?: number }).code === -32803) return undefined;
    throw err;
  }
}

describe('protocol: robustness', () => {
  let server: ServerHandle;
  before(async () => {
    server = await startServer({ files: { 'good.dbml': GOOD } });
    await server.open('good.dbml', GOOD);
    await server.diagnosticsForVersion('good.dbml');
  });
  after(async () => {
    await server?.stop();
  });

  it('a request that throws is logged with its stack and answered empty', async () => {
    // A null position makes the conversion to an offset throw inside the handler.
    const res = await server.request('textDocument/hover', { textDocument: { uri: server.uri('good.dbml') }, position: null });
    assert.equal(res, null);
    const line = await server.log((l) => l.includes('textDocument/hover failed'));
    assert.match(line, /\n\s+at /, 'no stack in the log');
    const refs = await server.request('textDocument/references', { textDocument: { uri: server.uri('good.dbml') }, position: null, context: null });
    assert.deepEqual(refs, []);
  });

  it('still answers after the failures', async () => {
    const h = await server.request<Hover | null>('textDocument/hover', { textDocument: { uri: server.uri('good.dbml') }, position: { line: 0, character: 8 } });
    assert.ok(h === null || typeof h === 'object');
    assert.equal(server.process.exitCode, null);
  });

  it('answers every request for a document it does not know with an empty result', async () => {
    const uri = server.uri('never-opened.dbml');
    for (const [method, params] of everyRequest(uri)) {
      const res = await answered(server, method, params);
      assert.ok(res === null || (Array.isArray(res) && res.length === 0) || (typeof res === 'object' && res !== null), `${method}: ${JSON.stringify(res)}`);
    }
  });

  const garbage: Record<string, string> = {
    'binary.dbml': Array.from({ length: 2000 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join(''),
    'brackets.dbml': '{'.repeat(5000) + '['.repeat(5000) + '('.repeat(5000),
    'unterminated.dbml': "Table t {\n  note: '''never closed\n  id int [default: `now(\n",
    'keywords.dbml': 'Table Table Table Ref Ref: > > < - <> Enum Project TableGroup Note ~ ~ [[[ ]]] ::: ...',
    'crlf.dbml': 'Table users {\r\n  id int [pk]\r\n}\r\nRef: a.b > users.id\r\n\u{1F600}\u{1F600} Table x { y int }',
    'empty.dbml': '',
  };

  for (const [name, text] of Object.entries(garbage)) {
    it(`survives ${name} and answers every request on it`, async () => {
      const uri = await server.open(name, text);
      await server.diagnosticsForVersion(uri);
      for (const [method, params] of everyRequest(uri)) await answered(server, method, params);
      // and keeps serving through an edit
      await server.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'Table z {' }]);
      await server.diagnosticsForVersion(uri);
      await server.close(uri);
      assert.equal(server.process.exitCode, null);
    });
  }

  it('is still alive and serving at the end', async () => {
    const symbols = await server.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri: server.uri('good.dbml') } });
    assert.ok(Array.isArray(symbols));
  });
});
