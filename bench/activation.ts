/**
 * Activation time and package size (issue 12's goals: activation under 100 ms,
 * .vsix under 5 MB), measured on what ships: the production bundles
 * (`node esbuild.mjs --production`), packed by `vsce` as `npm run package`
 * does, installed into code-server with `--install-extension`, opened on a
 * copy of examples/.
 *
 * Activation is read from the extension's own log line (written by
 * `activate()`): the bundle's load time (from a banner at the top of
 * dist/client.js to a footer at its end) and the time `activate()` takes
 * (the language server starts in the background and is timed apart). The
 * window is loaded N times (a reload restarts the extension host); medians
 * are printed. Finally the development build is restored.
 *
 *   node --import tsx bench/activation.ts [--runs 5]
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE_USER_SETTINGS, CODE_SERVER, NODE24, ROOT, startCodeServer } from '../test/e2e/harness.js';

const argv = process.argv.slice(2);
const RUNS = Number(argv[argv.indexOf('--runs') + 1]) || 5;

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): string {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', env, timeout: 300_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

const kb = (n: number): string => `${(n / 1024).toFixed(0)} KB`;
const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(2)} MB`;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

function logsWith(dir: string, needle: RegExp): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'SchemaSage.log') out.push(...readFileSync(p, 'utf8').split('\n').filter((l) => needle.test(l)));
    }
  };
  walk(dir);
  return out;
}

async function main(): Promise<void> {
  if (!existsSync(CODE_SERVER)) {
    console.log('activation: code-server is missing (bash scripts/setup-code-server.sh); skipped');
    return;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'schemasage-activation-'));
  try {
    // what ships
    run(process.execPath, ['esbuild.mjs', '--production']);
    const vsix = join(tmp, 'schemasage.vsix');
    run(join(ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--no-rewrite-relative-links', '-o', vsix]);
    const size = (f: string): number => (existsSync(join(ROOT, f)) ? statSync(join(ROOT, f)).size : 0);
    const webviews = readdirSync(join(ROOT, 'dist', 'webviews')).filter((f) => f.endsWith('.js')).reduce((s, f) => s + size(join('dist', 'webviews', f)), 0);
    console.log('\nPackage (production build)');
    console.log(`  .vsix                 ${mb(statSync(vsix).size)}   (goal < 5 MB)`);
    console.log(`  dist/client.js        ${kb(size('dist/client.js'))}`);
    console.log(`  dist/server.js        ${kb(size('dist/server.js'))} (launcher)`);
    console.log(`  dist/lsp.js           ${kb(size('dist/lsp.js'))}`);
    console.log(`  dist/cli.js           ${kb(size('dist/cli.js'))}`);
    console.log(`  dist/webviews/*.js    ${kb(webviews)}`);

    const extensions = join(tmp, 'extensions');
    const userData = join(tmp, 'user-data');
    mkdirSync(extensions);
    run(CODE_SERVER, ['--extensions-dir', extensions, '--user-data-dir', userData, '--install-extension', vsix, '--force'], { ...process.env, PATH: `${NODE24}:${process.env.PATH}` });
    const workspace = join(tmp, 'examples');
    cpSync(join(ROOT, 'examples'), workspace, { recursive: true });
    const cs = await startCodeServer({ workspace, extensionsDir: extensions, userData, settings: BASE_USER_SETTINGS, logName: 'bench-activation-code-server.log' });
    const loads: number[] = [];
    const activates: number[] = [];
    const waits: number[] = [];
    const servers: number[] = [];
    try {
      for (let i = 0; i < RUNS; i++) {
        if (i === 0) await cs.open('README.md');
        else await cs.page.reload();
        await cs.page.locator('.statusbar-item[id$="schemasage.status"]').getByText(/\d+ tables/).waitFor({ timeout: 60_000 });
        const deadline = Date.now() + 30_000;
        let lines: string[] = [];
        while (Date.now() < deadline && ((lines = logsWith(join(userData, 'logs'), /activated: bundle load/)).length <= i || logsWith(join(userData, 'logs'), /language server ready/).length <= i)) {
          await new Promise((r) => setTimeout(r, 200));
        }
        const m = /bundle load ([\d.]+) ms, then ([\d.]+) ms until activate\(\), activate\(\) ([\d.]+) ms/.exec(lines[i] ?? '');
        const s = /ready (\d+) ms/.exec(logsWith(join(userData, 'logs'), /language server ready/)[i] ?? '');
        if (m) {
          loads.push(Number(m[1]));
          waits.push(Number(m[2]));
          activates.push(Number(m[3]));
        }
        if (s) servers.push(Number(s[1]));
      }
    } finally {
      await cs.stop();
    }
    console.log(`\nActivation in code-server (${loads.length} window loads, median; goal: activation under 100 ms)`);
    console.log(`  bundle load (dist/client.js evaluated)   ${median(loads).toFixed(1)} ms   [${loads.map((x) => x.toFixed(0)).join(', ')}]`);
    console.log(`  activate()                               ${median(activates).toFixed(1)} ms   [${activates.map((x) => x.toFixed(0)).join(', ')}]`);
    console.log(`  (extension host, between load and activate() ${median(waits).toFixed(1)} ms: not ours)`);
    console.log(`  activation (load + activate)             ${(median(loads) + median(activates)).toFixed(1)} ms`);
    console.log(`  language server ready after activation   ${median(servers).toFixed(0)} ms (in the background)`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    // leave the development build the tests use
    run(process.execPath, ['esbuild.mjs']);
  }
}

void main();
