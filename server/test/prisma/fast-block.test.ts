/**
 * The fast block parser (fast-block.ts) against the chevrotain path
 * (parse.ts's `parseBlock`): on every block the fast path accepts, both build
 * the same tree (deep equality: keys, values, spans); the fast path declines
 * what it must leave to chevrotain (anything with a syntax diagnostic, and the
 * constructs it does not decide); and it accepts the valid blocks of real
 * schemas, else it would be no faster. Inputs: inline fixtures, the
 * conformance and corpus files, and seeded mutations of them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fastBlock } from '../../src/engine/syntax/prisma/fast-block.js';
import { parseBlock, splitSegments } from '../../src/engine/syntax/prisma/parse.js';
import { parsePrisma } from '../../src/engine/syntax/prisma/index.js';
import { generatePrisma } from './bench.js';

const SHARED = join(fileURLToPath(new URL('../../../', import.meta.url)), '..', 'shared');

interface Tally {
  blocks: number;
  fast: number;
}

/** Compares the two paths on every keyword block of `text`; returns how many blocks the fast path took. */
function compare(text: string, tally: Tally = { blocks: 0, fast: 0 }): Tally {
  for (const seg of splitSegments(text)) {
    if (!seg.keyword) continue;
    tally.blocks++;
    const fast = fastBlock(text, seg.start, seg.end);
    if (!fast) continue;
    tally.fast++;
    const slow = parseBlock(text.slice(seg.start, seg.end), seg.start);
    assert.deepEqual(slow.diagnostics, [], `the fast path took a block chevrotain reports: ${JSON.stringify(text.slice(seg.start, seg.end))}`);
    assert.deepStrictEqual(fast, slow.block, `same tree for ${JSON.stringify(text.slice(seg.start, seg.end))}`);
  }
  return tally;
}

function wrap(body: string, kind = 'model'): string {
  return `${kind} A {\n${body}\n}\n`;
}

// blocks the fast path takes: each must equal chevrotain's tree
const TAKEN: [string, string][] = [
  ['plain fields', wrap('  id Int @id\n  name String?\n  tags String[]')],
  ['attributes with arguments', wrap('  id Int @id @default(autoincrement())\n  email String @unique(map: "u_email", length: 10) @db.VarChar(255)')],
  ['block attributes', wrap('  a Int\n  b Int\n  @@id([a, b])\n  @@index([a(sort: Desc), b], map: "ix", type: BTree)\n  @@map("t")')],
  ['docs on block and members, trailing comments', '/// the A\n// plain\n/// second\nmodel A { /// on the brace line\n  /// id doc\n  id Int @id // trailing\n  /// x doc\n  x Int\n  /// dropped before }\n}\n'],
  ['strings with escapes', wrap('  a String @default("q\\"x\\\\y\\n\\u0041")\n  b Json @default("{\\"k\\": 1}")')],
  ['numbers', wrap('  a Float @default(-1.5)\n  b Int @default(42)\n  c Decimal @db.Decimal(10, 2)')],
  ['arrays and nested calls', wrap('  a String[] @default(["x", "y"])\n  b Int @default(dbgenerated("f()"))\n  c Int[] @default([])')],
  ['trailing comma in arguments', wrap('  a Int @default(1,)\n  @@index([a], map: "x",)')],
  ['named argument without a value', wrap('  a Int @relation(fields: )')],
  ['Unsupported type and type arguments', wrap('  a Unsupported("circle")\n  b Foo(1)\n  c Unsupported("x", 2)')],
  ['legacy colon, bang, spaces between tokens', wrap('  a: Int\n  b Int!\n  c String [ ] ?\n  d Int @default (1)')],
  ['dotted names', wrap('  a Int @db.Int @x.y.z(a.b: c.d)\n  b Foo.Bar')],
  ['names with dashes and digits', wrap('  a-b Int @map("x")\n  a1_2 Int')],
  ['field without a type (the validator reports it)', wrap('  lonely\n  withAttr @id')],
  ['enum values', 'enum Role {\n  USER\n  ADMIN @map("admin")\n  @@map("roles")\n}\n'],
  ['datasource and generator properties', 'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n  schemas = ["a", "b"]\n  empty =\n}\ngenerator c {\n  provider = "prisma-client-js"\n  previewFeatures = ["views"]\n}\n'],
  ['empty and one-line blocks', 'model A {}\nmodel B {\n}\ntype C { }\n'],
  ['CRLF line ends, tabs, form feeds', 'model A {\r\n\tid Int @id\r\n\f  x String\r\n}\r\n'],
  ['non-ASCII inside strings and comments', wrap('  // café\n  /// π doc\n  a String @default("日本")')],
  ['a block at the end of the text without a line end', 'model A {\n  id Int @id\n}'],
];

