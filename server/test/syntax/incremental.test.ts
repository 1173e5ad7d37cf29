/**
 * Incremental parsing (issue 3, item 11): a file re-parsed through the cache
 * after an edit must equal a fresh parse of the same text, whatever the edit:
 * declarations (with every span), syntax tree, comments and diagnostics. Edits
 * are random but deterministic (seeded) and favour the characters that move
 * block boundaries: braces, quotes, comment openers, newlines and keywords.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DbmlParseCache, parseDbml } from '../../src/engine/syntax/dbml/parse.js';
import { generateDbml } from '../../../bench/generate.mjs';
import { rng } from '../util/rng.js';

const SHARED = join(import.meta.dirname, '..', '..', '..', '..', 'shared');


const PIECES = ['{', '}', "'", '"', '`', '/*', '*/', '//', '\n', ' ', 'x', '[', ']', '(', ')', "'''", '\nTable t {\n', 'Ref: a.b > c.d\n', '\n}\n', 'Enum e {\n  a\n}\n', 'id int [pk]\n'];

/** Everything a parse produces, as plain JSON (anchored spans serialise to absolute offsets). */
function snapshot(text: string, uri: string, cache?: DbmlParseCache): string {
  const r = parseDbml(text, uri, cache);
  return JSON.stringify({ decls: r.file.decls, elements: r.file.syntax.elements, strays: r.file.syntax.strays, comments: r.file.syntax.comments, diagnostics: r.diagnostics });
}

function session(name: string, initial: string, edits: number, seed: number): void {
  const next = rng(seed);
  const cache = new DbmlParseCache();
  let text = initial;
  assert.equal(snapshot(text, 'file:///a.dbml', cache), snapshot(text, 'file:///a.dbml'));
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(next() * (text.length + 1));
    const r = next();
    if (r < 0.45) {
      text = text.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)] + text.slice(at);
    } else if (r < 0.8) {
      text = text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 12));
    } else {
      // replace a run with a piece
      text = text.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)] + text.slice(at + Math.floor(next() * 40));
    }
    const inc = snapshot(text, 'file:///a.dbml', cache);
    const fresh = snapshot(text, 'file:///a.dbml');
    if (inc !== fresh) assert.fail(`${name}: edit ${i} (seed ${seed}) made the incremental parse differ from a fresh one`);
  }
}

test('incremental parse equals a fresh parse after random edits', async (t) => {
  const inputs: [string, string][] = [
    ['generated-30', generateDbml(30, { seed: 7 }).text],
    ['playground-ecommerce', readFileSync(join(SHARED, 'corpus', 'dbml', 'playground-ecommerce.dbml'), 'utf8')],
    ['syntax-error-ecommerce', readFileSync(join(SHARED, 'corpus', 'dbml', 'syntax-error-ecommerce.dbml'), 'utf8')],
  ];
  for (const [name, text] of inputs) {
    await t.test(name, () => session(name, text, Number(process.env.INC_EDITS ?? 300), 0x1234 + name.length + Number(process.env.INC_SEED ?? 0)));
  }
});

test('an edit inside one block re-parses that block only; the blocks after it move', () => {
  const cache = new DbmlParseCache();
  const text = 'Table a {\n  id int\n}\n\nTable b {\n  id int\n}\n\nTable c {\n  id int\n}\n';
  const first = parseDbml(text, 'u', cache).file.decls;
  const edited = text.replace('Table a {\n  id int', 'Table a {\n  id int\n  name text');
  const second = parseDbml(edited, 'u', cache).file.decls;
  assert.notEqual(second[0], first[0], 'the edited block is new');
  assert.equal(second[1], first[1], 'the block after it is reused');
  assert.equal(second[2], first[2]);
  // and its spans moved with it
  const c = second[2];
  assert.equal(c.kind, 'table');
  assert.equal(edited.slice(c.span.start, c.span.start + 'Table c'.length), 'Table c');
});
