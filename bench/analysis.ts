/**
 * Inference + lint timing (issue 5): on every corpus file, the time
 * `Workspace.analysis()` takes after the file is parsed and bound (median of
 * runs, each on a fresh workspace so nothing is cached). Run by `npm run bench`.
 *
 *   node --import tsx bench/analysis.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Workspace, type FileKind } from '../server/src/engine/workspace.ts';

const CORPUS = join(fileURLToPath(new URL('..', import.meta.url)), '..', 'shared', 'corpus');
const manifest = JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8')) as { file: string; dialect: string; bytes: number }[];

function kind(dialect: string): FileKind {
  if (dialect === 'dbml' || dialect === 'prisma') return { language: dialect };
  return { language: 'sql', dialect: dialect as FileKind['dialect'] };
}

const rows: string[] = [];
let worst = { file: '', ms: 0 };
for (const e of [...manifest].sort((a, b) => b.bytes - a.bytes)) {
  const text = readFileSync(join(CORPUS, e.file), 'utf8');
  const times: number[] = [];
  let counts = '';
  for (let i = 0; i < 5; i++) {
    const ws = new Workspace({ analysis: {} });
    ws.setFile(`file:///corpus/${e.file}`, text, 0, kind(e.dialect));
    ws.binding();
    const t = performance.now();
    const a = ws.analysis();
    times.push(performance.now() - t);
    counts = `${a.inferred.length} inferred, ${a.findings.length} lint findings`;
  }
  times.sort((x, y) => x - y);
  const ms = times[2];
  if (ms > worst.ms) worst = { file: e.file, ms };
  rows.push(`${e.file.padEnd(44)} ${(e.bytes / 1024).toFixed(0).padStart(6)} KB  inference+lint ${ms.toFixed(1).padStart(7)} ms  (${counts})`);
}
console.log('Inference + lint per corpus file (median of 5, after parse and bind)');
for (const r of rows) console.log(r);
console.log(`slowest: ${worst.file} ${worst.ms.toFixed(1)} ms (target: under 150 ms on the largest file)`);
