/**
 * `npm run eval:infer` (node --import tsx scripts/eval-infer.ts): scores
 * relationship inference on every corpus file with declared foreign keys.
 * Each file is loaded through the engine's Workspace; its declared
 * relationships are stripped and kept as the ground truth; inference and the
 * baseline (`<singular table>_id -> table.id`) run on what is left. Prints a
 * per-file table, the overall (micro-averaged) figures and the time inference
 * took on each file; exits 0. `--verbose` lists misses and extras.
 *
 * Files whose names carry no meaning (machine-generated `table_12.col_2289`)
 * cannot be inferred from names by anyone; they are shown, and the overall
 * figures are given with and without them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Workspace, type SchemaLanguage } from '../server/src/engine/workspace.js';
import type { Schema } from '../server/src/engine/model/schema.js';
import type { SqlDialect } from '../server/src/engine/syntax/sql/index.js';
import { inferRelationships } from '../server/src/engine/infer/index.js';
import { evaluateSchema, sumScores, type Evaluation, type Score } from '../server/src/engine/infer/evaluate.js';

export const CORPUS = join(fileURLToPath(new URL('../', import.meta.url)), '..', 'shared', 'corpus');

export interface FileEvaluation extends Evaluation {
  file: string;
  dialect: string;
  tables: number;
  /** the file's names are opaque (`col_123`): nothing to infer from */
  opaque: boolean;
  /** milliseconds inference took on the file's schema (best of 3) */
  inferMs: number;
}

export interface Totals {
  inferred: Score;
  baseline: Score;
  inferredOnDeclaringTables: Score;
}

export interface CorpusEvaluation {
  files: FileEvaluation[];
  /** every file */
  all: Totals;
  /** files with meaningful names (the figure the targets apply to) */
  named: Totals;
}

/** The schema of one file, loaded as the language server would load it. */
export function loadSchema(path: string, dialect: string): Schema | undefined {
  const language: SchemaLanguage = dialect === 'dbml' ? 'dbml' : dialect === 'prisma' ? 'prisma' : 'sql';
  const uri = `file:///corpus/${path}`;
  const ws = new Workspace();
  ws.setFile(uri, readFileSync(join(CORPUS, path), 'utf8'), 0, language === 'sql' ? { language, dialect: dialect as SqlDialect } : { language });
  return ws.binding().parts.find((p) => p.tables.some((t) => t.source?.uri === uri));
}

/** True when nearly every column is named `<word><digits>` (`col_2289`): generated names, no naming evidence. */
export function opaqueNames(schema: Schema): boolean {
  let n = 0;
  let opaque = 0;
  for (const t of schema.tables)
    for (const c of t.columns) {
      n++;
      if (/^[A-Za-z]+_?\d+$/.test(c.name)) opaque++;
    }
  return n > 0 && opaque / n >= 0.9;
}

export function evaluateCorpus(root = CORPUS): CorpusEvaluation {
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as { file: string; dialect: string }[];
  const files: FileEvaluation[] = [];
  for (const rec of manifest) {
    const schema = loadSchema(rec.file, rec.dialect);
    if (!schema || !schema.relationships.some((r) => r.source === 'declared')) continue;
    const e = evaluateSchema(schema);
    const stripped: Schema = { ...schema, relationships: [] };
    let inferMs = Infinity;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      inferRelationships(stripped);
      inferMs = Math.min(inferMs, performance.now() - t0);
    }
    files.push({ ...e, file: rec.file, dialect: rec.dialect, tables: schema.tables.length, opaque: opaqueNames(schema), inferMs });
  }
  const total = (fs: FileEvaluation[]): Totals => ({
    inferred: sumScores(fs.map((f) => f.inferred)),
    baseline: sumScores(fs.map((f) => f.baseline)),
    inferredOnDeclaringTables: sumScores(fs.map((f) => f.inferredOnDeclaringTables)),
  });
  return { files, all: total(files), named: total(files.filter((f) => !f.opaque)) };
}

function pct(x: number): string {
  return x.toFixed(2);
}

function row(cells: (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** The evaluation as a Markdown table (also what docs/inference.md shows). */
export function formatTable(ev: CorpusEvaluation): string {
  const lines = [
    row(['file', 'tables', 'declared', 'inferred', 'TP', 'precision', 'recall', 'baseline P', 'baseline R', 'P on declaring tables', 'infer ms']),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
  ];
  for (const f of ev.files) {
    const i = f.inferred;
    const b = f.baseline;
    lines.push(row([f.file + (f.opaque ? ' (opaque names)' : ''), f.tables, i.truth, i.predicted, i.truePositives, pct(i.precision), pct(i.recall), pct(b.precision), pct(b.recall), pct(f.inferredOnDeclaringTables.precision), f.inferMs.toFixed(2)]));
  }
  const total = (label: string, t: Totals) =>
    row([`**${label}**`, '', t.inferred.truth, t.inferred.predicted, t.inferred.truePositives, `**${pct(t.inferred.precision)}**`, `**${pct(t.inferred.recall)}**`, pct(t.baseline.precision), pct(t.baseline.recall), pct(t.inferredOnDeclaringTables.precision), '']);
  lines.push(total('overall, named files', ev.named));
  lines.push(total('overall, all files', ev.all));
  return lines.join('\n');
}

function main(): void {
  const ev = evaluateCorpus();
  console.log(formatTable(ev));
  const n = ev.named;
  const ok = n.inferred.precision >= 0.9 && n.inferred.recall >= 0.85 && n.inferred.precision > n.baseline.precision && n.inferred.recall > n.baseline.recall;
  console.log(
    `\nnamed files: precision ${n.inferred.precision.toFixed(3)}, recall ${n.inferred.recall.toFixed(3)} (baseline ${n.baseline.precision.toFixed(3)}, ${n.baseline.recall.toFixed(3)})` +
      `\ntargets (named files: precision >= 0.90, recall >= 0.85, both above the baseline): ${ok ? 'met' : 'NOT met'}`,
  );
  if (process.argv.includes('--verbose'))
    for (const f of ev.files) {
      if (f.opaque) continue;
      for (const m of f.missed) console.log(`miss  ${f.file}  ${m}`);
      for (const x of f.extra) console.log(`extra ${f.file}  ${x}`);
    }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
