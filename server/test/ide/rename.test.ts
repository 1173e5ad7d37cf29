/**
 * Rename and prepareRename. Each case renames the symbol at `|` and compares
 * every file's text after the edits (or the error) with the expectation.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, dedent as dedentFixture, fixture, slice, stripMarkers } from '../util/fixture.js';
import { prepareRename, rename } from '../../src/engine/ide/rename.js';

/** The same normalisation as the fixture helper, so expected texts line up. */
function dedent(s: string): string {
  return stripMarkers(dedentFixture(s)).text;
}

interface Case {
  name: string;
  fixture: string;
  newName: string;
  /** file name -> text after the rename; files left out must be unchanged */
  expected?: Record<string, string>;
  /** the rename must fail with a message matching this */
  error?: RegExp;
}

const cases: Case[] = [
  {
    name: 'column: declaration, Ref, inline ref and index',
    fixture: `
      Table users {
        i|d int [pk]
        indexes {
          (id) [unique]
        }
      }
      Table posts {
        user_id int [ref: > users.id]
        editor_id int
      }
      Ref: posts.editor_id > users.id
    `,
    newName: 'user_id',
    expected: {
      'main.dbml': `
        Table users {
          user_id int [pk]
          indexes {
            (user_id) [unique]
          }
        }
        Table posts {
          user_id int [ref: > users.user_id]
          editor_id int
        }
        Ref: posts.editor_id > users.user_id
      `,
    },
  },
  {
    name: 'table across files',
    fixture: `
      --- a.dbml
      Table us|ers {
        id int [pk]
      }
      --- b.dbml
      Table posts {
        user_id int [ref: > users.id]
      }
      TableGroup g {
        users
        posts
      }
    `,
    newName: 'members',
    expected: {
      'a.dbml': `
        Table members {
          id int [pk]
        }
      `,
      'b.dbml': `
        Table posts {
          user_id int [ref: > members.id]
        }
        TableGroup g {
          members
          posts
        }
      `,
    },
  },
  {
    name: 'table with an alias: alias uses stay',
    fixture: `
      Table users as U {
        id int [pk]
      }
      Table posts {
        user_id int
        editor_id int
      }
      Ref: posts.user_id > U.id
      Ref: posts.editor_id > use|rs.id
    `,
    newName: 'members',
    expected: {
      'main.dbml': `
        Table members as U {
          id int [pk]
        }
        Table posts {
          user_id int
          editor_id int
        }
        Ref: posts.user_id > U.id
        Ref: posts.editor_id > members.id
      `,
    },
  },
  {
    name: 'alias',
    fixture: `
      Table users as U {
        id int [pk]
      }
      Table posts {
        user_id int
      }
      Ref: posts.user_id > |U.id
    `,
    newName: 'usr',
    expected: {
      'main.dbml': `
        Table users as usr {
          id int [pk]
        }
        Table posts {
          user_id int
        }
        Ref: posts.user_id > usr.id
      `,
    },
  },
  {
    name: 'schema-qualified table: only the table part changes',
    fixture: `
      Table core.users {
        id int [pk]
      }
      Table posts {
        user_id int
      }
      Ref: posts.user_id > core.us|ers.id
    `,
    newName: 'members',
    expected: {
      'main.dbml': `
        Table core.members {
          id int [pk]
        }
        Table posts {
          user_id int
        }
        Ref: posts.user_id > core.members.id
      `,
    },
  },
  {
    name: 'a name that needs quotes gets them',
    fixture: `
      Table users {
        id int [pk]
      }
      Ref: users.id < us|ers.id
    `,
    newName: 'app users',
    expected: {
      'main.dbml': `
        Table "app users" {
          id int [pk]
        }
        Ref: "app users".id < "app users".id
      `,
    },
  },
  {
    name: 'quoted occurrences stay quoted',
    fixture: `
      Table "order items" {
        id int [pk]
      }
      Table x {
        item_id int [ref: > "order items".id]
      }
      Ref: x.item_id > "order i|tems".id
    `,
    newName: 'order_lines',
    expected: {
      'main.dbml': `
        Table "order_lines" {
          id int [pk]
        }
        Table x {
          item_id int [ref: > "order_lines".id]
        }
        Ref: x.item_id > "order_lines".id
      `,
    },
  },
  {
    name: 'composite ref columns',
    fixture: `
      Table a {
        x int
        y| int
      }
      Table b {
        x int
        y int
      }
      Ref: a.(x, y) > b.(x, y)
    `,
    newName: 'z',
    expected: {
      'main.dbml': `
        Table a {
          x int
          z int
        }
        Table b {
          x int
          y int
        }
        Ref: a.(x, z) > b.(x, y)
      `,
    },
  },
  {
    name: 'enum: column types change, column names do not',
    fixture: `
      Enum sta|tus {
        active
        gone
      }
      Table users {
        status status
      }
    `,
    newName: 'user_status',
    expected: {
      'main.dbml': `
        Enum user_status {
          active
          gone
        }
        Table users {
          status user_status
        }
      `,
    },
  },
  {
    name: 'enum value',
    fixture: `
      Enum status {
        act|ive
        gone
      }
    `,
    newName: 'enabled',
    expected: {
      'main.dbml': `
        Enum status {
          enabled
          gone
        }
      `,
    },
  },
  {
    name: 'table group',
    fixture: `
      Table users {
        id int
      }
      TableGroup co|re {
        users
      }
    `,
    newName: 'identity',
    expected: {
      'main.dbml': `
        Table users {
          id int
        }
        TableGroup identity {
          users
        }
      `,
    },
  },
  {
    name: 'table partial and its injections',
    fixture: `
      TablePartial ba|se {
        id int [pk]
      }
      Table users {
        ~base
        email text
      }
    `,
    newName: 'timestamps',
    expected: {
      'main.dbml': `
        TablePartial timestamps {
          id int [pk]
        }
        Table users {
          ~timestamps
          email text
        }
      `,
    },
  },
  {
    name: 'a quoted name may be typed with its quotes',
    fixture: `
      Table us|ers {
        id int
      }
    `,
    newName: '"app users"',
    expected: {
      'main.dbml': `
        Table "app users" {
          id int
        }
      `,
    },
  },
  {
    name: 'empty name',
    fixture: `
      Table us|ers {
        id int
      }
    `,
    newName: '  ',
    error: /empty/,
  },
  {
    name: 'column clash',
    fixture: `
      Table users {
        i|d int
        email text
      }
    `,
    newName: 'email',
    error: /column named "email" already exists/,
  },
  {
    name: 'table clash',
    fixture: `
      Table us|ers {
        id int
      }
      Table posts {
        id int
      }
    `,
    newName: 'posts',
    error: /table named "posts" already exists/,
  },
  {
    name: 'same table name in another schema is no clash',
    fixture: `
      Table us|ers {
        id int
      }
      Table audit.posts {
        id int
      }
    `,
    newName: 'posts',
    expected: {
      'main.dbml': `
        Table posts {
          id int
        }
        Table audit.posts {
          id int
        }
      `,
    },
  },
  {
    name: 'enum value clash',
    fixture: `
      Enum status {
        act|ive
        gone
      }
    `,
    newName: 'gone',
    error: /value "gone" already exists/,
  },
  {
    name: 'a keyword cannot be renamed',
    fixture: `
      Tab|le users {
        id int
      }
    `,
    newName: 'x',
    error: /cannot be renamed/,
  },
];

