/**
 * The chat webview in real Chromium (playwright-core, Debian's chromium),
 * with a harness page that plays the extension host: streamed answers render
 * progressively as markdown, Stop posts a stop message, an HTML/XSS payload
 * shows as text and nothing executes, code-block buttons post their code,
 * the engine's diagnostics and the model/usage line appear. Takes the
 * screenshot (test-results/chat.png; docs/images/chat.png with SCHEMASAGE_UPDATE_SCREENSHOTS=1).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, startChatHarness, type ChatHarness } from './chat-harness.ts';
import type { ChatChange, ChatEntry, ChatHostMessage, ChatWebviewMessage } from '../../server/src/engine/ai/protocol.ts';

/** What the harness page defines (the test project has no DOM types). */
interface PageGlobals {
  __posted: ChatWebviewMessage[];
  __host(m: unknown): void;
  __pwned?: number;
  __inlineRan?: boolean;
  document: { querySelector(s: string): { textContent: string | null } | null; querySelectorAll(s: string): { length: number } };
}

let harness: ChatHarness;
let browser: Browser;

before(async () => {
  harness = await startChatHarness();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  await harness?.close();
});

async function open(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 720, height: 760 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(harness.url);
  await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.some((m) => m.type === 'ready'));
  return { page, errors };
}

function host(page: Page, m: ChatHostMessage): Promise<void> {
  return page.evaluate((msg) => (globalThis as unknown as PageGlobals).__host(msg), m);
}

function posted(page: Page): Promise<ChatWebviewMessage[]> {
  return page.evaluate(() => (globalThis as unknown as PageGlobals).__posted);
}

const SQL = "SELECT p.name, date_trunc('month', x.paid_at) AS month, sum(x.amount) AS revenue\nFROM payments x\nJOIN users u ON u.id = x.user_id\nJOIN plans p ON p.id = u.plan_id\nGROUP BY 1, 2\nORDER BY 2;";

function entry(over: Partial<ChatEntry> = {}): ChatEntry {
  const answer = `Monthly revenue per plan, from **payments** joined to the user's plan:\n\n\`\`\`sql\n${SQL}\n\`\`\`\n\n\`paid_at\` is a \`timestamp\`, so \`date_trunc\` groups by calendar month.`;
  return {
    id: 't1',
    question: 'write the query for monthly revenue per plan',
    answer,
    attempts: 2,
    blocks: [{ sql: SQL, destructive: false, diagnostics: [] }],
    suggestions: [],
    notices: [],
    usage: { promptTokens: 1140, completionTokens: 110, totalTokens: 1250 },
    provider: 'openai',
    model: 'gpt-4.1-mini',
    at: 0,
    ...over,
  };
}

