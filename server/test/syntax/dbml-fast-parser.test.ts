/**
 * The DBML fast parser (syntax/dbml/fast-parser.ts) against the chevrotain
 * parser, block by block: whenever the fast parser accepts a block, chevrotain
 * must parse that block without any error and build the same tree (same
 * shapes, same spans). Inputs: every DBML file of the shared corpus and
 * conformance suite (read-only), generated schemas, thousands of mutants of
 * them (the fuzz suite's mutator), an inline table of edge cases and a
 * fast-check property (generated blocks, fragment soup, edited corpus blocks). Also: on
 * the error-free generated schema the fast parser takes every block, so the
 * speed-up is real.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { splitBlocks } from '../../src/engine/syntax/dbml/blocks.js';
import { lex, type DbmlToken } from '../../src/engine/syntax/dbml/lexer.js';
import { getParser } from '../../src/engine/syntax/dbml/parser.js';
import { fastParse } from '../../src/engine/syntax/dbml/fast-parser.js';
import { parseDbml } from '../../src/engine/syntax/dbml/parse.js';
import type { Anchor } from '../../src/engine/text/span.js';
import { generateDbml } from '../../../bench/generate.mjs';
import { mutate, rngFor } from '../fuzz/mutate.js';
import fc from 'fast-check';
import { blockArb, editedBlockArb, FRAGMENTS, sharedDbmlFiles } from './dbml-arbitraries.js';
import { DBML_EDGE_CASES } from './dbml-edge-cases.js';



/** The tree as plain data: spans as absolute {start, end}, undefined fields dropped. */
function plain(x: unknown): string {
  return JSON.stringify(x);
}

/** The chevrotain parser on a whole block (one run from the first token): statements and error count. */
function chevrotain(tokens: DbmlToken[], anchor: Anchor): { json: string; errors: number } {
  const parser = getParser();
  parser.anchor = anchor;
  parser.input = tokens;
  parser.startAt(0);
  parser.beginBlock();
  let threw = 0;
  try {
    parser.block();
  } catch {
    // parse.ts catches this too (a parser bug, not an input problem): count it as an error
    threw = 1;
  }
  const statements = parser.blockItems.filter(Boolean);
  return { json: plain(statements), errors: parser.errors.length + parser.syntaxErrors.length + threw };
}

interface Tally {
  blocks: number;
  fast: number;
  cleanButSlow: string[];
}

/** Compares both parsers on every block of `text`; returns how many blocks the fast parser took. */
function compare(text: string, what: string, tally: Tally): void {
  for (const b of splitBlocks(text)) {
    const slice = text.slice(b.start, b.end);
    // separate token arrays: the chevrotain driver never mutates tokens on a clean run, but be safe
    const fastTokens = lex(slice).tokens;
    const fastAnchor = { start: b.start };
    const fast = fastParse(fastTokens, fastAnchor);
    const ref = chevrotain(lex(slice).tokens, { start: b.start });
    tally.blocks++;
    if (fast) {
      tally.fast++;
      assert.equal(ref.errors, 0, `${what}: the fast parser accepted a block chevrotain rejects:\n${slice}`);
      assert.equal(plain(fast), ref.json, `${what}: trees differ for:\n${slice}`);
    } else if (ref.errors === 0 && tally.cleanButSlow.length < 20) tally.cleanButSlow.push(slice);
  }
}


test('the fast parser builds the same trees as chevrotain wherever it accepts a block', (t) => {
  const tally: Tally = { blocks: 0, fast: 0, cleanButSlow: [] };
  const files = sharedDbmlFiles();
  assert.ok(files.length > 100, 'the shared DBML files are there');
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  texts.forEach((t, i) => compare(t, files[i], tally));
  DBML_EDGE_CASES.forEach((t, i) => compare(t, `edge case ${i}`, tally));
  compare(generateDbml(300).text, 'generated 300', tally);
  // mutants: the fuzz suite's mutator over small donors
  const donors = texts.filter((t) => t.length <= 8192);
  for (let i = 0; i < 3000; i++) {
    const rng = rngFor(0xfa57, i);
    const base = donors[i % donors.length];
    compare(mutate(base, rng, donors).text, `mutant ${i}`, tally);
  }
  t.diagnostic(`fast parser took ${tally.fast} of ${tally.blocks} blocks; clean blocks it left to chevrotain: ${JSON.stringify(tally.cleanButSlow.slice(0, 5))}`);
  assert.ok(tally.fast > tally.blocks / 2, `the fast parser took ${tally.fast} of ${tally.blocks} blocks`);
});

test('on an error-free generated schema the fast parser takes every block', () => {
  const { text } = generateDbml(200);
  let blocks = 0;
  for (const b of splitBlocks(text)) {
    blocks++;
    assert.ok(fastParse(lex(text.slice(b.start, b.end)).tokens, { start: b.start }), `block at ${b.start}`);
  }
  assert.ok(blocks > 200);
});

test('parseDbml reports the same syntax errors with the fast parser in front (inline table)', () => {
  // expectations recorded from the chevrotain-only parser before the fast parser existed
  const cases: [string, string[]][] = [
    ['Table t {\n  id int [pk\n  name text\n}', ["25-29 Expected ']' but found 'name'"]],
    ["Table t {\n  a int\n  b int c\n  d [note: 'x'] e\n}", ["44-45 Expected a line break before 'e'"]],
    ["Enum e {\n  a2 [note: 'x'] e\n}", ["26-27 Expected a line break before 'e'"]],
    ['Ref: a.b >', ["10-10 Expected a column after '>' but found end of input"]],
    ['Table t {\n  id int\n', ["18-18 Expected '}' but found end of input"]],
    ['Table t {\n  id int\n}\n}', ["21-22 Unexpected '}': no block is open here"]],
    [
      'Table t {\n  x int [default:]\n  y int [, pk]\n}',
      ["27-28 Expected a value after ':' but found ']'", "38-39 Expected ']' but found ','", "40-42 Expected a line break before 'pk'", "42-43 Unexpected ']'"],
    ],
    ['Table t {\n  ~\n}', ["14-15 Expected a TablePartial name after '~' but found '}'"]],
  ];
  for (const [text, expected] of cases) {
    const got = parseDbml(text, 'file:///t.dbml').diagnostics.filter((d) => d.code === 'DBML001').map((d) => `${d.span.start}-${d.span.end} ${d.message}`);
    assert.deepEqual(got, expected, text);
  }
});

test('property: the fast parser agrees with chevrotain on generated blocks, fragment soup and edited corpus blocks', () => {
  const tally: Tally = { blocks: 0, fast: 0, cleanButSlow: [] };
  const soup = fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 40 }).map((xs) => xs.join(''));
  const generated = fc.array(blockArb, { minLength: 1, maxLength: 3 }).map((bs) => bs.join('\n') + '\n');
  fc.assert(
    fc.property(fc.oneof(generated, soup, editedBlockArb()), (text) => {
      compare(text, 'property input', tally);
    }),
    { numRuns: 4000, seed: 0xfa57c },
  );
  assert.ok(tally.fast > 1000, `the fast parser took ${tally.fast} of ${tally.blocks} blocks`);
});
