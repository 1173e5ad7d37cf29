/**
 * Completion by context. Each case puts the cursor `|` somewhere in a
 * (usually unfinished) document and lists labels that must be offered and
 * labels that must not. `[|...|]` marks the expected replace span when a case
 * checks it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, slice } from '../util/fixture.js';
import { completion } from '../../src/engine/ide/completion.js';

interface Case {
  name: string;
  fixture: string;
  /** labels that must all be offered; `[]` means nothing at all is offered */
  expected: string[];
  absent?: string[];
  /** check the insert text of one label */
  insert?: Record<string, string>;
}

const BASE = `
  Enum job_status {
    created
    running
    "on hold"
  }
  Table core.users as U {
    id int [pk]
    email varchar
  }
  Table posts {
    id int [pk]
    user_id int
    status job_status
  }
  Table "order items" {
    id int
    "unit price" decimal
  }
`;

const cases: Case[] = [
  // ---------------------------------------------------------- top level
  {
    name: 'top level: keywords with snippets',
    fixture: BASE + '|\n',
    expected: ['Table', 'Ref', 'Enum', 'TableGroup', 'Project', 'Note', 'TablePartial', 'Records'],
    absent: ['pk', 'int'],
  },
  {
    name: 'top level: partial keyword',
    fixture: BASE + 'Tab|\n',
    expected: ['Table', 'TableGroup'],
  },
  {
    name: 'no completion while naming a new table',
    fixture: BASE + 'Table new_|\n',
    expected: [],
  },
  {
    name: 'nothing inside a comment',
    fixture: BASE + '// Table |\n',
    expected: [],
  },
  // ---------------------------------------------------------- table body
  {
    name: 'column-name position offers body keywords, not types',
    fixture: `
      Table t {
        id int
        |
      }
    `,
    expected: ['Note', 'indexes'],
    absent: ['int', 'varchar', 'Table'],
  },
  {
    name: 'type position: generic types and workspace enums',
    fixture: BASE.replace('email varchar', 'email varchar\n    created_at |'),
    expected: ['int', 'varchar', 'timestamp', 'job_status'],
    absent: ['jsonb', 'Note', 'pk'],
    insert: { varchar: 'varchar(${1:255})' },
  },
  {
    name: 'type position in an unclosed table',
    fixture: BASE + 'Table t {\n  id |',
    expected: ['int', 'job_status'],
  },
  {
    name: 'type position: PostgreSQL types from the Project',
    fixture: `
      Project p {
        database_type: 'PostgreSQL'
      }
      Table t {
        data js|
      }
    `,
    expected: ['jsonb', 'timestamptz', 'uuid'],
    absent: ['nvarchar', 'mediumtext'],
  },
  {
    name: 'type position: MySQL types',
    fixture: `
      Project p {
        database_type: 'MySQL'
      }
      Table t {
        body |
      }
    `,
    expected: ['mediumtext', 'tinyint', 'datetime'],
    absent: ['jsonb', 'nvarchar'],
  },
  {
    name: 'type position: SQL Server types',
    fixture: `
      Project p {
        database_type: 'SQL Server'
      }
      Table t {
        body |
      }
    `,
    expected: ['nvarchar', 'uniqueidentifier', 'datetime2'],
    absent: ['jsonb'],
  },
  {
    name: 'type position: SQLite types',
    fixture: `
      Project p {
        database_type: 'SQLite'
      }
      Table t {
        body |
      }
    `,
    expected: ['integer', 'text', 'blob', 'real'],
    absent: ['jsonb', 'nvarchar'],
  },
  {
    name: 'no types after the type',
    fixture: BASE.replace('email varchar', 'email varchar |'),
    expected: [],
  },
  // ---------------------------------------------------------- settings
  {
    name: 'column settings',
    fixture: BASE.replace('email varchar', 'email varchar [ | ]'),
    expected: ['pk', 'primary key', 'not null', 'null', 'unique', 'increment', 'default:', 'note:', 'ref:'],
    absent: ['delete:', 'int'],
    insert: { 'default:': 'default: ' },
  },
  {
    name: 'column settings after a comma',
    fixture: BASE.replace('email varchar', 'email varchar [unique, | ]'),
    expected: ['pk', 'not null'],
  },
  {
    name: 'two-word setting continues',
    fixture: BASE.replace('email varchar', 'email varchar [not n| ]'),
    expected: ['not null'],
    absent: ['pk', 'null'],
  },
  {
    name: 'settings in an unclosed list',
    fixture: BASE + 'Table t {\n  a int [pk, |\n',
    expected: ['unique', 'default:'],
  },
  {
    name: 'ref settings on a Ref line',
    fixture: BASE + 'Ref: posts.user_id > U.id [ | ]\n',
    expected: ['delete:', 'update:', 'color:'],
    absent: ['pk'],
  },
  {
    name: 'actions after delete:',
    fixture: BASE + 'Ref: posts.user_id > U.id [delete: | ]\n',
    expected: ['cascade', 'restrict', 'set null', 'set default', 'no action'],
  },
  {
    name: 'actions after update: in a partly typed word',
    fixture: BASE + 'Ref: posts.user_id > U.id [update: cas| ]\n',
    expected: ['cascade'],
  },
  {
    name: 'actions: second word of set null',
    fixture: BASE + 'Ref: posts.user_id > U.id [delete: set n| ]\n',
    expected: ['set null', 'set default'],
    absent: ['cascade'],
  },
  {
    name: 'index settings',
    fixture: `
      Table t {
        a int
        indexes {
          a [ | ]
        }
      }
    `,
    expected: ['pk', 'unique', 'name:', 'type:', 'note:'],
    absent: ['increment'],
  },
  {
    name: 'table header settings',
    fixture: `
      Table t [ | ] {
        a int
      }
    `,
    expected: ['headercolor:', 'note:'],
    absent: ['pk'],
  },
  // ---------------------------------------------------------- defaults
  {
    name: 'enum values after default: on an enum column',
    fixture: BASE.replace('status job_status', 'status job_status [default: | ]'),
    expected: ['created', 'running', 'on hold'],
    absent: ['null'],
    insert: { created: "'created'" },
  },
  {
    name: 'enum values inside the default string',
    fixture: BASE.replace('status job_status', "status job_status [default: 'ru|']"),
    expected: ['created', 'running'],
    insert: { running: 'running' },
  },
  {
    name: 'plain values after default: on other columns',
    fixture: BASE.replace('user_id int', 'user_id int [default: | ]'),
    expected: ['null', 'true', 'false'],
    absent: ['created'],
  },
  // ---------------------------------------------------------- refs
  {
    name: 'Ref line: table names, aliases, schemas',
    fixture: BASE + 'Ref: |\n',
    expected: ['posts', 'core.users', 'U', 'core', 'order items'],
    insert: { 'order items': '"order items"', 'core.users': 'core.users' },
  },
  {
    name: 'Ref line: columns after table.',
    fixture: BASE + 'Ref: posts.|\n',
    expected: ['id', 'user_id', 'status'],
    absent: ['email', 'posts'],
  },
  {
    name: 'Ref line: right side, partial table',
    fixture: BASE + 'Ref: posts.user_id > co|\n',
    expected: ['core.users', 'core'],
  },
  {
    name: 'Ref line: columns through an alias',
    fixture: BASE + 'Ref: posts.user_id > U.|\n',
    expected: ['id', 'email'],
    absent: ['user_id'],
  },
  {
    name: 'Ref line: tables of a schema',
    fixture: BASE + 'Ref: posts.user_id > core.|\n',
    expected: ['users'],
    absent: ['posts'],
  },
  {
    name: 'Ref line: columns of a schema-qualified table',
    fixture: BASE + 'Ref: posts.user_id > core.users.e|\n',
    expected: ['email', 'id'],
  },
  {
    name: 'Ref line: columns of a quoted table',
    fixture: BASE + 'Ref: posts.id > "order items".|\n',
    expected: ['id', 'unit price'],
    insert: { 'unit price': '"unit price"' },
  },
  {
    name: 'Ref line: composite columns',
    fixture: BASE + 'Ref: posts.(id, |\n',
    expected: ['id', 'user_id'],
  },
  {
    name: 'Ref line: operators after the left side',
    fixture: BASE + 'Ref: posts.user_id |\n',
    expected: ['>', '<', '-', '<>'],
  },
  {
    name: 'long-form Ref body',
    fixture: BASE + 'Ref fk {\n  posts.user_id > U.|\n}\n',
    expected: ['id', 'email'],
  },
  {
    name: 'inline ref: operators after ref:',
    fixture: BASE.replace('user_id int', 'user_id int [ref: | ]'),
    expected: ['>', '<', '-', '<>'],
  },
  {
    name: 'inline ref: table names after the operator',
    fixture: BASE.replace('user_id int', 'user_id int [ref: > | ]'),
    expected: ['core.users', 'U', 'posts'],
    absent: ['pk'],
  },
  {
    name: 'inline ref: columns after table.',
    fixture: BASE.replace('user_id int', 'user_id int [ref: > core.users.| ]'),
    expected: ['id', 'email'],
  },
  {
    name: 'inline ref while typing, list not closed',
    fixture: BASE + 'Table t {\n  u int [ref: > U.|\n',
    expected: ['id', 'email'],
  },
  // ---------------------------------------------------------- other bodies
  {
    name: 'TableGroup body: table names',
    fixture: BASE + 'TableGroup g {\n  po|\n}\n',
    expected: ['posts', 'core.users', 'order items'],
  },
  {
    name: 'indexes: columns of the enclosing table',
    fixture: BASE.replace('email varchar\n', 'email varchar\n    indexes {\n      (id, |)\n    }\n'),
    expected: ['id', 'email'],
    absent: ['user_id'],
  },
  {
    name: 'partials after ~',
    fixture: 'TablePartial base {\n  id int [pk]\n}\nTable t {\n  ~|\n}\n',
    expected: ['base'],
  },
  {
    name: 'Records: table names, then its columns',
    fixture: BASE + 'Records posts(id, |)\n',
    expected: ['id', 'user_id', 'status'],
    absent: ['email'],
  },
  {
    name: 'Records: table name',
    fixture: BASE + 'Records po|\n',
    expected: ['posts', 'core.users'],
  },
  {
    name: 'inside a quoted name the quoted spelling is inserted',
    fixture: BASE + 'Ref: posts.id > "ord|\n',
    expected: ['order items', 'posts'],
    insert: { 'order items': '"order items"', posts: '"posts"' },
  },
  {
    name: 'Project: database types after database_type:',
    fixture: "Project p {\n  database_type: '|'\n}\n",
    expected: ['PostgreSQL', 'MySQL', 'SQLite', 'SQL Server'],
  },
  {
    name: 'nothing inside an Enum body',
    fixture: BASE + 'Enum e {\n  |\n}\n',
    expected: [],
  },
  {
    name: 'nothing inside a note string',
    fixture: BASE + "Table t {\n  Note: 'some |'\n}\n",
    expected: [],
  },
];

