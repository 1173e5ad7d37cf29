/**
 * The ER diagram webview in real Chromium (playwright-core + Debian's
 * chromium) through a harness page that plays the extension host: the built
 * bundles under the panel's CSP shape, host messages in, posted messages
 * recorded. Render counts, ELK in a blob worker, drag -> positions, click ->
 * reveal, live update keeping the viewport, highlight, search and filters,
 * exports, XSS payloads rendered as text, and the CSP blocking inline script.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, startHarness } from './harness/server.mjs';
import { Workspace } from '../../server/src/engine/workspace.js';
import { toDiagram } from '../../server/src/engine/diagram/index.js';
import { inferRelationships } from '../../server/src/engine/infer/index.js';
import type { DiagramModel } from '../../server/src/engine/diagram/types.js';
import type { HostMessage, Positions, WebviewMessage } from '../../server/src/engine/diagram/protocol.js';

interface View {
  x: number;
  y: number;
  k: number;
}
/** What the harness and the bundle put on `window` (the test project has no DOM types). */
interface PageGlobals {
  __posted: WebviewMessage[];
  __host(m: HostMessage): void;
  __inlineRan?: boolean;
  __xss?: number;
  __erDiagram: {
    stats(): { tables: number; displayedTables: number; edges: number; displayedEdges: number };
    view(): View;
    setView(v: View): void;
    positions(): Positions;
  };
}

let harness: Awaited<ReturnType<typeof startHarness>>;
let browser: Browser;

before(async () => {
  harness = await startHarness();
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await harness?.close();
});

function modelOf(uri: string, text: string, inferred = false): DiagramModel {
  const ws = new Workspace();
  ws.setFile(uri, text, 0, {});
  const s = ws.binding().schema;
  return toDiagram(s, inferred ? { inferred: inferRelationships(s) } : {});
}

interface Opened {
  page: Page;
  console: string[];
  dialogs: string[];
  errors: string[];
  workers: number;
}

async function open(theme: 'light' | 'dark' = 'light'): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  const o: Opened = { page, console: [], dialogs: [], errors: [], workers: 0 };
  page.on('console', (m) => o.console.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => o.errors.push(e.message));
  page.on('dialog', (d) => {
    o.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('worker', () => o.workers++);
  await page.goto(harness.url(theme));
  await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.some((m) => m.type === 'ready'));
  return o;
}

async function send(page: Page, m: HostMessage): Promise<void> {
  const painted = await page.evaluate(() => Number((globalThis as unknown as { document: { body: { dataset: Record<string, string> } } }).document.body.dataset.painted ?? 0));
  await page.evaluate((msg) => (globalThis as unknown as PageGlobals).__host(msg), m);
  if (m.type === 'schema') {
    await page.waitForFunction((n) => Number((globalThis as unknown as { document: { body: { dataset: Record<string, string> } } }).document.body.dataset.painted ?? 0) > n, painted);
  }
}

const posted = (page: Page): Promise<WebviewMessage[]> => page.evaluate(() => (globalThis as unknown as PageGlobals).__posted);
const view = (page: Page): Promise<View> => page.evaluate(() => (globalThis as unknown as PageGlobals).__erDiagram.view());
const positions = (page: Page): Promise<Positions> => page.evaluate(() => (globalThis as unknown as PageGlobals).__erDiagram.positions());

/** Waits for the ELK layout from the worker (the status stops saying so): it moves the tables and fits the view. */
async function laidOut(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const doc = (globalThis as unknown as { document: { getElementById(id: string): { textContent: string | null } | null } }).document;
    const s = doc.getElementById('status')?.textContent ?? '';
    return s.includes('tables') && !s.includes('laying out');
  });
}

async function nextPosted<T extends WebviewMessage['type']>(page: Page, type: T, after: number): Promise<Extract<WebviewMessage, { type: T }>> {
  await page.waitForFunction(([t, n]) => (globalThis as unknown as PageGlobals).__posted.slice(n as number).some((m) => m.type === t), [type, after] as const);
  return (await posted(page)).slice(after).find((m) => m.type === type) as Extract<WebviewMessage, { type: T }>;
}

const SHOP = `Table users {
  id int [pk]
  email varchar(255) [unique, not null]
  name text
}
Table orders {
  id int [pk]
  user_id int [not null, ref: > users.id]
  total decimal(10, 2)
}
Table order_items {
  order_id int [ref: > orders.id]
  product_id int
  qty int
}
Table products {
  id int [pk]
  title text
}
TableGroup sales {
  orders
  order_items
}
Note readme { 'Orders belong to users.' }
`;

