/**
 * Packaging: the .vsix builds offline with the same command `npm start` and
 * `npm run package` use, holds only the bundles, grammars and manifest files,
 * and stays small. Runs on the build `scripts/test.mjs` made.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const VSCE = join(ROOT, 'node_modules', '.bin', 'vsce');

test('the .vsix packages offline, with only the shipped files, under 5 MB', () => {
  const ls = spawnSync(VSCE, ['ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(ls.status, 0, ls.stderr);
  const files = ls.stdout.split('\n').map((l) => l.trim()).filter(Boolean).sort();
  for (const must of ['package.json', 'dist/client.js', 'dist/server.js', 'dist/lsp.js', 'dist/cli.js', 'dist/cli-main.js', 'dist/cli-check.js', 'dist/package.json', 'syntaxes/dbml.tmLanguage.json', 'syntaxes/dbml.language-configuration.json']) {
    assert.ok(files.includes(must), `${must} is shipped`);
  }
  const unexpected = files.filter((f) => !/^(package\.json|package\.nls(\.[a-z-]+)?\.json|l10n\/bundle\.l10n\.[a-z-]+\.json|README\.md|LICENSE|dist\/[^/]+\.js|dist\/sql-wasm\.wasm|dist\/package\.json|dist\/webviews\/.*|syntaxes\/[^/]+\.json|templates\/.*|media\/.*)$/.test(f));
  assert.deepEqual(unexpected, [], 'nothing but bundles, grammars, templates, media and the manifest files');

  const out = mkdtempSync(join(tmpdir(), 'schemasage-vsix-'));
  try {
    const vsix = join(out, 'schemasage.vsix');
    const pkg = spawnSync(VSCE, ['package', '--no-dependencies', '--no-rewrite-relative-links', '-o', vsix], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(pkg.status, 0, `vsce package failed:\n${pkg.stdout}\n${pkg.stderr}`);
    const size = statSync(vsix).size;
    assert.ok(size > 10_000 && size < 5 * 1024 * 1024, `vsix size ${size} bytes`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('the Embedded PostgreSQL companion packs PGlite apart, with no code that activates', () => {
  const out = mkdtempSync(join(tmpdir(), 'schemasage-pglite-'));
  try {
    const vsix = join(out, 'schemasage-pglite.vsix');
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'pack-pglite.mjs'), '--out', vsix], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
    const list = spawnSync('unzip', ['-Z1', vsix], { encoding: 'utf8' });
    assert.equal(list.status, 0, list.stderr);
    const files = list.stdout.split('\n').filter(Boolean);
    for (const must of ['extension/package.json', 'extension/dist/pglite/index.js', 'extension/dist/pglite/pglite.wasm', 'extension/dist/pglite/pglite.data', 'extension/dist/pglite/initdb.wasm', 'extension/dist/pglite/contrib/pg_trgm.cjs']) {
      assert.ok(files.includes(must), `${must} is in the companion`);
    }
    assert.deepEqual(files.filter((f) => f.startsWith('extension/') && !/^extension\/(package\.json|readme\.md|LICENSE(\.txt)?|dist\/pglite\/.*)$/i.test(f)), [], 'only PGlite, its manifest, readme and licences');
    const manifest = JSON.parse(spawnSync('unzip', ['-p', vsix, 'extension/package.json'], { encoding: 'utf8' }).stdout) as Record<string, unknown>;
    const main = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { publisher: string; version: string };
    assert.equal(manifest.name, 'schemasage-pglite');
    assert.equal(manifest.publisher, main.publisher, 'the client looks for <publisher>.schemasage-pglite');
    assert.equal(manifest.version, main.version);
    assert.equal(manifest.main, undefined, 'nothing activates');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
