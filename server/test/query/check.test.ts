/**
 * checkQueries over the shop schema: one table of realistic queries per
 * dialect, each with the diagnostics it must produce, written as
 * `CODE covered-text` (the text the diagnostic's span covers). An empty list
 * means the query must check clean. Order does not matter.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkQueries, type QueryDialect } from '../../src/engine/query/index.js';
import { shopSchema } from './fixtures.js';

interface Case {
  name: string;
  dialect: QueryDialect;
  sql: string;
  expect: string[];
}

const pg = (name: string, sql: string, ...expect: string[]): Case => ({ name, dialect: 'postgres', sql, expect });
const my = (name: string, sql: string, ...expect: string[]): Case => ({ name, dialect: 'mysql', sql, expect });
const lite = (name: string, sql: string, ...expect: string[]): Case => ({ name, dialect: 'sqlite', sql, expect });
const ms = (name: string, sql: string, ...expect: string[]): Case => ({ name, dialect: 'mssql', sql, expect });

const cases: Case[] = [
  // --- PostgreSQL: clean reports
  pg('monthly revenue per plan', `SELECT p.name AS plan, date_trunc('month', o.created_at) AS month, sum(o.total) AS revenue
FROM orders o JOIN users u ON u.id = o.user_id JOIN plans p ON p.id = u.plan_id
WHERE o.status = 'paid' GROUP BY p.name, month ORDER BY month, revenue DESC`),
  pg('top customers with a CTE', `WITH spend AS (SELECT user_id, sum(total) AS spent FROM orders GROUP BY user_id)
SELECT u.email, s.spent FROM spend s JOIN users u ON u.id = s.user_id ORDER BY s.spent DESC LIMIT 10`),
  pg('CTE column list renames', `WITH t(uid, n) AS (SELECT user_id, count(*) FROM orders GROUP BY user_id) SELECT uid, n FROM t WHERE n > 3`),
  pg('two CTEs, the second reads the first', `WITH paid AS (SELECT * FROM orders WHERE status = 'paid'), big AS (SELECT id, total FROM paid WHERE total > 100) SELECT count(*) FROM big`),
  pg('window function ranking', `SELECT o.id, o.user_id, o.total, rank() OVER (PARTITION BY o.user_id ORDER BY o.total DESC) AS r FROM orders o`),
  pg('running total window', `SELECT id, created_at, sum(total) OVER (ORDER BY created_at ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running FROM orders`),
  pg('derived table with aliases', `SELECT x.user_id, x.n FROM (SELECT user_id, count(*) AS n FROM orders GROUP BY user_id) AS x WHERE x.n > 2`),
  pg('correlated EXISTS subquery', `SELECT u.email FROM users u WHERE EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.id AND o.total > 50)`),
  pg('IN subquery', `SELECT name FROM products WHERE id IN (SELECT product_id FROM order_items WHERE quantity > 10)`),
  pg('join USING', `SELECT id, quantity FROM order_items JOIN products USING (id)`),
  pg('schema-qualified table', `SELECT i.amount, o.total FROM billing.invoices i JOIN orders o ON o.id = i.order_id`),
  pg('quoted mixed-case column', `SELECT "displayName" FROM users`),
  pg('star over a join', `SELECT * FROM orders o JOIN users u ON u.id = o.user_id`),
  pg('qualified star', `SELECT o.*, u.email FROM orders o, users u WHERE u.id = o.user_id`),
  pg('UNION ALL', `SELECT email FROM users UNION ALL SELECT sku FROM products`),
  pg('CASE and casts', `SELECT id, CASE WHEN stock = 0 THEN 'out' ELSE 'in' END AS availability, price::text FROM products`),
  pg('order by output alias', `SELECT user_id, count(*) AS n FROM orders GROUP BY user_id ORDER BY n DESC`),
  pg('upsert ON CONFLICT with EXCLUDED', `INSERT INTO products (sku, name, price) VALUES ('A-1', 'Mug', 9.5) ON CONFLICT (sku) DO UPDATE SET price = EXCLUDED.price, name = EXCLUDED.name`),
  pg('INSERT ... SELECT', `INSERT INTO billing.invoices (order_id, amount, issued_at) SELECT id, total, current_date FROM orders WHERE status = 'paid'`),
  pg('INSERT RETURNING', `INSERT INTO plans (id, name, price_cents) VALUES (1, 'pro', 900), (2, 'team', 2900) RETURNING id`),
  pg('UPDATE ... FROM', `UPDATE orders o SET total = s.sum FROM (SELECT order_id, sum(quantity * unit_price) AS sum FROM order_items GROUP BY order_id) s WHERE s.order_id = o.id`),
  pg('DELETE with subquery', `DELETE FROM order_items WHERE order_id IN (SELECT id FROM orders WHERE status = 'new' AND created_at < now() - interval '30 days')`),
  pg('recursive CTE', `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10) SELECT i FROM n`),
  pg('LEFT JOIN with IS NULL', `SELECT u.id FROM users u LEFT JOIN orders o ON o.user_id = u.id WHERE o.id IS NULL`),
  pg('HAVING on aggregate', `SELECT product_id, sum(quantity) AS sold FROM order_items GROUP BY product_id HAVING sum(quantity) > 100`),
  pg('table function in FROM', `SELECT g FROM generate_series(1, 10) AS g`),
  // --- PostgreSQL: errors
  pg('unknown table with suggestion', `SELECT * FROM order_item`, 'QRY001 order_item'),
  pg('unknown schema-qualified table', `SELECT * FROM billing.invoice`, 'QRY001 billing.invoice'),
  pg('unknown qualified column', `SELECT u.emial FROM users u`, 'QRY002 emial'),
  pg('unknown unqualified column', `SELECT nmae FROM products`, 'QRY002 nmae'),
  pg('unknown column in WHERE of a join', `SELECT o.id FROM orders o JOIN users u ON u.id = o.user_id WHERE u.signup_date > now()`, 'QRY002 signup_date'),
  pg('ambiguous column in a join', `SELECT id, email FROM users JOIN orders ON orders.user_id = users.id`, 'QRY003 id'),
  pg('ambiguous column in WHERE', `SELECT o.id FROM orders o JOIN order_items i ON i.order_id = o.id WHERE id > 10`, 'QRY003 id'),
  pg('alias not in scope', `SELECT x.id FROM orders o`, 'QRY001 x'),
  pg('table name used after aliasing', `SELECT orders.id FROM orders o JOIN users u ON u.id = o.user_id`, 'QRY001 orders'),
  pg('uuid = integer join', `SELECT * FROM orders o JOIN users u ON u.id = o.id`, 'QRY004 u.id = o.id'),
  pg('incomparable implicit join in WHERE', `SELECT 1 FROM orders o, users u WHERE u.id = o.id`, 'QRY004 u.id = o.id'),
  pg('integer = integer through a CTE is fine', `WITH p AS (SELECT id AS pid FROM plans) SELECT 1 FROM users u JOIN p ON p.pid = u.plan_id`),
  pg('unknown INSERT target stops column checks', `INSERT INTO userz (email) VALUES ('a')`, 'QRY001 userz'),
  pg('unknown table in a subquery', `SELECT id FROM users WHERE plan_id IN (SELECT id FROM plan)`, 'QRY001 plan'),
  pg('uuid = text join', `SELECT * FROM orders o JOIN users u ON u.id = o.status`, 'QRY004 u.id = o.status'),
  pg('column missing in a CTE', `WITH s AS (SELECT user_id FROM orders) SELECT s.total FROM s`, 'QRY002 total'),
  pg('column missing in a derived table', `SELECT d.email FROM (SELECT id FROM users) d`, 'QRY002 email'),
  pg('INSERT unknown column', `INSERT INTO users (id, email, phone) VALUES (gen_random_uuid(), 'a@b.c', '1')`, 'QRY002 phone'),
  pg('INSERT too few values', `INSERT INTO plans (id, name, price_cents) VALUES (1, 'pro')`, "QRY005 (1, 'pro')"),
  pg('INSERT second row too long', `INSERT INTO plans (id, name) VALUES (1, 'a'), (2, 'b', 3)`, "QRY005 (2, 'b', 3)"),
  pg('INSERT without column list, wrong arity', `INSERT INTO plans VALUES (1, 'pro')`, "QRY005 (1, 'pro')"),
  pg('INSERT SELECT arity', `INSERT INTO plans (id, name, price_cents) SELECT id, name FROM products`, 'QRY005 plans'),
  pg('UPDATE unknown SET column', `UPDATE products SET prize = 10 WHERE id = 1`, 'QRY002 prize'),
  pg('DELETE unknown WHERE column', `DELETE FROM orders WHERE state = 'new'`, 'QRY002 state'),
  pg('ON CONFLICT with unknown EXCLUDED column', `INSERT INTO products (sku, name, price) VALUES ('A', 'B', 1) ON CONFLICT (sku) DO UPDATE SET price = EXCLUDED.cost`, 'QRY002 cost'),
  pg('mixed case needs quotes in PostgreSQL', `SELECT displayName FROM users`, 'QRY002 displayName'),
  pg('unknown column inside a window', `SELECT id, sum(total) OVER (PARTITION BY customer_id) FROM orders`, 'QRY002 customer_id'),
  pg('syntax error is positioned', `SELECT id FROM orders WHERE`, 'QRY010 WHERE'),
  pg('unknown column inside EXISTS', `SELECT u.id FROM users u WHERE EXISTS (SELECT 1 FROM orders o WHERE o.owner = u.id)`, 'QRY002 owner'),
  pg('two errors in one query', `SELECT u.mail, o.totl FROM users u JOIN orders o ON o.user_id = u.id`, 'QRY002 mail', 'QRY002 totl'),
  pg('RETURNING unknown column', `UPDATE plans SET price_cents = 0 WHERE id = 3 RETURNING price`, 'QRY002 price'),

  pg('whole-row reference', `SELECT jsonb_agg(o) FROM orders o`),
  pg('FILTER and DISTINCT ON', `SELECT DISTINCT ON (user_id) user_id, count(*) FILTER (WHERE total > 10) AS big FROM orders GROUP BY user_id, created_at ORDER BY user_id, created_at DESC`),
  pg('LATERAL sees the left side', `SELECT u.id, l.total FROM users u CROSS JOIN LATERAL (SELECT total FROM orders o WHERE o.user_id = u.id ORDER BY total DESC LIMIT 1) l`),
  pg('scalar subquery in the select list', `SELECT u.email, (SELECT count(*) FROM orders o WHERE o.user_id = u.id) AS n FROM users u`),
  pg('parameters and niladic functions', `SELECT current_date, id FROM orders WHERE user_id = $1 AND created_at < current_timestamp`),
  pg('DELETE ... USING', `DELETE FROM orders o USING users u WHERE u.id = o.user_id AND u.email = 'x'`),
  pg('DELETE ... USING with an unknown column', `DELETE FROM orders o USING users u WHERE u.id = o.user_id AND u.mail = 'x'`, 'QRY002 mail'),
  pg('WITH before INSERT ... SELECT', `WITH x AS (SELECT id FROM users WHERE plan_id = 2) INSERT INTO orders (user_id, status) SELECT id, 'new' FROM x`),
  pg('WITH before INSERT with an unknown CTE column', `WITH x AS (SELECT id FROM users) INSERT INTO orders (user_id, status) SELECT idd, 'new' FROM x`, 'QRY002 idd'),
  pg('data-modifying CTE', `WITH moved AS (DELETE FROM orders WHERE status = 'new' RETURNING id, total) SELECT sum(total), count(id) FROM moved`),
  pg('FETCH FIRST is understood', `SELECT name, price FROM products ORDER BY price DESC FETCH FIRST 3 ROWS ONLY`),
  pg('FETCH FIRST with an unknown column', `SELECT name, prise FROM products ORDER BY price DESC FETCH FIRST 3 ROWS ONLY`, 'QRY002 prise'),
  // --- MySQL
  my('multi-table DELETE', `DELETE o FROM orders o JOIN users u ON u.id = o.user_id WHERE u.email = 'x'`),
  my('HAVING on an output alias and INTERVAL', `SELECT u.email, COUNT(o.id) AS n FROM users u LEFT JOIN orders o ON o.user_id = u.id WHERE o.created_at > NOW() - INTERVAL 7 DAY GROUP BY u.email HAVING n > 1`),
  my('backticks and ON DUPLICATE KEY UPDATE', "INSERT INTO `products` (`sku`, `name`, `price`) VALUES ('A-1', 'Mug', 9.5) ON DUPLICATE KEY UPDATE `price` = VALUES(`price`), stock = stock + 1"),
  my('case-insensitive names', `SELECT U.EMAIL, DisplayName FROM USERS U`),
  my('LIMIT offset report', `SELECT p.name, sum(i.quantity) AS sold FROM order_items i JOIN products p ON p.id = i.product_id GROUP BY p.name ORDER BY sold DESC LIMIT 5, 10`),
  my('database-qualified table', `SELECT amount FROM billing.invoices WHERE issued_at >= '2024-01-01'`),
  my('char uuid = char join is fine', `SELECT o.id FROM orders o JOIN users u ON u.id = o.user_id`),
  my('unknown column in ON DUPLICATE KEY UPDATE', "INSERT INTO products (sku, name, price) VALUES ('A', 'B', 1) ON DUPLICATE KEY UPDATE cost = 2", 'QRY002 cost'),
  my('unknown table', 'SELECT * FROM `order`', 'QRY001 `order`'),
  my('integer = datetime join', `SELECT * FROM orders o JOIN order_items i ON i.order_id = o.created_at`, 'QRY004 i.order_id = o.created_at'),
  my('UPDATE with JOIN', `UPDATE orders o JOIN users u ON u.id = o.user_id SET o.status = 'paid' WHERE u.email = 'a@b.c'`),
  my('UPDATE unknown qualified column', `UPDATE orders o SET o.state = 'paid' WHERE o.id = 1`, 'QRY002 state'),
  my('INSERT ... SET with an unknown column', `INSERT INTO plans SET id = 1, nam = 'x'`, 'QRY002 nam'),
  my('REPLACE INTO arity', `REPLACE INTO plans (id, name, price_cents) VALUES (1, 'pro')`, "QRY005 (1, 'pro')"),

  // --- SQLite
  lite('upsert ON CONFLICT DO UPDATE', `INSERT INTO products (sku, name, price) VALUES ('A', 'B', 1.5) ON CONFLICT(sku) DO UPDATE SET price = excluded.price`),
  lite('report with date text', `SELECT strftime('%Y-%m', created_at) AS month, sum(total) FROM orders GROUP BY month`),
  lite('dates as text compare with text', `SELECT * FROM orders o JOIN users u ON u.created_at = o.created_at`),
  lite('unknown column', `SELECT qty FROM order_items`, 'QRY002 qty'),
  lite('INSERT OR REPLACE', `INSERT OR REPLACE INTO plans (id, name, price_cents) VALUES (1, 'a', 2)`),
  lite('bracket quoted names', `SELECT [email] FROM [users]`),
  lite('ambiguous name', `SELECT name FROM products, plans`, 'QRY003 name'),

  // --- SQL Server
  ms('TOP with brackets', `SELECT TOP 10 [u].[email], [u].[name] FROM [dbo].[users] AS [u] ORDER BY [u].[created_at] DESC`),
  ms('CTE with window', `WITH ranked AS (SELECT user_id, total, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY total DESC) AS rn FROM orders) SELECT user_id, total FROM ranked WHERE rn = 1`),
  ms('schema-qualified invoice join', `SELECT i.amount FROM billing.invoices i JOIN orders o ON o.id = i.order_id`),
  ms('unknown column with brackets', `SELECT [u].[mail] FROM [users] [u]`, 'QRY002 [mail]'),
  ms('uniqueidentifier = int join', `SELECT * FROM orders o JOIN users u ON u.id = o.id`, 'QRY004 u.id = o.id'),
  ms('date parts and CONVERT types are not columns', `SELECT CONVERT(varchar, created_at, 23), DATEPART(year, created_at), DATEADD(day, -7, created_at) FROM orders`),
  ms('variables', `SELECT o.id FROM orders o WHERE o.created_at > @since`),
  ms('UPDATE through a FROM alias', `UPDATE o SET o.status = 'paid' FROM orders o JOIN users u ON u.id = o.user_id`),
  ms('UPDATE through a FROM alias, unknown column', `UPDATE o SET o.state = 'paid' FROM orders o JOIN users u ON u.id = o.user_id`, 'QRY002 state'),
  ms('unknown table in dbo', `SELECT * FROM dbo.customers`, 'QRY001 dbo.customers'),
];

function covered(sql: string, d: { code: string; span: { start: number; end: number } }): string {
  return `${d.code} ${sql.slice(d.span.start, d.span.end)}`;
}

for (const c of cases) {
  test(`${c.dialect}: ${c.name}`, () => {
    const r = checkQueries(shopSchema(c.dialect), c.sql, c.dialect);
    const got = r.diagnostics.map((d) => covered(c.sql, d)).sort();
    assert.deepEqual(got, [...c.expect].sort(), r.diagnostics.map((d) => d.message).join('\n'));
    assert.equal(r.statements.length, 1);
  });
}

test('the table holds at least 60 queries over all four dialects', () => {
  assert.ok(cases.length >= 60, `${cases.length}`);
  assert.deepEqual(new Set(cases.map((c) => c.dialect)), new Set(['postgres', 'mysql', 'sqlite', 'mssql']));
});

test('messages suggest the nearest name and carry it as data', () => {
  const sql = 'SELECT u.emial FROM users u JOIN order_item i ON true';
  const r = checkQueries(shopSchema('postgres'), sql, 'postgres');
  const byCode = new Map(r.diagnostics.map((d) => [d.code, d]));
  assert.match(byCode.get('QRY002')!.message, /did you mean `email`/);
  assert.deepEqual(byCode.get('QRY002')!.data?.suggestions, ['email']);
  assert.deepEqual(byCode.get('QRY001')!.data?.suggestions?.[0], 'order_items');
  assert.equal(byCode.get('QRY002')!.severity, 'error');
});

test('QRY004 is a warning and names both types', () => {
  const sql = 'SELECT 1 FROM orders o JOIN users u ON u.id = o.id';
  const [d] = checkQueries(shopSchema('postgres'), sql, 'postgres').diagnostics;
  assert.equal(d.severity, 'warning');
  assert.match(d.message, /uuid/);
  assert.match(d.message, /serial|int/);
});

test('DDL statements are skipped, queries among them are checked, spans are into the whole text', () => {
  const sql = 'CREATE TABLE x (a int);\nSELECT nope FROM users;\nALTER TABLE x ADD b int;\nDELETE FROM plans WHERE nam = 1;';
  const r = checkQueries(shopSchema('postgres'), sql, 'postgres');
  assert.deepEqual(r.diagnostics.map((d) => covered(sql, d)), ['QRY002 nope', 'QRY002 nam']);
  assert.deepEqual(r.statements.map((s) => [s.kind, sql.slice(s.span.start, s.span.end)]), [
    ['select', 'SELECT nope FROM users'],
    ['delete', 'DELETE FROM plans WHERE nam = 1'],
  ]);
});

test('options.offset shifts every span and options.uri names the file', () => {
  const sql = 'SELECT nope FROM users';
  const r = checkQueries(shopSchema('postgres'), sql, 'postgres', { offset: 100, uri: 'file:///q.sql' });
  assert.deepEqual(r.diagnostics.map((d) => [d.uri, d.span]), [['file:///q.sql', { start: 107, end: 111 }]]);
  assert.ok(r.references.every((x) => x.span.start >= 100));
  assert.deepEqual(r.statements[0].span, { start: 100, end: 122 });
});

test('statements report the tables they use and their output columns', () => {
  const sql = 'SELECT u.email, count(*) AS n FROM users u JOIN orders o ON o.user_id = u.id GROUP BY u.email; SELECT * FROM plans';
  const r = checkQueries(shopSchema('postgres'), sql, 'postgres');
  assert.deepEqual(r.statements.map((s) => s.tables), [['public.users', 'public.orders'], ['public.plans']]);
  assert.deepEqual(r.statements.map((s) => s.outputColumns), [['email', 'n'], ['id', 'name', 'price_cents']]);
});

const PARSE_ERRORS: { dialect: QueryDialect; sql: string; covers: string }[] = [
  { dialect: 'postgres', sql: 'SELECT id FROM orders WHERE status = = 1', covers: '=' },
  { dialect: 'mysql', sql: 'SELECT id FROM orders ORDER status', covers: 's' },
  { dialect: 'sqlite', sql: 'SELECT id FROM orders WHERE', covers: 'WHERE' },
  { dialect: 'mssql', sql: 'SELECT id FROM orders WHERE id IN (', covers: '(' },
];

for (const c of PARSE_ERRORS) {
  test(`${c.dialect}: a parse error points where the parser stopped`, () => {
    const r = checkQueries(shopSchema(c.dialect), c.sql, c.dialect);
    assert.deepEqual(r.diagnostics.map((d) => covered(c.sql, d)), [`QRY010 ${c.covers}`]);
    assert.equal(r.statements[0].parsed, false);
  });
}

test('a parse error stops only its own statement', () => {
  const sql = 'SELECT FROM orders;\nSELECT nme FROM plans;';
  const r = checkQueries(shopSchema('postgres'), sql, 'postgres');
  assert.deepEqual(r.diagnostics.map((d) => d.code), ['QRY010', 'QRY002']);
  assert.deepEqual(r.statements.map((s) => s.parsed), [false, true]);
  assert.match(r.diagnostics[0].message, /^Syntax error/);
});

test('an LLM answer with unknown columns yields the diagnostics a retry prompt needs', () => {
  const answer = `SELECT p.plan_name, SUM(o.amount) AS revenue
FROM orders o
JOIN users u ON u.id = o.user_id
JOIN plans p ON p.id = u.plan_id
GROUP BY p.plan_name`;
  const r = checkQueries(shopSchema('postgres'), answer, 'postgres');
  assert.deepEqual(r.diagnostics.map((d) => covered(answer, d)).sort(), ['QRY002 amount', 'QRY002 plan_name', 'QRY002 plan_name']);
  assert.ok(r.diagnostics.some((d) => /did you mean `name`/.test(d.message)));
});
