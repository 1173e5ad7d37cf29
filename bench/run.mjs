// The SchemaSage benchmark (`npm run bench`, after the build). One process,
// one run, the same conditions for every parser:
//
//   (a) @dbml/core Parser.parse(text, 'dbml')          the legacy parser
//   (b) @dbml/parse Compiler, parse.errors + rawDb     Holistics' newer compiler with its diagnostics
//   (c) SchemaSage parse + bind + diagnostics           the engine, bundled from server/src/engine
//
// on generated schemas of 10, 100, 1,000 and 5,000 tables (bench/generate.mjs)
// and on the corpus's DBML files; then whole processes (the CLI against a
// `node -e` that loads @dbml/core) and the language server over stdio (start
// to first diagnostics, didChange -> publishDiagnostics, RSS).
//
// Prints one table per part and writes bench/results/latest.json.
// Options: --sizes 10,100  --skip-lsp  --skip-process  --quick (smaller budgets)
//          --only process,lsp (just those parts: whole processes, language server; no parse tables)
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync, mkdtempSync, rmSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as esbuild from 'esbuild';
import { generateDbml } from './generate.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BUILD = join(ROOT, 'bench', '.build');
const RESULTS = join(ROOT, 'bench', 'results');
const CORPUS = resolve(ROOT, '..', 'shared', 'corpus', 'dbml');
const require = createRequire(join(ROOT, 'package.json'));

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const SIZES = (option('--sizes') ?? '10,100,1000,5000').split(',').map(Number);
const QUICK = flag('--quick');
/** `--only process,lsp`: run just these parts (the parse tables, corpus and engine edit are skipped) */
const ONLY = option('--only')?.split(',');
const runs = (part) => !ONLY || ONLY.includes(part);
/** The Node flags the VS Code client starts the server with (one list: client/src/server-node-flags.json). */
const SERVER_FLAGS = JSON.parse(readFileSync(join(ROOT, 'client', 'src', 'server-node-flags.json'), 'utf8'));
const SERVER_EXEC_ARGV = SERVER_FLAGS.execArgv;
/** The server's environment as the client makes it (client.ts serverEnvironment): `movedEnv` renamed, `defaultEnv` added. */
function serverEnv(extra) {
  const env = { ...process.env, ...extra };
  for (const [from, to] of Object.entries(SERVER_FLAGS.movedEnv ?? {})) {
    if (env[from] === undefined) continue;
    env[to] = env[from];
    delete env[from];
  }
  for (const [name, value] of Object.entries(SERVER_FLAGS.defaultEnv ?? {})) if (env[name] === undefined) env[name] = value;
  return env;
}
/** Time budget per (implementation, input): N runs = budget / first run, clamped. */
const BUDGET_MS = QUICK ? 3000 : 8000;
/** Whole-process runs (CLI and @dbml/core) at 5,000 tables (their medians are the figures). */
const PROCESS_RUNS = QUICK ? 3 : 5;
/** Warm server starts measured at 1,000 tables (their median is the figure). */
const START_RUNS = QUICK ? 3 : 7;
/** Edits after pauses (each 0.6-1.7 s, so the analysis pass runs when the keystroke comes) at 5,000 tables. */
const PAUSED_EDITS = QUICK ? 8 : 20;
/**
 * How long the server is left idle after the last edit before its RSS "at rest" is read: V8's memory
 * reducer (full collections that give pages back) runs 25-35 s after typing stops at 5,000 tables.
 */
const REST_MS = QUICK ? 0 : 45000;
/** Edit loops stop after 50 edits or this long, whichever comes first. */
const EDIT_BUDGET_MS = QUICK ? 10000 : 30000;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

