/**
 * The stdio transport's encoder: publishDiagnostics from per-diagnostic cached
 * JSON must be exactly what JSON.stringify gives, for any params shape, and a
 * diagnostic object's JSON is computed once.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { encodeMessage } from '../../src/lsp/transport.ts';

const diag = (line: number, message: string, extra: Record<string, unknown> = {}) => ({
  range: { start: { line, character: 2 }, end: { line, character: 9 } },
  severity: 2,
  code: 'KEY003',
  source: 'schemasage',
  message,
  ...extra,
});

test('publishDiagnostics encodes byte-for-byte as JSON.stringify, with and without version, with odd text', () => {
  const list = [diag(1, 'plain'), diag(2, 'quote " backslash \\ newline \n tab \t unicode é 😀 \u2028'), diag(3, 'data', { data: { suggestions: ['a', 'b'], fix: { x: 1 } }, tags: [1] })];
  const msgs = [
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a%20b.dbml', version: 7, diagnostics: list } },
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a.dbml', diagnostics: list } },
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a.dbml', diagnostics: [] } },
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { diagnostics: list, uri: 'file:///order.dbml', version: 1 } },
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///u.dbml', version: undefined, diagnostics: list } },
    { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'hello' } },
    { jsonrpc: '2.0', id: 4, result: { diagnostics: list } },
  ];
  for (const m of msgs) assert.equal(encodeMessage(m as never), JSON.stringify(m));
});

test('a published diagnostic object is serialised once: the cached text is reused on the next publish', () => {
  const d = diag(5, 'first');
  const msg = () => ({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///c.dbml', version: 1, diagnostics: [d] } });
  const first = encodeMessage(msg() as never);
  assert.ok(first.includes('"first"'));
  // the server never mutates a published diagnostic; if something did, the cache would show the old text:
  // this proves the second publish did not re-serialise the object
  d.message = 'second';
  assert.ok(encodeMessage(msg() as never).includes('"first"'));
  // a new object (what toLsp makes when a diagnostic moves or changes) is serialised afresh
  assert.ok(encodeMessage({ ...msg(), params: { ...msg().params, diagnostics: [{ ...d }] } } as never).includes('"second"'));
});

test('random publishDiagnostics payloads encode as JSON.stringify does', () => {
  const arbDiag = fc.record({
    range: fc.record({ start: fc.record({ line: fc.nat(), character: fc.nat() }), end: fc.record({ line: fc.nat(), character: fc.nat() }) }),
    severity: fc.integer({ min: 1, max: 4 }),
    code: fc.string(),
    message: fc.string({ unit: 'grapheme' }),
    data: fc.option(fc.jsonValue(), { nil: undefined }),
  });
  fc.assert(
    fc.property(fc.array(arbDiag, { maxLength: 8 }), fc.webUrl(), fc.option(fc.integer(), { nil: undefined }), (diagnostics, uri, version) => {
      const m = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version, diagnostics } };
      assert.equal(encodeMessage(m as never), JSON.stringify(m));
    }),
    { numRuns: 300 },
  );
});
