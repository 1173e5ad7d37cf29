/**
 * Editor features inside the queries of SQL files (issue 11, part 5): hover,
 * definition, references, highlights and completion of tables, aliases and
 * columns, against the schema the Workspace checks the file with (DBML,
 * Prisma or the file's own DDL). Each case is a fixture: `|` is the cursor,
 * `[|...|]` the expected locations (in any file); DDL positions keep their
 * answers; without the injected checker queries answer as DDL text does.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, fixture, slice, type Fixture } from '../util/fixture.js';
import { checkQueries } from '../../src/engine/query/index.js';
import { completion, definition, documentHighlights, hover, prepareRename, queryStatementAt, references, rename, type CompletionItem } from '../../src/engine/ide/index.js';

const DBML = `
--- schema.dbml
Table users {
  id int [pk]
  email varchar [not null, unique, note: 'login name']
  displayName varchar
  plan_id int [ref: > plans.id]
}
Table plans {
  id int [pk]
  name varchar
  "order" int
}
Table billing.invoices {
  id int [pk]
  user_id int [ref: > users.id]
  amount decimal
}
`;

/** A fixture of the DBML schema above plus the given files. */
function ws(files: string): Fixture {
  return fixture(DBML + files);
}

const where = (f: Fixture, locs: { uri: string; span: { start: number; end: number } }[]) =>
  locs.map((l) => `${l.uri.slice(l.uri.lastIndexOf('/') + 1)}:${slice(f, l)}@${l.span.start}`).sort();

// ---------------------------------------------------------------- definition

const definitionCases: { name: string; files: string }[] = [
  {
    name: 'a qualified column goes to its DBML column',
    files: '--- q.sql\nSELECT u.em|ail FROM users u;\n--- other.dbml\n',
  },
  {
    name: 'a table in FROM goes to its DBML table',
    files: '--- q.sql\nSELECT * FROM us|ers WHERE id = 1;\n',
  },
  {
    name: 'an unqualified column in WHERE of an incomplete-looking join',
    files: '--- q.sql\nSELECT u.id FROM users u JOIN plans p ON p.id = u.plan_id WHERE na|me = \'x\';\n',
  },
  {
    name: 'an alias use goes to the alias in FROM',
    files: '--- q.sql\nSELECT u|.email FROM users [|u|];\n',
  },
  {
    name: 'a WITH query used in FROM goes to its name',
    files: '--- q.sql\nWITH [|recent|] AS (SELECT id FROM users) SELECT * FROM rec|ent;\n',
  },
  {
    name: 'an output alias used in ORDER BY goes to AS',
    files: '--- q.sql\nSELECT count(*) AS [|n|] FROM users ORDER BY |n;\n',
  },
  {
    name: 'a column of a WITH query goes to the AS that made it',
    files: '--- q.sql\nWITH s AS (SELECT plan_id, count(*) AS [|n|] FROM users GROUP BY plan_id) SELECT s.|n FROM s;\n',
  },
  {
    name: 'a schema-qualified table',
    files: '--- q.sql\nSELECT i.amount FROM billing.invo|ices i;\n',
  },
  {
    name: 'UPDATE SET column',
    files: '--- q.sql\nUPDATE users SET displ|ayName = \'x\' WHERE id = 2;\n',
  },
  // statements being typed do not parse: the names are read from the tokens
  {
    name: 'unparsed: a qualified column',
    files: '--- q.sql\nSELECT u.em|ail FROM users u WHERE\n',
  },
  {
    name: 'unparsed: an alias used as qualifier',
    files: '--- q.sql\nSELECT u|.email FROM users [|u|] WHERE\n',
  },
  {
    name: 'unparsed: a table after FROM',
    files: '--- q.sql\nSELECT * FROM us|ers WHERE',
  },
  {
    name: 'unparsed: a bare column only one table has',
    files: '--- q.sql\nSELECT na|me FROM users u JOIN plans p ON\n',
  },
  {
    name: 'unparsed: a bare column two tables have is no one column',
    files: '--- q.sql\nSELECT i|d FROM users u JOIN plans p ON\n',
  },
];
// expected ranges for the cases that go into schema.dbml, by the name of what they reach
const dbmlTargets: Record<string, string> = {
  'a qualified column goes to its DBML column': 'email',
  'a table in FROM goes to its DBML table': 'users',
  'an unqualified column in WHERE of an incomplete-looking join': 'name',
  'a schema-qualified table': 'invoices',
  'UPDATE SET column': 'displayName',
  'unparsed: a qualified column': 'email',
  'unparsed: a table after FROM': 'users',
  'unparsed: a bare column only one table has': 'name',
};

