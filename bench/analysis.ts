/**
 * Inference + lint timing (issue 5): on every corpus file, the time
 * `Workspace.analysis()` takes after the file is parsed and bound (median of
 * runs, each on a fresh workspace so nothing is cached), and the share of it
 * relationship inference takes. Run by `npm run bench`.
 *
 * Both wall time and this process's CPU time are printed: the machines these
 * run on are shared, and under load the wall time measures the neighbours;
 * the target (under 150 ms on the largest file) is checked on CPU time.
 *
 *   node --import tsx bench/analysis.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Workspace, type FileKind } from '../server/src/engine/workspace.ts';
import { inferRelationships } from '../server/src/engine/infer/index.ts';

const CORPUS = join(fileURLToPath(new URL('..', import.meta.url)), '..', 'shared', 'corpus');
const manifest = JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8')) as { file: string; dialect: string; bytes: number }[];
const RUNS = 5;
const TARGET_MS = 150;

function kind(dialect: string): FileKind {
  if (dialect === 'dbml' || dialect === 'prisma') return { language: dialect };
  return { language: 'sql', dialect: dialect as FileKind['dialect'] };
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

interface Row {
  file: string;
  bytes: number;
  wall: number;
  cpu: number;
  inferCpu: number;
  counts: string;
}

const rows: Row[] = [];
for (const e of [...manifest].sort((a, b) => b.bytes - a.bytes)) {
  const text = readFileSync(join(CORPUS, e.file), 'utf8');
  const wall: number[] = [];
  const cpu: number[] = [];
  const inferCpu: number[] = [];
  let counts = '';
  for (let i = 0; i < RUNS; i++) {
    const ws = new Workspace({ analysis: {} });
    ws.setFile(`file:///corpus/${e.file}`, text, 0, kind(e.dialect));
    const binding = ws.binding();
    const t = performance.now();
    const c = process.cpuUsage();
    const a = ws.analysis();
    cpu.push(cpuMs(c));
    wall.push(performance.now() - t);
    counts = `${a.inferred.length} inferred, ${a.findings} lint findings`;
    const ci = process.cpuUsage();
    for (const part of binding.parts) if (part.tables.length) inferRelationships(part, { minConfidence: 0.5 });
    inferCpu.push(cpuMs(ci));
  }
  rows.push({ file: e.file, bytes: e.bytes, wall: median(wall), cpu: median(cpu), inferCpu: median(inferCpu), counts });
}

console.log(`Inference + lint per corpus file (median of ${RUNS}, after parse and bind; CPU = this process's CPU time)`);
for (const r of rows)
  console.log(
    `${r.file.padEnd(44)} ${(r.bytes / 1024).toFixed(0).padStart(6)} KB  wall ${r.wall.toFixed(1).padStart(7)} ms  CPU ${r.cpu.toFixed(1).padStart(7)} ms  (inference ${r.inferCpu.toFixed(1)} ms)  ${r.counts}`,
  );
const slowest = rows.reduce((a, b) => (b.cpu > a.cpu ? b : a));
const largest = rows[0];
console.log(`largest file: ${largest.file} ${largest.cpu.toFixed(1)} ms CPU (${largest.wall.toFixed(1)} ms wall)`);
console.log(`slowest: ${slowest.file} ${slowest.cpu.toFixed(1)} ms CPU (${slowest.wall.toFixed(1)} ms wall); target: under ${TARGET_MS} ms: ${slowest.cpu < TARGET_MS ? 'met' : 'NOT met'}`);
