/**
 * Prisma speed: parse + validate (+ interpret) of generated schemas against
 * `@prisma/prisma-schema-wasm`'s `lint` in the same process and run.
 * `generatePrisma(n)` is deterministic (seeded) and valid for the engine;
 * `benchPrisma()` returns the figures (for the lead's `npm run bench`);
 * `node --import tsx server/test/prisma/bench.ts [sizes] [runs]` prints them.
 * Not a test file (no `.test.ts`): timing is not asserted in CI.
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { interpretPrisma, parsePrisma, PrismaParseCache, validatePrisma } from '../../src/engine/syntax/prisma/index.js';

const require = createRequire(import.meta.url);

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A valid PostgreSQL Prisma schema with `n` models (plus n/10 enums), relations, indexes, maps and native types. */
export function generatePrisma(n: number, seed = 42): string {
  const r = rng(seed);
  const enums = Math.max(1, Math.floor(n / 10));
  const parent: number[] = [];
  const children: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i++) {
    parent.push(i > 0 && r() < 0.8 ? Math.floor(r() * i) : -1);
    if (parent[i] >= 0) children[parent[i]].push(i);
  }
  const out: string[] = [
    'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n',
    'generator client {\n  provider = "prisma-client-js"\n}\n',
  ];
  for (let e = 0; e < enums; e++) out.push(`/// Status values ${e}\nenum Status${e} {\n  ACTIVE\n  INACTIVE @map("inactive")\n  ARCHIVED\n}\n`);
  for (let i = 0; i < n; i++) {
    const lines: string[] = [`/// Model number ${i}`, `model Model${i} {`];
    lines.push('  id        Int      @id @default(autoincrement())');
    lines.push('  name      String   @db.VarChar(255)');
    lines.push(`  email     String   @unique @map("email_${i}")`);
    lines.push('  createdAt DateTime @default(now()) @map("created_at")');
    lines.push('  updatedAt DateTime @updatedAt');
    lines.push(`  status    Status${i % enums} @default(ACTIVE)`);
    lines.push('  score     Float?');
    lines.push('  price     Decimal  @db.Decimal(10, 2)');
    lines.push('  tags      String[]');
    lines.push('  data      Json?');
    const extra = Math.floor(r() * 4);
    for (let k = 0; k < extra; k++) lines.push(`  extra${k}    ${['Int', 'String', 'Boolean', 'BigInt'][k]}?`);
    if (parent[i] >= 0) {
      lines.push('  parentId  Int?');
      lines.push(`  parent    Model${parent[i]}? @relation(fields: [parentId], references: [id], onDelete: Cascade)`);
    }
    for (const c of children[i]) lines.push(`  children${c} Model${c}[]`);
    lines.push('');
    if (parent[i] >= 0) lines.push('  @@index([parentId])');
    lines.push('  @@unique([name, createdAt])');
    lines.push(`  @@map("model_${i}")`);
    lines.push('}\n');
    out.push(lines.join('\n'));
  }
  return out.join('\n');
}

