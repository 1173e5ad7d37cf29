/**
 * Regenerates docs/images/er-light.png and er-dark.png: a corpus schema
 * (Prisma's umami: 17 models, 23 relations, plus the inferred ones) drawn by
 * the built webview in real Chromium through the test harness, after ELK's
 * layout, in VS Code's Light and Dark Modern colours.
 * Run: node --import tsx test/webview/screenshots.ts [corpus file] [out dir]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, startHarness } from './harness/server.mjs';
import { Workspace } from '../../server/src/engine/workspace.js';
import { toDiagram } from '../../server/src/engine/diagram/index.js';
import { inferRelationships } from '../../server/src/engine/infer/index.js';

const file = process.argv[2] ?? '/work/shared/corpus/prisma/umami.prisma';
const outDir = process.argv[3] ?? 'docs/images';
const ws = new Workspace();
ws.setFile(`file:///corpus/${file.slice(file.lastIndexOf('/') + 1)}`, readFileSync(file, 'utf8'), 0, {});
const schema = ws.binding().schema;
const model = toDiagram(schema, { inferred: inferRelationships(schema) });

const degree = new Map<string, number>();
for (const r of model.relationships) for (const k of [r.from.table, r.to.table]) degree.set(k, (degree.get(k) ?? 0) + 1);
const hub = [...degree].sort((a, b) => b[1] - a[1])[0]?.[0] ?? model.tables[0]!.key;

const harness = await startHarness();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  for (const theme of ['light', 'dark'] as const) {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(harness.url(theme));
    await page.waitForFunction(() => (globalThis as unknown as { __posted: Array<{ type: string }> }).__posted.some((m) => m.type === 'ready'));
    await page.evaluate((m) => (globalThis as unknown as { __host(x: unknown): void }).__host({ type: 'schema', model: m }), model);
    await page.waitForFunction(
      () => {
        const doc = (globalThis as unknown as { document: { body: { dataset: Record<string, string> }; getElementById(id: string): { textContent: string } } }).document;
        return doc.body.dataset.painted !== undefined && !doc.getElementById('status').textContent.includes('laying out');
      },
      null,
      { timeout: 60_000 },
    );
    // zoom in to a readable scale around the most connected table (the minimap shows the rest)
    await page.evaluate(
      ([key, k]) => {
        const d = (globalThis as unknown as { __erDiagram: { positions(): Record<string, { x: number; y: number }>; view(): { k: number }; setView(v: { x: number; y: number; k: number }): void } }).__erDiagram;
        const p = d.positions()[key]!;
        if (d.view().k < k) d.setView({ k, x: 800 - (p.x + 150) * k, y: 480 - (p.y + 100) * k });
      },
      [hub, 0.9] as const,
    );
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(outDir, `er-${theme}.png`) });
    await page.close();
  }
  console.log(`${model.tables.length} tables, ${model.relationships.length} relationships -> ${outDir}/er-{light,dark}.png`);
} finally {
  await browser.close();
  await harness.close();
}
