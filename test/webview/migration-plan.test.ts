/**
 * The migration plan webview in real Chromium (playwright-core + Debian's
 * chromium) through a harness page that plays the extension host: a real
 * plan from the planner, statements grouped by phase with hazards, the
 * rollback tab, rename decisions, copy/save/apply messages, progress and
 * result, an XSS payload in a table name rendered as text, and the CSP
 * blocking inline script. Writes test-results/migration-plan.png (docs/images/ with SCHEMASAGE_UPDATE_SCREENSHOTS=1).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Workspace } from '../../server/src/engine/workspace.ts';
import { planFromSchemas } from '../../server/src/engine/migrate/index.ts';
import type { PlanHostMessage, PlanMessage, PlanWebviewMessage } from '../../server/src/engine/history/plan-protocol.ts';
import { CHROMIUM_ARGS, startPlanHarness } from './migration-plan-harness.ts';

/** What the harness puts on `window` (the test project has no DOM types). */
interface PageGlobals {
  __posted: PlanWebviewMessage[];
  __host(m: PlanHostMessage): void;
  __inlineRan?: boolean;
  __xss?: number;
  getComputedStyle(e: unknown): { borderTopColor: string };
  document: { querySelectorAll(selector: string): { length: number } };
}

const XSS = '<img src=x onerror=window.__xss=1>';

function schema(text: string) {
  const ws = new Workspace();
  ws.setFile('file:///schema.dbml', text, 0, {});
  return ws.binding().schema;
}

const FROM = schema(`Table users {\n id int [pk]\n email varchar(100) [not null]\n note text\n}\nTable customer {\n id int [pk]\n name varchar(50)\n city varchar(50)\n}\nTable orders {\n id int [pk]\n user_id int\n}`);
const TO = schema(
  `Table users {\n id int [pk]\n email varchar(100) [not null]\n}\nTable customers {\n id int [pk]\n name varchar(50)\n city varchar(50)\n}\nTable orders {\n id int [pk]\n user_id int [ref: > users.id]\n total bigint [not null]\n}\nTable "${XSS}" {\n id int [pk]\n}`,
);

function planMessage(): PlanMessage {
  return { type: 'plan', plan: planFromSchemas(FROM, TO, { dialect: 'postgres' }), title: `Migration: schema.dbml ${XSS}`, from: 'database', to: 'schema.dbml' };
}

let harness: Awaited<ReturnType<typeof startPlanHarness>>;
let browser: Browser;

before(async () => {
  harness = await startPlanHarness();
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await harness?.close();
});

async function open(theme: 'light' | 'dark' = 'light', message: PlanMessage = planMessage()): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1000, height: 1300 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(harness.url(theme));
  await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.some((m) => m.type === 'ready'));
  await page.evaluate((m) => (globalThis as unknown as PageGlobals).__host(m), message);
  await page.waitForSelector('#tabs');
  assert.deepEqual(errors, []);
  return page;
}

async function posted(page: Page): Promise<PlanWebviewMessage[]> {
  return page.evaluate(() => (globalThis as unknown as PageGlobals).__posted.filter((m) => m.type !== 'ready'));
}

test('statements are grouped by phase in run order, with hazards colour-coded and explained', async () => {
  const page = await open();
  const m = planMessage();
  const phases = await page.$$eval('[data-panel="up"] section.phase', (els) => els.map((e) => e.getAttribute('data-phase')));
  assert.deepEqual(phases, [...new Set(m.plan.statements.map((s) => s.phase))]);
  assert.deepEqual(phases, ['drop', 'rename', 'create', 'alter', 'add-fk']);
  const sqls = await page.$$eval('[data-panel="up"] .stmt pre', (els) => els.map((e) => e.textContent));
  assert.equal(sqls.length, m.plan.statements.length);
  assert.equal(sqls[0], 'ALTER TABLE "users" DROP COLUMN "note";');
  const drop = await page.$eval('[data-panel="up"] .stmt[data-phase="drop"]', (e) => ({
    cls: e.className,
    code: e.querySelector('.hazard .code')?.textContent,
    hcls: e.querySelector('.hazard')?.className,
    loss: e.querySelector('.hazard .tag.loss')?.textContent,
    aliases: e.querySelector('.hazard .aliases')?.textContent,
  }));
  assert.deepEqual(drop, { cls: 'stmt sev-error', code: 'MIG002', hcls: 'hazard sev-error', loss: 'data loss', aliases: 'also known as DS103, ban-drop-column, DELETES_DATA' });
  const fk = await page.$eval('[data-panel="up"] .stmt[data-phase="add-fk"]', (e) => [e.className, e.querySelector('.hazard .code')?.textContent]);
  assert.deepEqual(fk, ['stmt sev-warning', 'MIG017']);
  const colour = await page.$eval('[data-panel="up"] .stmt[data-phase="drop"] .hazard', (e) => (globalThis as unknown as PageGlobals).getComputedStyle(e).borderTopColor);
  const warnColour = await page.$eval('[data-panel="up"] .stmt[data-phase="add-fk"] .hazard', (e) => (globalThis as unknown as PageGlobals).getComputedStyle(e).borderTopColor);
  assert.notEqual(colour, warnColour, 'error and warning hazards have different colours');
  assert.deepEqual(await page.$$eval('#hazards .hazard .code', (els) => els.map((e) => e.textContent)), m.plan.hazards.map((h) => h.code));
  assert.match(await page.$eval('.summary', (e) => e.textContent ?? ''), /5 statements.*dangerous.*loses data/);
  await page.close();
});

