/**
 * Formatting: a table of `{ name, input, expected }` layouts, then the
 * invariants over every real DBML file we have (the corpus and the accepted
 * conformance inputs, read-only): formatting is idempotent, never needs its
 * own safety net, and keeps the meaning (same declarations modulo spans,
 * same diagnostics).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits, fixture } from '../util/fixture.js';
import { Workspace } from '../../src/engine/workspace.js';
import { dbmlTokens, format, formatDbml, formatDbmlDetailed, sameMeaning } from '../../src/engine/ide/format.js';
import { parseDbml } from '../../src/engine/syntax/dbml/parse.js';
import type { FormatOptions, TextEdit } from '../../src/engine/ide/types.js';

const SPACES: FormatOptions = { tabSize: 2, insertSpaces: true };

/** Common indentation stripped, like fixtures (the fixture helper does it). */
function text(s: string): string {
  return fixture(s).files[0].text;
}

const apply = applyEdits;

interface Case {
  name: string;
  input: string;
  expected: string;
  options?: FormatOptions;
}

const cases: Case[] = [
  {
    name: 'one-line table expands, settings spaced, columns aligned',
    input: `
      Table users{id int [pk,not   null]
      full_name varchar(255) [note:'x']}
    `,
    expected: `
      Table users {
        id        int          [pk, not null]
        full_name varchar(255) [note: 'x']
      }
    `,
  },
  {
    name: 'schema, alias, header settings and a body',
    input: `
      Table  core.users   as   U  [headercolor:#fff,note:'n']   {
          id int
      }
    `,
    expected: `
      Table core.users as U [headercolor: #fff, note: 'n'] {
        id int
      }
    `,
  },
  {
    name: 'keywords keep their case',
    input: `
      TABLE a {
        id INT [PK]
      }
      table b {
        id int
      }
    `,
    expected: `
      TABLE a {
        id INT [PK]
      }

      table b {
        id int
      }
    `,
  },
  {
    name: 'one blank line between top-level elements, none at the edges',
    input: `


      Table a {
        id int
      }
      Enum e {
        x
      }



      Table b {
        id int
      }


    `,
    expected: `
      Table a {
        id int
      }

      Enum e {
        x
      }

      Table b {
        id int
      }
    `,
  },
  {
    name: 'short refs written together stay together; relation operators spaced',
    input: `
      Ref: a.id>b.a_id
      Ref: c.id  <  d.c_id [delete:cascade,update: set   null]
      Ref:e.(x,y) <> f.(x,y)

      Ref:g.id-h.id
    `,
    expected: `
      Ref: a.id > b.a_id
      Ref: c.id < d.c_id [delete: cascade, update: set null]
      Ref: e.(x, y) <> f.(x, y)

      Ref: g.id - h.id
    `,
  },
  {
    name: 'long-form ref and a named ref',
    input: `
      Ref   fk_posts_user {
      posts.user_id   >   users.id  [delete: cascade]
      }
      Ref name2 : a.b < c.d
    `,
    expected: `
      Ref fk_posts_user {
        posts.user_id > users.id [delete: cascade]
      }

      Ref name2: a.b < c.d
    `,
  },
  {
    name: 'inline refs, defaults and arrays keep their tokens',
    input: `
      Table posts {
        user_id int [ref:>users.id]
        tags text[]   [not null]
        score decimal( 10,2 ) [default:-1]
        created timestamp [default:\`now()\`]
      }
    `,
    expected: `
      Table posts {
        user_id int            [ref: > users.id]
        tags    text[]         [not null]
        score   decimal(10, 2) [default: -1]
        created timestamp      [default: \`now()\`]
      }
    `,
  },
  {
    name: 'blank lines between column groups kept (at most one), runs aligned separately',
    input: `
      Table t {

        id int [pk]
        a varchar


        long_name int [unique]
        b int [not null]

      }
    `,
    expected: `
      Table t {
        id int [pk]
        a  varchar

        long_name int [unique]
        b         int [not null]
      }
    `,
  },
  {
    name: 'nested indexes, note and partial injection',
    input: `
      Table t {
      id int
      ~base
      Note:  'table note'
      indexes {
      (id,name) [unique,name:'ix']
      id [type:hash]
      \`lower(name)\`
      }
      }
    `,
    expected: `
      Table t {
        id int
        ~base
        Note: 'table note'
        indexes {
          (id, name) [unique, name: 'ix']
          id [type: hash]
          \`lower(name)\`
        }
      }
    `,
  },
  {
    name: 'comments: header, trailing, own-line, inside bodies and between blocks',
    input: `
      // file header

      // users table
      Table users { // trailing on brace
        id int [pk] // primary key
        /* block before a column */
        name text
        // last in body
      } // after close
      // attached to the enum
      Enum e {
        a /* inline */
      }
    `,
    expected: `
      // file header

      // users table
      Table users { // trailing on brace
        id int [pk] // primary key
        /* block before a column */
        name text
        // last in body
      } // after close

      // attached to the enum
      Enum e {
        a /* inline */
      }
    `,
  },
  {
    name: 'multi-line block comment and multi-line string are verbatim',
    input: `
      /*
         keep
           this
      */
      Table t {
          id int [note: '''
          line one
            line two
          ''']
      }
    `,
    expected: `
      /*
         keep
           this
      */
      Table t {
        id int [note: '''
          line one
            line two
          ''']
      }
    `,
  },
  {
    name: 'a setting list broken over lines gets one item per line',
    input: `
      TableGroup g [
          note: 'n',   color: #ccc
      ] {
          t1
      }
    `,
    expected: `
      TableGroup g [
        note: 'n',
        color: #ccc
      ] {
        t1
      }
    `,
  },
  {
    name: 'a comment between an item\'s tokens keeps that item as written',
    input: `
      Table t {
          id int [pk, /* why */ not null]
          b int
      }
    `,
    expected: `
      Table t {
        id int [pk, /* why */ not null]
        b int
      }
    `,
  },
  {
    name: 'records, project, sticky note, enum and table group',
    input: `
      Project   shop { database_type:'PostgreSQL'
      Note: 'p' }
      Records users( id,name ) {
      1,'a'
      2 ,  'b'
      }
      Note sticky {
      'text'
      }
      TableGroup   g { users
      posts }
      TablePartial base { id int [pk] }
      Table e {}
    `,
    expected: `
      Project shop {
        database_type: 'PostgreSQL'
        Note: 'p'
      }

      Records users(id, name) {
        1, 'a'
        2, 'b'
      }

      Note sticky {
        'text'
      }

      TableGroup g {
        users
        posts
      }

      TablePartial base {
        id int [pk]
      }

      Table e {}
    `,
  },
  {
    name: 'tabs when the editor asks for them',
    options: { tabSize: 4, insertSpaces: false },
    input: `
      Table t {
        id int
        indexes {
          id
        }
      }
    `,
    expected: 'Table t {\n\tid int\n\tindexes {\n\t\tid\n\t}\n}\n',
  },
  {
    name: 'four-space indentation',
    options: { tabSize: 4, insertSpaces: true },
    input: `
      Table t {
        id int
      }
    `,
    expected: 'Table t {\n    id int\n}\n',
  },
  {
    name: 'syntax error: nothing changes',
    input: `
      Table   t {
        id int [pk
      Ref:   a.b > c.d
    `,
    expected: `
      Table   t {
        id int [pk
      Ref:   a.b > c.d
    `,
  },
  {
    name: 'validation errors (duplicate column) still format',
    input: `
      Table   t {
        id int
        id   int
      }
    `,
    expected: `
      Table t {
        id int
        id int
      }
    `,
  },
  {
    name: 'empty document',
    input: '',
    expected: '',
  },
];

