/**
 * Folding ranges, compared as the editor sees them: zero-based
 * `[firstLine, lastLine, kind?]`, the lines the protocol edge derives from
 * the engine's offsets.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from '../util/fixture.js';
import { foldingRanges } from '../../src/engine/ide/folding.js';

type Fold = [number, number] | [number, number, 'comment' | 'region' | 'imports'];

interface Case {
  name: string;
  input: string;
  expected: Fold[];
}

const cases: Case[] = [
  {
    name: 'a table body folds up to the line before its closing brace',
    input: `
      Table users {
        id int
        name text
      }
    `,
    expected: [[0, 2]],
  },
  {
    name: 'one-line and empty bodies do not fold',
    input: `
      Table a { id int }
      Table b {
      }
    `,
    expected: [],
  },
  {
    name: 'nested indexes, note and records fold inside the table',
    input: `
      Table t {
        id int
        indexes {
          id
          (id, name) [unique]
        }
        Note {
          'x'
        }
        records (id) {
          1
          2
        }
      }
    `,
    expected: [
      [0, 12],
      [2, 4],
      [6, 7],
      [9, 11],
    ],
  },
  {
    name: 'enum, table group, project and long-form ref',
    input: `
      Enum e {
        a
      }
      TableGroup g {
        t
      }
      Project p {
        database_type: 'PostgreSQL'
      }
      Ref r {
        a.b > c.d
      }
    `,
    expected: [
      [0, 1],
      [3, 4],
      [6, 7],
      [9, 10],
    ],
  },
  {
    name: 'multi-line strings and setting lists',
    input: `
      Table t [
        note: 'n'
      ] {
        id int [note: '''
          long
          text
        ''']
      }
    `,
    expected: [
      [0, 1],
      [2, 6],
      [3, 6],
    ],
  },
  {
    name: 'a closing brace after content on its line ends the fold there',
    input: `
      Table t {
        id int
        name text }
    `,
    expected: [[0, 2]],
  },
  {
    name: 'runs of line comments and multi-line block comments',
    input: `
      // one
      // two
      // three

      // alone
      /*
        block
      */
      Table t { // trailing
        id int // also trailing
        // inside one
        // inside two
      }
    `,
    expected: [
      [0, 2, 'comment'],
      [5, 7, 'comment'],
      [8, 11],
      [10, 11, 'comment'],
    ],
  },
  {
    name: 'an unclosed body still folds to the end of what parsed',
    input: `
      Table t {
        id int
        name text
    `,
    expected: [[0, 2]],
  },
];

describe('folding ranges', () => {
  for (const c of cases) {
    test(c.name, () => {
      const f = fixture(c.input);
      const file = f.ws.getFile(f.uri)!;
      const line = (o: number) => file.lineIndex.position(o).line;
      const got: Fold[] = foldingRanges(f.ws, f.uri).map((r) => (r.kind ? [line(r.start), line(r.end), r.kind] : [line(r.start), line(r.end)]));
      assert.deepEqual(got, c.expected);
    });
  }

  test('unknown file: none', () => {
    const f = fixture('Table t {\n  id int\n}\n');
    assert.deepEqual(foldingRanges(f.ws, 'file:///nope.dbml'), []);
  });
});