test('the rollback tab shows the reverse plan with irreversible steps marked', async () => {
  const page = await open();
  assert.equal(await page.isVisible('[data-panel="down"] .stmt'), false);
  await page.click('[data-tab="down"]');
  await page.waitForSelector('[data-panel="down"] .stmt', { state: 'visible' });
  const m = planMessage();
  const rows = await page.$$eval('[data-panel="down"] .stmt', (els) => els.map((e) => [e.querySelector('pre')?.textContent, !!e.querySelector('.tag.irrev')]));
  assert.deepEqual(rows, m.plan.rollback.map((s) => [`${s.sql};`, !!s.irreversible]));
  assert.ok(rows.filter((r) => r[1]).length >= 2);
  assert.equal(await page.isVisible('#rollback-loss'), true);
  await page.click('#copy');
  assert.deepEqual(await posted(page), [{ type: 'copy', which: 'down' }], 'Copy copies the tab shown');
  await page.close();
});

test('rename decisions post the rename message; the new plan re-renders', async () => {
  const page = await open();
  assert.equal(await page.$eval('#renames .what', (e) => e.textContent), 'customer → customers');
  await page.click('[data-rename-index="0"]');
  assert.deepEqual(await posted(page), [{ type: 'rename', kind: 'table', from: 'customer', to: 'customers', accept: false }]);
  assert.equal(await page.$eval('[data-rename-index="0"]', (e) => e.hasAttribute('disabled')), true, 'buttons wait for the new plan');
  // the host re-plans with the rename rejected and sends the new plan
  const rejected = planMessage();
  rejected.plan = planFromSchemas(FROM, TO, { dialect: 'postgres', rejectRenames: [{ kind: 'table', from: 'customer', to: 'customers' }] });
  await page.evaluate((m) => (globalThis as unknown as PageGlobals).__host(m), rejected);
  await page.waitForSelector('#renames .state-rejected');
  assert.equal(await page.$eval('[data-rename-index="0"]', (e) => e.textContent), 'Accept rename');
  assert.ok((await page.$$eval('[data-panel="up"] .stmt pre', (els) => els.map((e) => e.textContent))).includes('DROP TABLE "customer";'));
  await page.click('[data-rename-index="0"]');
  assert.deepEqual((await posted(page)).at(-1), { type: 'rename', kind: 'table', from: 'customer', to: 'customers', accept: true });
  await page.close();
});

test('Apply posts apply, then shows the streamed progress and the result; Save posts save', async () => {
  const page = await open();
  await page.click('#save');
  await page.click('#apply');
  assert.deepEqual(await posted(page), [{ type: 'save' }, { type: 'apply' }]);
  assert.equal(await page.$eval('#apply', (e) => e.hasAttribute('disabled')), true);
  const host = (m: PlanHostMessage) => page.evaluate((x) => (globalThis as unknown as PageGlobals).__host(x), m);
  await host({ type: 'progress', done: 2, total: 5, statement: 'CREATE TABLE "<b>x</b>" (id int)' });
  await page.waitForSelector('#progress');
  assert.equal(await page.$eval('#progress-text', (e) => e.textContent), 'Applying: 2 of 5 statements done');
  assert.equal(await page.$eval('#progress-statement', (e) => e.textContent), 'CREATE TABLE "<b>x</b>" (id int)');
  assert.equal(await page.$eval('#progress', (e) => [e.getAttribute('value'), e.getAttribute('max')].join('/')), '2/5');
  await host({ type: 'result', ok: false, error: 'orders failed at statement 4: column "total" contains null values' });
  await page.waitForSelector('#result.err');
  assert.match(await page.$eval('#result', (e) => e.textContent ?? ''), /Not applied: orders failed at statement 4/);
  assert.equal(await page.$eval('#apply', (e) => e.hasAttribute('disabled')), false, 'apply can be retried');
  await host({ type: 'result', ok: true });
  assert.equal(await page.$eval('#result', (e) => e.textContent), 'Applied.');
  await page.close();
});

test('an XSS payload in a table name renders as text and nothing executes; inline script is blocked by the CSP', async () => {
  const page = await open();
  const g = await page.evaluate(() => ({ xss: (globalThis as unknown as PageGlobals).__xss, inline: (globalThis as unknown as PageGlobals).__inlineRan, imgs: (globalThis as unknown as PageGlobals).document.querySelectorAll('img').length }));
  assert.deepEqual(g, { xss: undefined, inline: undefined, imgs: 0 });
  assert.ok((await page.$eval('[data-panel="up"]', (e) => e.textContent ?? '')).includes(`CREATE TABLE "${XSS}"`));
  assert.equal(await page.$eval('#title', (e) => e.textContent), `Migration: schema.dbml ${XSS}`);
  await page.close();
});

test('an empty plan says so and disables the actions', async () => {
  const m = planMessage();
  m.plan = planFromSchemas(TO, TO, { dialect: 'postgres' });
  const page = await open('light', m);
  assert.equal(await page.$eval('[data-panel="up"] .empty', (e) => e.textContent), 'The schemas are the same: nothing to migrate.');
  assert.deepEqual(await page.$$eval('.toolbar vscode-button', (els) => els.map((e) => e.hasAttribute('disabled'))), [true, true, true]);
  await page.close();
});

test('screenshot: docs/images/migration-plan.png (dark theme)', async () => {
  const page = await open('dark', { ...planMessage(), title: 'Migration: database → schema.dbml' });
  await page.setViewportSize({ width: 1000, height: 1250 });
  // the committed image is refreshed only on request; a test run writes to test-results/
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const out = process.env.SCHEMASAGE_UPDATE_SCREENSHOTS === '1' ? join(root, 'docs', 'images', 'migration-plan.png') : join(root, 'test-results', 'migration-plan.png');
  mkdirSync(dirname(out), { recursive: true });
  const png = await page.screenshot({ path: out, fullPage: false });
  assert.ok(png.length > 10_000);
  await page.close();
});
