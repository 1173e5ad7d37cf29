/**
 * The pure profiler (engine/detect/data): value classification, column types
 * from small inline columns, keys and enums, nested values (child tables or
 * JSON columns), the quality figures (nulls, distinct, patterns, mixed types,
 * invalid dates, duplicates, outliers), HTML escaping, the sketches' accuracy,
 * and the DBML/SQL printers on names that need quoting.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataProfiler, classify, Kind, renderQualityHtml, shapeOf } from '../../src/engine/detect/data/index.js';
import { schemaToDbml, schemaToSql } from './print.js';
import { BloomFilter, HashSet64, HyperLogLog, prng } from '../../src/engine/detect/data/sketches.js';
import { hashPair, secondHash } from '../../src/engine/detect/data/values.js';
import { Workspace } from '../../src/engine/workspace.js';

test('classify: one kind per value', () => {
  const cases: [string, Kind][] = [
    ['42', Kind.Integer],
    ['-7', Kind.Integer],
    ['007', Kind.Text],
    ['3.14', Kind.Decimal],
    ['1e-5', Kind.Float],
    ['.5', Kind.Decimal],
    ['true', Kind.Boolean],
    ['FALSE', Kind.Boolean],
    ['2024-02-29', Kind.Date],
    ['2023-02-29', Kind.Text],
    ['2024-13-01', Kind.Text],
    ['2024-05-01 10:00:00', Kind.Timestamp],
    ['2024-05-01T10:00:00.123Z', Kind.TimestampTz],
    ['2024-05-01T10:00:00+02:00', Kind.TimestampTz],
    ['10:30', Kind.Time],
    ['25:30', Kind.Text],
    ['123e4567-e89b-12d3-a456-426614174000', Kind.Uuid],
    ['{"a": 1}', Kind.Json],
    ['[1, 2]', Kind.Json],
    ['{not json}', Kind.Text],
    ['hello', Kind.Text],
    ['-', Kind.Text],
  ];
  for (const [v, k] of cases) assert.equal(classify(v).kind, k, v);
  assert.equal(classify('2023-02-30').invalidDate, true);
});

function profile(columns: Record<string, unknown[]>, table = 't'): ReturnType<DataProfiler['result']> {
  const p = new DataProfiler();
  const names = Object.keys(columns);
  const n = Math.max(...names.map((c) => columns[c].length));
  for (let i = 0; i < n; i++) {
    const row: Record<string, unknown> = {};
    for (const c of names) if (i < columns[c].length) row[c] = columns[c][i];
    p.add(table, row, i + 2);
  }
  return p.result();
}

test('column types from values', () => {
  const rep = <T>(v: T[], n: number): T[] => Array.from({ length: n }, (_, i) => v[i % v.length]);
  const cases: [string, unknown[], string][] = [
    ['small ints', ['1', '2', '3'], 'integer'],
    ['big ints', ['1', '3000000000'], 'bigint'],
    ['huge ints', ['1', '123456789012345678901'], 'decimal(21,0)'],
    ['money', ['1.50', '20.25', '300'], 'decimal(5,2)'],
    ['floats', ['1.5', '2e10'], 'float'],
    ['many decimals', ['0.123456789', '1.5'], 'float'],
    ['json numbers', [1, 2.5, 3], 'decimal(2,1)'],
    ['booleans', ['true', 'false'], 'boolean'],
    ['json booleans', [true, false], 'boolean'],
    ['dates', ['2024-01-01', '2024-02-02'], 'date'],
    ['dates and timestamps', ['2024-01-01', '2024-02-02 10:00:00'], 'timestamp'],
    ['zoned', ['2024-01-01T00:00:00Z', '2024-01-01T00:00:00+01:00'], 'timestamptz'],
    ['times', ['10:00', '23:59:59'], 'time'],
    ['uuids', ['123e4567-e89b-12d3-a456-426614174000', '223e4567-e89b-12d3-a456-426614174000'], 'uuid'],
    ['json text', ['{"a":1}', '[]'], 'json'],
    ['mixed', ['1', 'x'], 'varchar(8)'],
    ['zip codes', ['02134', '10001'], 'varchar(8)'],
    ['long text', [rep(['a'], 5000).join('')], 'text'],
    ['text', ['hello world, this is longer than thirty-two'], 'varchar(64)'],
  ];
  for (const [name, values, type] of cases) {
    const r = profile({ c: values });
    assert.equal(r.schema.tables[0].columns[0].type.raw, type, name);
  }
});

test('nullability, keys and enums', () => {
  const n = 60;
  const r = profile({
    id: Array.from({ length: n }, (_, i) => i + 1),
    code: Array.from({ length: n }, (_, i) => `C${i}`),
    status: Array.from({ length: n }, (_, i) => ['open', 'closed', 'in progress'][i % 3]),
    note: Array.from({ length: n }, (_, i) => (i % 2 ? `n${i}` : '')),
    label: Array.from({ length: n }, (_, i) => `label ${i}`),
  });
  const t = r.schema.tables[0];
  const col = (c: string) => t.columns.find((x) => x.name === c)!;
  assert.equal(col('id').primaryKey, true);
  assert.equal(col('code').unique, true, 'a unique column named like a key');
  assert.equal(col('label').unique, false, 'unique by chance, not by name');
  assert.equal(col('note').nullable, true);
  assert.equal(col('id').nullable, false);
  assert.deepEqual(r.schema.enums.map((e) => [e.name, e.values.map((v) => v.name)]), [['t_status', ['closed', 'in progress', 'open']]]);
  assert.deepEqual(r.candidateKeys.map((k) => `${k.columns[0]}:${k.uniqueness}:${k.primary}`), ['id:exact:true', 'code:exact:false', 'label:exact:false']);
});

test('nested values: child tables with foreign keys, or JSON columns', () => {
  const rows = [
    { name: 'a', tags: ['x', 'y'], address: { city: 'Leeds' }, lines: [{ sku: 'S1', qty: 2 }] },
    { name: 'b', tags: ['y'], address: { city: 'York' }, lines: [{ sku: 'S2', qty: 1 }, { sku: 'S3', qty: 5 }] },
  ];
  const p = new DataProfiler();
  for (const r of rows) p.add('orders', r);
  const r = p.result();
  const shape = Object.fromEntries(r.schema.tables.map((t) => [t.name, t.columns.map((c) => `${c.name}${c.primaryKey ? '*' : ''}`)]));
  assert.deepEqual(shape, {
    orders: ['_row*', 'name'],
    orders_tags: ['order_row', 'value'],
    orders_address: ['order_row*', 'city'],
    orders_lines: ['order_row', 'sku', 'qty'],
  });
  assert.deepEqual(
    r.relationships.map((x) => `${x.from.table}.${x.from.columns[0]} ${x.cardinality} ${x.to.table}.${x.to.columns[0]}`),
    ['orders_tags.order_row n-1 orders._row', 'orders_address.order_row 1-1 orders._row', 'orders_lines.order_row n-1 orders._row'],
  );
  assert.equal(r.quality.tables.find((t) => t.table === 'orders_lines')!.rows, 3);
  const j = new DataProfiler({ nested: 'json' });
  for (const x of rows) j.add('orders', x);
  const jr = j.result();
  assert.deepEqual(jr.schema.tables.map((t) => t.name), ['orders']);
  assert.deepEqual(jr.schema.tables[0].columns.map((c) => c.type.raw), ['varchar(8)', 'json', 'json', 'json']);
});

test('nested values use the row id when there is one', () => {
  const p = new DataProfiler();
  p.add('users', { id: 7, roles: [{ role: 'admin' }] });
  p.add('users', { id: 9, roles: [{ role: 'dev' }, { role: 'ops' }] });
  const r = p.result();
  assert.deepEqual(r.schema.tables.map((t) => t.columns.map((c) => c.name)), [['id'], ['user_id', 'role']]);
  assert.equal(r.relationships[0].to.columns[0], 'id');
});

test('quality figures', () => {
  const n = 100;
  const amounts = Array.from({ length: n }, (_, i) => String(10 + (i % 10)));
  amounts[50] = '5000';
  const r = profile({
    id: Array.from({ length: n }, (_, i) => String(i % 98)),
    amount: amounts,
    code: Array.from({ length: n }, (_, i) => `AB-${100 + i}`),
    day: Array.from({ length: n }, (_, i) => (i === 3 ? '2023-02-30' : '2023-03-01')),
    mixed: Array.from({ length: n }, (_, i) => (i % 10 === 0 ? 'n/a' : String(i))),
    maybe: Array.from({ length: n }, (_, i) => (i < 25 ? null : 'x')),
    '<b>odd</b>': Array.from({ length: n }, () => '<script>alert(1)</script>'),
  });
  const q = r.quality.tables[0];
  const col = (c: string) => q.columns.find((x) => x.name === c)!;
  assert.equal(q.rows, 100);
  assert.equal(q.duplicateRows, 0);
  assert.equal(col('maybe').nulls, 25);
  assert.equal(col('maybe').nullRate, 0.25);
  assert.equal(col('id').distinct, 98);
  assert.equal(col('id').unique, false);
  assert.equal(col('amount').max, '5000');
  assert.deepEqual(col('amount').outliers?.examples, ['5000']);
  assert.deepEqual(col('code').patterns[0], { pattern: 'AA-999', share: 1 });
  assert.equal(col('day').invalidDates, 1);
  assert.equal(col('day').mixedTypes, true);
  assert.equal(col('mixed').mixedTypes, true);
  assert.deepEqual(col('mixed').kinds, { integer: 90, text: 10 });
  assert.deepEqual(col('amount').topValues[0], { value: '11', count: 10 }, 'ties in value order; one 10 became 5000');
  const html = renderQualityHtml(r.quality);
  assert.ok(!html.includes('<script>alert'), 'values are escaped');
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(html.includes('&lt;b&gt;odd&lt;/b&gt;'));
  assert.ok(!/<script/i.test(html));
});

test('duplicate rows are counted', () => {
  const p = new DataProfiler();
  for (let i = 0; i < 50; i++) p.add('t', { a: String(i % 20), b: 'x' });
  assert.equal(p.result().quality.tables[0].duplicateRows, 30);
});

test('sketches: HyperLogLog within 5%, Bloom without false negatives, 64-bit hash set exact', () => {
  const h = new HyperLogLog(12);
  const b = new BloomFilter(20);
  const s = new HashSet64(1_000_000, 16);
  const n = 200_000;
  for (let i = 0; i < n; i++) {
    const v = `value-${i}`;
    const x = hashPair(v);
    const y = secondHash();
    h.add(x);
    b.add(x);
    assert.equal(s.add(x, y), true);
  }
  assert.ok(Math.abs(h.estimate() - n) / n < 0.05, `estimate ${h.estimate()}`);
  for (let i = 0; i < n; i += 997) {
    const x = hashPair(`value-${i}`);
    assert.equal(b.has(x), true);
    assert.equal(s.add(x, secondHash()), false);
  }
  assert.equal(s.size, n);
  const rnd = prng(1);
  assert.notEqual(rnd(), rnd());
});

test('printers quote names that need it and re-parse', () => {
  const r = profile({ 'order id': ['1', '2', '3'], 'select': ['a', 'b', 'c'], 'Name "x"': ['p', 'q', 'r'] }, 'my table');
  const dbml = schemaToDbml(r.schema);
  assert.match(dbml, /Table "my table" \{/);
  assert.match(dbml, /"order id" integer \[pk\]/);
  assert.match(dbml, /"Name \\"x\\"" varchar\(8\)/);
  const ws = new Workspace();
  ws.setFile('file:///q.dbml', dbml, 0, { language: 'dbml' });
  assert.deepEqual(ws.diagnostics('file:///q.dbml').filter((d) => d.severity === 'error').map((d) => d.message), []);
  const expected: Record<string, RegExp> = { postgres: /"my table"/, mysql: /`my table`/, sqlite: /"my table"/, mssql: /\[my table\]/ };
  for (const d of ['postgres', 'mysql', 'sqlite', 'mssql'] as const) {
    const sql = schemaToSql(r.schema, d);
    assert.match(sql, expected[d]);
    assert.match(sql, d === 'mysql' ? /`select`/ : d === 'mssql' ? /\[select\]/ : /"select"/);
  }
  assert.equal(shapeOf('Bob-12345'), 'Aaa-999');
});

test('past the caps: uniqueness proven by order or estimated, inclusion through the Bloom filter', () => {
  const p = new DataProfiler({ distinctCap: 10, keySetCap: 100 });
  for (let i = 1; i <= 1000; i++) p.add('parents', { id: i, code: `c${(i * 7919) % 1000}` });
  for (let i = 1; i <= 2000; i++) p.add('children', { id: i, parent_id: 1 + ((i * 13) % 1000) });
  const r = p.result();
  const keys = r.candidateKeys.filter((k) => k.table === 'parents').map((k) => `${k.columns[0]}:${k.uniqueness}`);
  assert.deepEqual(keys, ['id:exact', 'code:estimated']);
  const rel = r.relationships.find((x) => x.from.table === 'children')!;
  assert.equal(`${rel.from.columns[0]} -> ${rel.to.table}.${rel.to.columns[0]}`, 'parent_id -> parents.id');
  assert.ok(rel.evidence.some((e) => e.detail.includes('Bloom filter') && e.detail.includes('sampled')), JSON.stringify(rel.evidence));
  const q = r.quality.tables.find((t) => t.table === 'parents')!.columns.find((c) => c.name === 'code')!;
  assert.equal(q.distinctExact, false);
  assert.ok(Math.abs(q.distinct - 1000) <= 50, `estimate ${q.distinct}`);
});
