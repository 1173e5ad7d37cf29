/**
 * The line index and the text diff behind incremental updates: an index updated
 * with a change must equal one built from scratch, for every kind of line break.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../src/engine/text/line-index.js';
import { diffTexts } from '../../src/engine/text/edit.js';

test('diffTexts finds the one changed region', () => {
  assert.deepEqual(diffTexts('abcdef', 'abXYef'), { start: 2, oldEnd: 4, newEnd: 4 });
  assert.deepEqual(diffTexts('abc', 'abc'), { start: 3, oldEnd: 3, newEnd: 3 });
  assert.deepEqual(diffTexts('aaa', 'aaaa'), { start: 3, oldEnd: 3, newEnd: 4 });
  assert.deepEqual(diffTexts('', 'x'), { start: 0, oldEnd: 0, newEnd: 1 });
  const big = 'x'.repeat(10_000);
  assert.deepEqual(diffTexts(big + 'a' + big, big + 'bb' + big), { start: 10_000, oldEnd: 10_001, newEnd: 10_002 });
});

test('an updated line index equals a fresh one after random edits', () => {
  let s = 12345;
  const rand = (n: number): number => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s % n;
  };
  const pieces = ['\n', '\r', '\r\n', 'a', 'bc', '\n\n', 'x\ny', '\r\r\n'];
  let text = 'one\ntwo\r\nthree\rfour\n';
  let index = new LineIndex(text);
  for (let i = 0; i < 3000; i++) {
    const at = rand(text.length + 1);
    const del = rand(4);
    const next = text.slice(0, at) + (rand(3) ? pieces[rand(pieces.length)] : '') + text.slice(at + del);
    index = index.update(next, diffTexts(text, next));
    text = next;
    assert.deepEqual(index.lineStarts, new LineIndex(text).lineStarts, `edit ${i}`);
  }
});