for (const [name, text] of TAKEN) {
  test(`fast path takes and matches chevrotain: ${name}`, () => {
    const t = compare(text);
    assert.ok(t.blocks > 0);
    assert.equal(t.fast, t.blocks, 'every block taken by the fast path');
  });
}

// blocks the fast path declines (chevrotain decides them): the file's diagnostics come from there
const DECLINED: [string, string, boolean][] = [
  // [name, text, has a syntax diagnostic]
  ['unterminated string', wrap('  a String @default("x)'), true],
  ['block comment', wrap('  /* c */ a Int'), false],
  ['space after the sigil', wrap('  a Int @ id'), false],
  ['number glued to letters', wrap('  a Int @default(12ab)'), true],
  ['identifier starting with a digit', wrap('  1a Int'), false],
  ['non-ASCII identifier', wrap('  café Int'), false],
  ['non-ASCII blank', wrap('  a\u00a0Int'), false],
  ['trailing comma in a list', wrap('  a Int[] @default([1,])'), true],
  ['two members on one line', wrap('  a Int b Int'), true],
  ['member on the brace line', 'model A { id Int\n}\n', true],
  ['nested block', wrap('  a { }'), true],
  ['missing closing brace', 'model A {\n  id Int\n', true],
  ['text after the closing brace', 'model A {\n  id Int\n} x\n', true],
  ['property in a model', wrap('  a = 1'), true],
  ['field in a datasource', 'datasource db {\n  provider "x"\n}\n', true],
  ['dotted field name', wrap('  a.b Int'), true],
  ['dotted block name', 'model A.B {\n}\n', true],
  ['missing name', 'model {\n}\n', true],
  ['type alias', 'type A = String\n', true],
  ['line break inside arguments', wrap('  a Int @default(\n1)'), true],
  ['a lone dot', wrap('  a Int @default(x.)'), true],
  ['block attribute on a field', wrap('  a Int @@id'), true],
];

for (const [name, text, hasError] of DECLINED) {
  test(`fast path declines, chevrotain decides: ${name}`, () => {
    const t = compare(text);
    assert.equal(t.fast, 0, 'declined');
    const file = parsePrisma(text);
    assert.equal(file.diagnostics.length > 0, hasError, JSON.stringify(file.diagnostics));
  });
}

function sources(): string[] {
  const out: string[] = [];
  const conf = join(SHARED, 'conformance', 'prisma');
  if (existsSync(join(conf, 'manifest.json'))) {
    for (const r of JSON.parse(readFileSync(join(conf, 'manifest.json'), 'utf8')) as { file: string }[]) out.push(readFileSync(join(conf, r.file), 'utf8'));
  }
  const corpus = join(SHARED, 'corpus', 'prisma');
  if (existsSync(corpus)) for (const f of readdirSync(corpus)) if (f.endsWith('.prisma')) out.push(readFileSync(join(corpus, f), 'utf8'));
  return out;
}

test('conformance and corpus files: the same tree on every block the fast path takes, and it takes nearly all', () => {
  const texts = sources();
  const t: Tally = { blocks: 0, fast: 0 };
  for (const text of texts) compare(text, t);
  compare(generatePrisma(100), t);
  assert.ok(t.blocks > 100, `blocks: ${t.blocks}`);
  // the conformance files are mostly valid: a fast path that declines them would be no faster
  assert.ok(t.fast / t.blocks > 0.95, `fast path took ${t.fast}/${t.blocks}`);
});

test('seeded mutations: every block the fast path takes equals chevrotain tree, and parsePrisma is unchanged', () => {
  const texts = sources();
  if (!texts.length) return;
  let seed = 20261124;
  const rnd = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % n;
  };
  const INSERTS = ['', '}', '{', '\n', '@', '@@', '(', ')', '"', 'x', '.', ',', ':', '=', '?', '!', '[', ']', ' ', '-', '1', '1a', 'é', '/', '//', '///', '/*', '\\', '\r\n', '\t', '@ id', 'a.b'];
  const t: Tally = { blocks: 0, fast: 0 };
  for (let k = 0; k < 1500; k++) {
    let text = texts[rnd(texts.length)];
    for (let j = 1 + rnd(3); j > 0; j--) {
      const p = rnd(text.length + 1);
      text = text.slice(0, p) + INSERTS[rnd(INSERTS.length)] + text.slice(p + rnd(4));
    }
    compare(text, t);
  }
  // the mutations leave most blocks valid and break some: both paths get exercised
  assert.ok(t.fast > 0 && t.fast < t.blocks, `fast ${t.fast}/${t.blocks}`);
});
