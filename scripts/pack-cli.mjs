#!/usr/bin/env node
// Packs the `schemasage` CLI as its own npm tarball (dist/npm/schemasage-<v>.tgz)
// for `npx schemasage` in CI pipelines: the bundle is self-contained, so the
// package has no dependencies at all (installing it downloads nothing else).
// Run after the build (npm run pack:cli does both). `--out DIR` packs elsewhere.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const outArg = process.argv.indexOf('--out');
const out = outArg > 0 ? process.argv[outArg + 1] : join(root, 'dist', 'npm');
const stage = join(out, 'package');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// cli-check.js runs `check` alone and requires query.js (the query checker) for SQL files
for (const f of ['dist/cli.js', 'dist/cli-main.js', 'dist/cli-check.js', 'dist/query.js', 'dist/sql-wasm.wasm']) if (!existsSync(join(root, f))) throw new Error(`${f} is missing: build first (node esbuild.mjs)`);

rmSync(out, { recursive: true, force: true });
mkdirSync(join(stage, 'dist'), { recursive: true });
for (const f of ['cli.js', 'cli-main.js', 'cli-check.js', 'query.js']) cpSync(join(root, 'dist', f), join(stage, 'dist', f));
cpSync(join(root, 'dist', 'sql-wasm.wasm'), join(stage, 'dist', 'sql-wasm.wasm'));
writeFileSync(join(stage, 'dist', 'package.json'), '{ "type": "commonjs" }\n');
if (existsSync(join(root, 'templates'))) cpSync(join(root, 'templates'), join(stage, 'templates'), { recursive: true });
for (const f of ['README.md', 'LICENSE']) if (existsSync(join(root, f))) cpSync(join(root, f), join(stage, f));
writeFileSync(
  join(stage, 'package.json'),
  JSON.stringify(
    {
      name: manifest.name,
      version: manifest.version,
      description: 'SchemaSage command line: check, lint, introspect, diff and generate from DBML, SQL DDL and Prisma schemas.',
      license: manifest.license,
      bin: { schemasage: 'dist/cli.js' },
      engines: { node: '>=20' },
      files: ['dist/', 'templates/', 'README.md', 'LICENSE'],
    },
    null,
    2,
  ) + '\n',
);
const r = spawnSync('npm', ['pack', '--pack-destination', out], { cwd: stage, encoding: 'utf8' });
if (r.status !== 0) {
  process.stderr.write(r.stderr);
  process.exit(r.status ?? 1);
}
const tarball = r.stdout.trim().split('\n').pop();
console.log(join(out, tarball));