test('renders a corpus schema: one element per table and relationship, ELK layout from a blob worker', async () => {
  const text = readFileSync('/work/shared/corpus/dbml/postgres-db-dump.dbml', 'utf8');
  const model = modelOf('file:///dump.dbml', text);
  assert.equal(model.tables.length, 68);
  const o = await open();
  await send(o.page, { type: 'schema', model });
  assert.equal(await o.page.locator('g.table').count(), 68);
  assert.equal(await o.page.locator('path.edge').count(), model.relationships.length);
  assert.match((await o.page.locator('#status').textContent())!, new RegExp(`^68 tables · ${model.relationships.length} relationships`));
  const shelf = await positions(o.page);
  // ELK runs in a worker and moves the tables (the CSP allows blob: workers)
  await o.page.waitForFunction(
    (before) => {
      const now = (globalThis as unknown as PageGlobals).__erDiagram.positions();
      return Object.keys(before).some((k) => now[k]!.x !== before[k]!.x || now[k]!.y !== before[k]!.y);
    },
    shelf,
    { timeout: 30_000 },
  );
  assert.ok(o.workers >= 1, 'a layout worker started');
  const stats = await o.page.evaluate(() => (globalThis as unknown as PageGlobals).__erDiagram.stats());
  assert.equal(stats.displayedTables, 68, 'fit to view shows every table');
  assert.deepEqual(o.errors, []);
  await o.page.close();
});

test('saved positions win, dragging a table posts its new position, clicking a column posts reveal', async () => {
  const model = modelOf('file:///shop.dbml', SHOP);
  const o = await open();
  await send(o.page, { type: 'schema', model, positions: { 'public.users': { x: 0, y: 0 }, 'public.orders': { x: 400, y: 0 }, 'public.order_items': { x: 800, y: 0 }, 'public.products': { x: 400, y: 300 } } });
  await o.page.evaluate(() => (globalThis as unknown as PageGlobals).__erDiagram.setView({ x: 50, y: 80, k: 1 }));
  assert.equal(await o.page.locator('g.table[data-key="public.orders"]').getAttribute('transform'), 'translate(400,0)');

  // drag the orders header by (120, 60) screen pixels at zoom 1
  const head = await o.page.locator('g.table[data-key="public.orders"] .t-title').boundingBox();
  const n = (await posted(o.page)).length;
  await o.page.mouse.move(head!.x + 5, head!.y + 5);
  await o.page.mouse.down();
  await o.page.mouse.move(head!.x + 65, head!.y + 35, { steps: 4 });
  await o.page.mouse.move(head!.x + 125, head!.y + 65, { steps: 4 });
  await o.page.mouse.up();
  const moved = await nextPosted(o.page, 'positions', n);
  assert.deepEqual(moved, { type: 'positions', positions: { 'public.orders': { x: 520, y: 60 } } });
  assert.equal(await o.page.locator('g.table[data-key="public.orders"]').getAttribute('transform'), 'translate(520,60)');
  // the edge from orders.user_id followed the table: it leaves the left side (x=520) at that row (60 + 30 + 22 + 11)
  const d = await o.page.locator('path.edge').first().getAttribute('d');
  assert.match(d!, /^M520,123H498C/);

  // click the email column of users
  const m = (await posted(o.page)).length;
  await o.page.locator('g.table[data-key="public.users"] [data-col="email"]').click();
  const reveal = await nextPosted(o.page, 'reveal', m);
  const email = model.tables[0]!.columns[1]!;
  assert.deepEqual(reveal, { type: 'reveal', uri: 'file:///shop.dbml', span: email.source!.span });
  assert.equal(SHOP.slice(reveal.span.start, reveal.span.end), 'email');
  // clicking the header reveals the table
  const k = (await posted(o.page)).length;
  await o.page.locator('g.table[data-key="public.products"] .t-title').click();
  const rt = await nextPosted(o.page, 'reveal', k);
  assert.equal(SHOP.slice(rt.span.start, rt.span.end), 'products');
  assert.equal(await o.page.locator('g.table.selected').getAttribute('data-key'), 'public.products');
  await o.page.close();
});