describe('query definition', () => {
  for (const c of definitionCases) {
    test(c.name, () => {
      const f = ws(c.files);
      const got = where(f, definition(f.ws, f.uri, f.cursor, checkQueries));
      const target = dbmlTargets[c.name];
      if (target) {
        const dbml = f.file('schema.dbml').text;
        const at = dbml.search(new RegExp(`(Table (billing\\.)?|\\n  )${target}\\b`));
        const start = dbml.indexOf(target, at);
        assert.deepEqual(got, [`schema.dbml:${target}@${start}`]);
      } else {
        assert.deepEqual(got, where(f, f.ranges));
      }
    });
  }

  test("a query in a file with DDL resolves against that file's own tables", () => {
    const f = fixture(`
      --- app.sql
      CREATE TABLE [|accounts|] (id int PRIMARY KEY, [|owner|] text);
      SELECT owner FROM acc|ounts;
      SELECT owner FROM accounts;
    `);
    const text = f.file('app.sql').text;
    assert.deepEqual(where(f, definition(f.ws, f.uri, f.cursor, checkQueries)), where(f, [f.ranges[0]]));
    assert.deepEqual(where(f, definition(f.ws, f.uri, text.lastIndexOf('owner') + 2, checkQueries)), where(f, [f.ranges[1]]));
  });

  test('a Prisma model is a definition target for a file of queries', () => {
    const f = fixture(`
      --- prisma/schema.prisma
      model Post {
        id    Int    @id
        [|title|] String
        @@map("posts")
      }
      --- q.sql
      SELECT tit|le FROM posts;
    `);
    assert.deepEqual(where(f, definition(f.ws, f.uri, f.cursor, checkQueries)), where(f, f.ranges));
  });

  test('DDL statements keep their definitions; without the checker a query position has none', () => {
    const f = fixture(`
      --- app.sql
      CREATE TABLE [|accounts|] (id int PRIMARY KEY);
      CREATE TABLE notes (account_id int REFERENCES acc|ounts (id));
      SELECT id FROM accounts;
    `);
    assert.deepEqual(where(f, definition(f.ws, f.uri, f.cursor, checkQueries)), where(f, f.ranges));
    const q = f.file('app.sql').text.lastIndexOf('accounts') + 2;
    assert.deepEqual(definition(f.ws, f.uri, q), []);
    assert.equal(where(f, definition(f.ws, f.uri, q, checkQueries)).length, 1);
  });
});

// ---------------------------------------------------------------- hover

