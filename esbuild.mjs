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
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' },
  { ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

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

const present = builds.filter((b) => b.entryPoints.every((e) => existsSync(e)));
if (watch) {
  for (const b of present) (await esbuild.context(b)).watch();
} else {
  await Promise.all(present.map((b) => esbuild.build(b)));
}
