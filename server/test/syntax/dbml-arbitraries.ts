/**
 * Shared fast-check arbitraries for the DBML parser equivalence tests
 * (dbml-direct-parser.test.ts, dbml-fast-parser.test.ts): generated blocks of
 * every kind, fragments that probe the scanner, and blocks of the shared
 * corpus with random edits. Not a test file itself.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { splitBlocks } from '../../src/engine/syntax/dbml/blocks.js';
import { DBML_TOKENS, UNICODE } from '../fuzz/mutate.js';

const SHARED = join(import.meta.dirname, '..', '..', '..', '..', 'shared');

function dbmlFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) dbmlFiles(p, out);
    else if (name.endsWith('.dbml')) out.push(p);
  }
  return out;
}

/** Every DBML file of the shared corpus and conformance suite (read-only). */
export function sharedDbmlFiles(): string[] {
  return [join(SHARED, 'corpus', 'dbml'), join(SHARED, 'conformance', 'dbml')].flatMap((r) => dbmlFiles(r));
}

let blocksCache: string[] | undefined;

/** The top-level blocks of the shared DBML files, as texts (at most 4 KB each). */
export function sharedBlocks(): string[] {
  blocksCache ??= sharedDbmlFiles().flatMap((f) => {
    const text = readFileSync(f, 'utf8');
    return splitBlocks(text)
      .map((b) => text.slice(b.start, b.end))
      .filter((t) => t.length <= 4096);
  });
  return blocksCache;
}

/* Pieces of generated blocks: names, types, settings and comments drawn at random. */
const name = fc.oneof(
  fc.constantFrom('id', 'users', 'user_id', 'é', 'a$b', '_x', 'Table', 'ref', 'as', 'x1', 'ab\u00a0c'),
  fc.constantFrom('"quoted name"', '"a\\"b"', '"x"', '"\\n"'),
);
const qname = fc.oneof(name, fc.tuple(name, name).map(([a, b]) => `${a}.${b}`));
const value = fc.constantFrom("'s'", "'it\\'s'", "''", '1', '-1', '+2', '--3', '1.5', '1e10', '2E-3', '1.', '`now()`', '``', '#fff', '#', 'null', 'true', 'set null', '"q"', "'''\n  a\n    b\n  '''", '(1, 2)', '12abc', '0x1', "'open", '`open', '$');
const setting = fc.oneof(
  fc.constantFrom('pk', 'not null', 'null', 'unique', 'increment', 'primary key', 'PK', 'bogus'),
  fc.tuple(fc.constantFrom('default', 'note', 'name', 'type', 'color', 'delete', 'update', 'check'), value).map(([k, v]) => `${k}: ${v}`),
  fc.tuple(fc.constantFrom('>', '<', '-', '<>'), qname, name).map(([op, t, c]) => `ref: ${op} ${t}.${c}`),
);
const settings = fc.option(fc.array(setting, { minLength: 0, maxLength: 3 }).map((xs) => `[${xs.join(', ')}]`), { nil: '' });
const type = fc.constantFrom('int', 'varchar(255)', 'decimal(10, 2)', 'int[]', 'int[3][3]', 'int []', 's.status', 'timestamp(6)', 'char(-1)', 'x("a")');
const gap = fc.constantFrom(' ', ' ', ' ', '  ', '\t', ' /* c */ ', ' /* a\nb */ ', '\u00a0');
const eol = fc.constantFrom('\n', '\n', '\r\n', ' // note\n', '\n\n', '\r');
const column = fc.tuple(name, gap, type, gap, settings).map((xs) => '  ' + xs.join(''));
const tableBlock = fc
  .tuple(fc.constantFrom('Table', 'table', 'TablePartial'), qname, fc.option(fc.constantFrom(' as T', ' as "u u"'), { nil: '' }), fc.option(fc.constantFrom(' [headercolor: #3498db]', ' [note: \'n\']'), { nil: '' }), fc.array(fc.tuple(column, eol), { minLength: 0, maxLength: 5 }), fc.option(fc.constantFrom('  indexes {\n    (a, b) [unique]\n    `lower(x)`\n    a [pk]\n  }\n', "  Note: 'n'\n", '  ~p\n', "  Records (a) {\n    1, 'x'\n  }\n"), { nil: '' }))
  .map(([kw, n, alias, st, cols, extra]) => `${kw} ${n}${alias}${st} {\n${cols.map(([c, e]) => c + e).join('')}${extra}}`);
const enumBlock = fc.tuple(qname, fc.array(fc.tuple(name, settings), { maxLength: 4 })).map(([n, vs]) => `Enum ${n} {\n${vs.map(([v, s]) => `  ${v} ${s}\n`).join('')}}`);
const refBlock = fc
  .tuple(fc.option(name, { nil: '' }), qname, name, fc.constantFrom('>', '<', '-', '<>', '<  >'), qname, name, settings)
  .map(([n, t1, c1, op, t2, c2, s]) => `Ref ${n}: ${t1}.${c1} ${op} ${t2}.${c2} ${s}`);
const otherBlock = fc.constantFrom("Note sticky {\n  'text'\n}", 'TableGroup g {\n  users\n  s.t\n}', "Project p {\n  database_type: 'PostgreSQL'\n}", 'Ref {\n  a.b > c.d\n}');
/** A generated block: a Table, TablePartial, Enum, Ref, TableGroup, Note or Project. */
export const blockArb = fc.oneof(tableBlock, enumBlock, refBlock, otherBlock);

/** Fragments that stress the scanner: every token opener, escapes, odd whitespace and unicode. */
export const FRAGMENTS = [...DBML_TOKENS, ...UNICODE, '12abc', '1e', '1e+', '1.5.3', '\\\n', '\\', "\\'", '\\"', '0', '9x', 'a1', '+-', '-+1', '[]', '[3]', '\u00a0', '\f'];


/** A block of the shared corpus with up to three random edits: a fragment inserted, or a range deleted. */
export function editedBlockArb(): fc.Arbitrary<string> {
  const blocks = sharedBlocks();
  const edit = fc.tuple(fc.boolean(), fc.nat(), fc.nat({ max: 12 }), fc.constantFrom(...FRAGMENTS));
  return fc.tuple(fc.nat({ max: blocks.length - 1 }), fc.array(edit, { maxLength: 3 })).map(([i, edits]) => {
    let t = blocks[i];
    for (const [insert, at, len, frag] of edits) {
      const p = t.length ? at % (t.length + 1) : 0;
      t = insert ? t.slice(0, p) + frag + t.slice(p) : t.slice(0, p) + t.slice(p + len);
    }
    return t;
  });
}
