/**
 * Prisma robustness: seeded token soups (fast-check) and mutations of the
 * conformance files go through parse, validate and interpret; nothing throws,
 * every span lies inside its text, and the cache gives the same result as a
 * fresh parse after each edit. `FUZZ_SEED` and `FUZZ_RUNS` change the run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { interpretPrisma, parsePrisma, PrismaParseCache } from '../../src/engine/syntax/prisma/index.js';

const SEED = Number(process.env.FUZZ_SEED ?? 7);
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const ROOT = join(fileURLToPath(new URL('../../../', import.meta.url)), '..', 'shared', 'conformance', 'prisma');

const PIECES = [
  'model', 'view', 'type', 'enum', 'datasource', 'generator', 'A', 'B', 'id', 'name', 'db', 'Int', 'String', 'DateTime', 'Json', 'Unsupported',
  '{', '}', '(', ')', '[', ']', ',', ':', '.', '=', '?', '!', '@', '@@', '@id', '@unique', '@default', '@relation', '@map', '@db.VarChar', '@@index',
  '@@id', '@@unique', '@@map', 'fields', 'references', 'onDelete', 'Cascade', 'autoincrement()', 'now()', '"str"', '"unterminated', '42', '-1', '1.5',
  '//', '///', '/*', '*/', ' ', ' ', ' ', '\n', '\n', '\r\n', '\t', 'é', '𝒳', '#', '$', 'provider', '"postgresql"', 'env("X")', 'url',
];

function checkText(text: string): void {
  const file = parsePrisma(text);
  const { diagnostics, schema, names } = interpretPrisma([{ uri: 'u', file }]);
  for (const d of [...file.diagnostics, ...diagnostics]) {
    assert.ok(d.span.start >= 0 && d.span.end <= text.length && d.span.start <= d.span.end, `diagnostic span in bounds: ${JSON.stringify(d)}`);
  }
  for (const n of names) assert.ok(n.span.start >= 0 && n.span.end <= text.length && n.span.start <= n.span.end, `name span in bounds`);
  for (const t of schema.tables) for (const c of t.columns) assert.ok(c.source === undefined || c.source.span.end <= text.length);
}

test('token soups: parse, validate and interpret never throw; spans stay in bounds', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 120 }), (parts) => {
      checkText(parts.join(' '));
      checkText(parts.join(''));
    }),
    { seed: SEED, numRuns: RUNS },
  );
});

const files = existsSync(join(ROOT, 'manifest.json')) ? (JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) as { file: string }[]).map((r) => r.file) : [];

if (files.length) {
  test('mutated conformance files: no exception, and the block cache equals a fresh parse after every edit', () => {
    fc.assert(
      fc.property(fc.constantFrom(...files), fc.array(fc.tuple(fc.nat(), fc.nat(8), fc.constantFrom('', '}', '{', '\n', '@', '(', '"', 'x', 'model M {\n')), { minLength: 1, maxLength: 6 }), (file, edits) => {
        let text = readFileSync(join(ROOT, file), 'utf8');
        const cache = new PrismaParseCache();
        parsePrisma(text, cache);
        for (const [at, del, ins] of edits) {
          const p = at % (text.length + 1);
          text = text.slice(0, p) + ins + text.slice(p + del);
          const cached = parsePrisma(text, cache);
          assert.deepEqual(cached, parsePrisma(text));
          checkText(text);
        }
      }),
      { seed: SEED, numRuns: Math.max(20, Math.floor(RUNS / 3)) },
    );
  });
}

/** Inputs that made earlier versions quadratic; each must stay far below the bound (a blow-up takes 10 s or more). */
const LARGE: [string, () => string][] = [
  ['3,000 named self-relations in one model', () => 'model A {\n  id Int @id\n' + Array.from({ length: 3000 }, (_, i) => `  p${i}Id Int?\n  p${i} A? @relation("r${i}", fields: [p${i}Id], references: [id])\n  c${i} A[] @relation("r${i}")\n`).join('') + '}\n'],
  ['3,000 ambiguous relations', () => 'model A {\n  id Int @id\n' + Array.from({ length: 3000 }, (_, i) => `  b${i} B @relation(fields: [b${i}Id], references: [id])\n  b${i}Id Int\n`).join('') + '}\nmodel B {\n  id Int @id\n' + Array.from({ length: 3000 }, (_, i) => `  a${i} A[]\n`).join('') + '}\n'],
  ['10,000 documented fields in one model', () => 'model A {\n  id Int @id\n' + Array.from({ length: 10000 }, (_, i) => `  /// doc ${i}\n  f${i} Int @default(${i}) @map("c${i}")\n`).join('') + '}\n'],
];

for (const [name, make] of LARGE) {
  test(`large input stays linear: ${name}`, () => {
    const text = make();
    const t0 = performance.now();
    const file = parsePrisma(text);
    interpretPrisma([{ uri: 'u', file }]);
    const ms = performance.now() - t0;
    assert.ok(ms < 5000, `${name}: ${ms.toFixed(0)} ms`);
  });
}
