/**
 * Robustness: edits a user makes while typing (truncation, a deleted or
 * inserted character) in realistic queries. checkQueries and
 * queryCompletions must return (never throw), keep every span inside the
 * text, and a statement that fails to parse must say so with QRY010.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkQueries, queryCompletions, type QueryDialect } from '../../src/engine/query/index.js';
import { shopSchema } from './fixtures.js';

const SEEDS: { dialect: QueryDialect; sql: string }[] = [
  { dialect: 'postgres', sql: `WITH s AS (SELECT user_id, sum(total) AS spent FROM orders GROUP BY user_id) SELECT u.email, s.spent FROM s JOIN users u ON u.id = s.user_id ORDER BY 2 DESC;` },
  { dialect: 'postgres', sql: `INSERT INTO products (sku, name, price) VALUES ('A', 'B', 1) ON CONFLICT (sku) DO UPDATE SET price = EXCLUDED.price RETURNING id;` },
  { dialect: 'mysql', sql: "UPDATE `orders` o JOIN users u ON u.id = o.user_id SET o.status = 'paid' WHERE u.email LIKE '%@x.com';" },
  { dialect: 'sqlite', sql: `SELECT p.name, sum(i.quantity) FROM order_items i, products p WHERE p.id = i.product_id GROUP BY p.name;` },
  { dialect: 'mssql', sql: `SELECT TOP 5 [o].[id], ROW_NUMBER() OVER (ORDER BY [o].[total] DESC) AS rn FROM [dbo].[orders] [o];` },
];

function checkInvariants(dialect: QueryDialect, text: string): void {
  const r = checkQueries(shopSchema(dialect), text, dialect);
  for (const d of r.diagnostics) {
    assert.ok(d.span.start >= 0 && d.span.end <= text.length && d.span.start <= d.span.end, `${d.code} ${JSON.stringify(d.span)} in ${text.length}`);
    assert.match(d.code, /^QRY0(0[1-5]|10)$/);
  }
  for (const x of r.references) assert.ok(x.span.start >= 0 && x.span.end <= text.length && x.span.start < x.span.end);
  for (const s of r.statements) if (!s.parsed) assert.ok(r.diagnostics.some((d) => d.code === 'QRY010' && d.span.start >= s.span.start && d.span.end <= s.span.end));
  const c = queryCompletions(shopSchema(dialect), text, Math.floor(text.length / 2), dialect);
  assert.ok(c.span.start <= c.span.end && c.span.end <= text.length);
}

test('truncated queries (every prefix a user types through)', () => {
  for (const { dialect, sql } of SEEDS) for (let n = 0; n <= sql.length; n += 3) checkInvariants(dialect, sql.slice(0, n));
});

test('random single-character edits', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: SEEDS.length - 1 }), fc.nat(), fc.constantFrom('', '(', ')', "'", '"', ',', '.', ' ', 'x', ';', '`', '['), (k, pos, ch) => {
      const { dialect, sql } = SEEDS[k];
      const at = pos % (sql.length + 1);
      checkInvariants(dialect, sql.slice(0, at) + ch + sql.slice(ch === '' ? at + 1 : at));
    }),
    { numRuns: 150, seed: 11 },
  );
});