test('a live update keeps the viewport and the positions, and adds the new table', async () => {
  const model = modelOf('file:///shop.dbml', SHOP);
  const o = await open();
  await send(o.page, { type: 'schema', model });
  // the positions to keep are the laid-out ones: a layout arriving later would move the tables under the test
  await laidOut(o.page);
  await o.page.evaluate(() => (globalThis as unknown as PageGlobals).__erDiagram.setView({ x: -123, y: 45, k: 0.77 }));
  const before = await positions(o.page);
  const edited = modelOf('file:///shop.dbml', `${SHOP}\nTable reviews {\n  id int [pk]\n  product_id int [ref: > products.id]\n}\n`);
  await send(o.page, { type: 'schema', model: edited, keepViewport: true });
  assert.deepEqual(await view(o.page), { x: -123, y: 45, k: 0.77 });
  const after = await positions(o.page);
  for (const k of Object.keys(before)) assert.deepEqual(after[k], before[k], k);
  assert.ok(after['public.reviews']);
  assert.equal(await o.page.locator('g.table').count(), 5);
  assert.equal(await o.page.locator('path.edge').count(), 3);
  // an edit without keepViewport fits the diagram again
  await send(o.page, { type: 'schema', model });
  assert.notDeepEqual(await view(o.page), { x: -123, y: 45, k: 0.77 });
  assert.equal(await o.page.locator('g.table').count(), 4);
  await o.page.close();
});

test('highlight, search, neighbourhood and group filter', async () => {
  const model = modelOf('file:///shop.dbml', SHOP);
  const o = await open();
  await send(o.page, { type: 'schema', model });
  await send(o.page, { type: 'highlight', tableKey: 'public.orders', column: 'user_id' });
  assert.equal(await o.page.locator('g.table.selected').getAttribute('data-key'), 'public.orders');
  assert.equal(await o.page.locator('g.table[data-key="public.orders"] rect.row-hl').getAttribute('y'), String(30 + 22));
  assert.equal(await o.page.locator('path.edge.hl').count(), 2);

  await o.page.locator('#search').click();
  await o.page.keyboard.type('prod');
  await o.page.keyboard.press('Enter');
  await o.page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(a: string): string | null } | null } }).document.querySelector('g.table.selected')?.getAttribute('data-key') === 'public.products');
  assert.ok((await view(o.page)).k >= 0.8);

  const displayed = async (): Promise<string[]> =>
    (await o.page.locator('g.table').evaluateAll((els) => els.filter((e) => (e as unknown as { style: { display: string } }).style.display !== 'none').map((e) => e.getAttribute('data-key')!))).sort();
  // one hop around users: users and orders
  await send(o.page, { type: 'highlight', tableKey: 'public.users' });
  await o.page.locator('#hops').evaluate((el) => {
    (el as unknown as { value: string }).value = '1';
    el.dispatchEvent(new Event('change'));
  });
  await o.page.waitForTimeout(50);
  assert.deepEqual(await displayed(), ['public.orders', 'public.users']);
  await o.page.locator('#hops').evaluate((el) => {
    (el as unknown as { value: string }).value = '0';
    el.dispatchEvent(new Event('change'));
  });
  await o.page.locator('#filter').evaluate((el) => {
    (el as unknown as { value: string }).value = 'group:sales';
    el.dispatchEvent(new Event('change'));
  });
  await o.page.waitForTimeout(50);
  assert.deepEqual(await displayed(), ['public.order_items', 'public.orders']);
  await o.page.close();
});

