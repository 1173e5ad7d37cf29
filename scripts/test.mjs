#!/usr/bin/env node
// The one test command (npm test). Runs, in order: the type check, the build,
// the TextMate grammar scope tests, then every test file through Node's own test
// runner in a single run (engine, corpus, conformance, fuzz, protocol, e2e), so
// the run ends with one summary. `node scripts/test.mjs unit` leaves out e2e;
// `node scripts/test.mjs e2e` runs only e2e. Extra args after `--` are file filters.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const mode = args[0] && !args[0].startsWith('-') ? args[0] : 'all';
const filters = args.includes('--') ? args.slice(args.indexOf('--') + 1) : [];

function run(cmd, cmdArgs, opts = {}) {
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    console.error(`\n${cmd} ${cmdArgs.join(' ')} failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
}

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'fixtures') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.test\.(ts|mjs)$/.test(name)) out.push(p);
  }
  return out;
}

const npx = (bin) => join('node_modules', '.bin', bin);

// a fresh clone: install first, so `npm test` is one command
if (!existsSync(join('node_modules', '.bin', 'tsc'))) run('npm', ['ci', '--no-audit', '--no-fund']);

if (mode !== 'e2e') {
  run(npx('tsc'), ['-b']);
}
run(process.execPath, ['esbuild.mjs']);
if (mode !== 'e2e' && existsSync('syntaxes/test')) {
  const grammarTests = readdirSync('syntaxes/test').filter((f) => f.endsWith('.test.dbml')).map((f) => join('syntaxes/test', f));
  if (grammarTests.length) run(npx('vscode-tmgrammar-test'), ['-g', 'syntaxes/dbml.tmLanguage.json', ...grammarTests]);
}

let files = [...walk('server/test'), ...walk('test')];
files = files.filter((f) => (mode === 'e2e' ? f.includes('e2e') : mode === 'unit' ? !f.includes('e2e') : true));
if (filters.length) files = files.filter((f) => filters.some((x) => f.includes(x)));
if (files.some((f) => f.includes('e2e'))) run('bash', ['scripts/setup-code-server.sh']);
if (!files.length) {
  console.error('no test files found');
  process.exit(1);
}
run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { env: { ...process.env } });