const hoverCases: { name: string; files: string; has: RegExp[]; not?: RegExp[] }[] = [
  {
    name: 'column: declaration, constraints, note, table, where defined',
    files: '--- q.sql\nSELECT u.ema|il FROM users u;\n',
    has: [/email varchar \[unique, not null\]/, /login name/, /Column of table `users`/, /Defined in \[schema\.dbml:3\]\(file:\/\/\/ws\/schema\.dbml#L3\)/],
  },
  {
    name: 'table: columns, key, relationships, where defined',
    files: '--- q.sql\nSELECT * FROM pla|ns;\n',
    has: [/Table plans/, /3 columns/, /primary key `id`/, /Referenced by/, /Defined in \[schema\.dbml:7\]/],
  },
  {
    name: 'alias: what it stands for',
    files: '--- q.sql\nSELECT i|nv.amount FROM billing.invoices inv;\n',
    has: [/`inv` is an alias of table `billing\.invoices`/, /Table billing\.invoices/],
  },
  {
    name: 'alias at its definition',
    files: '--- q.sql\nSELECT 1 FROM users AS acc|t;\n',
    has: [/`acct` is an alias of table `users`/],
  },
  {
    name: 'WITH query',
    files: '--- q.sql\nWITH r AS (SELECT id FROM users) SELECT * FROM |r;\n',
    has: [/`r` is a WITH query/],
  },
  {
    name: 'output alias that keeps a column',
    files: '--- q.sql\nSELECT email AS e FROM users ORDER BY |e;\n',
    has: [/`e` is an output column of the select list/],
  },
  {
    name: 'a statement being typed (it does not parse): from the tokens',
    files: '--- q.sql\nSELECT i.amo|unt FROM billing.invoices i WHERE i.\n',
    has: [/amount decimal/, /Column of table `billing\.invoices`/],
  },
  {
    name: 'MySQL backticks in a MySQL file',
    files: '--- q.mysql\nSELECT `displ|ayName` FROM `users`;\n',
    has: [/displayName varchar/, /Column of table `users`/],
  },
];

describe('query hover', () => {
  for (const c of hoverCases) {
    test(c.name, () => {
      const f = ws(c.files);
      const h = hover(f.ws, f.uri, f.cursor, checkQueries);
      assert.ok(h, 'no hover');
      for (const re of c.has) assert.match(h.contents, re);
      for (const re of c.not ?? []) assert.doesNotMatch(h.contents, re);
      const text = f.files.find((x) => x.uri === f.uri)!.text;
      assert.ok(h.span.start <= f.cursor && f.cursor <= h.span.end, `span ${text.slice(h.span.start, h.span.end)}`);
    });
  }

  test('an unknown table has no hover; a DDL statement keeps the DDL hover', () => {
    const f = fixture(`
      --- app.sql
      CREATE TABLE acc|ounts (id int PRIMARY KEY);
      SELECT * FROM nowhere;
    `);
    assert.match(hover(f.ws, f.uri, f.cursor, checkQueries)?.contents ?? '', /TABLE accounts/);
    const q = f.file('app.sql').text.indexOf('nowhere') + 2;
    assert.equal(hover(f.ws, f.uri, q, checkQueries), null);
  });
});

// ---------------------------------------------------------------- references and highlights

describe('query references', () => {
  test('a DBML table declaration finds its uses in queries', () => {
    const f = fixture(`
      --- schema.dbml
      Table [|us|ers|] {
        id int [pk]
      }
      --- a.sql
      SELECT u.id FROM [|users|] u;
      UPDATE [|users|] SET id = 1;
      SELECT * FROM nousers;
    `);
    assert.deepEqual(where(f, references(f.ws, f.uri, f.cursor, true, checkQueries)), where(f, f.ranges));
    // without the checker only the schema's own occurrences
    assert.deepEqual(where(f, references(f.ws, f.uri, f.cursor, true)), where(f, [f.ranges[0]]));
  });

  test('a column named in a query: its declaration and every query use', () => {
    const f = fixture(`
      --- schema.dbml
      Table users {
        id int [pk]
        [|email|] varchar
      }
      --- a.sql
      SELECT u.[|em|ail|] FROM users u WHERE [|email|] IS NOT NULL;
      --- b.sql
      UPDATE users SET [|email|] = lower([|email|]);
      SELECT email FROM other;
    `);
    assert.deepEqual(where(f, references(f.ws, f.uri, f.cursor, true, checkQueries)), where(f, f.ranges));
    const noDecl = references(f.ws, f.uri, f.cursor, false, checkQueries);
    assert.equal(noDecl.length, f.ranges.length - 1);
  });

  test('an alias: its definition and uses in the statement only', () => {
    const f = fixture(`
      --- schema.dbml
      Table users {
        id int [pk]
      }
      --- a.sql
      SELECT [|u|].id FROM users [|u|] WHERE [|u|].id = 1 AND EXISTS (SELECT 1 FROM users v WHERE v.id = [|u|].id);
      SELECT u.id FROM users u;
    `);
    const { uri } = f.file('a.sql');
    const at = f.file('a.sql').text.indexOf('u.id') + 1;
    assert.deepEqual(where(f, references(f.ws, uri, at, true, checkQueries)), where(f, f.ranges));
    const hl = documentHighlights(f.ws, uri, at, checkQueries);
    assert.deepEqual(
      hl.map((h) => h.kind),
      ['read', 'write', 'read', 'read'],
    );
  });
});

// ---------------------------------------------------------------- completion

interface CompletionCase {
  name: string;
  files: string;
  /** `label` or `label=>insertText` that must be offered */
  has: string[];
  not?: string[];
  /** the text the completion replaces */
  replaces?: string;
}

const completionCases: CompletionCase[] = [
  {
    name: 'columns after alias dot in an incomplete select list',
    files: '--- q.sql\nSELECT u.| FROM users u\n',
    has: ['email', 'plan_id', 'displayName=>"displayName"'],
    not: ['amount', 'users'],
  },
  {
    name: 'columns after WHERE at the end of the file',
    files: '--- q.sql\nSELECT * FROM users WHERE |',
    has: ['email', 'id', 'users'],
    not: ['amount', 'plans'],
  },
  {
    name: 'columns in WHERE while typing, before the next statement',
    files: '--- q.sql\nSELECT * FROM plans WHERE na|\nSELECT 1;\n',
    has: ['name', 'order=>"order"'],
    not: ['email'],
    replaces: 'na',
  },
  {
    name: 'tables after FROM, schema-qualified outside the default schema',
    files: '--- q.sql\nSELECT * FROM |',
    has: ['users', 'plans', 'billing.invoices'],
    not: ['invoices', 'email'],
  },
  {
    name: 'tables after JOIN with a prefix',
    files: '--- q.sql\nSELECT * FROM users u JOIN pl|',
    has: ['plans'],
    replaces: 'pl',
  },
  {
    name: 'tables after INTO and UPDATE',
    files: '--- q.sql\nINSERT INTO |',
    has: ['users', 'billing.invoices'],
  },
  {
    name: 'columns of the tables in an ON clause',
    files: '--- q.sql\nSELECT * FROM users u JOIN billing.invoices i ON i.user_id = |',
    has: ['amount', 'email'],
    not: ['name'],
  },
  {
    name: 'MySQL quotes a keyword with backticks and leaves mixed case bare',
    files: '--- q.mysql\nSELECT p.| FROM plans p',
    has: ['order=>`order`', 'name'],
  },
  {
    name: 'SQL Server quotes with brackets',
    files: '--- q.sql\n-- schemasage: dialect=mssql\nSELECT p.| FROM plans p',
    has: ['order=>[order]'],
  },
  {
    name: 'an opened quote keeps its style and filters on it',
    files: '--- q.sql\nSELECT u."disp| FROM users u',
    has: ['displayName=>"displayName"'],
    replaces: '"disp',
  },
  {
    name: 'no names where an alias goes',
    files: '--- q.sql\nSELECT * FROM users |',
    has: [],
  },
];

function show(items: CompletionItem[]): Set<string> {
  const out = new Set<string>();
  for (const i of items) {
    out.add(i.label);
    if (i.insertText) out.add(`${i.label}=>${i.insertText}`);
  }
  return out;
}

describe('query completion', () => {
  for (const c of completionCases) {
    test(c.name, () => {
      const f = ws(c.files);
      const items = completion(f.ws, f.uri, f.cursor);
      const labels = show(items);
      for (const h of c.has) assert.ok(labels.has(h), `missing ${h} in ${[...labels].join(' ')}`);
      for (const n of c.not ?? []) assert.ok(!labels.has(n), `unexpected ${n}`);
      if (!c.has.length) assert.deepEqual(items, []);
      if (c.replaces !== undefined) {
        const text = f.files.find((x) => x.uri === f.uri)!.text;
        for (const i of items) assert.equal(text.slice(i.replaceSpan!.start, i.replaceSpan!.end), c.replaces);
      }
      if (c.name.includes('opened quote')) {
        const item = items.find((i) => i.label === 'displayName')!;
        assert.equal(item.filterText, '"displayName"');
      }
    });
  }

  test('a DDL statement keeps the DDL completion (REFERENCES takes a table of the file)', () => {
    const f = fixture(`
      --- app.sql
      CREATE TABLE accounts (id int PRIMARY KEY);
      CREATE TABLE notes (account_id int REFERENCES |
    `);
    assert.ok(show(completion(f.ws, f.uri, f.cursor)).has('accounts'));
    assert.equal(queryStatementAt(f.ws, f.uri, f.cursor), undefined);
  });

  test('after a terminator the cursor is outside the query', () => {
    const f = ws('--- q.sql\nSELECT * FROM users; |');
    assert.equal(queryStatementAt(f.ws, f.uri, f.cursor), undefined);
  });
});

// ---------------------------------------------------------------- robustness

describe('query features at every offset of broken queries', () => {
  const texts = [
    'SELECT u. FROM users u WHERE u.id = AND ;\nSELECT "unterminated FROM plans',
    'WITH x AS (SELECT * FROM users) SELECT x.id, y. FROM x JOIN (SELECT 1) y ON\nUPDATE SET = ;\nDELETE FROM',
    "INSERT INTO plans (id, name VALUES (1, 'a'), (;\nSELECT [p].[name] FROM [plans] [p] WHERE [p].",
    '-- schemasage: dialect=mysql\nSELECT `u`.`email` FROM `users` `u` JOIN billing.invoices i USING (id) WHERE i.',
  ];
  for (const [n, t] of texts.entries()) {
    test(`text ${n + 1}: answers stay inside the text`, () => {
      const f = ws(`--- q.sql\n${t}\n`);
      const { uri, text } = f.file('q.sql');
      const inText = (s: { start: number; end: number }, u = uri) => u !== uri || (s.start >= 0 && s.start <= s.end && s.end <= text.length);
      let answered = 0;
      for (let at = 0; at <= text.length; at++) {
        const h = hover(f.ws, uri, at, checkQueries);
        if (h) {
          answered++;
          assert.ok(inText(h.span), `hover span at ${at}`);
        }
        for (const l of definition(f.ws, uri, at, checkQueries)) assert.ok(inText(l.span, l.uri), `definition at ${at}`);
        for (const l of references(f.ws, uri, at, true, checkQueries)) assert.ok(inText(l.span, l.uri), `references at ${at}`);
        for (const h2 of documentHighlights(f.ws, uri, at, checkQueries)) assert.ok(inText(h2.span), `highlight at ${at}`);
        for (const c of completion(f.ws, uri, at)) assert.ok(inText(c.replaceSpan!), `completion at ${at}`);
        const p = prepareRename(f.ws, uri, at, checkQueries);
        if (p && 'span' in p) assert.ok(inText(p.span), `prepareRename at ${at}`);
      }
      assert.ok(answered > 0, 'some position has a hover');
    });
  }
});

// ---------------------------------------------------------------- rename

describe('rename reaches queries', () => {
  const files = `
    --- schema.dbml
    Table users {
      id int [pk]
      email varchar
    }
    --- q.sql
    SELECT u.email FROM users u WHERE email LIKE '%users%';
    --- q.mysql
    SELECT \`email\` FROM \`users\`;
  `;

  test('renaming a DBML table rewrites its uses in queries, in each dialect\'s quoting', () => {
    const f = fixture(files);
    const dbml = f.file('schema.dbml');
    const r = rename(f.ws, dbml.uri, dbml.text.indexOf('users') + 1, 'app users', checkQueries);
    assert.ok('edit' in r, JSON.stringify(r));
    const apply = (name: string) => applyEdits(f.file(name).text, r.edit.changes[f.file(name).uri] ?? []);
    assert.match(apply('schema.dbml'), /Table "app users" \{/);
    assert.equal(apply('q.sql'), 'SELECT u.email FROM "app users" u WHERE email LIKE \'%users%\';\n');
    assert.equal(apply('q.mysql'), 'SELECT `email` FROM `app users`;\n');
  });

  test('renaming a column from inside a query renames it at its declaration and in every query', () => {
    const f = fixture(files);
    const q = f.file('q.sql');
    const at = q.text.indexOf('email') + 1;
    assert.deepEqual(prepareRename(f.ws, q.uri, at, checkQueries), { span: { start: at - 1, end: at + 4 }, placeholder: 'email' });
    const r = rename(f.ws, q.uri, at, 'mail', checkQueries);
    assert.ok('edit' in r, JSON.stringify(r));
    const apply = (name: string) => applyEdits(f.file(name).text, r.edit.changes[f.file(name).uri] ?? []);
    assert.match(apply('schema.dbml'), /\n {2}mail varchar\n/);
    assert.equal(apply('q.sql'), "SELECT u.mail FROM users u WHERE mail LIKE '%users%';\n");
    assert.equal(apply('q.mysql'), 'SELECT `mail` FROM `users`;\n');
  });

  test('an alias in a query is not renamed through the schema', () => {
    const f = fixture(files);
    const q = f.file('q.sql');
    const r = prepareRename(f.ws, q.uri, q.text.indexOf('u.email'), checkQueries);
    assert.ok(r && 'error' in r);
    // without the checker a query position is not a schema name either
    assert.ok(!('edit' in rename(f.ws, q.uri, q.text.indexOf('email') + 1, 'mail')));
  });
});