describe('rename', () => {
  for (const c of cases) {
    test(c.name, () => {
      const f = fixture(c.fixture);
      const result = rename(f.ws, f.uri, f.cursor, c.newName);
      if (c.error) {
        assert.ok('error' in result, `expected an error, got ${JSON.stringify(result)}`);
        assert.match(result.error, c.error);
        return;
      }
      const expected = c.expected ?? {};
      assert.ok('edit' in result, `expected edits, got ${JSON.stringify(result)}`);
      for (const file of f.files) {
        const name = file.uri.slice(file.uri.lastIndexOf('/') + 1);
        const want: string = expected[name] !== undefined ? dedent(expected[name]) : file.text;
        assert.equal(applyEdits(file.text, result.edit.changes[file.uri] ?? []), want, name);
      }
    });
  }
});

describe('prepareRename', () => {
  test('span and placeholder of a column', () => {
    const f = fixture(`
      Table users {
        [|e|mail|] text
      }
    `);
    const p = prepareRename(f.ws, f.uri, f.cursor);
    assert.ok(p && !('error' in p));
    assert.equal(slice(f, { uri: f.uri, span: p.span }), 'email');
    assert.equal(p.placeholder, 'email');
  });
  test('placeholder of a quoted name is unquoted', () => {
    const f = fixture(`
      Table "order| items" {
        id int
      }
    `);
    const p = prepareRename(f.ws, f.uri, f.cursor);
    assert.ok(p && !('error' in p));
    assert.equal(p.placeholder, 'order items');
  });
  test('keyword is an error', () => {
    const f = fixture(`
      Table users {
        id int [p|k]
      }
    `);
    const p = prepareRename(f.ws, f.uri, f.cursor);
    assert.ok(p && 'error' in p);
  });
  test('whitespace is nothing', () => {
    const f = fixture(`
      Table users {
        id int |
      }
    `);
    assert.equal(prepareRename(f.ws, f.uri, f.cursor), null);
  });
});
