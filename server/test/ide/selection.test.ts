/**
 * Selection ranges: for the `|` cursor, the texts the editor selects on each
 * "expand selection", innermost first; the last step, the whole document, is
 * checked separately. Every step must contain the one before.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from '../util/fixture.js';
import { selectionRanges } from '../../src/engine/ide/selection.js';

interface Case {
  name: string;
  input: string;
  /** selected texts, innermost first, without the final whole-document step */
  expected: string[];
}

const cases: Case[] = [
  {
    name: 'column name: name, line, body contents, body, element',
    input: `
      Table users {
        i|d int [pk]
        name text
      }
    `,
    expected: ['id', 'id int', 'id int [pk]', 'id int [pk]\n  name text', '{\n  id int [pk]\n  name text\n}', 'Table users {\n  id int [pk]\n  name text\n}'],
  },
  {
    name: 'inside a setting: name, item, items, list, line',
    input: `
      Table users {
        id int [pk, no|t null]
      }
    `,
    expected: ['not null', 'pk, not null', '[pk, not null]', 'id int [pk, not null]', '{\n  id int [pk, not null]\n}', 'Table users {\n  id int [pk, not null]\n}'],
  },
  {
    name: 'setting value: string text, string, item',
    input: `
      Table users {
        id int [note: 'the |key']
      }
    `,
    expected: ['the key', "'the key'", "note: 'the key'", "[note: 'the key']", "id int [note: 'the key']", "{\n  id int [note: 'the key']\n}", "Table users {\n  id int [note: 'the key']\n}"],
  },
  {
    name: 'dotted name in a ref: part, name, relation, line, element',
    input: `
      Ref: posts.user_id > us|ers.id
    `,
    expected: ['users', 'users.id', 'posts.user_id > users.id', 'Ref: posts.user_id > users.id'],
  },
  {
    name: 'quoted name: text, with quotes, dotted name',
    input: `
      Table "my sch|ema"."t" {
        id int
      }
    `,
    expected: ['my schema', '"my schema"', '"my schema"."t"', 'Table "my schema"."t"', 'Table "my schema"."t" {\n  id int\n}'],
  },
  {
    name: 'type arguments: argument, arguments, call',
    input: `
      Table t {
        price decimal(1|0, 2)
      }
    `,
    expected: ['10', '10, 2', 'decimal(10, 2)', 'price decimal(10, 2)', '{\n  price decimal(10, 2)\n}', 'Table t {\n  price decimal(10, 2)\n}'],
  },
  {
    name: 'index tuple inside a nested body',
    input: `
      Table t {
        id int
        indexes {
          (id, na|me) [unique]
        }
      }
    `,
    expected: [
      'name',
      'id, name',
      '(id, name)',
      '(id, name) [unique]',
      '{\n    (id, name) [unique]\n  }',
      'indexes {\n    (id, name) [unique]\n  }',
      'id int\n  indexes {\n    (id, name) [unique]\n  }',
      '{\n  id int\n  indexes {\n    (id, name) [unique]\n  }\n}',
      'Table t {\n  id int\n  indexes {\n    (id, name) [unique]\n  }\n}',
    ],
  },
  {
    name: 'element header: keyword, header, element',
    input: `
      Ta|ble t [note: 'x'] {
        id int
      }
    `,
    expected: ['Table', "Table t [note: 'x']", "Table t [note: 'x'] {\n  id int\n}"],
  },
  {
    name: 'inside a comment: its text, then the comment',
    input: `
      Table t {
        id int // the k|ey
      }
    `,
    expected: [' the key', '// the key', '{\n  id int // the key\n}', 'Table t {\n  id int // the key\n}'],
  },
];

describe('selection ranges', () => {
  for (const c of cases) {
    test(c.name, () => {
      const f = fixture(c.input);
      const text = f.files[0].text;
      const [chain] = selectionRanges(f.ws, f.uri, [f.cursor]);
      for (let i = 1; i < chain.length; i++) {
        assert.ok(chain[i].start <= chain[i - 1].start && chain[i].end >= chain[i - 1].end, `step ${i} contains step ${i - 1}`);
        assert.ok(chain[i].end - chain[i].start > chain[i - 1].end - chain[i - 1].start, `step ${i} is larger`);
      }
      const last = chain[chain.length - 1];
      assert.deepEqual(last, { start: 0, end: text.length }, 'ends with the whole document');
      assert.deepEqual(
        chain.slice(0, -1).map((s) => text.slice(s.start, s.end)),
        c.expected,
      );
    });
  }

  test('one chain per offset, in order', () => {
    const f = fixture('Table a {\n  id int\n}\n');
    const chains = selectionRanges(f.ws, f.uri, [0, 12]);
    assert.equal(chains.length, 2);
    assert.equal(f.files[0].text.slice(chains[0][0].start, chains[0][0].end), 'Table');
    assert.equal(f.files[0].text.slice(chains[1][0].start, chains[1][0].end), 'id');
  });
});