// ------------------------------------------------------------------ helpers

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const fmtMs = (ms) => (ms === undefined || ms === null ? '-' : ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const fmtX = (x) => (x === undefined || x === null || !isFinite(x) ? '-' : `${x >= 10 ? x.toFixed(0) : x.toFixed(1)}x`);
const fmtMBs = (x) => (x === undefined || x === null ? '-' : x.toFixed(1));
const bytes = (text) => Buffer.byteLength(text, 'utf8');

function table(title, header, rows) {
  const all = [header, ...rows].map((r) => r.map((c) => String(c)));
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\n${title}`);
  console.log(line(all[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of all.slice(1)) console.log(line(r));
}

/**
 * Times `fn` adaptively: an untimed warm-up for cheap inputs, then as many
 * runs as fit the budget (at least minRuns, at most maxRuns); returns the median.
 * A throw ends the measurement and is recorded (the time up to the throw counts).
 */
function measure(fn, { maxRuns, minRuns = 1, warmup }) {
  const samples = [];
  const cpuSamples = [];
  let result;
  let error;
  const once = () => {
    gc();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    try {
      result = fn();
    } catch (e) {
      error = e;
    }
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    return { ms, cpuMs: (c.user + c.system) / 1000 };
  };
  if (warmup) once();
  const first = once();
  samples.push(first.ms);
  cpuSamples.push(first.cpuMs);
  const runs = Math.max(minRuns, 1, Math.min(maxRuns, Math.ceil(BUDGET_MS / Math.max(first.ms, 0.01))));
  for (let i = 1; i < runs; i++) {
    const s = once();
    samples.push(s.ms);
    cpuSamples.push(s.cpuMs);
  }
  return { ms: median(samples), min: Math.min(...samples), cpuMs: median(cpuSamples), runs: samples.length, result, error: error ? describeError(error) : undefined };
}

function describeError(e) {
  const d = e?.diags?.[0];
  if (d) return `${d.message ?? d.diagnostic ?? 'error'}${d.location ? ` (line ${d.location.start.line})` : ''}`.slice(0, 160);
  return String(e?.message ?? e).split('\n')[0].slice(0, 160);
}

// ------------------------------------------------------------------ implementations

async function buildEngine() {
  mkdirSync(BUILD, { recursive: true });
  const outfile = join(BUILD, 'engine.cjs');
  await esbuild.build({
    entryPoints: [join(ROOT, 'bench', 'engine-entry.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // as the shipped bundles are built (esbuild.mjs --production)
    minify: true,
    logLevel: 'warning',
  });
  return require(outfile);
}

function implementations(engine) {
  const { Parser } = require('@dbml/core');
  const dbmlParse = require('@dbml/parse');
  return [
    {
      id: 'dbmlCore',
      label: '@dbml/core (legacy)',
      run: (text) => {
        const db = Parser.parse(text, 'dbml');
        let tables = 0;
        for (const s of db.schemas) tables += s.tables.length;
        return { tables };
      },
    },
    {
      id: 'dbmlParse',
      label: '@dbml/parse (+diagnostics)',
      run: (text) => {
        const layout = new dbmlParse.MemoryProjectLayout();
        layout.setSource(dbmlParse.DEFAULT_ENTRY, text);
        const compiler = new dbmlParse.Compiler(layout);
        const errors = compiler.parse.errors(dbmlParse.DEFAULT_ENTRY);
        const db = compiler.parse.rawDb(dbmlParse.DEFAULT_ENTRY);
        if (errors.length) throw Object.assign(new Error(`${errors.length} errors: ${errors[0].diagnostic}`), {});
        return { tables: db?.tables?.length ?? 0 };
      },
    },
    {
      id: 'schemaSage',
      label: 'SchemaSage (parse+bind+diag)',
      run: (text) => engine.checkFiles([{ uri: 'file:///bench/input.dbml', text }]),
    },
  ];
}

// ------------------------------------------------------------------ parts

function benchInputs(impls, inputs, maxRunsFor) {
  const rows = [];
  for (const input of inputs) {
    const row = { name: input.name, bytes: bytes(input.text), tables: input.tables, results: {} };
    for (const impl of impls) {
      const maxRuns = maxRunsFor(input, impl);
      // Inputs under 1 MB get at least 3 runs, so one noisy run never is the figure.
      const m = measure(() => impl.run(input.text), { maxRuns, minRuns: row.bytes < 1_000_000 && !QUICK ? 3 : 1, warmup: row.bytes < 200_000 });
      row.results[impl.id] = { ...m, mbPerS: row.bytes / 1e6 / (m.ms / 1000), result: m.result };
      process.stderr.write(`  ${input.name.padEnd(28)} ${impl.label.padEnd(30)} ${fmtMs(m.ms).padStart(8)} ms  (n=${m.runs})${m.error ? `  REJECTED: ${m.error}` : ''}\n`);
    }
    rows.push(row);
  }
  return rows;
}

function printParseTable(title, rows) {
  table(
    title,
    ['input', 'KB', 'core ms', 'parse ms', 'SchemaSage ms', 'SS MB/s', 'vs core', 'vs parse', 'cpu: vs core', 'vs parse', 'SS tables', 'notes'],
    rows.map((r) => {
      const c = r.results.dbmlCore;
      const p = r.results.dbmlParse;
      const s = r.results.schemaSage;
      const notes = [
        c.error ? `core rejects` : '',
        p.error ? `parse rejects` : '',
        s.error ? `SS threw: ${s.error}` : '',
        s.result && s.result.errors ? `SS ${s.result.errors} errors` : '',
      ].filter(Boolean);
      return [
        r.name,
        (r.bytes / 1024).toFixed(1),
        `${fmtMs(c.ms)}${c.runs > 1 ? '' : '*'}`,
        `${fmtMs(p.ms)}${p.runs > 1 ? '' : '*'}`,
        fmtMs(s.ms),
        fmtMBs(s.mbPerS),
        fmtX(c.ms / s.ms),
        fmtX(p.ms / s.ms),
        fmtX(c.cpuMs / s.cpuMs),
        fmtX(p.cpuMs / s.cpuMs),
        s.result?.tables ?? '-',
        notes.join('; '),
      ];
    }),
  );
  console.log('(wall ms, median of n runs; * = a single run; "vs" = reference time / SchemaSage time; "cpu:" the same from process CPU time)');
}

function wall(cmd, args, opts) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...opts });
  return { ms: performance.now() - t0, status: r.status, stderr: (r.stderr ?? '').trim().split('\n').slice(-1)[0] };
}

function benchProcesses(file) {
  const cli = join(ROOT, 'dist', 'cli.js');
  if (!existsSync(cli)) return { skipped: 'dist/cli.js not built' };
  const parseScript = "const {Parser}=require('@dbml/core');const fs=require('fs');Parser.parse(fs.readFileSync(process.argv[1],'utf8'),'dbml')";
  const runs = { cli: [], dbmlCore: [] };
  let cliLast;
  let coreLast;
  // five runs each, alternated: a single run moves by 20-30% on a shared machine
  for (let i = 0; i < PROCESS_RUNS; i++) {
    cliLast = wall(process.execPath, [cli, 'check', file]);
    runs.cli.push(cliLast.ms);
    coreLast = wall(process.execPath, ['-e', parseScript, file]);
    runs.dbmlCore.push(coreLast.ms);
    process.stderr.write(`  process run ${i + 1}: cli ${fmtMs(cliLast.ms)} ms (exit ${cliLast.status}), node -e @dbml/core ${fmtMs(coreLast.ms)} ms (exit ${coreLast.status})\n`);
  }
  return {
    file: file.replace(ROOT + '/', ''),
    cliMs: median(runs.cli),
    cliExit: cliLast.status,
    cliSummary: cliLast.stderr,
    dbmlCoreMs: median(runs.dbmlCore),
    dbmlCoreExit: coreLast.status,
    ratio: median(runs.dbmlCore) / median(runs.cli),
    samples: runs,
  };
}

// ------------------------------------------------------------------ language server

/** Reads a child's resident set (VmRSS) and peak (VmHWM) in MB from /proc (Linux). */
function rssOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const mb = (key) => Number(status.match(new RegExp(`^${key}:\\s+(\\d+)`, 'm'))?.[1] ?? NaN) / 1024;
    return { rssMb: mb('VmRSS'), peakMb: mb('VmHWM') };
  } catch {
    return undefined;
  }
}

/**
 * Starts `node dist/server.js --stdio` in a folder holding only `file`, and
 * returns a small client: diagnostics waiters keyed by uri, and the process.
 */
async function startServer(file, env = {}) {
  const rpc = require('vscode-jsonrpc/node');
  const dir = mkdtempSync(join(tmpdir(), 'schemasage-bench-'));
  const target = join(dir, 'schema.dbml');
  copyFileSync(file, target);
  const uri = pathToFileURL(target).href;
  const t0 = performance.now();
  // with the flags the VS Code client passes: what users get
  const child = spawn(process.execPath, [...SERVER_EXEC_ARGV, join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: serverEnv(env) });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const exited = new Promise((res) => child.on('exit', (code) => res(code)));
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const waiters = [];
  const published = [];
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    const at = performance.now();
    published.push({ at, uri: p.uri, version: p.version, count: p.diagnostics.length });
    for (const w of waiters.splice(0)) if (!w(p, at)) waiters.push(w);
  });
  const settings = { diagnostics: { debounceMs: 0 } };
  conn.onRequest('workspace/configuration', (params) => (params.items ?? []).map((it) => (it.section === 'schemasage' || !it.section ? settings : null)));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('client/unregisterCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onRequest('workspace/workspaceFolders', () => [{ uri: pathToFileURL(dir).href, name: 'bench' }]);
  conn.onNotification(() => {});
  conn.onError(() => {});
  conn.listen();

  const text = readFileSync(target, 'utf8');
  const init = await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(dir).href,
    workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'bench' }],
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true },
      textDocument: { publishDiagnostics: { versionSupport: true }, synchronization: { didSave: true } },
    },
    initializationOptions: { ...settings, diagnosticsDebounceMs: 0 },
  });
  conn.sendNotification('initialized', {});
  conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dbml', version: 1, text } });

  /** Resolves with the time of the next publishDiagnostics for `uri` matching `pred`, after `since`. */
  const nextDiagnostics = (since, pred = () => true, timeoutMs = 60000) =>
    new Promise((res, rej) => {
      const hit = published.find((p) => p.at >= since && p.uri === uri && pred(p));
      if (hit) return res(hit.at);
      const timer = setTimeout(() => rej(new Error(`no diagnostics within ${timeoutMs} ms${stderr ? `; server stderr: ${stderr.trim().split('\n').slice(-2).join(' | ')}` : ''}`)), timeoutMs);
      waiters.push((p, at) => {
        if (p.uri !== uri || !pred(p)) return false;
        clearTimeout(timer);
        res(at);
        return true;
      });
      exited.then((code) => {
        clearTimeout(timer);
        rej(new Error(`server exited (code ${code})${stderr ? `: ${stderr.trim().split('\n').slice(-2).join(' | ')}` : ''}`));
      });
    });

  const stop = async () => {
    try {
      await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      conn.sendNotification('exit');
    } catch {
      /* the process may be gone already */
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
    if (child.exitCode === null) child.kill();
    conn.dispose();
    rmSync(dir, { recursive: true, force: true });
  };
  return { t0, uri, text, conn, child, init, nextDiagnostics, stop };
}

/** Where to type: the end of the last column name in the middle table of the file. */
function editPoint(text, tables) {
  const mid = Math.floor(tables / 2);
  const start = text.search(new RegExp(`\\nTable [\\w.]*_${mid}\\b`));
  if (start < 0) throw new Error('middle table not found');
  const end = text.indexOf('\n}', start);
  const lines = text.slice(start + 1, end).split('\n');
  let offset = start + 1;
  let point = -1;
  for (const l of lines) {
    const m = /^ {2}([a-z_][a-z0-9_]*) /.exec(l);
    if (m && m[1] !== 'indexes' && !l.includes('ref:') && !l.trimStart().startsWith('Note')) point = offset + 2 + m[1].length;
    offset += l.length + 1;
    if (l.trim() === 'indexes {' || l.trim().startsWith('Note:')) break;
  }
  if (point < 0) throw new Error('no column in the middle table');
  return point;
}

function positionOf(text, offset) {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

async function benchLsp(files) {
  const server = join(ROOT, 'dist', 'server.js');
  if (!existsSync(server)) return { skipped: 'dist/server.js not built (the language server is not there yet)' };
  const out = {};
  // (1) start -> first diagnostics at 1,000 tables: cold (no code cache: the first start after an
  // install or update), then the usual start (the launcher's V8 code cache written by the cold one)
  if (files[1000]) {
    // the usual start is the median of START_RUNS (a single start moved by 20-30% between runs)
    const cacheDir = mkdtempSync(join(tmpdir(), 'schemasage-bench-cache-'));
    const warm = [];
    for (let run = 0; run <= START_RUNS; run++) {
      const kind = run === 0 ? 'Cold' : '';
      let s;
      try {
        s = await startServer(files[1000], { SCHEMASAGE_CACHE_DIR: cacheDir });
        const at = await s.nextDiagnostics(0);
        if (kind) out.startToFirstDiagnosticsMs1000Cold = at - s.t0;
        else warm.push(at - s.t0);
        process.stderr.write(`  LSP start -> first diagnostics (1,000 tables${kind ? ', cold' : `, run ${run}`}): ${fmtMs(at - s.t0)} ms\n`);
      } catch (e) {
        out.startError = String(e.message ?? e);
        process.stderr.write(`  LSP start failed: ${out.startError}\n`);
      } finally {
        await s?.stop();
      }
    }
    if (warm.length) {
      out.startToFirstDiagnosticsMs1000 = percentile(warm, 50);
      out.startToFirstDiagnosticsRuns1000 = warm.map((x) => Math.round(x));
    }
    rmSync(cacheDir, { recursive: true, force: true });
  }
  // (2) edits and memory at 5,000 tables
  if (files[5000]) {
    let s;
    try {
      s = await startServer(files[5000]);
      const first = await s.nextDiagnostics(0, () => true, 120000);
      out.startToFirstDiagnosticsMs5000 = first - s.t0;
      const sync = s.init?.capabilities?.textDocumentSync;
      const kind = typeof sync === 'number' ? sync : sync?.change ?? 1;
      out.syncKind = kind === 2 ? 'incremental' : 'full';
      let text = s.text;
      let offset = editPoint(text, 5000);
      const letters = 'abcdefghijklmnopqrstuvwxyz';
      let version = 1;
      /** Types the next letter at the edit point; resolves with the ms until its diagnostics are published. */
      const typeLetter = async () => {
        const ch = letters[version % letters.length];
        const pos = positionOf(text, offset);
        text = text.slice(0, offset) + ch + text.slice(offset);
        offset++;
        const v = ++version;
        const contentChanges = kind === 2 ? [{ range: { start: pos, end: pos }, text: ch }] : [{ text }];
        const sent = performance.now();
        s.conn.sendNotification('textDocument/didChange', { textDocument: { uri: s.uri, version: v }, contentChanges });
        const at = await s.nextDiagnostics(sent, (p) => p.version === undefined || p.version === null || p.version >= v, 20000);
        return at - sent;
      };
      const latencies = [];
      const loopStart = performance.now();
      while (latencies.length < 50 && performance.now() - loopStart < EDIT_BUDGET_MS) latencies.push(await typeLetter());
      out.didChangeP50Ms = percentile(latencies, 50);
      out.didChangeP95Ms = percentile(latencies, 95);
      out.didChangeMaxMs = Math.max(...latencies);
      out.didChangeEdits = latencies.length;
      out.didChangeSamples = latencies.map((x) => Math.round(x * 10) / 10);
      const mem = rssOf(s.child.pid);
      if (mem) {
        out.rssMb5000 = mem.rssMb;
        out.peakRssMb5000 = mem.peakMb;
      }
      process.stderr.write(`  LSP didChange -> publishDiagnostics (5,000 tables, ${out.syncKind} sync): p50 ${fmtMs(out.didChangeP50Ms)} ms, p95 ${fmtMs(out.didChangeP95Ms)} ms; RSS ${mem ? mem.rssMb.toFixed(0) : '-'} MB\n`);
      // (3) typing with pauses: after each edit a pause of 0.6-1.7 s, long enough for the analysis pass
      // (inference and lint over every table) to start, so the next keystroke lands while it runs
      const paused = [];
      for (let i = 0; i < PAUSED_EDITS; i++) {
        await new Promise((r) => setTimeout(r, 600 + ((i * 97) % 1100)));
        paused.push(await typeLetter());
      }
      out.pausedP50Ms = percentile(paused, 50);
      out.pausedP95Ms = percentile(paused, 95);
      out.pausedMaxMs = Math.max(...paused);
      out.pausedSamples = paused.map((x) => Math.round(x));
      const memPaused = rssOf(s.child.pid);
      if (memPaused) out.rssMbPaused5000 = memPaused.rssMb;
      process.stderr.write(`  LSP didChange -> publishDiagnostics after pauses (5,000 tables, ${paused.length} edits): p50 ${fmtMs(out.pausedP50Ms)} ms, p95 ${fmtMs(out.pausedP95Ms)} ms, max ${fmtMs(out.pausedMaxMs)} ms; RSS ${memPaused ? memPaused.rssMb.toFixed(0) : '-'} MB\n`);
      // (4) at rest: what the server holds while the user reads (sampled each second, the last sample kept)
      if (REST_MS > 0) {
        const restStart = performance.now();
        const samples = [];
        while (performance.now() - restStart < REST_MS) {
          await new Promise((r) => setTimeout(r, 1000));
          const m = rssOf(s.child.pid);
          if (m) samples.push(Math.round(m.rssMb));
        }
        if (samples.length) {
          out.rssMbRest5000 = samples[samples.length - 1];
          out.rssRestSamples = samples;
        }
        process.stderr.write(`  LSP RSS at rest (${REST_MS / 1000} s after the last edit, 5,000 tables): ${out.rssMbRest5000 ?? '-'} MB (each second: ${samples.join(' ')})\n`);
      }
    } catch (e) {
      out.editError = String(e.message ?? e);
      process.stderr.write(`  LSP edit bench failed: ${out.editError}\n`);
    } finally {
      await s?.stop();
    }
  }
  return out;
}

// ------------------------------------------------------------------ main

function packageVersion(name) {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

async function main() {
  const started = performance.now();
  const engine = runs('parse') || runs('edit') ? await buildEngine() : undefined;
  const impls = engine ? implementations(engine) : undefined;
  mkdirSync(RESULTS, { recursive: true });
  mkdirSync(BUILD, { recursive: true });

  const loadAtStart = loadavg()[0];
  console.log(`SchemaSage benchmark  node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, load average ${loadAtStart.toFixed(1)}`);
  // the server and CLI rows measure dist/: `npm run bench` builds it as it ships (esbuild.mjs --production)
  const lspBundle = join(ROOT, 'dist', 'lsp.js');
  if (existsSync(lspBundle)) console.log(`dist/ bundles: ${readFileSync(lspBundle, 'utf8').includes('//# sourceMappingURL=') ? 'development build (node esbuild.mjs): not what ships' : 'production build, as shipped'}`);
  if (loadAtStart > cpus().length) console.log(`warning: the machine is busy (load ${loadAtStart.toFixed(1)} on ${cpus().length} cores); absolute times are inflated, ratios less so`);

  // Generated schemas, written out for the process and server parts.
  const generated = SIZES.map((n) => {
    const g = generateDbml(n);
    const file = join(BUILD, `generated-${n}.dbml`);
    writeFileSync(file, g.text);
    return { name: `generated ${n} tables`, text: g.text, tables: n, refs: g.refs, file };
  });
  const filesBySize = Object.fromEntries(generated.map((g) => [g.tables, g.file]));

  process.stderr.write('generated schemas:\n');
  const maxRunsGen = (input) => (input.tables <= 10 ? 31 : input.tables <= 100 ? 15 : input.tables <= 1000 ? 7 : 3);
  const genRows = runs('parse') ? benchInputs(impls, generated, maxRunsGen) : [];

  process.stderr.write('corpus:\n');
  const corpus = runs('parse') && existsSync(CORPUS)
    ? readdirSync(CORPUS)
        .filter((f) => f.endsWith('.dbml'))
        .sort()
        .map((f) => ({ name: f, text: readFileSync(join(CORPUS, f), 'utf8') }))
    : [];
  const corpusRows = benchInputs(impls, corpus, (input) => (bytes(input.text) > 200_000 ? 5 : 15));

  let processes = { skipped: 'no 5,000-table input' };
  if (!flag('--skip-process') && runs('process') && filesBySize[5000]) {
    process.stderr.write('whole processes (5,000 tables):\n');
    processes = benchProcesses(filesBySize[5000]);
  }

  let lsp = { skipped: '--skip-lsp' };
  if (!flag('--skip-lsp') && runs('lsp')) {
    process.stderr.write('language server:\n');
    lsp = await benchLsp(filesBySize);
  }

  // In-process edit latency at the largest size: one character typed into a
  // column name, then full bind + the file's diagnostics (what a didChange costs
  // the engine, without the protocol).
  let engineEdit;
  const largest = generated[generated.length - 1];
  if (largest && engine && runs('edit')) {
    const session = engine.editSession('file:///bench/edit.dbml', largest.text);
    let text = largest.text;
    let offset = editPoint(text, largest.tables);
    const lat = [];
    const loopStart = performance.now();
    for (let i = 0; i < 50 && performance.now() - loopStart < EDIT_BUDGET_MS; i++) {
      text = text.slice(0, offset) + 'x' + text.slice(offset);
      offset++;
      const t0 = performance.now();
      session.edit(text);
      lat.push(performance.now() - t0);
    }
    engineEdit = { tables: largest.tables, edits: lat.length, p50Ms: percentile(lat, 50), p95Ms: percentile(lat, 95), maxMs: Math.max(...lat) };
  }

  // ---- report
  if (genRows.length) printParseTable('Generated schemas: parse (+ bind + diagnostics for SchemaSage)', genRows);
  if (corpusRows.length) printParseTable('Corpus (../shared/corpus/dbml)', corpusRows);
  if (engineEdit) {
    table('Engine edit latency (in process, one character typed into a column name)', ['tables', 'edits', 'p50 ms', 'p95 ms', 'max ms'], [
      [engineEdit.tables, engineEdit.edits, fmtMs(engineEdit.p50Ms), fmtMs(engineEdit.p95Ms), fmtMs(engineEdit.maxMs)],
    ]);
  }
  if (processes.skipped) console.log(`\nWhole process: skipped (${processes.skipped})`);
  else
    table(`Whole process on the 5,000-table file (wall time, median of ${PROCESS_RUNS})`, ['process', 'ms', 'exit', 'ratio'], [
      ['node dist/cli.js check', fmtMs(processes.cliMs), processes.cliExit, ''],
      ['node -e @dbml/core Parser.parse', fmtMs(processes.dbmlCoreMs), processes.dbmlCoreExit, fmtX(processes.ratio)],
    ]);
  if (lsp.skipped) console.log(`\nLanguage server: skipped (${lsp.skipped})`);
  else
    table(`Language server over stdio (node ${SERVER_EXEC_ARGV.length ? SERVER_EXEC_ARGV.join(' ') : 'with no flags'}, as the VS Code client starts it)`, ['measure', 'value', 'target'], [
      ['start -> first diagnostics, 1,000 tables (ms, median of the warm starts)', lsp.startError ? `failed: ${lsp.startError.slice(0, 60)}` : fmtMs(lsp.startToFirstDiagnosticsMs1000), '< 300'],
      ['  the same, cold (no code cache yet: first start after install) (ms)', fmtMs(lsp.startToFirstDiagnosticsMs1000Cold), ''],
      ['start -> first diagnostics, 5,000 tables (ms)', fmtMs(lsp.startToFirstDiagnosticsMs5000), ''],
      [`didChange -> publishDiagnostics p50, 5,000 tables (ms)`, lsp.editError ? `failed: ${lsp.editError.slice(0, 60)}` : fmtMs(lsp.didChangeP50Ms), ''],
      [`didChange -> publishDiagnostics p95, 5,000 tables (ms, ${lsp.didChangeEdits ?? 0} edits, ${lsp.syncKind ?? '?'} sync)`, fmtMs(lsp.didChangeP95Ms), '< 50'],
      ['server RSS after edits, 5,000 tables (MB)', lsp.rssMb5000 ? lsp.rssMb5000.toFixed(0) : '-', '< 150'],
      ['server peak RSS, 5,000 tables (MB)', lsp.peakRssMb5000 ? lsp.peakRssMb5000.toFixed(0) : '-', ''],
      [`didChange -> publishDiagnostics after 0.6-1.7 s pauses (the analysis running), p50 / p95 / max (ms, ${lsp.pausedSamples?.length ?? 0} edits)`, lsp.pausedP95Ms === undefined ? '-' : `${fmtMs(lsp.pausedP50Ms)} / ${fmtMs(lsp.pausedP95Ms)} / ${fmtMs(lsp.pausedMaxMs)}`, ''],
      ['server RSS after the paused edits, 5,000 tables (MB)', lsp.rssMbPaused5000 ? lsp.rssMbPaused5000.toFixed(0) : '-', ''],
      [`server RSS at rest, ${REST_MS / 1000} s after the last edit, 5,000 tables (MB)`, lsp.rssMbRest5000 ? lsp.rssMbRest5000.toFixed(0) : '-', '< 150'],
    ]);

  const strip = (rows) =>
    rows.map((r) => ({
      name: r.name,
      bytes: r.bytes,
      tables: r.tables,
      results: Object.fromEntries(
        Object.entries(r.results).map(([k, v]) => [k, { ms: v.ms, minMs: v.min, cpuMs: v.cpuMs, runs: v.runs, mbPerS: v.mbPerS, error: v.error, result: v.result }]),
      ),
      ratios: {
        vsDbmlCore: r.results.dbmlCore.ms / r.results.schemaSage.ms,
        vsDbmlParse: r.results.dbmlParse.ms / r.results.schemaSage.ms,
        cpuVsDbmlCore: r.results.dbmlCore.cpuMs / r.results.schemaSage.cpuMs,
        cpuVsDbmlParse: r.results.dbmlParse.cpuMs / r.results.schemaSage.cpuMs,
      },
    }));
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    versions: { dbmlCore: packageVersion('@dbml/core'), dbmlParse: packageVersion('@dbml/parse') },
    generated: strip(genRows),
    corpus: strip(corpusRows),
    engineEdit,
    processes,
    lsp: { ...lsp, execArgv: SERVER_EXEC_ARGV },
    totalSeconds: (performance.now() - started) / 1000,
    loadAverage: { start: loadAtStart, end: loadavg()[0] },
  };
  const out = join(RESULTS, 'latest.json');
  writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
  console.log(`\nwrote ${out.replace(ROOT + '/', '')} in ${report.totalSeconds.toFixed(0)} s`);
}

await main();
