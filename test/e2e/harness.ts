/**
 * The end-to-end harness: a real VS Code (code-server from .tools/, set up by
 * scripts/setup-code-server.sh) on a free loopback port, driven through
 * Debian's chromium by playwright-core, plus the few UI gestures the scenarios
 * share (Quick Open, the command palette, Go to Line).
 *
 * code-server runs in its own process group, which `stop` ends as a whole
 * (extension host and language server included); it then waits for the port
 * to close. Every wait is on a selector or an event, never a fixed sleep.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { TestContext } from 'node:test';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const TOOLS = process.env.SCHEMASAGE_TOOLS ?? join(ROOT, '.tools');
export const NODE24 = join(TOOLS, 'node-24.21.0', 'bin');
export const CODE_SERVER = join(TOOLS, 'code-server', 'node_modules', '.bin', 'code-server');
export const RESULTS = join(ROOT, 'test-results');

/** Generous bounds for a busy 2-core machine. */
export const START_TIMEOUT = 60_000;
export const UI_TIMEOUT = 45_000;

/** The user settings every scenario starts from: no tips, no telemetry, no trust prompt, no updates. */
export const BASE_USER_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'git.openRepositoryInParentFolders': 'never',
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'schemasage.diagnostics.debounceMs': 0,
  // database servers of other tests listen on loopback: no "port is available" toasts over the UI
  'remote.autoForwardPorts': false,
};

export interface CodeServer {
  port: number;
  page: Page;
  userData: string;
  /** opens the workbench on the workspace and waits until the explorer lists `fileInRoot` */
  open(fileInRoot: string): Promise<void>;
  /** the extension host's and SchemaSage's logs, for a failure message */
  logs(): string;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  workspace: string;
  extensionsDir: string;
  userData: string;
  settings: Record<string, unknown>;
  /** name of the code-server log under test-results/ */
  logName: string;
}

/** Starts code-server and a chromium page on it. */
export async function startCodeServer(o: CodeServerOptions): Promise<CodeServer> {
  if (!existsSync(CODE_SERVER)) throw new Error('code-server is missing: run bash scripts/setup-code-server.sh');
  mkdirSync(RESULTS, { recursive: true });
  mkdirSync(join(o.userData, 'User'), { recursive: true });
  writeFileSync(join(o.userData, 'User', 'settings.json'), JSON.stringify(o.settings));

  const port = await freePort();
  const log = createWriteStream(join(RESULTS, o.logName));
  // detached: the child calls setsid() and leads its own process group, so the
  // whole tree (extension host, language server) ends with one kill(-pid).
  const server: ChildProcess = spawn(
    CODE_SERVER,
    [
      '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
      '--disable-workspace-trust', '--user-data-dir', o.userData, '--extensions-dir', o.extensionsDir, o.workspace,
    ],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PATH: `${NODE24}:${process.env.PATH}` } },
  );
  server.stdout!.pipe(log);
  server.stderr!.pipe(log);
  const exited = new Promise<void>((res) => server.once('exit', () => res()));
  let browser: Browser | undefined;
  const stop = async (): Promise<void> => {
    await browser?.close().catch(() => {});
    if (!server.pid) return;
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    let timer: NodeJS.Timeout | undefined;
    const killed = await Promise.race([exited.then(() => true), new Promise<boolean>((res) => (timer = setTimeout(() => res(false), 10_000)))]);
    clearTimeout(timer);
    if (!killed) {
      try {
        process.kill(-server.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await exited;
    }
    await waitForPortClosed(port, 15_000);
  };
  try {
    await waitForHealthz(port, START_TIMEOUT, exited, o.logName);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  } catch (err) {
    await stop();
    throw err;
  }
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(UI_TIMEOUT);
  return {
    port,
    page,
    userData: o.userData,
    async open(fileInRoot) {
      await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(o.workspace)}`);
      await page.locator('.monaco-workbench').waitFor();
      // the explorer lists the workspace once the window is ready for input
      await page.locator(`.explorer-folders-view .monaco-list-row[aria-label*="${fileInRoot}"]`).waitFor();
    },
    logs: () => extensionLogs(o.userData),
    stop,
  };
}

/**
 * A scenario's steps as subtests: after a failure the rest are skipped, not
 * timed out; the failing step leaves a screenshot (test-results/<shot>) and
 * prints the extension host's and SchemaSage's logs.
 */
export function stepper(t: TestContext, cs: CodeServer, shot: string): (name: string, fn: () => Promise<void>) => Promise<void> {
  let failed = false;
  return (name, fn) =>
    t.test(name, async (st) => {
      if (failed) return st.skip('an earlier step failed');
      try {
        await fn();
      } catch (err) {
        failed = true;
        await cs.page.screenshot({ path: join(RESULTS, shot) }).catch(() => {});
        console.error(cs.logs());
        throw err;
      }
    });
}

/** Ctrl+P, type, Enter on the first match. */
export async function quickOpen(p: Page, name: string): Promise<void> {
  await p.locator('.monaco-workbench').press('Control+P');
  const input = p.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(name);
  await p.locator('.quick-input-list .monaco-list-row').filter({ hasText: name }).first().waitFor();
  await input.press('Enter');
  await p.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** F1, type the command's title, Enter; waits for the palette to close unless the command opens another quick input. */
export async function runCommand(p: Page, title: string, opts: { opensQuickInput?: boolean } = {}): Promise<void> {
  await p.keyboard.press('F1');
  const input = p.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await p.locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first().waitFor();
  await input.press('Enter');
  if (!opts.opensQuickInput) await p.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** Ctrl+G with "line:column". */
export async function goToLine(p: Page, line: number, column: number): Promise<void> {
  await p.keyboard.press('Control+G');
  const input = p.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`:${line}:${column}`);
  await input.press('Enter');
  await p.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** Polls every frame of the page (webviews nest iframes) until `probe` returns a value. */
export async function inFrames<T>(p: Page, probe: (f: import('playwright-core').Frame) => Promise<T | undefined>, timeout: number): Promise<T | undefined> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    for (const f of p.frames()) {
      try {
        const v = await probe(f);
        if (v !== undefined) return v;
      } catch {
        // a frame that went away or is not ready
      }
    }
    await delay(250);
  }
  return undefined;
}

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

async function waitForHealthz(port: number, timeout: number, exited: Promise<void>, logName: string): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`code-server exited early; see ${join(RESULTS, logName)}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await delay(100);
  }
  throw new Error(`code-server did not answer /healthz on port ${port} within ${timeout} ms`);
}

async function waitForPortClosed(port: number, timeout: number): Promise<void> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((res) => {
      const sock = connect(port, '127.0.0.1');
      sock.once('connect', () => (sock.destroy(), res(true)));
      sock.once('error', () => res(false));
    });
    if (!open) return;
    await delay(100);
  }
  throw new Error(`port ${port} still open ${timeout} ms after stopping code-server`);
}

function extensionLogs(userData: string): string {
  const logs = join(userData, 'logs');
  const out: string[] = [];
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/exthost\.log$|SchemaSage/i.test(name)) out.push(`--- ${p}\n${readFileSync(p, 'utf8').slice(-4000)}`);
    }
  };
  walk(logs);
  return out.join('\n') || `no extension logs under ${logs}`;
}

export function delay(ms: number): Promise<void> {
  return new Promise((res) => setTimeout(res, ms));
}