describe('chat webview', () => {
  it('runs no inline script without the nonce (CSP is in force)', async () => {
    const { page } = await open();
    assert.equal(await page.evaluate(() => (globalThis as unknown as PageGlobals).__inlineRan), undefined);
    await page.close();
  });

  it('renders a streamed answer progressively, then the checked result', async () => {
    const { page, errors } = await open();
    await host(page, { type: 'init', history: [], busy: false });
    await host(page, { type: 'start', id: 't1', question: 'write the query for monthly revenue per plan' });
    await page.waitForSelector('.turn.streaming');
    assert.equal(await page.isVisible('#stop'), true, 'Stop shows while streaming');
    const full = entry().answer;
    const parts = [full.slice(0, 40), full.slice(40, 90), full.slice(90, 200), full.slice(200)];
    let sent = '';
    const seen: string[] = [];
    for (const p of parts) {
      sent += p;
      await host(page, { type: 'delta', id: 't1', text: p, attempt: 0 });
      // the last word of what was sent so far must be on screen
      const want = (p.match(/\w{3,}/g) ?? []).at(-1)!;
      // (and the text must have grown: the word may already stand in an earlier piece)
      const prev = seen.at(-1)?.length ?? 0;
      await page.waitForFunction(([w, n]) => {
        const t = (globalThis as unknown as PageGlobals).document.querySelector('.turn .answer')?.textContent ?? '';
        return t.includes(w as string) && t.length > (n as number);
      }, [want, prev] as const);
      seen.push((await page.textContent('.turn .answer')) ?? '');
    }
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i].length > seen[i - 1].length, `render ${i} grew`);
    assert.ok(!seen[0].includes('SELECT'), 'the first render holds only the first piece');
    // markdown while streaming: bold and a code block with its buttons
    assert.equal(await page.textContent('.turn .answer strong'), 'payments');
    assert.equal(await page.locator('.turn .code').count(), 1);
    await host(page, { type: 'done', entry: entry() });
    await page.waitForSelector('.turn .diags .ok');
    await page.waitForSelector('#stop', { state: 'hidden' });
    assert.match((await page.textContent('.turn .meta')) ?? '', /openai · gpt-4\.1-mini · 1250 tokens \(1140 in, 110 out\)/);
    assert.match((await page.textContent('.turn .notice')) ?? '', /sent back once with the errors/);
    assert.equal(await page.isVisible('#stop'), false);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('Stop posts a stop message', async () => {
    const { page } = await open();
    await host(page, { type: 'start', id: 't2', question: 'q' });
    await host(page, { type: 'delta', id: 't2', text: 'Thinking about', attempt: 0 });
    await page.click('#stop');
    const msgs = await posted(page);
    assert.deepEqual(msgs.filter((m) => m.type === 'stop'), [{ type: 'stop' }]);
    await page.close();
  });

  it('shows an HTML/XSS payload as text and executes nothing', async () => {
    const { page, errors } = await open();
    const payload = [
      'Here you go <img src=x onerror="window.__pwned=1"> and <script>window.__pwned=2</script>',
      '<iframe src="javascript:window.__pwned=3"></iframe>',
      '[click me](javascript:window.__pwned=4) [docs](https://example.com/x)',
      '![pixel](https://tracker.example/p.png)',
      '```html">\n<b onclick="window.__pwned=5">bold</b>\n```',
    ].join('\n\n');
    await host(page, { type: 'start', id: 'x', question: '<b>q</b>' });
    await host(page, { type: 'delta', id: 'x', text: payload, attempt: 0 });
    await host(page, { type: 'done', entry: entry({ id: 'x', question: '<b>q</b>', answer: payload, blocks: [], attempts: 1 }) });
    await page.waitForSelector('.turn[data-id="x"]:not(.streaming) .meta');
    const answer = page.locator('.turn[data-id="x"] .answer');
    assert.equal(await answer.locator('img, script, iframe, b').count(), 0, 'no element from the payload');
    assert.equal(await page.locator('.turn[data-id="x"] .question b').count(), 0);
    const text = (await answer.textContent()) ?? '';
    assert.ok(text.includes('<img src=x onerror="window.__pwned=1">'), text);
    assert.ok(text.includes('<script>window.__pwned=2</script>'), text);
    assert.ok(text.includes('<b onclick="window.__pwned=5">bold</b>'), 'code shows as code text');
    const hrefs = await answer.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    // javascript: is no link; an image is at most a link to click, never a fetch
    assert.deepEqual(hrefs, ['https://example.com/x', 'https://tracker.example/p.png']);
    await answer.getByText('click me', { exact: false }).click();
    assert.equal(await page.evaluate(() => (globalThis as unknown as PageGlobals).__pwned), undefined);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('code-block buttons post the code, and never anything that runs it', async () => {
    const { page } = await open();
    await host(page, { type: 'init', history: [entry()], busy: false });
    await page.click('.code vscode-button[data-action="copy"]');
    await page.click('.code vscode-button[data-action="insert"]');
    await page.click('.code vscode-button[data-action="openMigrationPlan"]');
    const msgs = (await posted(page)).filter((m) => m.type !== 'ready');
    assert.deepEqual(msgs, [
      { type: 'copy', code: SQL },
      { type: 'insert', code: SQL },
      { type: 'openMigrationPlan', code: SQL },
    ]);
    await page.close();
  });

  it('sends a question on Enter and shows the engine diagnostics of an answer', async () => {
    const { page } = await open();
    await host(page, { type: 'init', history: [], busy: false });
    await page.click('#question');
    await page.keyboard.type('which tables hold customer PII?');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.some((m) => m.type === 'ask'));
    assert.deepEqual((await posted(page)).filter((m) => m.type === 'ask'), [{ type: 'ask', question: 'which tables hold customer PII?' }]);
    const bad = 'SELECT u.emial FROM users u';
    await host(page, {
      type: 'done',
      entry: entry({ id: 'd', answer: '```sql\n' + bad + '\n```', blocks: [{ sql: bad, destructive: false, diagnostics: [{ code: 'QRY002', severity: 'error', message: 'Unknown column emial in table users', span: { start: 9, end: 14 } }] }], attempts: 2 }),
    });
    await page.waitForSelector('.turn[data-id="d"] .diags .error');
    assert.equal(await page.textContent('.turn[data-id="d"] .diags .error'), '\u2716 QRY002: Unknown column emial in table users');
    await page.close();
  });

  it('shows the retry, replaces the first answer with the corrected one, and clears', async () => {
    const { page } = await open();
    await host(page, { type: 'start', id: 'r', question: 'q' });
    await host(page, { type: 'delta', id: 'r', text: 'first answer with u.emial', attempt: 0 });
    await page.waitForFunction(() => ((globalThis as unknown as PageGlobals).document.querySelector('.turn .answer')?.textContent ?? '').includes('emial'));
    await host(page, { type: 'retry', id: 'r', message: 'QRY002 ...' });
    await page.waitForSelector('.turn .notes .notice');
    assert.match((await page.textContent('.turn .notes .notice')) ?? '', /asking the model to correct/);
    await host(page, { type: 'delta', id: 'r', text: 'corrected with u.email', attempt: 1 });
    await page.waitForFunction(() => ((globalThis as unknown as PageGlobals).document.querySelector('.turn .answer')?.textContent ?? '').includes('corrected'));
    assert.ok(!((await page.textContent('.turn .answer')) ?? '').includes('emial'));
    await page.click('#clear');
    assert.ok((await posted(page)).some((m) => m.type === 'clear'));
    await host(page, { type: 'cleared' });
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.querySelectorAll('.turn').length === 0);
    await page.close();
  });

  it('"Run in…" posts the code and waits; the rows come back as a table (cells as text, NULL marked)', async () => {
    const { page, errors } = await open();
    await host(page, { type: 'init', history: [entry()], busy: false });
    await page.click('.code vscode-button[data-action="runSql"]');
    const run = (await posted(page)).find((m) => m.type === 'runSql');
    assert.ok(run && run.type === 'runSql');
    assert.equal(run.code, SQL);
    assert.match((await page.textContent('.code .run-result')) ?? '', /confirm in VS Code/);
    // nothing else was posted: the host decides, after a confirmation
    assert.deepEqual((await posted(page)).filter((m) => m.type !== 'ready').map((m) => m.type), ['runSql']);
    await host(page, { type: 'rows', result: { runId: run.runId, connection: 'shop', kind: 'read', columns: ['name', 'month', 'revenue'], rows: [['pro', '2026-01-01', '1200.00'], ['<img src=x onerror="window.__pwned=7">', null, '0']], truncated: true, ms: 12 } });
    await page.waitForSelector('.code .run-result table');
    assert.deepEqual(await page.locator('.code .run-result th').allTextContents(), ['name', 'month', 'revenue']);
    assert.equal(await page.locator('.code .run-result tbody tr').count(), 2);
    assert.equal(await page.textContent('.code .run-result td.null'), 'NULL');
    assert.equal(await page.locator('.code .run-result img').count(), 0);
    assert.match((await page.textContent('.code .run-result .run-status')) ?? '', /^shop: 2\+ rows \(read-only\) in 12 ms — more rows not shown$/);
    assert.equal(await page.evaluate(() => (globalThis as unknown as PageGlobals).__pwned), undefined);
    // a second run on the same block replaces the result; a refusal shows why nothing ran
    await page.click('.code vscode-button[data-action="runSql"]');
    const second = (await posted(page)).filter((m) => m.type === 'runSql').at(-1);
    assert.ok(second && second.type === 'runSql' && second.runId !== run.runId);
    await host(page, { type: 'rows', result: { runId: second.runId, connection: 'shop', columns: [], rows: [], truncated: false, cancelled: true, error: 'cancelled' } });
    await page.waitForFunction(() => ((globalThis as unknown as PageGlobals).document.querySelector('.code .run-result')?.textContent ?? '') === 'Not run: cancelled');
    assert.equal(await page.locator('.code .run-result table').count(), 0);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('a proposed schema change shows its operations, the plan size and hazards, and opens the plan view', async () => {
    const { page } = await open();
    const change: ChatChange = {
      summary: 'Soft delete for orders',
      operations: [{ op: 'add_column', table: 'orders', name: 'deleted_at', type: 'timestamptz' }, { op: 'drop_column', table: 'orders', column: 'is_deleted' }],
      descriptions: ['Add column orders.deleted_at timestamptz', 'Drop column orders.is_deleted'],
      dialect: 'postgres',
      sql: 'ALTER TABLE "orders" ADD COLUMN "deleted_at" timestamptz;\nALTER TABLE "orders" DROP COLUMN "is_deleted";',
      statements: 2,
      hazards: [{ code: 'MIG002', severity: 'error', message: 'drops column is_deleted of orders and its values', dataLoss: true }],
      plan: { dialect: 'postgres', statements: [], rollback: [], renames: [], hazards: [], rollbackHazards: [] },
    };
    await host(page, { type: 'init', history: [entry({ id: 'c', answer: 'Adds a nullable timestamp and drops the old flag.', blocks: [], attempts: 1, change })], busy: false });
    await page.waitForSelector('.turn[data-id="c"] .change');
    assert.equal(await page.textContent('.change .change-title'), 'Proposed schema change: Soft delete for orders');
    assert.deepEqual(await page.locator('.change .ops li').allTextContents(), change.descriptions);
    assert.equal(await page.textContent('.change .plan-size'), 'Migration plan (postgres): 2 statements, 1 hazard. Nothing has been applied.');
    assert.equal(await page.textContent('.change .hazards li.error'), '\u2716 MIG002 (data loss): drops column is_deleted of orders and its values');
    assert.equal(await page.locator('.change .plan-sql pre').textContent(), change.sql);
    await page.click('.change vscode-button[data-action="openChange"]');
    await page.click('.change vscode-button[data-action="applyChange"]');
    assert.deepEqual((await posted(page)).filter((m) => m.type !== 'ready'), [{ type: 'openChangePlan', entryId: 'c' }, { type: 'applyChangeToFile', entryId: 'c' }]);
    await page.close();
  });

  it('takes the screenshot for the docs', async () => {
    const { page } = await open();
    const pii = entry({
      id: 'p',
      question: 'which tables hold customer PII?',
      answer: 'Two tables hold personal data:\n\n| table | column | kind |\n|---|---|---|\n| `users` | `email` | email |\n| `users` | `phone` | phone |\n| `addresses` | `street`, `zip` | postal address |\n\n`payments` holds no PII (card data is tokenised in `card_token`).',
      blocks: [],
      attempts: 1,
      usage: { promptTokens: 820, completionTokens: 74, totalTokens: 894 },
    });
    await host(page, { type: 'init', history: [pii, entry()], busy: false, model: 'openai · gpt-4.1-mini' });
    await host(page, { type: 'start', id: 's', question: 'what migration adds soft delete to orders?' });
    await host(page, { type: 'delta', id: 's', text: 'Add a nullable `deleted_at` column and an index for the live rows:\n\n```sql\nALTER TABLE orders ADD COLUMN deleted_at timestamptz;\nCREATE INDEX orders_live_idx ON orders (id) WHERE deleted_at IS NULL;', attempt: 0 });
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.querySelectorAll('.turn .code').length >= 2);
    await page.waitForTimeout(150);
    // the committed docs/images/chat.png is refreshed only on request; a test run writes to test-results/
    const shot = process.env.SCHEMASAGE_UPDATE_SCREENSHOTS === '1' ? 'docs/images/chat.png' : 'test-results/chat.png';
    mkdirSync(shot.replace(/\/[^/]+$/, ''), { recursive: true });
    await page.screenshot({ path: shot });
    await page.close();
  });
});