describe('completion', () => {
  for (const c of cases) {
    test(c.name, () => {
      const f = fixture(c.fixture);
      const items = completion(f.ws, f.uri, f.cursor);
      const labels = items.map((i) => i.label);
      if (c.expected.length === 0 && !c.absent) {
        assert.deepEqual(labels, []);
        return;
      }
      for (const l of c.expected) assert.ok(labels.includes(l), `missing ${JSON.stringify(l)} in ${JSON.stringify(labels)}`);
      for (const l of c.absent ?? []) assert.ok(!labels.includes(l), `unexpected ${JSON.stringify(l)} in ${JSON.stringify(labels)}`);
      for (const [label, text] of Object.entries(c.insert ?? {})) {
        const item = items.find((i) => i.label === label)!;
        assert.equal(item.insertText ?? item.label, text, `insert text of ${label}`);
      }
    });
  }
});

describe('completion replace spans', () => {
  const spanCases: { name: string; fixture: string; label: string }[] = [
    { name: 'partial word before and after the cursor', fixture: 'Table t {\n  id int\n}\nRef: t.id > t.[|i|x|]\n', label: 'id' },
    { name: 'empty at the cursor', fixture: 'Table t {\n  id int\n}\nRef: t.id > t.[||]\n', label: 'id' },
    { name: 'two-word setting replaces both words', fixture: 'Table t {\n  id int [[|not n|] ]\n}\n', label: 'not null' },
  ];
  for (const c of spanCases) {
    test(c.name, () => {
      const f = fixture(c.fixture);
      const cursor = f.cursor >= 0 ? f.cursor : f.ranges[0].span.end;
      const item = completion(f.ws, f.uri, cursor).find((i) => i.label === c.label);
      assert.ok(item, `no ${c.label}`);
      assert.equal(slice(f, { uri: f.uri, span: item.replaceSpan! }), slice(f, f.ranges[0]));
    });
  }
});
