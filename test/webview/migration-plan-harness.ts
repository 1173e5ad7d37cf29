/**
 * Serves the migration plan harness page on 127.0.0.1: builds
 * webviews/migration-plan/main.ts with the options of esbuild.mjs into a temp
 * folder, fills in a fresh nonce and the theme, and serves only the harness
 * files and the bundle.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export async function startPlanHarness(): Promise<{ url(theme?: 'light' | 'dark'): string; bundleBytes: number; close(): Promise<void> }> {
  const dist = mkdtempSync(join(tmpdir(), 'plan-harness-'));
  const outfile = join(dist, 'migration-plan.js');
  await esbuild.build({ bundle: true, platform: 'browser', format: 'iife', target: 'es2022', logLevel: 'warning', legalComments: 'none', minify: true, absWorkingDir: root, entryPoints: ['webviews/migration-plan/main.ts'], outfile });
  const files: Record<string, string> = {
    '/harness/harness.js': join(here, 'harness', 'harness.js'),
    '/harness/theme-light.css': join(here, 'harness', 'theme-light.css'),
    '/harness/theme-dark.css': join(here, 'harness', 'theme-dark.css'),
    '/dist/migration-plan.js': outfile,
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/') {
      const nonce = randomBytes(16).toString('base64');
      const theme = url.searchParams.get('theme') === 'dark' ? 'dark' : 'light';
      const html = readFileSync(join(here, 'harness', 'migration-plan.html'), 'utf8').replaceAll('NONCE', nonce).replaceAll('THEME', theme);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(html);
      return;
    }
    const file = files[url.pathname];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file.endsWith('.css') ? 'text/css' : 'text/javascript' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (theme = 'light') => `http://127.0.0.1:${port}/?theme=${theme}`,
    bundleBytes: readFileSync(outfile).length,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      rmSync(dist, { recursive: true, force: true });
    },
  };
}
