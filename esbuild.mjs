// Builds every bundle: the VS Code client (vscode external), the language
// server, the CLI, and (when present) the webview front ends for the browser.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

const builds = [
  // banner and footer mark when VS Code starts and ends evaluating the bundle, so activation can report its load time
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'], banner: { js: 'globalThis.__schemasageLoadStart = performance.now();' }, footer: { js: 'globalThis.__schemasageLoadEnd = performance.now();' } },
  // dist/server.js is a small launcher that compiles dist/lsp.js (the server) through a V8 code cache
  { ...common, entryPoints: ['server/src/lsp/launch.ts'], outfile: 'dist/server.js' },
  // the query checker is not in it: required from dist/query.js when the workspace has SQL files (queryBundle)
  { ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/lsp.js', plugins: [queryBundle()] },
  // the query checker (node-sql-parser, 1 MB) as a bundle of its own, which the client requires on first use
  { ...common, entryPoints: ['server/src/engine/query/index.ts'], outfile: 'dist/query.js' },
  // dist/cli.js: a small launcher that runs the CLI bundle (dist/cli-main.js) through a V8 code cache, like dist/server.js
  { ...common, entryPoints: ['server/src/cli/launch.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['server/src/cli/bin.ts'], outfile: 'dist/cli-main.js' },
  // dist/cli-check.js: the same CLI for `schemasage check ...` alone (launch.ts picks it), without the other
  // commands' modules (database drivers, templates, data readers: 3.4 MB -> 0.6 MB to load) and with the
  // query checker required from dist/query.js when SQL files come
  { ...common, entryPoints: ['server/src/cli/bin.ts'], outfile: 'dist/cli-check.js', plugins: [checkOnly()] },
];

/** For dist/cli-check.js: the other commands' modules are left out, the query checker is dist/query.js. */
function checkOnly() {
  return {
    name: 'check-only',
    setup(build) {
      build.onResolve({ filter: /\/commands\/[a-z-]+\.js$/ }, (args) => (args.path.endsWith('/check.js') ? undefined : { path: args.path, namespace: 'left-out' }));
      build.onLoad({ filter: /.*/, namespace: 'left-out' }, (args) => ({ contents: `throw new Error(${JSON.stringify(`${args.path} is not in dist/cli-check.js (dist/cli.js runs it for 'check' only)`)});`, loader: 'js' }));
      queryBundle().setup(build);
    },
  };
}

/**
 * engine/query (node-sql-parser, 1 MB of the 3.7 MB server) left out of a bundle: its import becomes a require of
 * dist/query.js at run time, from beside the bundle (the launchers run bundles with a require of their folder).
 * V8 keeps a script's whole source in the heap; the server loads the query checker only for SQL files.
 */
function queryBundle() {
  return {
    name: 'query-bundle',
    setup(build) {
      build.onResolve({ filter: /engine\/query\/index\.js$/ }, () => ({ path: 'query', namespace: 'query-bundle' }));
      build.onLoad({ filter: /.*/, namespace: 'query-bundle' }, () => ({ contents: "module.exports = require(require('node:path').join(__dirname, 'query.js'));", loader: 'js' }));
    },
  };
}

// One browser bundle per webview panel folder (webviews/<panel>/main.ts).
if (existsSync('webviews')) {
  for (const panel of readdirSync('webviews', { withFileTypes: true })) {
    if (!panel.isDirectory() || panel.name === 'shared') continue;
    const entry = `webviews/${panel.name}/main.ts`;
    if (existsSync(entry)) {
      builds.push({ ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: [entry], outfile: `dist/webviews/${panel.name}.js` });
    }
    // a panel's Web Worker (the diagram's ELK layout) is a bundle of its own: webviews/<panel>/layout-worker.ts
    const worker = `webviews/${panel.name}/layout-worker.ts`;
    if (existsSync(worker)) {
      builds.push({ ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: [worker], outfile: `dist/webviews/${panel.name}-layout.js` });
    }
  }
}

// The repo is ESM ("type": "module"); the bundles are CommonJS (VS Code loads
// the client with require), so dist/ declares itself CommonJS.
mkdirSync('dist', { recursive: true });
writeFileSync('dist/package.json', '{ "type": "commonjs" }\n');
// sql.js (SQLite for the server and the CLI) loads its WebAssembly from next to the bundle.
copyFileSync('node_modules/sql.js/dist/sql-wasm.wasm', 'dist/sql-wasm.wasm');

// PGlite (the embedded PostgreSQL) is an optional piece: a bundle of its own in dist/pglite/ with its
// WebAssembly and data beside it (it finds them from its own file name), loaded by the server only when an
// Embedded PostgreSQL connection is opened. Packaging decides whether dist/pglite/ ships.
const PGLITE = 'node_modules/@electric-sql/pglite/dist';
if (existsSync(`${PGLITE}/index.cjs`)) {
  builds.push({ ...common, sourcemap: false, entryPoints: [`${PGLITE}/index.cjs`], outfile: 'dist/pglite/index.js', external: ['ws'] });
  mkdirSync('dist/pglite', { recursive: true });
  for (const f of ['pglite.wasm', 'pglite.data', 'initdb.wasm']) copyFileSync(`${PGLITE}/${f}`, `dist/pglite/${f}`);
  // the extensions schemas use for types and operators (CREATE EXTENSION in a schema file starts them),
  // each a small CommonJS module in contrib/ that finds its <name>.tar.gz one folder up
  mkdirSync('dist/pglite/contrib', { recursive: true });
  for (const x of ['btree_gin', 'btree_gist', 'citext', 'cube', 'earthdistance', 'fuzzystrmatch', 'hstore', 'intarray', 'isn', 'ltree', 'pg_trgm', 'pgcrypto', 'seg', 'tablefunc', 'unaccent', 'uuid-ossp']) {
    copyFileSync(`${PGLITE}/${x}.tar.gz`, `dist/pglite/${x}.tar.gz`);
    copyFileSync(`${PGLITE}/contrib/${x.replace(/-/g, '_')}.cjs`, `dist/pglite/contrib/${x.replace(/-/g, '_')}.cjs`);
  }
}

const present = builds.filter((b) => b.entryPoints.every((e) => existsSync(e)));
if (watch) {
  for (const b of present) (await esbuild.context(b)).watch();
} else {
  await Promise.all(present.map((b) => esbuild.build(b)));
}
