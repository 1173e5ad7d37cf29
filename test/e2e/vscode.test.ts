/**
 * End-to-end: SchemaSage in a real VS Code (code-server from .tools/, set up by
 * scripts/setup-code-server.sh) driven through Debian's chromium by
 * playwright-core. One scenario over a fixture workspace: open a DBML file, see
 * the server's unknown-table diagnostic in the Problems view and the counts in
 * the status bar, then Go to Definition across files.
 *
 * Every wait is on a selector or an event, never a fixed sleep. code-server runs
 * in its own process group, which the test ends as a whole, and the test waits
 * for the port to close. A screenshot of the final state (and of any failure)
 * lands in test-results/.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { BASE_USER_SETTINGS, ROOT, RESULTS, UI_TIMEOUT, delay, goToLine, quickOpen, runCommand, startCodeServer, stepper, type CodeServer } from './harness.js';

const FIXTURE = join(ROOT, 'test', 'e2e', 'fixtures', 'workspace');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };

let tmp: string;
let workspace: string;
let cs: CodeServer | undefined;
let page: Page | undefined;

before(async () => {
  assert.ok(existsSync(join(ROOT, 'dist', 'client.js')) && existsSync(join(ROOT, 'dist', 'server.js')), 'build first: node esbuild.mjs');
  tmp = mkdtempSync(join(tmpdir(), 'schemasage-e2e-'));
  workspace = join(tmp, 'workspace');
  cpSync(FIXTURE, workspace, { recursive: true });
  // a saved SQLite connection to the examples' demo database, for the Connections view
  cpSync(join(ROOT, 'examples', 'demo', 'shop.sqlite'), join(workspace, 'shop.sqlite'));
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'schemasage.connections': [{ name: 'Demo shop', dialect: 'sqlite', file: 'shop.sqlite' }] }));
  // one migration not yet applied to the demo database, for the Migrations view
  mkdirSync(join(workspace, 'db', 'migrations'), { recursive: true });
  writeFileSync(join(workspace, 'db', 'migrations', '20260101000000_add_notes.sql'), '-- schemasage:up\nCREATE TABLE notes (id integer PRIMARY KEY);\n-- schemasage:down\nDROP TABLE notes;\n');
  const extensions = join(tmp, 'extensions');
  mkdirSync(extensions);
  // The repository itself is the extension folder (package.json + dist/), unless
  // SCHEMASAGE_EXTENSION_DIR names another build of it (e.g. an unpacked .vsix).
  symlinkSync(process.env.SCHEMASAGE_EXTENSION_DIR ?? ROOT, join(extensions, `${manifest.publisher}.${manifest.name}-${manifest.version}`), 'dir');
  cs = await startCodeServer({
    workspace,
    extensionsDir: extensions,
    userData: join(tmp, 'user-data'),
    logName: 'e2e-code-server.log',
    settings: {
      ...BASE_USER_SETTINGS,
      // this scenario counts problems exactly; lint and inference are covered by the protocol tests
      'schemasage.lint.enabled': false,
      'schemasage.migrations.folder': 'db/migrations',
    },
  });
  page = cs.page;
});

after(async () => {
  if (page) await page.screenshot({ path: join(RESULTS, 'e2e-vscode-final.png') }).catch(() => {});
  await cs?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('opens a DBML file, shows the unknown-table diagnostic and goes to a definition in another file', { timeout: 240_000 }, async (t) => {
  const p = page!;
  const step = stepper(t, cs!, 'e2e-vscode-failure.png');

  await step('the workbench opens the fixture workspace', async () => {
    await cs!.open('posts.dbml');
  });

  await step('Quick Open opens posts.dbml as DBML', async () => {
    await quickOpen(p, 'posts.dbml');
    await p.locator('.tabs-container .tab.active[aria-label*="posts.dbml"]').waitFor();
    await p.locator('.editor-instance .view-lines').getByText('userz', { exact: false }).first().waitFor();
    await p.locator('.statusbar-item[id="status.editor.mode"]').getByText('DBML').waitFor();
  });

  await step('the Problems view shows the unknown table at its line', async () => {
    const posts = readFileSync(join(workspace, 'posts.dbml'), 'utf8').split('\n');
    const badLine = posts.findIndex((l) => l.includes('> userz.id')) + 1;
    await runCommand(p, 'Problems: Focus on Problems View');
    const problems = p.locator('.markers-panel');
    await problems.waitFor();
    const row = problems.locator('.monaco-list-row').filter({ hasText: 'userz' }).first();
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', new RegExp(`Ln ${badLine}, Col \\d+`));
    // Only the bad ref is reported: the cross-file ref to users resolves.
    const rows = await problems.locator('.monaco-list-row').allTextContents();
    const others = rows.filter((r) => !r.includes('posts.dbml') && !r.includes('userz'));
    assert.deepEqual(others, [], `unexpected problems: ${rows.join(' | ')}`);
  });

  const status = p.locator('.statusbar-item[id$="schemasage.status"]');
  await step('the status bar counts tables and errors', async () => {
    await status.getByText(/3 tables/).waitFor();
    await status.locator('.codicon-error').waitFor();
  });

  await step('Restart Language Server brings the server back', async () => {
    // The command forgets the counts before restarting, so "3 tables" after its
    // log line can only come from the new server.
    await runCommand(p, 'SchemaSage: Restart Language Server');
    await runCommand(p, 'SchemaSage: Show Language Server Log');
    await p.locator('.panel .view-lines').getByText('Restarting the SchemaSage language server').first().waitFor();
    await status.getByText(/3 tables/).waitFor();
  });

  await step('Go to Definition jumps from posts.dbml to the table in users.dbml', async () => {
    const posts = readFileSync(join(workspace, 'posts.dbml'), 'utf8').split('\n');
    const refLine = posts.findIndex((l) => l.startsWith('Ref: posts.user_id > users.id'));
    assert.ok(refLine >= 0);
    const column = posts[refLine]!.indexOf('users.id') + 2; // 1-based, inside "users"
    const users = readFileSync(join(workspace, 'users.dbml'), 'utf8').split('\n');
    const declLine = users.findIndex((l) => /^Table users\b/.test(l)) + 1;

    await p.locator('.tabs-container .tab.active[aria-label*="posts.dbml"]').click();
    await goToLine(p, refLine + 1, column);
    const selection = p.locator('.statusbar-item[id="status.editor.selection"]');
    await selection.getByText(`Ln ${refLine + 1}, Col ${column}`).waitFor();
    await p.keyboard.press('F12');
    await p.locator('.tabs-container .tab.active[aria-label*="users.dbml"]').waitFor();
    await selection.getByText(new RegExp(`^Ln ${declLine}, Col \\d+`)).waitFor();
  });

  await step('an SQL file shows the dialect SchemaSage detected in the status bar', async () => {
    await quickOpen(p, 'inventory.sql');
    await p.locator('.tabs-container .tab.active[aria-label*="inventory.sql"]').waitFor();
    const dialect = p.locator('.statusbar-item[id$="schemasage.dialect"]');
    await dialect.getByText('MySQL').waitFor();
    await p.screenshot({ path: join(RESULTS, 'e2e-sql-dialect.png') });
  });

  await step('the SchemaSage sidebar lists the files and their tables, and a click reveals a table', async () => {
    await runCommand(p, 'SchemaSage: Focus on Schema View');
    const view = p.locator('.pane-body .monaco-list[aria-label*="Schema"]').first();
    const usersRow = view.locator('.monaco-list-row').filter({ hasText: 'users.dbml' }).first();
    await usersRow.waitFor();
    assert.match((await usersRow.textContent()) ?? '', /1 table/);
    const postsRow = view.locator('.monaco-list-row').filter({ hasText: 'posts.dbml' }).first();
    assert.match((await postsRow.textContent()) ?? '', /1 error/);
    await usersRow.click();
    const table = view.locator('.monaco-list-row[aria-level="2"]').filter({ hasText: /^users/ }).first();
    await table.waitFor();
    await table.click();
    await p.locator('.tabs-container .tab.active[aria-label*="users.dbml"]').waitFor();
    await p.screenshot({ path: join(RESULTS, 'e2e-sidebar.png') });
  });

  await step('the Connections view opens the saved SQLite connection and lists its tables and columns', async () => {
    await runCommand(p, 'SchemaSage: Focus on Connections View');
    const view = p.locator('.pane-body .monaco-list[aria-label*="Connections"]').first();
    const conn = view.locator('.monaco-list-row').filter({ hasText: 'Demo shop' }).first();
    await conn.waitFor();
    await conn.click();
    const customers = view.locator('.monaco-list-row[aria-level="2"]').filter({ hasText: /^customers/ }).first();
    await customers.waitFor();
    await conn.filter({ hasText: '5 tables' }).waitFor();
    await customers.click();
    const columns = view.locator('.monaco-list-row[aria-level="3"]').filter({ hasText: 'Columns' }).first();
    await columns.click();
    await view.locator('.monaco-list-row[aria-level="4"]').filter({ hasText: 'email' }).filter({ hasText: 'not null' }).first().waitFor();
    await p.screenshot({ path: join(RESULTS, 'e2e-connections.png') });
  });

  await step('the Migrations view shows the folder\'s migration as pending on the demo database', async () => {
    await runCommand(p, 'SchemaSage: Focus on Migrations View');
    const view = p.locator('.pane-body .monaco-list[aria-label*="Migrations"]').first();
    const conn = view.locator('.monaco-list-row').filter({ hasText: 'Demo shop' }).first();
    await conn.waitFor();
    await conn.click();
    await view.locator('.monaco-list-row[aria-level="2"]').filter({ hasText: '20260101000000_add_notes' }).filter({ hasText: 'pending' }).first().waitFor();
  });

  await step('Show ER Diagram opens the panel with the workspace\'s tables drawn', async () => {
    const open = async (): Promise<void> => {
      await quickOpen(p, 'users.dbml');
      await p.locator('.tabs-container .tab.active[aria-label*="users.dbml"]').waitFor();
      // the command opens a second quick pick (the scope), so the palette never closes in between
      await p.keyboard.press('F1');
      const input = p.locator('.quick-input-widget input');
      await input.waitFor();
      await input.fill('>SchemaSage: Show ER Diagram');
      await p.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'SchemaSage: Show ER Diagram' }).first().waitFor();
      await input.press('Enter');
      await p.locator('.quick-input-widget .quick-input-title').filter({ hasText: 'Show ER Diagram' }).waitFor();
      await p.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'The whole workspace' }).first().waitFor();
      await input.focus();
      await input.pressSequentially('whole');
      await p.locator('.quick-input-list .monaco-list-row').filter({ hasText: "This file's schema" }).waitFor({ state: 'hidden' });
      await input.press('Enter');
      await p.locator('.tabs-container .tab').filter({ hasText: 'Schema Diagram' }).first().waitFor();
    };
    // the webview's content lives in nested iframes: find the frame that draws tables
    const drawn = async (timeout: number): Promise<string[]> => {
      const deadline = Date.now() + timeout;
      let names: string[] = [];
      while (Date.now() < deadline) {
        for (const f of p.frames()) {
          try {
            names = await f.locator('g.table').evaluateAll((els) => els.map((e) => e.getAttribute('data-key') ?? e.textContent ?? ''));
          } catch {
            names = [];
          }
          if (names.length >= 3) return names;
        }
        await delay(250);
      }
      return names;
    };
    await open();
    let names = await drawn(UI_TIMEOUT / 2);
    if (names.length < 3) {
      // once in a full CI run code-server left a new webview blank (its iframe never loaded); a second panel loads
      console.error('e2e: the diagram webview stayed blank; closing and reopening it once');
      await p.locator('.tabs-container .tab').filter({ hasText: 'Schema Diagram' }).first().click();
      await p.keyboard.press('Control+W');
      await p.locator('.tabs-container .tab').filter({ hasText: 'Schema Diagram' }).waitFor({ state: 'detached' });
      await open();
      names = await drawn(UI_TIMEOUT);
    }
    assert.ok(names.length >= 3, `the diagram draws the workspace's tables (found ${names.length})`);
    assert.ok(names.some((n) => n.includes('users')) && names.some((n) => n.includes('posts')), names.join(' | '));
    await p.screenshot({ path: join(RESULTS, 'e2e-diagram.png') });
  });
});
