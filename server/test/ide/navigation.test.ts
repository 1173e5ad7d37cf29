/**
 * Definition, references and document highlights: lookups in the binder's
 * occurrence index. In each fixture `|` is the cursor and `[|...|]` marks the
 * expected locations.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, slice } from '../util/fixture.js';
import { definition } from '../../src/engine/ide/definition.js';
import { references } from '../../src/engine/ide/references.js';
import { documentHighlights } from '../../src/engine/ide/highlights.js';

interface Case {
  name: string;
  fixture: string;
}

/** Locations as `file:text@offset` strings, so a failure shows which name was found. */
function show(f: ReturnType<typeof fixture>, locs: { uri: string; span: { start: number; end: number } }[]): string[] {
  return locs.map((l) => `${l.uri.slice(l.uri.lastIndexOf('/') + 1)}:${slice(f, l)}@${l.span.start}`);
}

const definitionCases: Case[] = [
  {
    name: 'column in a Ref',
    fixture: `
      Table users {
        [|id|] int [pk]
      }
      Table posts {
        user_id int
      }
      Ref: posts.user_id > users.i|d
    `,
  },
  {
    name: 'table in a Ref',
    fixture: `
      Table [|users|] {
        id int [pk]
      }
      Table posts {
        user_id int
      }
      Ref: posts.user_id > us|ers.id
    `,
  },
  {
    name: 'alias goes to the alias declaration',
    fixture: `
      Table users as [|U|] {
        id int [pk]
      }
      Table posts {
        user_id int
      }
      Ref: posts.user_id > |U.id
    `,
  },
  {
    name: 'column through an alias',
    fixture: `
      Table users as U {
        [|id|] int [pk]
      }
      Table posts {
        user_id int
      }
      Ref: posts.user_id > U.id|
    `,
  },
  {
    name: 'schema-qualified table',
    fixture: `
      Table core.[|users|] {
        id int [pk]
      }
      Table posts {
        user_id int
      }
      Ref: posts.user_id > core.u|sers.id
    `,
  },
  {
    name: 'schema-qualified column',
    fixture: `
      Table core.users {
        [|id|] int [pk]
      }
      Table posts {
        user_id int
      }
      Ref: posts.user_id > core.users.|id
    `,
  },
  {
    name: 'quoted table name',
    fixture: `
      Table [|"order items"|] {
        id int [pk]
      }
      Table x {
        item_id int
      }
      Ref: x.item_id > "order i|tems".id
    `,
  },
  {
    name: 'across files',
    fixture: `
      --- a.dbml
      Table users {
        [|id|] int [pk]
      }
      --- b.dbml
      Table posts {
        user_id int [ref: > users.|id]
      }
    `,
  },
  {
    name: 'composite ref, second column',
    fixture: `
      Table a {
        x int
        [|y|] int
      }
      Table b {
        x int
        y int
      }
      Ref: a.(x, y|) > b.(x, y)
    `,
  },
  {
    name: 'inline ref',
    fixture: `
      Table users {
        [|id|] int [pk]
      }
      Table posts {
        user_id int [ref: > users.i|d]
      }
    `,
  },
  {
    name: 'enum used as a column type',
    fixture: `
      Enum [|job_status|] {
        created
        done
      }
      Table jobs {
        status job_st|atus
      }
    `,
  },
  {
    name: 'table group member',
    fixture: `
      Table [|users|] {
        id int
      }
      TableGroup core_tables {
        use|rs
      }
    `,
  },
  {
    name: 'the declaration itself',
    fixture: `
      Table users {
        [|i|d|] int
      }
    `,
  },
  {
    name: 'a keyword has no definition',
    fixture: `
      Tab|le users {
        id int
      }
    `,
  },
  {
    name: 'a type has no definition',
    fixture: `
      Table users {
        id in|t
      }
    `,
  },
];

describe('definition', () => {
  for (const c of definitionCases) {
    test(c.name, () => {
      const f = fixture(c.fixture);
      const expected = f.ranges.filter((r) => r.span.start !== r.span.end);
      assert.deepEqual(show(f, definition(f.ws, f.uri, f.cursor)), show(f, expected));
    });
  }
});

interface RefCase extends Case {
  includeDeclaration: boolean;
}

const referenceCases: RefCase[] = [
  {
    name: 'table across Ref, inline ref, group and files, with the declaration',
    includeDeclaration: true,
    fixture: `
      --- a.dbml
      Table [|us|ers|] {
        id int [pk]
      }
      TableGroup g {
        [|users|]
      }
      --- b.dbml
      Table posts {
        user_id int [ref: > [|users|].id]
        editor_id int
      }
      Ref: posts.editor_id > [|users|].id
    `,
  },
  {
    name: 'without the declaration',
    includeDeclaration: false,
    fixture: `
      Table users {
        i|d int [pk]
      }
      Table posts {
        user_id int [ref: > users.[|id|]]
        editor_id int
      }
      Ref: posts.editor_id > users.[|id|]
    `,
  },
  {
    name: 'table references include uses through its alias',
    includeDeclaration: false,
    fixture: `
      Table us|ers as U {
        id int [pk]
      }
      Table posts {
        user_id int
        editor_id int
      }
      Ref: posts.user_id > [|U|].id
      Ref: posts.editor_id > [|users|].id
    `,
  },
  {
    name: 'composite ref columns',
    includeDeclaration: true,
    fixture: `
      Table a {
        x int
        [|y|] int
      }
      Table b {
        x int
        y int
      }
      Ref: a.(x, [|y|]) > b.(x, y)
      Ref: b.(x, y) < a.(x, [|y|]|)
    `,
  },
  {
    name: 'schema-qualified column, same name in another schema is not a reference',
    includeDeclaration: true,
    fixture: `
      Table core.users {
        [|id|] int [pk]
      }
      Table users {
        id int [pk]
      }
      Table posts {
        a int
        b int
      }
      Ref: posts.a > core.users.[|i|d|]
      Ref: posts.b > users.id
    `,
  },
];

describe('references', () => {
  for (const c of referenceCases) {
    test(c.name, () => {
      const f = fixture(c.fixture);
      const expected = [...f.ranges].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.span.start - b.span.start));
      assert.deepEqual(show(f, references(f.ws, f.uri, f.cursor, c.includeDeclaration)), show(f, expected));
    });
  }
  test('nothing under the cursor', () => {
    const f = fixture(`
      Table users {
        id int |
      }
    `);
    assert.deepEqual(references(f.ws, f.uri, f.cursor, true), []);
  });
});

describe('document highlights', () => {
  test('declaration is a write, uses are reads, other files are left out', () => {
    const f = fixture(`
      --- a.dbml
      Table users {
        [|id|] int [pk]
      }
      Table posts {
        user_id int [ref: > users.[|i|d|]]
      }
      --- b.dbml
      Table c {
        u int
      }
      Ref: c.u > users.id
    `);
    const got = documentHighlights(f.ws, f.uri, f.cursor).map((h) => `${slice(f, { uri: f.uri, span: h.span })}@${h.span.start}:${h.kind}`);
    const [decl, use] = f.file('a.dbml').ranges;
    assert.deepEqual(got, [`id@${decl.start}:write`, `id@${use.start}:read`]);
  });
  test('off any name', () => {
    const f = fixture(`
      Table users {
        id int [p|k]
      }
    `);
    assert.deepEqual(documentHighlights(f.ws, f.uri, f.cursor), []);
  });
});
