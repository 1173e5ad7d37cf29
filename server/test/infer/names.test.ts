/**
 * Identifier analysis for inference: word splitting, singularisation and
 * reference stems, as data tables.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { columnStem, flatName, singular, tokens } from '../../src/engine/infer/names.js';

const TOKENS: [string, string[]][] = [
  ['user_id', ['user', 'id']],
  ['userId', ['user', 'id']],
  ['UserID', ['user', 'id']],
  ['HTTPServer_log', ['http', 'server', 'log']],
  ['Order Details', ['order', 'details']],
  ['wp-posts', ['wp', 'posts']],
  ['col_2289', ['col', '2289']],
  ['customerid', ['customerid']],
];

for (const [name, want] of TOKENS) test(`tokens ${name}`, () => assert.deepEqual(tokens(name), want));

const SINGULAR: [string, string][] = [
  ['users', 'user'],
  ['categories', 'category'],
  ['addresses', 'address'],
  ['address', 'address'],
  ['branches', 'branch'],
  ['boxes', 'box'],
  ['people', 'person'],
  ['children', 'child'],
  ['status', 'status'],
  ['statuses', 'status'],
  ['staff', 'staff'],
  ['analyses', 'analysis'],
  ['class', 'class'],
  ['user', 'user'],
];

for (const [word, want] of SINGULAR) test(`singular ${word}`, () => assert.equal(singular(word), want));

const FLAT: [string, string][] = [
  ['Customer_Type_ID', 'customertypeid'],
  ['customerid', 'customerid'],
  ['Order Details', 'orderdetails'],
  ['_x_', 'x'],
];

for (const [name, want] of FLAT) test(`flatName ${name}`, () => assert.equal(flatName(name), want));

const STEMS: [string, { words: string[]; marker: string; glued: boolean } | undefined][] = [
  ['user_id', { words: ['user'], marker: 'id', glued: false }],
  ['authorId', { words: ['author'], marker: 'id', glued: false }],
  ['fk_user', { words: ['user'], marker: 'fk', glued: false }],
  ['user_fk', { words: ['user'], marker: 'fk', glued: false }],
  ['created_by', { words: ['created'], marker: 'by', glued: false }],
  ['departmentid', { words: ['department'], marker: 'id', glued: true }],
  ['id', undefined],
  ['valid', undefined],
  ['uuid', undefined],
  ['name', undefined],
];

for (const [name, want] of STEMS) test(`columnStem ${name}`, () => assert.deepEqual(columnStem(name), want));
