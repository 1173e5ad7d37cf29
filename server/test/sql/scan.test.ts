/**
 * The hand-written SQL scanner (scan.ts) against the chevrotain lexers of
 * lexer.ts, which stay the reference (the query features use them): the same
 * tokens (type, image, offset) and the same unmatched-character runs, on a
 * table of tricky inline fixtures, on every statement of the corpus, and on
 * random strings over an alphabet of the characters that decide token
 * boundaries. The parse path builds its trees from the scanner, so any
 * disagreement here is a parse difference. The tree parser scans a statement
 * in place in its document: nothing past the statement's end may count.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { lexSql } from '../../src/engine/syntax/sql/lexer.js';
import { scanTokens } from '../../src/engine/syntax/sql/scan.js';
import { parseTree, type Node } from '../../src/engine/syntax/sql/parser.js';
import { splitStatements, type SqlDialect } from '../../src/engine/syntax/sql/index.js';

const DIALECTS: SqlDialect[] = ['postgres', 'mysql', 'sqlite', 'mssql'];
const CORPUS = join(fileURLToPath(new URL('../../../', import.meta.url)), '..', 'shared', 'corpus');

/** `Type:image` per token, then `!offset+length` per unmatched run. */
function viaScanner(text: string, d: SqlDialect): string[] {
  const r = scanTokens(text, d);
  return [...r.tokens.map((t) => `${t.type.name}:${t.image}@${t.start}`), ...r.errors.map((e) => `!${e.offset}+${e.length}`)];
}

function viaChevrotain(text: string, d: SqlDialect): string[] {
  const r = lexSql(text, d);
  return [...r.tokens.map((t) => `${t.tokenType.name}:${t.image}@${t.startOffset}`), ...r.errors.map((e) => `!${e.offset}+${e.length}`)];
}

/** Fixtures: [dialect, text, expected `Type:image` list (offsets left out), unmatched runs]. */
const FIXTURES: [SqlDialect, string, string[], string[]?][] = [
  ['postgres', "E'a\\'b' N'x' U&'d' e", ["EscString:E'a\\'b'", "StringLit:N'x'", "StringLit:U&'d'", 'Word:e']],
  ['postgres', '$$a;b$$ $f$x$f$ $1 $ $a', ['DollarString:$$a;b$$', 'DollarString:$f$x$f$', 'Param:$1', 'Operator:$', 'Operator:$', 'Word:a']],
  ['postgres', 'a::int :::= x=--c\n/* a /* b */ c */y', ['Word:a', 'Operator:::', 'Word:int', 'Operator:::', 'Operator::=', 'Word:x', 'Operator:=--', 'Word:c', 'Word:y']],
  ['postgres', '0x1F 0xg 1.5e-3 .5 1. 1e 1..2', ['NumberLit:0x1F', 'NumberLit:0', 'Word:xg', 'NumberLit:1.5e-3', 'NumberLit:.5', 'NumberLit:1.', 'NumberLit:1', 'Word:e', 'NumberLit:1.', 'NumberLit:.2']],
  ['postgres', 'a[1] `x', ['Word:a', 'LBracket:[', 'NumberLit:1', 'RBracket:]', 'Word:x'], ['!5+1']],
  ['postgres', '"a""b" "open', ['QuotedIdent:"a""b"', 'QuotedIdent:"open']],
  ['mysql', "_utf8mb4'x' _a_b'y' b'01' 'a\\'b' \"q\\\"r\"", ["MyString:_utf8mb4'x'", 'Word:_a_b', "MyString:'y'", "MyString:b'01'", "MyString:'a\\'b'", 'MyQuotedIdent:"q\\"r"']],
  ['mysql', '/*!50001 CREATE */ #c\n@@v @x `a``b`', ['Word:CREATE', 'AtWord:@@v', 'AtWord:@x', 'BacktickIdent:`a``b`']],
  ['mysql', "/*M!100 x */ /* plain */ 'tail\\", ['Word:x', "MyString:'tail", 'Operator:\\']],
  ['sqlite', '[a]]b] `c` #t @p ]', ['BracketIdent:[a]]b]', 'BacktickIdent:`c`', 'AtWord:#t', 'AtWord:@p'], ['!17+1']],
  ['mssql', '##tmp @@rowcount N\'x\' [dbo].[t] `', ['AtWord:##tmp', 'AtWord:@@rowcount', "StringLit:N'x'", 'BracketIdent:[dbo]', 'Dot:.', 'BracketIdent:[t]'], ['!32+1']],
  // NBSP and BOM are space only between tokens: inside a word they continue it
  ['mssql', 'a\u00a0b\ufeffc é\u2028d \u0001\u0002x', ['Word:a\u00a0b\ufeffc', 'Word:é\u2028d', 'Word:x'], ['!10+2']],
];

