/**
 * Hover: the Markdown for the name at `|` must contain every expected
 * fragment (and none of the excluded ones); the hover span is the name part.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, slice } from '../util/fixture.js';
import { hover } from '../../src/engine/ide/hover.js';
import { escapeMarkdown, inlineCode } from '../../src/engine/ide/util/markdown.js';

interface Case {
  name: string;
  fixture: string;
  /** fragments the Markdown must contain; null when there is no hover */
  expected: string[] | null;
  absent?: string[];
  /** the text of the hover span */
  span?: string;
}

const SCHEMA = `
  Table users as U [note: 'People who *log in*'] {
    id int [pk, increment]
    email varchar(255) [unique, not null, note: 'login <email>']
    status user_status [default: 'active']
  }
  Table posts {
    id int [pk]
    user_id int [ref: > users.id, not null]
  }
  Table comments {
    post_id int
  }
  Ref: comments.post_id > posts.id [delete: cascade]
  Enum user_status {
    active [note: 'can log in']
    gone
  }
  TableGroup content {
    posts
    comments
  }
`;

const cases: Case[] = [
  {
    name: 'table: name, alias, note, columns, incoming relationship',
    fixture: SCHEMA.replace('Table users as', 'Table us|ers as'),
    expected: ['Table users as U', 'People who \\*log in\\*', '3 columns', 'primary key `id`', '**Referenced by**', '`posts.user_id > users.id`'],
    absent: ['**References**'],
    span: 'users',
  },
  {
    name: 'table: outgoing and incoming',
    fixture: SCHEMA.replace('Table posts', 'Table po|sts'),
    expected: ['Table posts', '**References**', '`posts.user_id > users.id`', '**Referenced by**', '`comments.post_id > posts.id [delete: cascade]`'],
  },
  {
    name: 'column: type, constraints, note',
    fixture: SCHEMA.replace('email varchar', 'em|ail varchar'),
    expected: ['email varchar(255) [unique, not null]', 'login \\<email\\>', 'Column of table `users`'],
    absent: ['**References**'],
    span: 'email',
  },
  {
    name: 'column: pk and increment, referenced by',
    fixture: SCHEMA.replace('id int [pk, increment]', 'i|d int [pk, increment]'),
    expected: ['id int [pk, increment]', '**Referenced by**', '`posts.user_id > users.id`'],
  },
  {
    name: 'column used in a Ref, through the use',
    fixture: SCHEMA.replace('Ref: comments.post_id', 'Ref: comments.post_|id'),
    expected: ['post_id int', 'Column of table `comments`', '**References**', '`comments.post_id > posts.id [delete: cascade]`'],
    span: 'post_id',
  },
  {
    name: 'column with an enum type and default',
    fixture: SCHEMA.replace('status user_status [', 'stat|us user_status ['),
    expected: ["status user_status [default: 'active']", 'enum `user_status`: `active`, `gone`'],
  },
  {
    name: 'enum: values with notes',
    fixture: SCHEMA.replace('Enum user_status', 'Enum user_st|atus'),
    expected: ['Enum user_status', '**Values** (2)', '- `active` — can log in', '- `gone`', 'Used by `users.status`'],
  },
  {
    name: 'enum through a column type',
    fixture: SCHEMA.replace('status user_status [', 'status user_s|tatus ['),
    expected: ['Enum user_status'],
    span: 'user_status',
  },
  {
    name: 'enum value',
    fixture: SCHEMA.replace('    active [', '    act|ive ['),
    expected: ['active', 'can log in', 'Value of enum `user_status`'],
  },
  {
    name: 'alias',
    fixture: SCHEMA + 'Ref: posts.id - |U.id\n',
    expected: ['`U` is an alias of table `users`', 'Table users as U'],
    span: 'U',
  },
  {
    name: 'table group',
    fixture: SCHEMA.replace('TableGroup content', 'TableGroup cont|ent'),
    expected: ['TableGroup content', '**Tables** (2)', '- `posts`', '- `comments`'],
  },
  {
    name: 'schema-qualified table shows its schema',
    fixture: `
      Table core.users {
        id int [pk]
      }
      Table posts {
        user_id int [ref: > core.us|ers.id]
      }
    `,
    expected: ['Table core.users', '`posts.user_id > core.users.id`'],
    span: 'users',
  },
  {
    name: 'quoted names are shown quoted',
    fixture: `
      Table "order items" {
        "item id" int [pk]
      }
      Table x {
        y int [ref: > "order items"."item| id"]
      }
    `,
    expected: ['"item id" int [pk]', 'Column of table `"order items"`', '`x.y > "order items"."item id"`'],
  },
  {
    name: 'composite ref',
    fixture: `
      Table a {
        x int
        y int
      }
      Table b {
        x int
        y int
      }
      Ref: a.(x, y) > |b.(x, y)
    `,
    expected: ['Table b', '`a.(x, y) > b.(x, y)`'],
  },
  {
    name: 'no hover on a keyword',
    fixture: SCHEMA.replace('Table posts', 'Ta|ble posts'),
    expected: null,
  },
];

describe('hover', () => {
  for (const c of cases) {
    test(c.name, () => {
      const f = fixture(c.fixture);
      const h = hover(f.ws, f.uri, f.cursor);
      if (c.expected === null) {
        assert.equal(h, null);
        return;
      }
      assert.ok(h, 'expected a hover');
      for (const frag of c.expected) assert.ok(h.contents.includes(frag), `missing ${JSON.stringify(frag)} in:\n${h.contents}`);
      for (const frag of c.absent ?? []) assert.ok(!h.contents.includes(frag), `unexpected ${JSON.stringify(frag)} in:\n${h.contents}`);
      if (c.span) assert.equal(slice(f, { uri: f.uri, span: h.span }).replace(/"/g, ''), c.span);
    });
  }
});

describe('markdown helpers', () => {
  const cases: { name: string; input: string; expected: string }[] = [
    { name: 'emphasis and code', input: 'a *b* `c` _d_', expected: 'a \\*b\\* \\`c\\` \\_d\\_' },
    { name: 'html', input: '<script> & co', expected: '\\<script\\> &amp; co' },
    { name: 'heading and list at line start', input: '# h\n- item\n1. one', expected: '\\# h\n\\- item\n1\\. one' },
    { name: 'links', input: '[x](y)', expected: '\\[x\\]\\(y\\)' },
  ];
  for (const c of cases) test(`escape: ${c.name}`, () => assert.equal(escapeMarkdown(c.input), c.expected));
  test('inline code around backticks', () => {
    assert.equal(inlineCode('a`b'), '``a`b``');
    assert.equal(inlineCode('`x'), '`` `x ``');
  });
});
