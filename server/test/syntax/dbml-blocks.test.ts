/**
 * The DBML block split (syntax/dbml/blocks.ts `splitBlocksFrom`), which jumps
 * over the characters that cannot start or end a block, against its definition
 * written out plainly here: a character-by-character scan of depth, strings,
 * quoted names, backticks and comments, where a block starts at the first token
 * of a line at depth 0, or at a top-level keyword in column 0 at any depth.
 * Both must give the same starts, from 0 and from later block starts with a
 * `stop`, on every shared DBML file, the edge cases, a generated schema and
 * mutants with brackets, quotes, comments and line breaks dropped in.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { splitBlocksFrom } from '../../src/engine/syntax/dbml/blocks.js';
import { generateDbml } from '../../../bench/generate.mjs';
import { rngFor } from '../fuzz/mutate.js';
import { sharedDbmlFiles } from './dbml-arbitraries.js';
import { DBML_EDGE_CASES } from './dbml-edge-cases.js';

const TOP = new Set(['table', 'tablegroup', 'enum', 'project', 'ref', 'tablepartial', 'records']);
const identChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c >= 128;

function keywordAt(text: string, i: number): boolean {
  let j = i;
  while (j < text.length && identChar(text.charCodeAt(j))) j++;
  if (j === i || j - i > 12 || !TOP.has(text.slice(i, j).toLowerCase())) return false;
  let k = j;
  while (text[k] === ' ' || text[k] === '\t') k++;
  const c = text[k];
  return c === ':' || c === '{' || (k > j && (c === '"' || (c !== undefined && identChar(c.charCodeAt(0)))));
}

function quotedEnd(text: string, i: number, q: number): number {
  let j = i + 1;
  while (j < text.length) {
    const d = text.charCodeAt(j);
    if (d === 92) j += 2;
    else if (d === q || d === 10 || d === 13) break;
    else j++;
  }
  return text.charCodeAt(j) === q ? j + 1 : j;
}

/** The split's definition: every character looked at. */
function reference(text: string, from: number, stop?: (s: number) => boolean): { starts: number[]; stopped: boolean } {
  const starts: number[] = [];
  const n = text.length;
  let depth = 0;
  let lineStart = true;
  let i = from;
  const record = (at: number) => {
    starts.push(starts.length === 0 && from === 0 ? 0 : at);
    return starts.length > 1 && stop !== undefined && stop(at);
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lineStart = true;
      i++;
    } else if (c === 32 || c === 9 || c === 12 || c === 11 || c === 0xfeff || c === 0xa0) i++;
    else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      while (i < n && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
    } else {
      if (lineStart) {
        lineStart = false;
        const col0 = i === 0 || text.charCodeAt(i - 1) === 10 || text.charCodeAt(i - 1) === 13;
        if (depth === 0 && !'{[(}])'.includes(text[i]!)) {
          if (record(i)) return { starts, stopped: true };
        } else if (depth > 0 && col0 && keywordAt(text, i)) {
          depth = 0;
          if (record(i)) return { starts, stopped: true };
        }
      }
      if ('{[('.includes(text[i]!)) {
        depth++;
        i++;
      } else if ('}])'.includes(text[i]!)) {
        if (depth > 0) depth--;
        i++;
      } else if (c === 39 && text.startsWith("'''", i)) {
        let j = i + 3;
        while (j < n && !text.startsWith("'''", j)) j += text.charCodeAt(j) === 92 ? 2 : 1;
        i = Math.min(n, j + 3);
      } else if (c === 39 || c === 34) i = quotedEnd(text, i, c);
      else if (c === 96) {
        const close = text.indexOf('`', i + 1);
        i = close < 0 ? n : close + 1;
      } else i++;
    }
  }
  if (starts.length === 0 && from === 0 && n > 0) starts.push(0);
  return { starts, stopped: false };
}

const PIECES = ['{', '}', '[', ']', '(', ')', "'", '"', '`', '/', '//', '/*', '*/', '\n', '\r\n', '\r', ' ', '  ', '\t', "'''", '\\', '\u00a0', '\ufeff', 'é', 'Table t {', '\nTable x {', '\nRef: a.b > c.d', '\n  ', 'Enum'];

function same(text: string, what: string): number {
  const whole = reference(text, 0);
  assert.deepEqual(splitBlocksFrom(text, 0), whole, `${what}: from 0`);
  // from later starts, stopping two starts on (as the incremental parser does)
  let checked = 1;
  for (let k = 1; k < Math.min(whole.starts.length, 6); k++) {
    const from = whole.starts[k]!;
    const at = whole.starts[k + 2];
    const stop = (s: number) => s === at;
    assert.deepEqual(splitBlocksFrom(text, from, stop), reference(text, from, stop), `${what}: from ${from}`);
    checked++;
  }
  return checked;
}

test('the block split matches its character-by-character definition on shared files, edge cases and mutants', () => {
  const texts: [string, string][] = [
    ...sharedDbmlFiles().map((f): [string, string] => [f, readFileSync(f, 'utf8')]),
    ...DBML_EDGE_CASES.map((t, i): [string, string] => [`edge case ${i}`, t]),
    ['generated, 200 tables', generateDbml(200).text],
    ['indented lines with brackets, quotes and comments', "Table a {\n  x int [note: 'a } b', default: `f(1)`] // }\n  \"q }\" int\n  /* { */ y int\n}\nTable b {\n\tz int\n}\n"],
    ['a missing } then a keyword in column 0', 'Table a {\n  id int\nTable b {\n  id int\n}\n  Ref: a.id > b.id\nRef: a.id > b.id\n'],
  ];
  let cases = 0;
  for (const [what, text] of texts) {
    cases += same(text, what);
    const rng = rngFor(7, cases);
    for (let m = 0; m < Math.min(40, 4 + (text.length >> 9)); m++) {
      let t = text;
      for (let e = 0; e < 3; e++) {
        const at = Math.floor(rng.next() * (t.length + 1));
        const piece = PIECES[Math.floor(rng.next() * PIECES.length)]!;
        const op = Math.floor(rng.next() * 3);
        t = op === 0 ? t.slice(0, at) + piece + t.slice(at) : op === 1 ? t.slice(0, at) + t.slice(at + 1 + Math.floor(rng.next() * 5)) : t.slice(0, at) + piece + t.slice(at + 1);
      }
      cases += same(t, `${what}, mutant ${m}`);
    }
  }
  assert.ok(cases > 5000, `${cases} comparisons`);
});