describe('format: layouts', () => {
  for (const c of cases) {
    test(c.name, () => {
      const input = text(c.input);
      const expected = c.expected.includes('\n') && c.expected.startsWith('\n') ? text(c.expected) : c.expected;
      const options = c.options ?? SPACES;
      const out = formatDbml(input, options);
      assert.equal(out, expected);
      assert.equal(formatDbml(out, options), out, 'idempotent');
      // the workspace entry point yields edits that produce the same text
      const f = fixture(c.input);
      const edits = format(f.ws, f.uri, options);
      assert.equal(apply(input, edits), expected);
      if (input === expected) assert.deepEqual(edits, []);
    });
  }
});

describe('format: edges', () => {
  test('CRLF documents stay CRLF', () => {
    const input = 'Table t {\r\n    id int\r\n}\r\n';
    assert.equal(formatDbml(input, SPACES), 'Table t {\r\n  id int\r\n}\r\n');
  });

  test('edits are minimal: only the changed middle is replaced', () => {
    const f = fixture(`
      Table a {
        id int
      }

      Table b {
          id int
      }
    `);
    const edits = format(f.ws, f.uri, SPACES);
    assert.equal(edits.length, 1);
    assert.ok(edits[0].span.start > f.files[0].text.indexOf('Table b'), 'starts inside the second table');
  });

  test('unknown file: no edits', () => {
    const f = fixture('Table t { id int }');
    assert.deepEqual(format(f.ws, 'file:///nope.dbml', SPACES), []);
  });
});

// ---------------------------------------------------------------- real files

const SHARED = new URL('../../../../shared/', import.meta.url).pathname;

function realFiles(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const corpus = join(SHARED, 'corpus/dbml');
  for (const f of readdirSync(corpus).filter((x) => x.endsWith('.dbml')).sort()) out.push({ name: `corpus/dbml/${f}`, text: readFileSync(join(corpus, f), 'utf8') });
  const manifest = JSON.parse(readFileSync(join(SHARED, 'conformance/dbml/manifest.json'), 'utf8')) as { file: string; accepted_v2: boolean }[];
  for (const m of manifest) {
    if (m.accepted_v2) out.push({ name: `conformance/dbml/${m.file}`, text: readFileSync(join(SHARED, 'conformance/dbml', m.file), 'utf8') });
  }
  return out;
}

