/**
 * Document symbols (the outline, as an indented `kind name (detail)` tree)
 * and workspace symbols (`kind name in container` for a query).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from '../util/fixture.js';
import { documentSymbols, workspaceSymbols } from '../../src/engine/ide/symbols.js';
import type { DocumentSymbol } from '../../src/engine/ide/types.js';

function outline(symbols: DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((s) => [
    `${'  '.repeat(depth)}${s.kind} ${s.name}${s.detail ? ` (${s.detail})` : ''}`,
    ...outline(s.children, depth + 1),
  ]);
}

interface OutlineCase {
  name: string;
  input: string;
  expected: string[];
}

const outlineCases: OutlineCase[] = [
  {
    name: 'tables with columns and indexes, enums with values',
    input: `
      Table core.users as U {
        id int [pk]
        email varchar(255)
        indexes {
          email [unique]
          (id, email) [name: 'ix_both']
        }
      }
      Enum status {
        active
        gone
      }
    `,
    expected: [
      'table core.users (as U)',
      '  column id (int)',
      '  column email (varchar(255))',
      '  index (email) (unique)',
      '  index ix_both ((id, email))',
      'enum status',
      '  enumValue active',
      '  enumValue gone',
    ],
  },
  {
    name: 'refs (short, named, long), groups, notes, project, partials and records',
    input: `
      Project shop {
        database_type: 'PostgreSQL'
      }
      TablePartial base {
        id int
      }
      Table users {
        ~base
        name text
      }
      Table posts {
        user_id int [ref: > users.id]
      }
      Ref: posts.user_id > users.id
      Ref fk_named: posts.user_id > users.id
      Ref {
        posts.(a, b) <> users.(c, d)
      }
      TableGroup g {
        users
        posts
      }
      Note sticky {
        'Remember this'
      }
      Records users(id, name) {
        1, 'a'
      }
    `,
    expected: [
      'project shop (PostgreSQL)',
      'partial base (partial)',
      '  column id (int)',
      'table users',
      '  partial ~base',
      '  column name (text)',
      'table posts',
      '  column user_id (int)',
      'ref posts.user_id > users.id',
      'ref fk_named (posts.user_id > users.id)',
      'ref posts.(a, b) <> users.(c, d)',
      'tableGroup g',
      '  table users',
      '  table posts',
      'note sticky (Remember this)',
      'records users(id, name) (1 row)',
    ],
  },
  {
    // the column being typed (no type yet) stays in the outline, so it does not flicker while typing
    name: 'a broken table still shows what parsed',
    input: `
      Table users {
        id int
        name
    `,
    expected: ['table users', '  column id (int)', '  column name'],
  },
];

describe('document symbols', () => {
  for (const c of outlineCases) {
    test(c.name, () => {
      const f = fixture(c.input);
      const symbols = documentSymbols(f.ws, f.uri);
      assert.deepEqual(outline(symbols), c.expected);
      const check = (s: DocumentSymbol) => {
        assert.ok(s.selectionSpan.start >= s.span.start && s.selectionSpan.end <= s.span.end, `${s.name}: selection inside span`);
        s.children.forEach(check);
      };
      symbols.forEach(check);
    });
  }

  test('selection span is the name', () => {
    const f = fixture(`
      Table [|users|] {
        [|id|] int
      }
    `);
    const [table] = documentSymbols(f.ws, f.uri);
    assert.deepEqual(table.selectionSpan, f.ranges[0].span);
    assert.deepEqual(table.children[0].selectionSpan, f.ranges[1].span);
  });
});

interface WorkspaceCase {
  name: string;
  query: string;
  expected: string[];
}

const WORKSPACE = `
  --- a.dbml
  Table core.users {
    id int
    user_name text
  }
  Table posts {
    id int
    author_id int
  }
  --- b.dbml
  Enum post_status {
    draft
    published
  }
  TableGroup blog {
    posts
  }
`;

const workspaceCases: WorkspaceCase[] = [
  { name: 'substring, case-insensitive, exact and prefix first', query: 'POST', expected: ['table posts in', 'enum post_status in'] },
  { name: 'columns by name with their table as container', query: 'user_name', expected: ['column user_name in core.users'] },
  { name: 'columns by qualified name', query: 'posts.author', expected: ['column author_id in posts'] },
  { name: 'fuzzy subsequence', query: 'pstat', expected: ['enum post_status in'] },
  { name: 'enum values', query: 'publ', expected: ['enumValue published in post_status'] },
  { name: 'table groups', query: 'blog', expected: ['tableGroup blog in'] },
  { name: 'schema-qualified tables match on the full name', query: 'core.us', expected: ['table users in core', 'column id in core.users', 'column user_name in core.users'] },
  { name: 'no match', query: 'zzz', expected: [] },
];

describe('workspace symbols', () => {
  for (const c of workspaceCases) {
    test(c.name, () => {
      const f = fixture(WORKSPACE);
      const got = workspaceSymbols(f.ws, c.query).map((s) => `${s.kind} ${s.name} in ${s.containerName ?? ''}`.trimEnd());
      assert.deepEqual(got.slice(0, c.expected.length), c.expected.map((e) => e.trimEnd()));
      if (c.expected.length === 0) assert.deepEqual(got, []);
    });
  }

  test('locations point at the names, in the right file', () => {
    const f = fixture(`
      --- a.dbml
      Table [|users|] {
        id int
      }
      --- b.dbml
      Enum [|mood|] {
        ok
      }
    `);
    const [users] = workspaceSymbols(f.ws, 'users');
    assert.deepEqual(users.location, f.ranges[0]);
    const [mood] = workspaceSymbols(f.ws, 'mood');
    assert.deepEqual(mood.location, f.ranges[1]);
  });

  test('an empty query lists everything', () => {
    const f = fixture(WORKSPACE);
    assert.equal(workspaceSymbols(f.ws, '').length, 2 + 4 + 1 + 2 + 1);
  });
});
