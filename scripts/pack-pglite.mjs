#!/usr/bin/env node
// Packs the optional Embedded PostgreSQL piece as a companion extension,
// `<publisher>.schemasage-pglite`: PGlite's bundle, WebAssembly, data and
// contrib extensions (dist/pglite/, written by esbuild.mjs), about 6.6 MB
// compressed, which would put the main .vsix over its 5 MB budget. It has no
// `main`: nothing activates; SchemaSage finds its folder through
// vscode.extensions and loads PGlite from there when an Embedded PostgreSQL
// connection is opened.
//
//   node scripts/pack-pglite.mjs [--out dist/schemasage-pglite.vsix]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const out = resolve(ROOT, argv.includes('--out') ? argv[argv.indexOf('--out') + 1] : 'dist/schemasage-pglite.vsix');
const src = join(ROOT, 'dist', 'pglite');
if (!existsSync(join(src, 'index.js')) || !existsSync(join(src, 'pglite.wasm'))) {
  console.error('pack-pglite: dist/pglite/ is missing: run node esbuild.mjs first');
  process.exit(1);
}
const main = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const pglite = JSON.parse(readFileSync(join(ROOT, 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8'));
const stage = join(ROOT, 'out', 'pglite-ext');
rmSync(stage, { recursive: true, force: true });
mkdirSync(join(stage, 'dist'), { recursive: true });
cpSync(src, join(stage, 'dist', 'pglite'), { recursive: true });
writeFileSync(
  join(stage, 'package.json'),
  JSON.stringify(
    {
      name: 'schemasage-pglite',
      displayName: 'SchemaSage PGlite',
      description: `Embedded PostgreSQL (PGlite ${pglite.version}) for SchemaSage's Embedded PostgreSQL connections.`,
      publisher: main.publisher,
      version: main.version,
      license: main.license,
      repository: main.repository,
      engines: { vscode: main.engines.vscode },
      categories: ['Other'],
      extensionKind: ['workspace'],
    },
    null,
    2,
  ) + '\n',
);
writeFileSync(
  join(stage, 'README.md'),
  `# SchemaSage PGlite\n\nThe embedded PostgreSQL (PGlite ${pglite.version}, ${pglite.license}) that SchemaSage's Embedded PostgreSQL connections run in, shipped apart to keep SchemaSage small. It adds no commands: install it next to SchemaSage and add a connection of the kind "Embedded PostgreSQL".\n`,
);
cpSync(join(ROOT, 'LICENSE'), join(stage, 'LICENSE'));
const pgliteLicense = ['LICENSE', 'LICENSE.md', 'LICENSE-APACHE'].map((f) => join(ROOT, 'node_modules', '@electric-sql', 'pglite', f)).find((f) => existsSync(f));
if (pgliteLicense) cpSync(pgliteLicense, join(stage, 'dist', 'pglite', 'LICENSE'));
writeFileSync(join(stage, '.vscodeignore'), '**\n!dist/pglite/**\n!README.md\n!LICENSE\n');
mkdirSync(dirname(out), { recursive: true });
const r = spawnSync(join(ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '-o', out], { cwd: stage, encoding: 'utf8' });
if (r.status !== 0) {
  console.error(`pack-pglite: vsce package failed:\n${r.stdout}\n${r.stderr}`);
  process.exit(1);
}
console.log(out);