describe('format: every corpus and accepted conformance file', () => {
  const files = realFiles();
  test('there are files to check', () => assert.ok(files.length > 150, `${files.length} files`));
  for (const f of files) {
    test(f.name, () => {
      const before = parseDbml(f.text, 'a');
      // tabs too, on the files small enough to run twice quickly
      const optionSets = f.text.length < 100_000 ? [SPACES, { tabSize: 4, insertSpaces: false }] : [SPACES];
      for (const options of optionSets) {
        const first = formatDbmlDetailed(f.text, options);
        assert.notEqual(first.status, 'unsafe', 'the layout failed its own meaning check');
        // idempotent: the formatted text, opened in a workspace, needs no edits
        const ws = new Workspace();
        const formatted = ws.setFile('file:///ws/f.dbml', first.text);
        assert.deepEqual(format(ws, formatted.uri, options), [], 'idempotent');
        if (first.status === 'syntax') {
          assert.equal(first.text, f.text, 'a file with syntax errors is left alone');
          continue;
        }
        // meaning preserved: same declarations modulo spans, same diagnostics
        const after = { file: formatted.dbml, diagnostics: formatted.parseDiagnostics };
        assert.ok(sameMeaning(before, after), 'declarations and diagnostics unchanged');
        assert.deepEqual(summary(after.file.decls), summary(before.file.decls));
        assert.deepEqual(
          after.file.syntax.comments.map((c) => c.text.trimEnd()),
          before.file.syntax.comments.map((c) => c.text.trimEnd()),
          'every comment kept, in order',
        );
      }
    });
  }
});

/** A readable digest of the declarations: names, types, settings, refs. */
function summary(decls: ReturnType<typeof parseDbml>['file']['decls']): string[] {
  const q = (n?: { parts: { text: string }[] }) => (n ? n.parts.map((p) => p.text).join('.') : '');
  const st = (s: { name: string; value?: { kind: string } }[]) => s.map((x) => x.name + (x.value ? `:${x.value.kind}` : '')).join(',');
  const out: string[] = [];
  for (const d of decls) {
    switch (d.kind) {
      case 'table':
      case 'tablePartial':
        out.push(`${d.kind} ${q(d.name)} ${d.kind === 'table' ? (d.alias?.text ?? '') : ''}`);
        for (const c of d.columns) out.push(`  ${c.name.text} ${c.type?.text ?? ''} [${st(c.settings)}]`);
        break;
      case 'ref':
        out.push(`ref ${q(d.left?.table)}.${d.left?.columns.map((c) => c.text).join(',')} ${d.op} ${q(d.right?.table)}.${d.right?.columns.map((c) => c.text).join(',')} [${st(d.settings)}]`);
        break;
      case 'enum':
        out.push(`enum ${q(d.name)} ${d.values.map((v) => v.name.text).join(',')}`);
        break;
      default:
        out.push(d.kind);
    }
  }
  return out;
}

test("the safety check's tokens: words, single punctuation, strings and comments whole, whitespace dropped", () => {
  const cases: [string, string[]][] = [
    ['Table t {\n  id int [pk]\n}', ['Table', 't', '{', 'id', 'int', '[', 'pk', ']', '}']],
    // a line comment without its trailing white space (Unicode spaces too); a block comment whole
    ['a // note \u2003\t\nb /* x\n y */ c', ['a', '// note', 'b', '/* x\n y */', 'c']],
    // strings whole, escapes inside; an unterminated quote ends with its line's break; backticks run over lines
    ["'it\\'s' \"q\\\"d\" `a\nb` 'open\nnext", ["'it\\'s'", '"q\\"d"', '`a\nb`', "'open\n", 'next']],
    ["'''multi\n'line''' x", ["'''multi\n'line'''", 'x']],
    // non-ASCII letters and digits are word characters, one code unit at a time; an emoji's halves are punctuation
    ['naïve_$1 日本 \u{1F600}', ['naïve_$1', '日本', '\ud83d', '\ude00']],
    ['a\u00a0\ufeffb\f\vc', ['a', 'b', 'c']],
    ['x<>y.z', ['x', '<', '>', 'y', '.', 'z']],
  ];
  for (const [text, tokens] of cases) assert.deepEqual(dbmlTokens(text), tokens, JSON.stringify(text));
  // formatting keeps the tokens: a reflowed document has the same ones
  const messy = "Table  t{\nid   int[pk,note:'a  b'] // c  \n}\n";
  const out = formatDbml(messy, { tabSize: 2, insertSpaces: true });
  assert.notEqual(out, messy);
  assert.deepEqual(dbmlTokens(out), dbmlTokens(messy));
});
