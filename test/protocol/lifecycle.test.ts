/** Protocol: the server starts over stdio, declares its capabilities, and shuts down cleanly. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

describe('protocol: the launcher compiles the server through a V8 code cache', () => {
  it('writes the cache on the first start (private to the user), uses it on the next, and starts without it when told', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'schemasage-cache-test-'));
    try {
      const env = { SCHEMASAGE_CACHE_DIR: join(dir, 'nested', 'cache') };
      const first = await startServer({ env });
      assert.match(await first.log((l) => l.includes('code cache:')), /code cache: none yet, written/);
      assert.equal(await first.stop(), 0);
      const files = readdirSync(env.SCHEMASAGE_CACHE_DIR);
      assert.equal(files.length, 1, files.join(', '));
      assert.match(files[0], /^lsp-v\d+\.\d+\.\d+-\d+-\d+\.v8cache$/);
      assert.equal(statSync(join(env.SCHEMASAGE_CACHE_DIR, files[0])).mode & 0o077, 0, 'the cache is readable or writable by others');
      assert.equal(statSync(env.SCHEMASAGE_CACHE_DIR).mode & 0o077, 0, 'the cache folder is open to others');
      assert.ok(statSync(join(env.SCHEMASAGE_CACHE_DIR, files[0])).size > 100_000);
      const second = await startServer({ env, files: { 'a.dbml': 'Table t {\n  id int [pk]\n  x int [ref: > nope.id]\n}\n' } });
      const startLog = await second.log((l) => l.includes('code cache:'));
      assert.match(startLog, /code cache: used/);
      // the launcher's phases, in ms since the process started, in order
      const phases = /node ready at (\d+) ms, bundle compiled (\d+), loaded (\d+), initialize (\d+)/.exec(startLog);
      assert.ok(phases, startLog);
      const [ready, compiled, loaded, initialize] = phases.slice(1).map(Number);
      assert.ok(ready <= compiled && compiled <= loaded && loaded <= initialize, startLog);
      // the server works as ever when started from cached code
      const ds = await second.diagnostics('a.dbml', (d) => d.length > 0);
      assert.ok(ds.some((d) => String(d.message).includes('nope')));
      await second.stop();
      // a damaged cache is rejected by V8 and rewritten
      writeFileSync(join(env.SCHEMASAGE_CACHE_DIR, files[0]), Buffer.alloc(4096, 7));
      const third = await startServer({ env });
      assert.match(await third.log((l) => l.includes('code cache:')), /code cache: rejected, rewritten/);
      await third.stop();
      const off = await startServer({ env: { ...env, SCHEMASAGE_NO_CODE_CACHE: '1' } });
      assert.match(await off.log((l) => l.includes('code cache:')), /code cache: off/);
      await off.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
