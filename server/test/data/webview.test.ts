/**
 * The data-report webview (webviews/data-report) in real Chromium
 * (playwright-core, Debian's chromium): bundled with esbuild into a harness
 * page that stubs `acquireVsCodeApi`; it posts `ready`, renders the report of
 * a profiled dataset (tables, figures, charts, PII), shows hostile values as
 * text without running them, and posts `export` from its buttons.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { DataProfiler } from '../../src/engine/detect/data/index.js';

const CHROMIUM = '/usr/bin/chromium';
const ENTRY = fileURLToPath(new URL('../../../webviews/data-report/main.ts', import.meta.url));

interface PageGlobals {
  postMessage(message: unknown, target: string): void;
  __posted: { type: string; format?: string }[];
  __pwned?: number;
  document: { body: { textContent: string | null }; querySelectorAll(s: string): { length: number } };
}

test('the data report renders figures, charts and PII as text, and posts export', { skip: existsSync(CHROMIUM) ? false : 'no chromium at /usr/bin/chromium' }, async () => {
  const js = (await build({ entryPoints: [ENTRY], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2022' })).outputFiles[0].text;
  const p = new DataProfiler();
  for (let i = 1; i <= 40; i++) p.add('customers', { id: i, email: `user${i}@example.com`, amount: String(i % 7 === 0 ? 900 : 10 + (i % 5)), note: '<img src=x onerror="window.__pwned=1">' });
  const r = p.result({ files: [{ path: 'customers.csv', format: 'csv', rows: 40, bytes: 1234, errors: [{ message: 'Invalid Record Length', line: 7, column: 3 }] }] });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const stub = 'window.__posted=[];window.acquireVsCodeApi=()=>({postMessage:(m)=>window.__posted.push(m),getState:()=>undefined,setState:()=>{}});';
    await page.setContent(`<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><script>${stub}</script><script>${js.replace(/<\/script/gi, '<\\/script')}</script></body></html>`);
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.some((m) => m.type === 'ready'));
    await page.evaluate((msg) => (globalThis as unknown as PageGlobals).postMessage(msg, '*'), { type: 'report', title: 'Report <b>x</b>', report: r.quality, pii: r.pii });
    await page.waitForFunction(() => ((globalThis as unknown as PageGlobals).document.body.textContent ?? '').includes('customers.csv'));
    const text = await page.evaluate(() => (globalThis as unknown as PageGlobals).document.body.textContent ?? '');
    for (const s of ['Report <b>x</b>', 'Rows: 40 ·', '7:3 Invalid Record Length', 'PII: email (contact', '<img src=x onerror="window.__pwned=1">', 'outliers']) assert.ok(text.includes(s), `shows ${s}`);
    const bars = await page.evaluate(() => (globalThis as unknown as PageGlobals).document.querySelectorAll('svg.chart rect').length);
    assert.ok(bars >= 2, `${bars} chart bars`);
    assert.equal(await page.evaluate(() => (globalThis as unknown as PageGlobals).__pwned), undefined);
    await page.click('text=Export HTML');
    const posted = await page.evaluate(() => (globalThis as unknown as PageGlobals).__posted);
    assert.deepEqual(posted[posted.length - 1], { type: 'export', format: 'html' });
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