for (const [d, text, expected, errors = []] of FIXTURES) {
  test(`scan ${d}: ${JSON.stringify(text).slice(0, 50)}`, () => {
    const r = scanTokens(text, d);
    assert.deepEqual(
      r.tokens.map((t) => `${t.type.name}:${t.image}`),
      expected,
    );
    assert.deepEqual(
      r.errors.map((e) => `!${e.offset}+${e.length}`),
      errors,
    );
    assert.deepEqual(viaScanner(text, d), viaChevrotain(text, d));
  });
}

test('scan agrees with the chevrotain lexers on every corpus statement', { skip: !existsSync(CORPUS) }, () => {
  let statements = 0;
  for (const d of DIALECTS) {
    const dir = join(CORPUS, d);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)) {
      const text = readFileSync(join(dir, f), 'utf8');
      for (const s of splitStatements(text, d)) {
        const st = text.slice(s.start, s.end);
        statements++;
        assert.deepEqual(viaScanner(st, d), viaChevrotain(st, d), `${d}/${f} at ${s.start}`);
      }
    }
  }
  assert.ok(statements > 1000, String(statements));
});

const PIECES = ["'", '"', '`', '[', ']', '(', ')', '$', '$$', '$a$', '--', '/*', '*/', '/*!', '#', '@', '\\', 'E', 'e', 'N', 'U&', '_utf8', ';', '\n', ' ', '.', '0x', '1e', '1', ':', '::', '\u00a0', '\ufeff', 'é', '\u0001', 'ab', 'X', '=', '-', '+', '*', '/'];

test('scan agrees with the chevrotain lexers on random text (property)', () => {
  const arb = fc.tuple(fc.constantFrom(...DIALECTS), fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 3 })), { maxLength: 40 }));
  fc.assert(
    fc.property(arb, ([d, parts]) => {
      const text = parts.join('');
      assert.deepEqual(viaScanner(text, d), viaChevrotain(text, d));
    }),
    { numRuns: 3000, seed: 42 },
  );
});

/** A tree as plain text (its leaves are reused by the next parse). */
function treeText(nodes: Node[]): string {
  return nodes.map((n) => (n.group ? `(${n.start}:${treeText(n.items)}:${n.end}${n.closed ? '' : '!'})` : `${n.type.name}:${n.image}@${n.start}`)).join(' ');
}

function treeOf(text: string, d: SqlDialect, from?: number, to?: number): string {
  const t = from === undefined ? parseTree(text, d) : parseTree(text, d, from, to);
  return JSON.stringify([treeText(t.items), t.lexErrors, t.errors, t.lastType?.name, t.lastStart, t.lastEnd]);
}

test('a statement scanned in place in its document equals the statement scanned alone (property)', () => {
  const arb = fc.tuple(
    fc.constantFrom(...DIALECTS),
    fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }),
    fc.array(fc.constantFrom(...PIECES), { maxLength: 4 }),
    fc.array(fc.constantFrom(...PIECES), { maxLength: 4 }),
  );
  fc.assert(
    fc.property(arb, ([d, body, before, after]) => {
      const stmt = body.join('');
      const pre = before.join('');
      const doc = pre + stmt + after.join('');
      assert.equal(treeOf(doc, d, pre.length, pre.length + stmt.length), treeOf(stmt, d));
    }),
    { numRuns: 3000, seed: 7 },
  );
  // the cases that read past a token: quotes, comments, numbers and dollar tags cut by the statement's end
  const CUT: [string, string][] = [
    ["'a", "'"], ["'a'", "'"], ["'a''", "'"], ['"a"', '"'], ['[a]', ']'], ['`a`', '`'], ["E'a\\", "'"], ["'a\\", "'"], ["E'a'", "'"],
    ['/* a', ' */'], ['/* a *', '/'], ['/* a /', '* b */ */'], ['/*', '!50 x */'], ['/*', 'M!1 */'], ['/*M', '!1 */'], ['*', '/'],
    ['0', 'x1F'], ['0x', '1F'], ['1', 'e5'], ['1e', '5'], ['1e+', '5'], ['1', '.5'], ['1.', '5'], ['.', '5'],
    ['$', '1'], ['$a', '$ x $a$'], ['$$ a', '$$'], ['$a$ x', '$a$'], ['-', '-x'], ['/', '*'], [':', ':'],
    ['E', "'x'"], ['N', "'x'"], ['U', "&'x'"], ['U&', "'x'"], ['_utf8', "'x'"], ['@', '@x'], ['#', '#t'], ['[a', ']]'],
  ];
  for (const [stmt, after] of CUT) {
    for (const d of DIALECTS) assert.equal(treeOf('x ' + stmt + after, d, 2, 2 + stmt.length), treeOf(stmt, d), `${d} ${stmt}|${after}`);
  }
});
