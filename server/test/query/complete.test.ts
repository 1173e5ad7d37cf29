/**
 * queryCompletions: a `|` in each fixture marks the cursor; the expectation
 * lists labels that must be offered (and, where given, labels that must not).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { queryCompletions, type QueryDialect } from '../../src/engine/query/index.js';
import { shopSchema } from './fixtures.js';

interface Case {
  name: string;
  dialect?: QueryDialect;
  fixture: string;
  /** labels that must all be offered (kind:label) */
  has: string[];
  /** labels that must not be offered */
  not?: string[];
  /** the text the completion replaces */
  replaces?: string;
}

const cases: Case[] = [
  { name: 'tables after FROM', fixture: 'SELECT * FROM |', has: ['table:users', 'table:orders', 'table:billing.invoices'], not: ['column:email', 'table:invoices'] },
  { name: 'tables after JOIN with a prefix', fixture: 'SELECT * FROM users u JOIN ord|', has: ['table:orders', 'table:order_items'], replaces: 'ord' },
  { name: 'tables after INTO', fixture: 'INSERT INTO |', has: ['table:plans'] },
  { name: 'tables after UPDATE', fixture: 'UPDATE |', has: ['table:products'] },
  { name: 'tables after a comma in FROM', fixture: 'SELECT 1 FROM users, |', has: ['table:plans'] },
  { name: 'CTE names after FROM', fixture: 'WITH spend AS (SELECT 1) SELECT * FROM |', has: ['alias:spend', 'table:users'] },
  { name: 'columns after alias dot', fixture: 'SELECT u.| FROM users u', has: ['column:email', 'column:plan_id'], not: ['column:total'] },
  { name: 'columns after alias dot with prefix', fixture: 'SELECT o.to| FROM orders o JOIN users u ON true', has: ['column:total'], not: ['column:email'], replaces: 'to' },
  { name: 'columns after a table name dot', fixture: 'SELECT plans.| FROM plans', has: ['column:price_cents'] },
  { name: 'columns in the select list of a join', fixture: 'SELECT | FROM orders o JOIN users u ON u.id = o.user_id', has: ['column:total', 'column:email', 'alias:o', 'alias:u'], not: ['column:sku'] },
  { name: 'a column two relations have is offered qualified', fixture: 'SELECT * FROM orders o JOIN order_items i ON |', has: ['column:o.id', 'column:i.id', 'column:quantity'], not: ['column:id', 'column:quantity.id'] },
  { name: 'columns in WHERE', fixture: 'SELECT * FROM products WHERE st|', has: ['column:stock', 'column:sku'], replaces: 'st' },
  { name: 'columns in ON', fixture: 'SELECT * FROM orders o JOIN order_items i ON i.order_id = |', has: ['column:quantity', 'column:status'] },
  { name: 'columns in an INSERT column list', fixture: 'INSERT INTO plans (id, |) VALUES (1, 2)', has: ['column:name', 'column:price_cents'], not: ['table:users'] },
  { name: 'columns in UPDATE SET', fixture: 'UPDATE products SET | = 1', has: ['column:price'] },
  { name: 'tables of a schema after schema dot', fixture: 'SELECT * FROM billing.|', has: ['table:invoices'], not: ['table:users'] },
  { name: 'no names where an alias goes', fixture: 'SELECT * FROM users |', has: [], not: ['table:users', 'column:email'] },
  { name: 'second statement uses its own tables', fixture: 'SELECT * FROM plans;\nSELECT | FROM users', has: ['column:email'], not: ['column:price_cents'] },
  { name: 'MySQL backtick alias', dialect: 'mysql', fixture: 'SELECT `o`.| FROM `orders` `o`', has: ['column:created_at'] },
  { name: 'SQL Server brackets', dialect: 'mssql', fixture: 'SELECT [u].| FROM [dbo].[users] [u]', has: ['column:displayName'] },
];

for (const c of cases) {
  test(`completion: ${c.name}`, () => {
    const dialect = c.dialect ?? 'postgres';
    const offset = c.fixture.indexOf('|');
    const text = c.fixture.slice(0, offset) + c.fixture.slice(offset + 1);
    const r = queryCompletions(shopSchema(dialect), text, offset, dialect);
    const labels = new Set(r.items.map((i) => `${i.kind}:${i.label}`));
    for (const h of c.has) assert.ok(labels.has(h), `missing ${h} in ${[...labels].join(' ')}`);
    for (const n of c.not ?? []) assert.ok(!labels.has(n), `unexpected ${n}`);
    if (c.has.length === 0) assert.equal(r.items.length, 0);
    if (c.replaces !== undefined) assert.equal(text.slice(r.span.start, r.span.end), c.replaces);
  });
}

test('column completions carry their table and type', () => {
  const text = 'SELECT o. FROM orders o';
  const r = queryCompletions(shopSchema('postgres'), text, 9, 'postgres');
  const total = r.items.find((i) => i.label === 'total');
  assert.deepEqual({ kind: total?.kind, tableKey: total?.tableKey, column: total?.column }, { kind: 'column', tableKey: 'public.orders', column: 'total' });
  assert.match(total?.detail ?? '', /numeric/);
});