export interface PrismaBenchRow {
  models: number;
  bytes: number;
  /** parse + validate, ms (minimum of the runs; `oursMedian` the median) */
  ours: number;
  oursMedian: number;
  /** parse + interpret into the Schema, validation diagnostics included (what the workspace runs), ms (minimum; `oursInterpretMedian` the median) */
  oursInterpret: number;
  oursInterpretMedian: number;
  /** re-parse with the block cache after one character typed in the middle model + validate, ms (minimum) */
  oursEdit: number;
  /** prisma-schema-wasm lint, ms (minimum; `wasmMedian` the median) */
  wasm: number;
  wasmMedian: number;
  oursMBps: number;
  /** CPU time (all threads of the process, so GC helpers count) of parse + validate, of parse + interpret and of the wasm lint, ms (minimum): steadier than wall time on a loaded machine */
  oursCpu: number;
  oursInterpretCpu: number;
  wasmCpu: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Wall and CPU times of repeated runs of one measured function. */
class Timer {
  readonly wall: number[] = [];
  readonly cpu: number[] = [];
  run(f: () => void): void {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    f();
    this.wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    this.cpu.push((c.user + c.system) / 1000);
  }
  /** the minimum: the figure least disturbed by other processes on a shared 2-core machine */
  get min(): number {
    return Math.min(...this.wall);
  }
  get median(): number {
    return median(this.wall);
  }
  get minCpu(): number {
    return Math.min(...this.cpu);
  }
}

/**
 * Times ours and the wasm engine at each size, in the same process after a
 * warm-up, interleaved run by run (ours, ours with interpretation, the wasm,
 * the keystroke), so a burst of load on the machine hits all of them alike.
 */
export function benchPrisma(sizes = [1000, 5000], runs = 9): PrismaBenchRow[] {
  const wasm = require('@prisma/prisma-schema-wasm') as { lint(s: string): string };
  const rows: PrismaBenchRow[] = [];
  const warm = generatePrisma(200);
  for (let i = 0; i < 5; i++) {
    validatePrisma([{ uri: 'u', file: parsePrisma(warm) }]);
    interpretPrisma([{ uri: 'u', file: parsePrisma(warm) }]);
    wasm.lint(JSON.stringify([['schema.prisma', warm]]));
  }
  for (const n of sizes) {
    const text = generatePrisma(n);
    const input = JSON.stringify([['schema.prisma', text]]);
    const cache = new PrismaParseCache();
    parsePrisma(text, cache);
    const mid = text.indexOf(`model Model${Math.floor(n / 2)} {`) + 'model Model'.length + 2;
    let k = 0;
    const ours = new Timer();
    const full = new Timer();
    const lint = new Timer();
    const edit = new Timer();
    for (let i = 0; i < runs; i++) {
      ours.run(() => {
        const file = parsePrisma(text);
        validatePrisma([{ uri: 'u', file }]);
      });
      lint.run(() => {
        wasm.lint(input);
      });
      full.run(() => {
        const file = parsePrisma(text);
        interpretPrisma([{ uri: 'u', file }]);
      });
      edit.run(() => {
        const edited = text.slice(0, mid) + 'abcdefghij'[k++ % 10] + text.slice(mid);
        const file = parsePrisma(edited, cache);
        validatePrisma([{ uri: 'u', file }]);
      });
    }
    rows.push({
      models: n,
      bytes: text.length,
      ours: ours.min,
      oursMedian: ours.median,
      oursInterpret: full.min,
      oursInterpretMedian: full.median,
      oursEdit: edit.min,
      wasm: lint.min,
      wasmMedian: lint.median,
      oursMBps: text.length / 1e6 / (ours.min / 1000),
      oursCpu: ours.minCpu,
      oursInterpretCpu: full.minCpu,
      wasmCpu: lint.minCpu,
    });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = process.argv[2] ? process.argv[2].split(',').map(Number) : [1000, 5000];
  const runs = process.argv[3] ? Number(process.argv[3]) : undefined;
  for (const r of benchPrisma(sizes, runs)) {
    console.log(
      `${r.models} models, ${(r.bytes / 1e6).toFixed(2)} MB: parse+validate ${r.ours.toFixed(1)} ms (median ${r.oursMedian.toFixed(1)}; ${r.oursMBps.toFixed(1)} MB/s), ` +
        `parse+interpret (validation included) ${r.oursInterpret.toFixed(1)} ms (median ${r.oursInterpretMedian.toFixed(1)}), one-keystroke re-parse+validate ${r.oursEdit.toFixed(1)} ms; ` +
        `prisma-schema-wasm lint ${r.wasm.toFixed(1)} ms (median ${r.wasmMedian.toFixed(1)}); ` +
        `wasm/ours ${(r.wasm / r.ours).toFixed(2)}x (median ${(r.wasmMedian / r.oursMedian).toFixed(2)}x), with interpretation ${(r.wasm / r.oursInterpret).toFixed(2)}x (median ${(r.wasmMedian / r.oursInterpretMedian).toFixed(2)}x); ` +
        `CPU time ours ${r.oursCpu.toFixed(1)} ms, with interpretation ${r.oursInterpretCpu.toFixed(1)} ms, wasm ${r.wasmCpu.toFixed(1)} ms, wasm/ours ${(r.wasmCpu / r.oursCpu).toFixed(2)}x, with interpretation ${(r.wasmCpu / r.oursInterpretCpu).toFixed(2)}x`,
    );
  }
}
