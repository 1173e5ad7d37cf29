/**
 * Oracle: `@prisma/prisma-schema-wasm` (the Prisma 6.19 schema engine) and
 * our parser + validator give the same valid/invalid verdict on every corpus
 * file and on broken variants of each, generated deterministically (a seeded
 * generator): a deleted or duplicated line, a truncated text, a renamed type,
 * a deleted word. Prints the
 * agreement rate and the disagreements; asserts the rate reached as a floor.
 * Also: the same verdict on every small feature snippet of snippets.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { interpretPrisma, parsePrisma } from '../../src/engine/syntax/prisma/index.js';
import { SNIPPETS } from './snippets.js';

const ROOT = join(fileURLToPath(new URL('../../../', import.meta.url)), '..', 'shared', 'corpus');
const require = createRequire(import.meta.url);

interface LintItem {
  start: number;
  end: number;
  text: string;
  is_warning: boolean;
}

let wasm: { lint(input: string): string } | undefined;
try {
  wasm = require('@prisma/prisma-schema-wasm') as { lint(input: string): string };
} catch {
  wasm = undefined;
}

/** Floor of the agreement rate (variants included; 164/164 at the default 8 variants per kind). */
const AGREEMENT_RATE_FLOOR = 1;
const VARIANTS_PER_KIND = Number(process.env.PRISMA_ORACLE_VARIANTS ?? 8);

/** The engine's errors, or undefined when the engine panics (it does on a few broken inputs). */
export function oracleErrors(text: string): LintItem[] | undefined {
  try {
    const r = JSON.parse(wasm!.lint(JSON.stringify([['schema.prisma', text]]))) as LintItem[];
    return r.filter((x) => !x.is_warning);
  } catch {
    return undefined;
  }
}

export function ourErrors(text: string): string[] {
  const file = parsePrisma(text);
  const all = [...file.diagnostics, ...interpretPrisma([{ uri: 'file:///schema.prisma', file }]).diagnostics];
  return all.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message.slice(0, 100)}`);
}

/** mulberry32: a small seeded generator, so the variants are the same on every run. */
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

/** Broken variants of `text`: deleted lines, truncations, renamed type uses. */
export function variants(text: string, seed: number): { name: string; text: string }[] {
  const r = rng(seed);
  const lines = text.split('\n');
  const out: { name: string; text: string }[] = [];
  const content = lines.map((l, i) => [l, i] as const).filter(([l]) => l.trim() && !l.trim().startsWith('//'));
  for (let k = 0; k < VARIANTS_PER_KIND && content.length; k++) {
    const [, i] = content[Math.floor(r() * content.length)];
    out.push({ name: `delete line ${i + 1}`, text: [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n') });
  }
  for (let k = 0; k < VARIANTS_PER_KIND; k++) {
    const at = Math.floor(r() * text.length);
    out.push({ name: `truncate at ${at}`, text: text.slice(0, at) });
  }
  // field type uses: `  name  Type` where Type starts with an upper-case letter
  const uses: { line: number; start: number; len: number }[] = [];
  lines.forEach((l, i) => {
    const m = /^(\s+\w+\s+)([A-Z]\w*)/.exec(l);
    if (m) uses.push({ line: i, start: m[1].length, len: m[2].length });
  });
  for (let k = 0; k < VARIANTS_PER_KIND && uses.length; k++) {
    const u = uses[Math.floor(r() * uses.length)];
    const l = lines[u.line];
    const renamed = l.slice(0, u.start) + l.slice(u.start, u.start + u.len) + 'X' + l.slice(u.start + u.len);
    out.push({ name: `rename type on line ${u.line + 1}`, text: [...lines.slice(0, u.line), renamed, ...lines.slice(u.line + 1)].join('\n') });
  }
  for (let k = 0; k < VARIANTS_PER_KIND && content.length; k++) {
    const [, i] = content[Math.floor(r() * content.length)];
    out.push({ name: `duplicate line ${i + 1}`, text: [...lines.slice(0, i + 1), lines[i], ...lines.slice(i + 1)].join('\n') });
  }
  // delete one word (an identifier, an attribute name, a type)
  const words: { at: number; len: number }[] = [];
  for (const m of text.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) words.push({ at: m.index!, len: m[0].length });
  for (let k = 0; k < VARIANTS_PER_KIND && words.length; k++) {
    const w = words[Math.floor(r() * words.length)];
    out.push({ name: `delete word at ${w.at}`, text: text.slice(0, w.at) + text.slice(w.at + w.len) });
  }
  return out;
}

const files = existsSync(ROOT) && existsSync(join(ROOT, 'prisma')) ? ['prisma-examples-nextjs-auth.prisma', 'prisma-examples-sqlserver.prisma', 'triggerdev.prisma', 'umami.prisma'].filter((f) => existsSync(join(ROOT, 'prisma', f))) : [];

if (wasm && files.length) {
  test('Prisma oracle: same verdict as prisma-schema-wasm lint on the corpus and broken variants', () => {
    let agree = 0;
    let total = 0;
    let panics = 0;
    const disagreements: string[] = [];
    files.forEach((f, fi) => {
      const text = readFileSync(join(ROOT, 'prisma', f), 'utf8');
      for (const v of [{ name: 'original', text }, ...variants(text, 1000 + fi)]) {
        const theirs = oracleErrors(v.text);
        if (!theirs) {
          panics++;
          continue;
        }
        total++;
        const ours = ourErrors(v.text);
        if (theirs.length === 0 === (ours.length === 0)) agree++;
        else disagreements.push(`  ${f} [${v.name}]: wasm ${theirs.length ? 'invalid: ' + theirs[0].text.slice(0, 100) : 'valid'}; ours ${ours.length ? 'invalid: ' + ours[0] : 'valid'}`);
      }
    });
    const report = [`Prisma oracle: verdict agreement ${agree}/${total} (${panics} variants skipped: the engine panicked)`, ...disagreements].join('\n');
    console.log(process.env.PRISMA_ORACLE_VERBOSE ? report : report.split('\n')[0]);
    assert.ok(total > 0 && agree / total >= AGREEMENT_RATE_FLOOR, report);
  });
}

if (wasm) {
  test('Prisma oracle: same verdict as prisma-schema-wasm lint on small feature snippets', () => {
    const disagreements: string[] = [];
    let compared = 0;
    SNIPPETS.forEach((text, i) => {
      const theirs = oracleErrors(text);
      if (!theirs) return;
      compared++;
      const ours = ourErrors(text);
      if (theirs.length === 0 !== (ours.length === 0)) disagreements.push(`  snippet ${i}: wasm ${theirs.length ? 'invalid: ' + theirs[0].text.slice(0, 100) : 'valid'}; ours ${ours.length ? 'invalid: ' + ours[0] : 'valid'}`);
    });
    console.log(`Prisma oracle snippets: verdict agreement ${compared - disagreements.length}/${compared}`);
    assert.deepEqual(disagreements, []);
  });
}
