// Serves the ER diagram harness on 127.0.0.1 for tests and the benchmark:
// builds the webview bundles (the same esbuild options as esbuild.mjs, plus
// the layout worker entry; ER_NO_MINIFY=1 for readable profiles) into a
// temp folder, fills in a fresh nonce and
// the theme, and serves only the harness files and the two bundles.
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');

export async function buildBundles(outdir) {
  const common = { bundle: true, platform: 'browser', format: 'iife', target: 'es2022', logLevel: 'warning', legalComments: 'none', minify: process.env.ER_NO_MINIFY !== '1', absWorkingDir: root };
  await Promise.all([
    esbuild.build({ ...common, entryPoints: ['webviews/er-diagram/main.ts'], outfile: join(outdir, 'er-diagram.js') }),
    esbuild.build({ ...common, entryPoints: ['webviews/er-diagram/layout-worker.ts'], outfile: join(outdir, 'er-diagram-layout.js') }),
  ]);
}

const TYPES = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html; charset=utf-8' };

/** Start the harness server; `url(theme)` is the page to open. */
export async function startHarness() {
  const dist = mkdtempSync(join(tmpdir(), 'er-harness-'));
  await buildBundles(dist);
  const files = {
    '/harness/harness.js': join(here, 'harness.js'),
    '/harness/theme-light.css': join(here, 'theme-light.css'),
    '/harness/theme-dark.css': join(here, 'theme-dark.css'),
    '/dist/er-diagram.js': join(dist, 'er-diagram.js'),
    '/dist/er-diagram-layout.js': join(dist, 'er-diagram-layout.js'),
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/') {
      const nonce = randomBytes(16).toString('base64');
      const theme = url.searchParams.get('theme') === 'dark' ? 'dark' : 'light';
      const html = readFileSync(join(here, 'er-diagram.html'), 'utf8').replaceAll('NONCE', nonce).replaceAll('THEME', theme);
      res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' });
      res.end(html);
      return;
    }
    const file = files[url.pathname];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: (theme = 'light') => `http://127.0.0.1:${port}/?theme=${theme}`,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      rmSync(dist, { recursive: true, force: true });
    },
  };
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
