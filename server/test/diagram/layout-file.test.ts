/**
 * The layout sidecar format (engine/diagram/layout-file): sorted keys,
 * 2-space JSON, integer coordinates, merge vs reset, and tolerant reading.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeLayout, parseLayout, serializeLayout } from '../../src/engine/diagram/layout-file.js';

test('serializeLayout sorts keys, rounds and ends with one newline', () => {
  const text = serializeLayout({ 'public.users': { x: 10.6, y: -3.2 }, 'billing.a': { x: 1, y: 2 }, 'note:todo': { x: 0, y: 0 } });
  assert.equal(
    text,
    '{\n  "version": 1,\n  "positions": {\n    "billing.a": {\n      "x": 1,\n      "y": 2\n    },\n    "note:todo": {\n      "x": 0,\n      "y": 0\n    },\n    "public.users": {\n      "x": 11,\n      "y": -3\n    }\n  }\n}\n',
  );
  assert.deepEqual(parseLayout(text), { 'billing.a': { x: 1, y: 2 }, 'note:todo': { x: 0, y: 0 }, 'public.users': { x: 11, y: -3 } });
});

test('parseLayout keeps what it can read', () => {
  const rows: Array<[string | undefined, Record<string, { x: number; y: number }>]> = [
    [undefined, {}],
    ['', {}],
    ['{not json', {}],
    ['null', {}],
    ['{"positions": 3}', {}],
    ['{"positions": {"a": {"x": 1, "y": 2}, "b": {"x": "1", "y": 2}, "c": null, "d": {"x": 1}}}', { a: { x: 1, y: 2 } }],
  ];
  for (const [text, want] of rows) assert.deepEqual(parseLayout(text), want, String(text));
});

test('mergeLayout merges, or replaces on reset', () => {
  const cur = { a: { x: 1, y: 1 }, b: { x: 2, y: 2 } };
  assert.deepEqual(mergeLayout(cur, { b: { x: 5, y: 5 }, c: { x: 3, y: 3 } }), { a: { x: 1, y: 1 }, b: { x: 5, y: 5 }, c: { x: 3, y: 3 } });
  assert.deepEqual(mergeLayout(cur, {}, true), {});
  assert.deepEqual(cur, { a: { x: 1, y: 1 }, b: { x: 2, y: 2 } }, 'inputs untouched');
});