test('exports: SVG (standalone, with every table), PNG data URL and Mermaid text', async () => {
  const model = modelOf('file:///shop.dbml', SHOP, true);
  assert.ok(model.relationships.some((r) => r.inferred), 'order_items.product_id is inferred');
  const o = await open('dark');
  await send(o.page, { type: 'schema', model });
  // the view scrolled away: the whole-diagram export still has every table
  await o.page.evaluate(() => (globalThis as unknown as PageGlobals).__erDiagram.setView({ x: -5000, y: -5000, k: 1 }));
  let n = (await posted(o.page)).length;
  await o.page.locator('#export-svg').click();
  const svg = await nextPosted(o.page, 'export', n);
  assert.equal(svg.format, 'svg');
  assert.match(svg.data, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.equal(svg.data.match(/<g class="table"/g)?.length, 4);
  assert.equal(svg.data.match(/<path class="edge[ "]/g)?.length, model.relationships.length);
  assert.match(svg.data, /class="edge inferred"/);
  assert.match(svg.data, /--er-bg: #1f1f1f;/, 'theme colours resolved into the file');
  assert.ok(!/display: none/.test(svg.data));

  n = (await posted(o.page)).length;
  await o.page.locator('#export-png').click();
  const png = await nextPosted(o.page, 'export', n);
  assert.equal(png.format, 'png');
  assert.match(png.data, /^data:image\/png;base64,/);
  const bytes = Buffer.from(png.data.slice(png.data.indexOf(',') + 1), 'base64');
  assert.deepEqual([...bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join(''), 'PNG');
  assert.ok(bytes.readUInt32BE(16) > 200 && bytes.readUInt32BE(20) > 200, 'width and height');

  n = (await posted(o.page)).length;
  await o.page.locator('#export-mermaid').click();
  const mmd = await nextPosted(o.page, 'export', n);
  assert.equal(mmd.format, 'mermaid');
  assert.match(mmd.data, /^erDiagram\n {4}users \{\n {8}int id PK\n/);
  assert.match(mmd.data, /\n {4}orders \}o--\|\| users : "user_id"\n/);
  assert.match(mmd.data, /\n {4}order_items \}o\.\.o\| products : "product_id"\n/);
  await o.page.close();
});

test('XSS payloads in names, types, notes and groups render as text and nothing executes', async () => {
  const payload = '<img src=x onerror="window.__xss=1;alert(1)">';
  const script = '</script><script>window.__xss=2;alert(2)</script>';
  const src = (start: number) => ({ uri: 'file:///x.dbml', span: { start, end: start + 1 } });
  const model: DiagramModel = {
    version: 1,
    defaultSchema: 'public',
    schemas: ['public'],
    tables: [
      {
        key: `public.${payload}`,
        schema: 'public',
        name: payload,
        label: payload,
        note: script,
        group: script,
        headerColor: 'red;background:url(javascript:alert(3))',
        source: src(0),
        columns: [
          { name: script, type: payload, pk: true, fk: false, unique: false, notNull: true, note: payload, source: src(5) },
          { name: 'ok', type: 'int', pk: false, fk: true, unique: false, notNull: false, source: src(9) },
        ],
      },
      { key: 'public.t2', schema: 'public', name: 't2', label: 't2', columns: [{ name: 'id', type: 'int', pk: true, fk: false, unique: false, notNull: true }] },
    ],
    relationships: [
      {
        id: 'r1',
        from: { table: `public.${payload}`, columns: ['ok'], many: true, optional: true },
        to: { table: 'public.t2', columns: ['id'], many: false, optional: true },
        cardinality: 'n-1',
        inferred: true,
        confidence: 0.7,
        evidence: [payload, script],
        name: payload,
        color: 'url(javascript:alert(4))',
      },
    ],
    groups: [{ name: script, tables: [`public.${payload}`], color: 'blue;x:url(javascript:alert(5))' }],
    notes: [{ name: payload, content: `${script}\n${payload}` }],
  };
  const o = await open();
  await send(o.page, { type: 'schema', model });
  await o.page.evaluate(() => (globalThis as unknown as PageGlobals).__erDiagram.setView({ x: 300, y: 100, k: 1 }));
  // hover the inferred edge and the column to build the tooltips too
  await o.page.locator('path.edge-hit').hover({ force: true }).catch(() => {});
  await o.page.locator('[data-col]').first().hover();
  assert.equal(await o.page.locator('#tooltip').textContent(), `${script}: ${payload}\n${payload}`);
  let n = (await posted(o.page)).length;
  await o.page.locator('#export-svg').click();
  const svg = await nextPosted(o.page, 'export', n);
  n = (await posted(o.page)).length;
  await o.page.locator('#export-mermaid').click();
  await nextPosted(o.page, 'export', n);
  await o.page.waitForTimeout(300);

  assert.deepEqual(o.dialogs, []);
  assert.equal(await o.page.evaluate(() => (globalThis as unknown as PageGlobals).__xss), undefined);
  assert.equal(await o.page.locator('img').count(), 0);
  assert.equal(await o.page.locator('script').count(), 3, 'only the harness, the bundle and the blocked inline one');
  assert.equal(await o.page.locator('g.table .t-title').first().textContent(), `${payload.slice(0, 35)}…`);
  assert.equal(await o.page.locator('[data-col]').first().getAttribute('data-col'), script);
  assert.equal(await o.page.locator('g.note tspan').first().textContent(), script.slice(0, 34));
  assert.equal(await o.page.locator('g.group text').textContent(), script);
  // colours that are not plain colours were dropped
  assert.equal(await o.page.locator('g.table .t-head').first().evaluate((e) => (e as unknown as { style: { fill: string } }).style.fill), '');
  assert.equal(await o.page.locator('g.group rect').evaluate((e) => (e as unknown as { style: { stroke: string } }).style.stroke), '');
  // the export escapes it too
  assert.ok(svg.data.includes('&lt;img src=x onerror="window.__xss=1;alert(1)"&gt;') || svg.data.includes('&lt;img src=x onerror=&quot;'));
  assert.ok(!svg.data.includes('<img'));
  assert.ok(!svg.data.includes('<script>'));
  assert.deepEqual(o.errors, []);
  await o.page.close();
});

test('the CSP blocks inline script (a violation is reported) while the nonce bundle runs', async () => {
  const o = await open();
  assert.equal(await o.page.evaluate(() => (globalThis as unknown as PageGlobals).__inlineRan), undefined);
  assert.ok(
    o.console.some((l) => l.startsWith('error:') && l.includes('Content Security Policy') && l.includes('inline script')),
    o.console.join('\n'),
  );
  assert.equal(await o.page.locator('vscode-button#export-svg').count(), 1, 'the bundle ran');
  await o.page.close();
});

test('wheel pans, ctrl+wheel (pinch) zooms about the cursor, keys pan and fit, Auto layout resets the saved layout', async () => {
  const model = modelOf('file:///shop.dbml', SHOP);
  const o = await open();
  await send(o.page, { type: 'schema', model });
  // the ELK layout arrives from the worker and fits the view: wait for it, or it may move the view under the test
  await laidOut(o.page);
  await o.page.evaluate(() => (globalThis as unknown as PageGlobals).__erDiagram.setView({ x: 100, y: 100, k: 1 }));
  const stage = (await o.page.locator('#stage').boundingBox())!;
  await o.page.mouse.move(stage.x + 400, stage.y + 300);
  await o.page.mouse.wheel(30, 50);
  await o.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__erDiagram.view().y !== 100);
  assert.deepEqual(await view(o.page), { x: 70, y: 50, k: 1 });
  // the diagram point under the cursor stays under it while zooming
  const before = await view(o.page);
  await o.page.keyboard.down('Control');
  await o.page.mouse.wheel(0, -100);
  await o.page.keyboard.up('Control');
  await o.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__erDiagram.view().k !== 1);
  const after = await view(o.page);
  assert.ok(after.k > 1.5, String(after.k));
  const wx = (400 - before.x) / before.k;
  const wy = (300 - before.y) / before.k;
  assert.ok(Math.abs(wx * after.k + after.x - 400) < 0.5 && Math.abs(wy * after.k + after.y - 300) < 0.5);
  // keyboard: arrows pan by 60, F fits
  await o.page.locator('#stage').focus();
  const v0 = await view(o.page);
  await o.page.keyboard.press('ArrowRight');
  assert.equal((await view(o.page)).x, v0.x - 60);
  await o.page.keyboard.press('f');
  const fitted = await view(o.page);
  assert.ok(fitted.k < after.k);
  const n = (await posted(o.page)).length;
  await o.page.locator('#relayout').click();
  assert.deepEqual(await nextPosted(o.page, 'positions', n), { type: 'positions', positions: {}, reset: true });
  await o.page.close();
});



