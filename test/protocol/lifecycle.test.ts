/** Protocol: the server starts over stdio, declares its capabilities, and shuts down cleanly. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { serverPath, startServer, type ServerHandle } from './harness.ts';

describe('protocol: lifecycle', () => {
  let server: ServerHandle;
  before(async () => {
    server = await startServer({ files: { 'a.dbml': 'Table users {\n  id int [pk]\n}\n' } });
  });
  after(async () => {
    await server?.stop();
  });

  it('declares every feature in initialize', () => {
    const caps = server.initializeResult.capabilities;
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
    for (const key of [
      'documentSymbolProvider',
      'workspaceSymbolProvider',
      'hoverProvider',
      'definitionProvider',
      'referencesProvider',
      'documentFormattingProvider',
      'foldingRangeProvider',
      'selectionRangeProvider',
      'documentHighlightProvider',
    ] as const) {
      assert.ok(caps[key], `${key} missing`);
    }
    assert.deepEqual(caps.renameProvider, { prepareProvider: true });
    assert.ok(caps.completionProvider?.triggerCharacters?.includes('.'));
    assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix'] });
    const legend = (caps.semanticTokensProvider as { legend: { tokenTypes: string[] }; full: boolean }).legend;
    assert.ok(legend.tokenTypes.includes('keyword'));
    assert.equal(server.initializeResult.serverInfo?.name, 'schemasage-language-server');
  });

  it('publishes a status notification after the initial scan', async () => {
    const status = await server.status((s) => s.files >= 1);
    assert.equal(status.files, 1);
  });

  it('logs what it loaded, never the documents', async () => {
    const line = await server.log((l) => l.includes('from disk'));
    assert.match(line, /read 1 schema file\(s\) from disk .*; 1 in the workspace schema/);
    assert.ok(!server.logs.some((l) => l.includes('Table users')), 'document text leaked into the log');
  });

  it('exits with code 0 after shutdown and exit', async () => {
    const s = await startServer();
    assert.equal(await s.stop(), 0);
  });

  it('prints its version', () => {
    const out = execFileSync(process.execPath, [serverPath(), '--version'], { encoding: 'utf8' });
    assert.match(out.trim(), /^\d+\.\d+\.\d+/);
  });
});
