/**
 * Serves the chat webview harness on 127.0.0.1: bundles webviews/chat with
 * the same esbuild options as esbuild.mjs into a temp folder, fills a fresh
 * nonce into harness/chat.html, and serves only that page and the bundle.
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

export interface ChatHarness {
  url: string;
  close(): Promise<void>;
}

export async function startChatHarness(): Promise<ChatHarness> {
  const dist = mkdtempSync(join(tmpdir(), 'chat-harness-'));
  await esbuild.build({ bundle: true, platform: 'browser', format: 'iife', target: 'es2022', logLevel: 'warning', legalComments: 'none', minify: true, absWorkingDir: root, entryPoints: ['webviews/chat/main.ts'], outfile: join(dist, 'chat.js') });
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/') {
      const nonce = randomBytes(16).toString('base64');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(readFileSync(join(here, 'harness', 'chat.html'), 'utf8').replaceAll('NONCE', nonce));
      return;
    }
    if (url.pathname === '/harness/harness.js') {
      // the stub host (acquireVsCodeApi, __posted, __host) the diagram harness uses too
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(readFileSync(join(here, 'harness', 'harness.js')));
      return;
    }
    if (url.pathname === '/dist/chat.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(readFileSync(join(dist, 'chat.js')));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dist, { recursive: true, force: true });
    },
  };
}
