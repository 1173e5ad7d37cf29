/**
 * Did-you-mean quick fixes. Diagnostics are written by hand (with and without
 * the binder's `data.suggestions`) so the cases pin this feature alone; one
 * case runs on the binder's own unknown-name diagnostic.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from '../util/fixture.js';
import { codeActions } from '../../src/engine/ide/code-actions.js';
import type { Diagnostic } from '../../src/engine/diagnostics.js';
import { closestNames, editDistance } from '../../src/engine/model/suggest.js';

interface Case {
  name: string;
  /** `[|...|]` marks the diagnostic's span */
  fixture: string;
  message: string;
  suggestions?: string[];
  /** expected [title, newText, preferred] per action */
  expected: [string, string, boolean][];
}

const cases: Case[] = [
  {
    name: 'one fix per binder suggestion, first preferred',
    fixture: `
      Table users {
        id int
      }
      Table user_roles {
        id int
      }
      Ref: user_roles.id > [|usrs|].id
    `,
    message: "Unknown table 'usrs'",
    suggestions: ['users', 'user_roles'],
    expected: [
      ["Change to 'users'", 'users', true],
      ["Change to 'user_roles'", 'user_roles', false],
    ],
  },
  {
    name: 'computed when the diagnostic has none: tables',
    fixture: `
      Table users {
        id int
      }
      Table posts {
        user_id int [ref: > [|userz|].id]
      }
    `,
    message: "Unknown table 'userz'",
    expected: [["Change to 'users'", 'users', true]],
  },
  {
    name: 'computed: columns of the table before the dot',
    fixture: `
      Table users {
        id int
        email text
        name text
      }
      Table posts {
        email text
      }
      Ref: posts.email > users.[|emial|]
    `,
    message: "Column 'emial' not found in table 'users'",
    expected: [["Change to 'email'", 'email', true]],
  },
  {
    name: 'a quoted name keeps its quotes',
    fixture: `
      Table "order items" {
        id int
      }
      Table x {
        y int [ref: > [|"order itms"|].id]
      }
    `,
    message: "Unknown table 'order itms'",
    expected: [["Change to 'order items'", '"order items"', true]],
  },
  {
    name: 'a suggestion that needs quotes gets them',
    fixture: `
      Table x {
        y int [ref: > [|order_items|].id]
      }
    `,
    message: "Unknown table 'order_items'",
    suggestions: ['order items'],
    expected: [["Change to 'order items'", '"order items"', true]],
  },
  {
    name: 'a schema-qualified suggestion is spelled part by part',
    fixture: `
      Table core."order items" {
        id int
      }
      Table x {
        y int [ref: > [|core.order_itms|].id]
      }
    `,
    message: "Unknown table 'core.order_itms'",
    suggestions: ['core.order items'],
    expected: [["Change to 'core.order items'", 'core."order items"', true]],
  },
  {
    name: 'computed: tables of other schemas are suggested qualified',
    fixture: `
      Table core.users {
        id int
      }
      Table x {
        y int [ref: > [|core.usrs|].id]
      }
    `,
    message: "Unknown table 'core.usrs'",
    expected: [["Change to 'core.users'", 'core.users', true]],
  },
  {
    name: 'nothing close enough',
    fixture: `
      Table users {
        id int
      }
      Ref: users.id > [|zzzzzz|].id
    `,
    message: "Unknown table 'zzzzzz'",
    expected: [],
  },
  {
    name: 'other diagnostics get no fix',
    fixture: `
      Table [|users|] {
        id int
      }
      Table userz {
        id int
      }
    `,
    message: 'Table has no primary key',
    expected: [],
  },
];

describe('code actions: did you mean', () => {
  for (const c of cases) {
    test(c.name, () => {
      const f = fixture(c.fixture);
      const span = f.ranges[0].span;
      const diag: Diagnostic = { uri: f.uri, span, severity: 'error', code: 'BIND001', message: c.message, ...(c.suggestions ? { data: { suggestions: c.suggestions } } : {}) };
      const actions = codeActions(f.ws, f.uri, span, [diag]);
      assert.deepEqual(
        actions.map((a) => [a.title, a.edit.changes[f.uri]?.[0]?.newText, !!a.isPreferred]),
        c.expected,
      );
      for (const a of actions) {
        assert.equal(a.kind, 'quickfix');
        assert.deepEqual(a.edit.changes[f.uri][0].span, span);
        assert.deepEqual(a.fixes, [{ code: 'BIND001', span }]);
      }
    });
  }

  test('diagnostics outside the requested range are ignored', () => {
    const f = fixture(`
      Table users {
        id int
      }
      Ref: users.id > [|usrs|].id
    `);
    const span = f.ranges[0].span;
    const diag: Diagnostic = { uri: f.uri, span, severity: 'error', code: 'BIND001', message: 'Unknown table', data: { suggestions: ['users'] } };
    assert.deepEqual(codeActions(f.ws, f.uri, { start: 0, end: 3 }, [diag]), []);
  });

  test("on the binder's own unknown-column diagnostic", () => {
    const f = fixture(`
      Table users as U {
        id int
        email text
      }
      Table posts {
        author_email text
      }
      Ref: posts.author_email > U.[|emial|]
    `);
    const span = f.ranges[0].span;
    const diags = f.ws.diagnostics(f.uri).filter((d) => d.span.start === span.start && d.span.end === span.end);
    assert.ok(diags.length, `no binder diagnostic on the unknown name; got ${JSON.stringify(f.ws.diagnostics(f.uri))}`);
    const actions = codeActions(f.ws, f.uri, span, diags);
    assert.deepEqual(actions.map((a) => a.edit.changes[f.uri][0].newText), ['email']);
  });

  test("on the binder's own unknown-table diagnostic", () => {
    const f = fixture(`
      Table users {
        id int
      }
      Table posts {
        user_id int
      }
      Ref: posts.user_id > [|usres|].id
    `);
    const span = f.ranges[0].span;
    const diags = f.ws.diagnostics(f.uri).filter((d) => d.span.start === span.start && d.span.end === span.end);
    assert.ok(diags.length, `no binder diagnostic on the unknown name; got ${JSON.stringify(f.ws.diagnostics(f.uri))}`);
    const actions = codeActions(f.ws, f.uri, span, diags);
    assert.equal(actions[0]?.edit.changes[f.uri][0].newText, 'users');
    assert.equal(actions[0]?.isPreferred, true);
  });
});

describe('edit distance', () => {
  const cases: [string, string, number][] = [
    ['users', 'users', 0],
    ['usres', 'users', 1],
    ['usrs', 'users', 1],
    ['userz', 'users', 1],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
  ];
  for (const [a, b, d] of cases) test(`${a} -> ${b} = ${d}`, () => assert.equal(editDistance(a, b), d));
  test('closest names rank case-only fixes first and drop distant ones', () => {
    assert.deepEqual(closestNames('Users', ['users', 'user', 'posts']), ['users', 'user']);
    assert.deepEqual(closestNames('xyz', ['users']), []);
  });
});