test('Lay out shown: only the neighbourhood moves, placed where it was, and its positions are saved', async () => {
  const model = modelOf('file:///shop.dbml', SHOP);
  const o = await open();
  await send(o.page, { type: 'schema', model });
  await o.page.waitForFunction(() => {
    const doc = (globalThis as unknown as { document: { getElementById(id: string): { textContent: string | null } | null } }).document;
    const s = doc.getElementById('status')?.textContent ?? '';
    return s.includes('tables') && !s.includes('laying out');
  });
  const before = await positions(o.page);
  await send(o.page, { type: 'highlight', tableKey: 'public.users' });
  await o.page.locator('#hops').evaluate((el) => {
    (el as unknown as { value: string }).value = '1';
    el.dispatchEvent(new Event('change'));
  });
  const n = (await posted(o.page)).length;
  await o.page.locator('#relayout-shown').click();
  const msg = (await nextPosted(o.page, 'positions', n)) as { positions: Record<string, { x: number; y: number }>; reset?: boolean };
  assert.equal(msg.reset, undefined);
  assert.deepEqual(Object.keys(msg.positions).sort(), ['public.orders', 'public.users'], 'only the shown tables');
  const after = await positions(o.page);
  for (const k of Object.keys(before)) if (!(k in msg.positions)) assert.deepEqual(after[k], before[k], `${k} did not move`);
  const minX = (ps: { x: number }[]) => Math.min(...ps.map((p) => p.x));
  const minY = (ps: { y: number }[]) => Math.min(...ps.map((p) => p.y));
  const was = ['public.orders', 'public.users'].map((k) => before[k]!);
  const now = Object.values(msg.positions);
  assert.equal(Math.round(minX(now)), Math.round(minX(was)), 'same left edge');
  assert.equal(Math.round(minY(now)), Math.round(minY(was)), 'same top edge');
  await o.page.close();
});
