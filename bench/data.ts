/**
 * Data-file inference throughput (issue 10). Generates a CSV (size from
 * `SCHEMASAGE_BENCH_CSV_MB`, default 200; the figure is 1024) in a
 * temp dir, then times, each in its own child process, a bare `csv-parse`
 * pass (records delivered and dropped through `on_record`, the cheapest way
 * to drive it) and the full infer pass (`profileDataFiles`: detection,
 * csv-parse, profiling, `result()`), and reports MB/s, the ratio, and the
 * peak RSS of each child (`process.resourceUsage().maxRSS`).
 *
 *   node --import tsx bench/data.ts            # 200 MB
 *   SCHEMASAGE_BENCH_CSV_MB=1024 node --import tsx bench/data.ts
 *
 * Targets: infer >= 0.5x the bare pass, infer RSS < 300 MB.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';

interface ChildResult {
  ms: number;
  /** user + system CPU time of the pass (steadier than wall time on a busy machine) */
  cpuMs: number;
  rows: number;
  maxRssMb: number;
  detail?: string;
}

const STATUSES = ['new', 'active', 'suspended', 'closed'];
const COUNTRIES = ['GB', 'US', 'FR', 'DE', 'ES', 'IT', 'NL', 'SE'];
const NAMES = ['Mary Smith', 'John Doe', 'Anna Lee', 'James Brown', 'Linda Garcia', 'Robert Miller', 'Sarah Wilson'];

async function generate(path: string, mb: number): Promise<number> {
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  out.write('id,account_uuid,name,email,amount,score,created_at,status,country,active,note\n');
  const target = mb * 1024 * 1024;
  let bytes = 0;
  let i = 0;
  let seed = 12345;
  const rnd = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  const hex = (n: number): string => Math.floor(rnd() * 16 ** n).toString(16).padStart(n, '0');
  while (bytes < target) {
    const lines: string[] = [];
    for (let k = 0; k < 2000; k++) {
      i++;
      const name = NAMES[i % NAMES.length];
      const note = i % 10 === 0 ? `"Called, left a message (#${i})"` : i % 3 === 0 ? '' : `note ${i % 977}`;
      lines.push(
        `${i},${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(6)}${hex(6)},${name},${name.split(' ')[0].toLowerCase()}${i}@example.com,${(rnd() * 10000).toFixed(2)},${(rnd() * 100).toExponential(4)},2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:15:00Z,${STATUSES[i % 4]},${COUNTRIES[i % 8]},${i % 2 === 0},${note}`,
      );
    }
    const chunk = lines.join('\n') + '\n';
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  out.end();
  await finished(out);
  return i;
}

function cpuSince(c0: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

async function bare(path: string): Promise<ChildResult> {
  const c0 = process.cpuUsage();
  const t = performance.now();
  let rows = 0;
  const parser = parse({
    delimiter: ',',
    bom: true,
    on_record: () => {
      rows++;
      return null;
    },
  });
  parser.resume();
  const done = finished(parser);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    if (!parser.write(chunk)) await new Promise<void>((r) => parser.once('drain', () => r()));
  }
  parser.end();
  await done;
  return { ms: performance.now() - t, cpuMs: cpuSince(c0), rows: rows - 1, maxRssMb: process.resourceUsage().maxRSS / 1024 };
}

async function infer(path: string): Promise<ChildResult> {
  const { profileDataFiles } = await import('../server/src/data/index.js');
  const c0 = process.cpuUsage();
  const t = performance.now();
  const r = await profileDataFiles([path]);
  const ms = performance.now() - t;
  const cpuMs = cpuSince(c0);
  const table = r.inference.schema.tables[0];
  const detail = table.columns.map((c) => `${c.name}:${c.type.raw}${c.primaryKey ? ' pk' : c.unique ? ' unique' : ''}`).join(', ');
  return { ms, cpuMs, rows: r.files[0].rows, maxRssMb: process.resourceUsage().maxRSS / 1024, detail };
}

function child(mode: string, path: string): ChildResult {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', mode, path], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${mode} child failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as ChildResult;
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--child');
  if (i >= 0) {
    const mode = process.argv[i + 1];
    const path = process.argv[i + 2];
    const res = mode === 'bare' ? await bare(path) : await infer(path);
    process.stdout.write(`${JSON.stringify(res)}\n`);
    return;
  }
  const mb = Number(process.env.SCHEMASAGE_BENCH_CSV_MB ?? 200);
  const dir = mkdtempSync(join(tmpdir(), 'ss-bench-data-'));
  const path = join(dir, 'accounts.csv');
  try {
    const tg = performance.now();
    const rows = await generate(path, mb);
    const size = statSync(path).size / (1024 * 1024);
    console.log(`data: generated ${size.toFixed(0)} MB CSV, ${rows} rows, 11 columns in ${((performance.now() - tg) / 1000).toFixed(1)} s`);
    const b = child('bare', path);
    const f = child('infer', path);
    const mbs = (ms: number): number => size / (ms / 1000);
    const line = (name: string, r: ChildResult): string =>
      `data: ${name.padEnd(16)} ${mbs(r.ms).toFixed(1).padStart(6)} MB/s wall (${(r.ms / 1000).toFixed(1)} s), ${mbs(r.cpuMs).toFixed(1).padStart(6)} MB/s CPU (${(r.cpuMs / 1000).toFixed(1)} s)  rows ${r.rows}  max RSS ${r.maxRssMb.toFixed(0)} MB`;
    console.log(line('bare csv-parse', b));
    console.log(line('infer (full)', f));
    console.log(`data: infer/bare throughput ratio ${(b.ms / f.ms).toFixed(2)} wall, ${(b.cpuMs / f.cpuMs).toFixed(2)} CPU (target >= 0.50); infer RSS ${f.maxRssMb.toFixed(0)} MB (target < 300); load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`);
    console.log(`data: inferred ${f.detail}`);
    if (f.rows !== b.rows) console.log(`data: WARNING row counts differ (bare ${b.rows}, infer ${f.rows})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
