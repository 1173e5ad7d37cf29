/**
 * dist/cli.js runs the CLI bundle (dist/cli-main.js) through a V8 code cache
 * (server/src/cli/launch.ts, lsp/code-cache.ts): the built CLI writes its
 * cache once per command in a private folder, uses it after, survives a
 * damaged one, and prints the same either way.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');

function run(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('the built CLI: a code cache per command, private, used on later runs, rewritten when damaged, off on request', (t) => {
  if (!existsSync(CLI)) {
    const b = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(b.status, 0, b.stderr);
  }
  // the launcher is small; the bundle is its neighbour
  assert.ok(statSync(CLI).size < 100_000, 'dist/cli.js is the launcher');
  assert.ok(readFileSync(join(ROOT, 'dist', 'cli-main.js'), 'utf8').includes('schemasage check'), 'dist/cli-main.js is the CLI bundle');
  const dir = mkdtempSync(join(tmpdir(), 'schemasage-cache-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const cache = join(dir, 'cache');
  const env = { SCHEMASAGE_CACHE_DIR: cache, SCHEMASAGE_NO_CODE_CACHE: '' };
  const schema = join(dir, 'a.dbml');
  writeFileSync(schema, 'Table a {\n  id int [pk]\n  b_id int [ref: > b.id]\n}\n');

  const first = run(['check', schema], env);
  assert.equal(first.status, 1, first.stderr);
  assert.match(first.stdout, /a\.dbml:3:\d+ error /);
  const entries = readdirSync(cache);
  assert.equal(entries.length, 1);
  assert.match(entries[0]!, /^cli-check-v\d+\.\d+\.\d+-\d+-\d+\.v8cache$/);
  assert.equal(statSync(cache).mode & 0o777, 0o700);
  const entry = join(cache, entries[0]!);
  assert.equal(statSync(entry).mode & 0o777, 0o600);
  const written = statSync(entry).mtimeMs;

  // used: same output, not rewritten
  const second = run(['check', schema], env);
  assert.deepEqual(second, first);
  assert.equal(statSync(entry).mtimeMs, written);

  // another command keeps its own entry
  const version = run(['--version'], env);
  assert.equal(version.status, 0);
  assert.deepEqual(readdirSync(cache).sort(), [entries[0], readdirSync(cache).find((e) => e.startsWith('cli-other-'))].sort());

  // damaged: V8 rejects it, the run is the same, the entry is rewritten
  writeFileSync(entry, Buffer.alloc(4096, 7));
  const third = run(['check', schema], env);
  assert.deepEqual(third, first);
  assert.notEqual(readFileSync(entry).subarray(0, 64).toString('hex'), Buffer.alloc(64, 7).toString('hex'));

  // another build's entries (an update, another Node) go when an entry is written; other commands', fresh
  // temporary files and foreign files stay
  const stale = ['cli-check-v18.19.0-5626431-1795511530426.v8cache', 'cli-check-v20.20.2-1-2.v8cache', 'cli-check-v20.20.2-1-2.v8cache.4242.tmp'];
  const kept = ['cli-check-v20.20.2-3-4.v8cache.4343.tmp', 'cli-checkx-v20.20.2-1-2.v8cache', 'notes.txt'];
  for (const n of [...stale, ...kept]) writeFileSync(join(cache, n), 'x');
  const old = new Date(Date.now() - 10 * 60_000);
  utimesSync(join(cache, stale[2]!), old, old);
  writeFileSync(entry, Buffer.alloc(4096, 7));
  assert.deepEqual(run(['check', schema], env), first);
  const after = readdirSync(cache);
  for (const n of stale) assert.ok(!after.includes(n), `${n} removed`);
  for (const n of [...kept, entries[0]!]) assert.ok(after.includes(n), `${n} kept`);
  assert.ok(after.some((e) => e.startsWith('cli-other-')), "the other command's entry kept");

  // off: nothing read or written
  const off = join(dir, 'off');
  const fourth = run(['check', schema], { SCHEMASAGE_CACHE_DIR: off, SCHEMASAGE_NO_CODE_CACHE: '1' });
  assert.deepEqual(fourth, first);
  assert.equal(existsSync(off), false);
});

test('no place for a cache: the CLI runs without one, and never hangs making the folder', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'schemasage-nocache-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const schema = join(dir, 'a.dbml');
  writeFileSync(schema, 'Table a {\n  id int [pk]\n}\n');
  const notAFolder = join(dir, 'file');
  writeFileSync(notAFolder, '');
  // a HOME below a regular file; below /proc, where Node 20's recursive mkdirSync never returns
  const homes = [join(notAFolder, 'home'), ...(existsSync('/proc/self') ? ['/proc/schemasage-no-such-home'] : [])];
  for (const home of homes) {
    const r = spawnSync(process.execPath, [CLI, 'check', schema], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, HOME: home, XDG_CACHE_HOME: '', SCHEMASAGE_CACHE_DIR: '', SCHEMASAGE_NO_CODE_CACHE: '' },
    });
    assert.equal(r.error, undefined, `HOME=${home}: ${r.error?.message}`);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /1 file, 1 table, 0 relationships: 0 errors, 0 warnings/);
  }
});

test('a bundle is read as the same text whether it is ASCII (the Latin-1 fast path) or not (UTF-8)', async (t) => {
  const { readSource } = await import('../../src/lsp/code-cache.js');
  const dir = mkdtempSync(join(tmpdir(), 'schemasage-source-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const ascii = 'var a = "x";\n// plain\n';
  // a development build's comments hold non-ASCII characters: decoded as Latin-1 they would come out wrong
  const other = 'var a = "x";\n// caf\u00e9 \u2014 \u{1F600}\n';
  writeFileSync(join(dir, 'a.js'), ascii);
  writeFileSync(join(dir, 'b.js'), other);
  assert.equal(readSource(join(dir, 'a.js')), ascii);
  assert.equal(readSource(join(dir, 'b.js')), other);
  assert.equal(readSource(join(dir, 'b.js')), readFileSync(join(dir, 'b.js'), 'utf8'));
});

test('`check` runs a bundle of that command alone; it prints what the whole CLI prints, SQL queries included', () => {
  const check = readFileSync(join(ROOT, 'dist', 'cli-check.js'), 'utf8');
  const whole = readFileSync(join(ROOT, 'dist', 'cli-main.js'), 'utf8');
  // no database drivers, data readers or templates: under a quarter of the whole CLI (a sixth when minified)
  assert.ok(check.length * 4 < whole.length, `${check.length} against ${whole.length} bytes`);
  // mysql2, Handlebars and pg, by strings of their own
  for (const absent of ['mysql_native_password', 'Missing helper', 'SCRAM-SHA-256']) assert.ok(whole.includes(absent) && !check.includes(absent), absent);
  const dir = mkdtempSync(join(tmpdir(), 'schemasage-check-'));
  try {
    const sql = join(dir, 'q.sql');
    writeFileSync(sql, 'CREATE TABLE a (id int PRIMARY KEY);\nSELECT id, nope FROM a;\n');
    for (const args of [['check', join(ROOT, 'examples', 'dbml')], ['check', sql], ['check', sql, '--json'], ['check', '--help']]) {
      const viaLauncher = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, SCHEMASAGE_NO_CODE_CACHE: '1' } });
      const viaWhole = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli-main.js'), ...args], { cwd: dir, encoding: 'utf8' });
      assert.deepEqual({ status: viaLauncher.status, stdout: viaLauncher.stdout, stderr: viaLauncher.stderr }, { status: viaWhole.status, stdout: viaWhole.stdout, stderr: viaWhole.stderr }, args.join(' '));
    }
    const queries = spawnSync(process.execPath, [CLI, 'check', sql], { cwd: dir, encoding: 'utf8' });
    assert.match(queries.stdout, /q\.sql:2:12 error QRY002/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
