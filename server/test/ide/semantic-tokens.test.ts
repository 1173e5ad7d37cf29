/**
 * Semantic tokens: each case lists the tokens of its first file as
 * `text type [modifiers]`, in order. Every result is also checked to be
 * sorted, non-overlapping and on one line per token.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from '../util/fixture.js';
import { semanticTokens } from '../../src/engine/ide/semantic-tokens.js';

interface Case {
  name: string;
  input: string;
  expected: string[];
}

const cases: Case[] = [
  {
    name: 'table, alias, columns, types and settings',
    input: `
      Table core.users as U [note: 'n'] {
        id int [pk]
        name varchar(255)
      }
    `,
    expected: [
      'Table keyword',
      'core namespace',
      'users class declaration',
      'as keyword',
      'U class declaration',
      'note decorator',
      'id property declaration',
      'int type',
      'pk decorator',
      'name property declaration',
      'varchar type',
    ],
  },
  {
    name: 'enum declaration, values, and a column typed by the enum',
    input: `
      Enum status {
        active
        gone [note: 'x']
      }
      Table t {
        s status
        n int
      }
    `,
    expected: [
      'Enum keyword',
      'status enum declaration',
      'active enumMember declaration',
      'gone enumMember declaration',
      'note decorator',
      'Table keyword',
      't class declaration',
      's property declaration',
      'status enum',
      'n property declaration',
      'int type',
    ],
  },
  {
    name: 'refs: tables and columns of both ends, ref settings',
    input: `
      Table users {
        id int
      }
      Table posts {
        user_id int [ref: > users.id]
      }
      Ref fk: posts.user_id > users.id [delete: cascade]
    `,
    expected: [
      'Table keyword',
      'users class declaration',
      'id property declaration',
      'int type',
      'Table keyword',
      'posts class declaration',
      'user_id property declaration',
      'int type',
      'ref decorator',
      'users class',
      'id property',
      'Ref keyword',
      'fk variable declaration',
      'posts class',
      'user_id property',
      'users class',
      'id property',
      'delete decorator',
    ],
  },
  {
    name: 'table group members, partial injection, index columns, project properties',
    input: `
      Project p {
        database_type: 'PostgreSQL'
      }
      TablePartial base {
        id int
      }
      Table t {
        ~base
        name text
        indexes {
          (name) [unique]
        }
      }
      TableGroup g {
        t
      }
    `,
    expected: [
      'Project keyword',
      'p namespace declaration',
      'database_type property',
      'TablePartial keyword',
      'base class declaration',
      'id property declaration',
      'int type',
      'Table keyword',
      't class declaration',
      'base class',
      'name property declaration',
      'text type',
      'indexes keyword',
      'name property',
      'unique decorator',
      'TableGroup keyword',
      'g namespace declaration',
      't class',
    ],
  },
];

describe('semantic tokens', () => {
  for (const c of cases) {
    test(c.name, () => {
      const f = fixture(c.input);
      const text = f.files[0].text;
      const tokens = semanticTokens(f.ws, f.uri);
      let lastEnd = -1;
      for (const t of tokens) {
        assert.ok(t.span.start >= lastEnd, 'sorted and not overlapping');
        assert.ok(!/[\r\n]/.test(text.slice(t.span.start, t.span.end)), 'one line');
        lastEnd = t.span.end;
      }
      assert.deepEqual(
        tokens.map((t) => [text.slice(t.span.start, t.span.end), t.type, ...t.modifiers].join(' ')),
        c.expected,
      );
    });
  }

  test('an enum from another file still colours the column type as enum', () => {
    const f = fixture(`
      --- a.dbml
      Table t {
        s status
      }
      --- b.dbml
      Enum status {
        x
      }
    `);
    const text = f.file('a.dbml').text;
    const type = semanticTokens(f.ws, f.file('a.dbml').uri).find((t) => text.slice(t.span.start, t.span.end) === 'status');
    assert.equal(type?.type, 'enum');
  });

  test('unknown file: none', () => {
    const f = fixture('Table t {\n  id int\n}\n');
    assert.deepEqual(semanticTokens(f.ws, 'file:///nope.dbml'), []);
  });
});

test("a range's tokens are exactly the whole file's tokens that overlap it, on shared files, generated schemas and edge cases", async () => {
  const { readFileSync } = await import('node:fs');
  const { Workspace } = await import('../../src/engine/workspace.js');
  const { sharedDbmlFiles } = await import('../syntax/dbml-arbitraries.js');
  const { DBML_EDGE_CASES } = await import('../syntax/dbml-edge-cases.js');
  const { generateDbml } = await import('../../../bench/generate.mjs');
  const texts = [...sharedDbmlFiles().map((f) => readFileSync(f, 'utf8')), ...DBML_EDGE_CASES, generateDbml(60).text, ...cases.map((c) => c.input)];
  let rng = 7;
  const next = (n: number) => {
    rng = (Math.imul(rng, 1103515245) + 12345) >>> 0;
    return rng % Math.max(1, n);
  };
  let checked = 0;
  for (const text of texts) {
    const ws = new Workspace();
    ws.setFile('file:///r.dbml', text);
    const all = semanticTokens(ws, 'file:///r.dbml');
    for (let k = 0; k < 6; k++) {
      // ranges of every size, some of them empty or running past the end
      const start = next(text.length + 1);
      const end = k === 0 ? start : Math.min(text.length + 5, start + next(k < 3 ? 400 : text.length));
      const range = { start, end };
      const expected = all.filter((t) => t.span.end > start && t.span.start < end);
      const got = semanticTokens(ws, 'file:///r.dbml', range);
      assert.deepEqual(got.map((t) => [t.span.start, t.span.end, t.type, t.modifiers.join()]), expected.map((t) => [t.span.start, t.span.end, t.type, t.modifiers.join()]), `${text.slice(0, 40)}… [${start}, ${end})`);
      checked++;
    }
  }
  assert.ok(checked > 1000, `${checked} ranges`);
});
