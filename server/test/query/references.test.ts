/**
 * References: every table, alias and column a query writes, with the span of
 * the name and what it binds to. Each expectation is `kind text -> target`
 * where target is `tableKey.column`, `tableKey`, or `-` (nothing in the
 * schema), and `*` marks a definition. Spans are checked by the text they
 * cover, so a wrongly located name fails.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkQueries, referenceAt, type QueryDialect, type QueryReference } from '../../src/engine/query/index.js';
import { shopSchema } from './fixtures.js';

function show(sql: string, r: QueryReference): string {
  const target = r.column !== undefined ? `${r.tableKey}.${r.column}` : (r.tableKey ?? '-');
  return `${r.kind}${r.definition ? '*' : ''} ${sql.slice(r.span.start, r.span.end)} -> ${target}`;
}

const cases: { name: string; dialect: QueryDialect; sql: string; refs: string[] }[] = [
  {
    name: 'aliases, qualified and unqualified columns',
    dialect: 'postgres',
    sql: 'SELECT u.email, total FROM users u JOIN orders o ON o.user_id = u.id',
    refs: [
      'alias u -> public.users',
      'column email -> public.users.email',
      'column total -> public.orders.total',
      'table users -> public.users',
      'alias* u -> public.users',
      'table orders -> public.orders',
      'alias* o -> public.orders',
      'alias o -> public.orders',
      'column user_id -> public.orders.user_id',
      'alias u -> public.users',
      'column id -> public.users.id',
    ],
  },
  {
    name: 'the same name in an inner and an outer query binds to different tables',
    dialect: 'postgres',
    sql: 'SELECT id FROM users WHERE id IN (SELECT id FROM plans)',
    refs: [
      'column id -> public.users.id',
      'table users -> public.users',
      'column id -> public.users.id',
      'column id -> public.plans.id',
      'table plans -> public.plans',
    ],
  },
  {
    name: 'a CTE column keeps its origin when it keeps its name',
    dialect: 'postgres',
    sql: 'WITH s AS (SELECT user_id, sum(total) AS spent FROM orders GROUP BY user_id) SELECT s.user_id, spent FROM s',
    refs: [
      'alias* s -> -',
      'column user_id -> public.orders.user_id',
      'column total -> public.orders.total',
      'alias* spent -> -',
      'table orders -> public.orders',
      'column user_id -> public.orders.user_id',
      'alias s -> -',
      'column user_id -> public.orders.user_id',
      'column spent -> -',
      'alias s -> -',
    ],
  },
  {
    name: 'quoted names in MySQL and a table name used as qualifier',
    dialect: 'mysql',
    sql: 'UPDATE `orders` SET `status` = \'paid\' WHERE orders.id = 3',
    refs: ['table `orders` -> .orders', 'column `status` -> .orders.status', 'table orders -> .orders', 'column id -> .orders.id'],
  },
  {
    name: 'INSERT column list and ON CONFLICT',
    dialect: 'postgres',
    sql: 'INSERT INTO plans (id, name) VALUES (1, \'a\') ON CONFLICT (id) DO UPDATE SET name = excluded.name',
    refs: [
      'table plans -> public.plans',
      'column id -> public.plans.id',
      'column name -> public.plans.name',
      'column id -> public.plans.id',
      'column name -> public.plans.name',
      'alias excluded -> public.plans',
      'column name -> public.plans.name',
    ],
  },
  {
    name: 'SQL Server brackets and schema',
    dialect: 'mssql',
    sql: 'SELECT [i].[amount] FROM [billing].[invoices] AS [i]',
    refs: ['alias [i] -> billing.invoices', 'column [amount] -> billing.invoices.amount', 'table [invoices] -> billing.invoices', 'alias* [i] -> billing.invoices'],
  },
];

for (const c of cases) {
  test(`references: ${c.name}`, () => {
    const r = checkQueries(shopSchema(c.dialect), c.sql, c.dialect);
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
    assert.deepEqual(r.references.map((x) => show(c.sql, x)).sort(), [...c.refs].sort());
  });
}

test('every reference span covers exactly the name it carries', () => {
  const sql = `WITH paid AS (SELECT o.id, o.user_id, o.total FROM orders o WHERE o.status = 'paid')
SELECT u.email, p.total, i.quantity FROM paid p JOIN users u ON u.id = p.user_id JOIN order_items i ON i.order_id = p.id ORDER BY p.total DESC`;
  const r = checkQueries(shopSchema('postgres'), sql, 'postgres');
  assert.deepEqual(r.diagnostics, []);
  assert.ok(r.references.length >= 25, `${r.references.length}`);
  for (const x of r.references) assert.equal(sql.slice(x.span.start, x.span.end).toLowerCase(), x.name.toLowerCase());
});

test('referenceAt finds the name under the cursor', () => {
  const sql = 'SELECT o.total FROM orders o';
  const r = checkQueries(shopSchema('postgres'), sql, 'postgres');
  const at = (needle: string, delta = 1): string => {
    const x = referenceAt(r, sql.indexOf(needle) + delta);
    return x ? show(sql, x) : 'none';
  };
  assert.equal(at('total'), 'column total -> public.orders.total');
  assert.equal(at('o.total', 0), 'alias o -> public.orders');
  assert.equal(at('orders'), 'table orders -> public.orders');
  assert.equal(at('FROM'), 'none');
});

test('alias uses point at their definitions; each alias says what it names', () => {
  // second statement of a text, so the spans are shifted by the statement's offset
  const sql = `SELECT 1;
WITH paid AS (SELECT o.user_id, sum(o.total) AS spent FROM orders o GROUP BY o.user_id)
SELECT u.email, p.spent, rank() OVER (ORDER BY p.spent) AS r FROM paid p JOIN users u ON u.id = p.user_id ORDER BY r`;
  const r = checkQueries(shopSchema('postgres'), sql, 'postgres');
  assert.deepEqual(r.diagnostics, []);
  const shown = r.references
    .filter((x) => x.kind === 'alias' || x.definitionSpan)
    .map((x) => `${x.kind} ${x.aliasOf ?? ''}${x.definition ? '*' : ''} ${sql.slice(x.span.start, x.span.end)}@${x.span.start}${x.definitionSpan ? ` -> ${sql.slice(x.definitionSpan.start, x.definitionSpan.end)}@${x.definitionSpan.start}` : ''}`);
  const at = (needle: string, from = 0) => sql.indexOf(needle, from);
  const main = at('SELECT u.');
  assert.deepEqual(shown.sort(), [
    `alias cte* paid@${at('paid')}`,
    `alias relation o@${at('o.user_id')} -> o@${at('o GROUP')}`,
    `alias relation o@${at('o.total')} -> o@${at('o GROUP')}`,
    `alias output* spent@${at('spent')}`,
    `alias relation* o@${at('o GROUP')}`,
    `alias relation o@${at('o.user_id', at('GROUP'))} -> o@${at('o GROUP')}`,
    `alias relation u@${at('u.email')} -> u@${at('u ON')}`,
    `alias relation p@${at('p.spent')} -> p@${at('p JOIN')}`,
    `column  spent@${at('spent', main)} -> spent@${at('spent')}`,
    `alias relation p@${at('p.spent', at('ORDER BY p'))} -> p@${at('p JOIN')}`,
    `column  spent@${at('spent', at('ORDER BY p'))} -> spent@${at('spent')}`,
    `alias output* r@${at('r FROM')}`,
    `alias cte paid@${at('paid p')} -> paid@${at('paid')}`,
    `alias relation* p@${at('p JOIN')}`,
    `alias relation* u@${at('u ON')}`,
    `alias relation u@${at('u.id')} -> u@${at('u ON')}`,
    `alias relation p@${at('p.user_id')} -> p@${at('p JOIN')}`,
    `alias output r@${sql.length - 1} -> r@${at('r FROM')}`,
  ].sort());
});
