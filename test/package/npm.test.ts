/**
 * The CLI's npm package (scripts/pack-cli.mjs): a tarball with the bundle, the
 * SQLite WebAssembly and the templates, no dependencies, installable offline,
 * and `schemasage` runs from it as `npx schemasage` would run it in CI.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

test('the CLI tarball installs offline with no dependencies and runs check and introspect', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'schemasage-npm-'));
  try {
    const pack = spawnSync(process.execPath, [join(ROOT, 'scripts', 'pack-cli.mjs'), '--out', join(tmp, 'pack')], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(pack.status, 0, pack.stderr);
    const tarball = pack.stdout.trim().split('\n').pop()!;
    const list = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));
    for (const f of ['package.json', 'dist/cli.js', 'dist/cli-main.js', 'dist/cli-check.js', 'dist/query.js', 'dist/sql-wasm.wasm', 'dist/package.json']) assert.ok(list.includes(f), `${f} in the tarball`);
    assert.deepEqual(list.filter((f) => !/^(package\.json|README\.md|LICENSE|dist\/(cli\.js|cli-main\.js|cli-check\.js|query\.js|sql-wasm\.wasm|package\.json)|templates\/.+)$/.test(f)), []);

    const app = join(tmp, 'app');
    spawnSync('mkdir', ['-p', app]);
    writeFileSync(join(app, 'package.json'), '{ "name": "ci-app", "private": true }\n');
    const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], { cwd: app, encoding: 'utf8' });
    assert.equal(install.status, 0, install.stderr);
    assert.deepEqual(readdirSync(join(app, 'node_modules')).filter((n) => !n.startsWith('.')), ['schemasage'], 'nothing else is installed');

    const bin = join(app, 'node_modules', '.bin', 'schemasage');
    const version = spawnSync(bin, ['--version'], { cwd: app, encoding: 'utf8' });
    assert.equal(version.status, 0, version.stderr);
    assert.match(version.stdout, /^\d+\.\d+\.\d+/);
    const check = spawnSync(bin, ['check', join(ROOT, 'examples', 'dbml')], { cwd: app, encoding: 'utf8' });
    assert.equal(check.status, 0, check.stdout + check.stderr);
    assert.match(check.stderr + check.stdout, /7 tables, 8 relationships: 0 errors/);
    // check of SQL runs dist/cli-check.js, which requires the query checker (dist/query.js) from the package
    writeFileSync(join(app, 'q.sql'), 'CREATE TABLE a (id int PRIMARY KEY);\nSELECT id, nope FROM a;\n');
    const queries = spawnSync(bin, ['check', 'q.sql'], { cwd: app, encoding: 'utf8' });
    assert.equal(queries.status, 1, queries.stdout + queries.stderr);
    assert.match(queries.stdout, /^q\.sql:2:12 error QRY002 Unknown column `nope`/m, queries.stdout + queries.stderr);
    const sqlite = spawnSync(bin, ['introspect', '--url', `sqlite:${join(ROOT, 'examples', 'demo', 'shop.sqlite')}`], { cwd: app, encoding: 'utf8' });
    assert.equal(sqlite.status, 0, sqlite.stderr);
    assert.equal((JSON.parse(sqlite.stdout) as { schema: { tables: unknown[] } }).schema.tables.length, 5, 'sql.js finds its WebAssembly in the package');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
