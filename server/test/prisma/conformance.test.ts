/**
 * Prisma conformance: the 216 validation fixtures of Prisma's schema engine
 * (../shared/conformance/prisma, `expected` = Prisma 6 verdicts). For each
 * file: the same valid/invalid verdict, and an error on each expected error
 * line. Prints the agreement rates and the disagreements; asserts the rates
 * reached as floors (the goal is all 216). With `{ version: 7 }` the verdicts
 * must equal Prisma 7's (`wasm_latest`). No tests when ../shared is absent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePrisma, interpretPrisma } from '../../src/engine/syntax/prisma/index.js';
import { LineIndex } from '../../src/engine/text/line-index.js';

const ROOT = join(fileURLToPath(new URL('../../../', import.meta.url)), '..', 'shared', 'conformance', 'prisma');

interface Rec {
  file: string;
  wasm_latest?: { valid: boolean };
  expected: { valid: boolean; clean: boolean; errors: { line: number; message: string }[]; warnings: { line: number; message: string }[] };
}

const manifest: Rec[] = existsSync(join(ROOT, 'manifest.json')) ? JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) : [];

/** Floors: raise them when the validator improves, never lower them. */
const VERDICT_FLOOR = 216;
const LINES_FLOOR = 216;
/** Files whose expected warning lines all get a warning (or error) from us; informative, with a floor too. */
const WARNING_LINES_FLOOR = 23;

export interface Outcome {
  file: string;
  verdictOk: boolean;
  linesOk: boolean;
  missing: number[];
  warningsOk: boolean;
  ours: string[];
}

export function check(rec: Rec, text: string): Outcome {
  const uri = 'file:///schema.prisma';
  const file = parsePrisma(text);
  const diagnostics = [...file.diagnostics, ...interpretPrisma([{ uri, file }]).diagnostics];
  const li = new LineIndex(text);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const errLines = new Set(errors.map((d) => li.position(d.span.start).line + 1));
  const valid = errors.length === 0;
  const missing = rec.expected.errors.map((e) => e.line).filter((l) => !errLines.has(l));
  const anyLines = new Set(diagnostics.map((d) => li.position(d.span.start).line + 1));
  const warningsOk = rec.expected.warnings.every((w) => anyLines.has(w.line));
  return {
    file: rec.file,
    verdictOk: valid === rec.expected.valid,
    linesOk: missing.length === 0,
    missing,
    warningsOk,
    ours: diagnostics.map((d) => `${d.severity[0]}${li.position(d.span.start).line + 1}:${d.code} ${d.message.slice(0, 120)}`),
  };
}

if (manifest.length) {
  test('Prisma conformance: verdicts and error lines agree with the schema engine', () => {
    const outcomes = manifest.map((r) => check(r, readFileSync(join(ROOT, r.file), 'utf8')));
    const verdict = outcomes.filter((o) => o.verdictOk).length;
    const lines = outcomes.filter((o) => o.linesOk).length;
    const both = outcomes.filter((o) => o.verdictOk && o.linesOk).length;
    const withWarnings = manifest.filter((r) => r.expected.warnings.length);
    const warned = outcomes.filter((o, i) => manifest[i].expected.warnings.length && o.warningsOk).length;
    const bad = outcomes.filter((o) => !o.verdictOk || !o.linesOk);
    const report = [
      `Prisma conformance: verdict ${verdict}/${manifest.length}, error lines ${lines}/${manifest.length}, both ${both}/${manifest.length}, warning lines ${warned}/${withWarnings.length} files`,
      ...bad.map((o) => {
        const r = manifest.find((m) => m.file === o.file)!;
        return `  ${o.file}: expected ${r.expected.valid ? 'valid' : 'invalid'} ${JSON.stringify(r.expected.errors.map((e) => e.line + ':' + e.message.slice(0, 80)))}; ours ${JSON.stringify(o.ours)}`;
      }),
    ].join('\n');
    if (process.env.PRISMA_CONFORMANCE_VERBOSE) console.log(report);
    else console.log(report.split('\n')[0]);
    assert.ok(verdict >= VERDICT_FLOOR, report);
    assert.ok(lines >= LINES_FLOOR, report);
    assert.ok(warned >= WARNING_LINES_FLOOR, report);
  });
}

if (manifest.length) {
  test('Prisma 7 rules ({ version: 7 }): the same verdict as prisma-schema-wasm 8.1 (wasm_latest) on every file', () => {
    const bad: string[] = [];
    for (const r of manifest) {
      if (!r.wasm_latest) continue;
      const text = readFileSync(join(ROOT, r.file), 'utf8');
      const file = parsePrisma(text);
      const errors = [...file.diagnostics, ...interpretPrisma([{ uri: 'file:///schema.prisma', file }], { version: 7 }).diagnostics].filter((d) => d.severity === 'error');
      if ((errors.length === 0) !== r.wasm_latest.valid) bad.push(`${r.file}: expected ${r.wasm_latest.valid ? 'valid' : 'invalid'}`);
    }
    console.log(`Prisma 7 conformance: verdict ${manifest.length - bad.length}/${manifest.length}`);
    assert.deepEqual(bad, []);
  });
}
