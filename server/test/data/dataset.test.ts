/**
 * End to end on a generated multi-file dataset with known keys and foreign
 * keys (customers.csv, products.json, orders.ndjson with a nested shipping
 * object, order_items.csv), written by the test: the inferred keys and
 * relationships are scored against the truth (precision and recall printed
 * and asserted), types, enums and nullability checked, and the DBML and SQL
 * outputs re-parse through the Workspace without errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { profileDataFiles } from '../../src/data/index.js';
import { renderQualityHtml } from '../../src/engine/detect/data/index.js';
import { schemaToDbml, schemaToSql } from './print.js';
import { prng } from '../../src/engine/detect/data/sketches.js';
import { Workspace } from '../../src/engine/workspace.js';

const FIRST = ['Mary', 'John', 'Anna', 'James', 'Linda', 'Robert', 'Sarah', 'David', 'Emma', 'Oliver'];
const LAST = ['Smith', 'Doe', 'Lee', 'Brown', 'Garcia', 'Miller', 'Wilson', 'Taylor'];
const COUNTRIES = ['GB', 'US', 'FR', 'DE', 'ES'];
const STATUSES = ['pending', 'paid', 'shipped', 'cancelled'];
const CATEGORIES = ['tools', 'toys', 'garden'];

function generate(dir: string, seed = 42): void {
  const rnd = prng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)];
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const NC = 300;
  const NP = 80;
  const NO = 1500;
  const NI = 4000;
  const c = ['id,first_name,last_name,email,phone,country,referred_by,created_at'];
  for (let i = 1; i <= NC; i++) {
    const f = pick(FIRST);
    const l = pick(LAST);
    const ref = i > 10 && rnd() < 0.4 ? String(int(1, i - 1)) : '';
    c.push(`${i},${f},${l},${f.toLowerCase()}.${l.toLowerCase()}${i}@example.com,+1 415-555-${String(1000 + i).slice(-4)},${pick(COUNTRIES)},${ref},2024-0${int(1, 9)}-1${int(0, 9)}T0${int(0, 9)}:00:00Z`);
  }
  writeFileSync(join(dir, 'customers.csv'), c.join('\n') + '\n');
  const p = [];
  for (let i = 1; i <= NP; i++) p.push({ id: i, sku: `SKU-${1000 + i}`, name: `Product ${i}`, price: (int(100, 99999) / 100).toFixed(2), category: pick(CATEGORIES), stock: int(0, 500) });
  writeFileSync(join(dir, 'products.json'), JSON.stringify(p, null, 1));
  const o = [];
  for (let i = 1; i <= NO; i++) {
    o.push(JSON.stringify({ id: 5000 + i, customer_id: int(1, NC), ordered_at: `2024-0${int(1, 9)}-1${int(0, 9)}T1${int(0, 9)}:30:00Z`, status: pick(STATUSES), shipping: { street: `${int(1, 99)} High Street`, city: pick(['Leeds', 'York', 'Bath']) } }));
  }
  writeFileSync(join(dir, 'orders.ndjson'), o.join('\n') + '\n');
  const it = ['id,order_id,product_id,quantity,unit_price'];
  for (let i = 1; i <= NI; i++) it.push(`${i},${5000 + int(1, NO)},${int(1, NP)},${int(1, 10)},${(int(100, 9999) / 100).toFixed(2)}`);
  writeFileSync(join(dir, 'order_items.csv'), it.join('\n') + '\n');
}

const TRUE_FKS = new Set([
  'orders.customer_id -> customers.id',
  'order_items.order_id -> orders.id',
  'order_items.product_id -> products.id',
  'customers.referred_by -> customers.id',
  'orders_shipping.order_id -> orders.id',
]);
const TRUE_KEYS = new Set(['customers.id', 'customers.email', 'products.id', 'products.sku', 'orders.id', 'order_items.id', 'orders_shipping.order_id']);

function score(predicted: Set<string>, truth: Set<string>): { precision: number; recall: number; missed: string[]; extra: string[] } {
  const tp = [...predicted].filter((x) => truth.has(x)).length;
  return {
    precision: predicted.size ? tp / predicted.size : 1,
    recall: truth.size ? tp / truth.size : 1,
    missed: [...truth].filter((x) => !predicted.has(x)),
    extra: [...predicted].filter((x) => !truth.has(x)),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'ss-dataset-'));
generate(dir);
const files = ['customers.csv', 'products.json', 'orders.ndjson', 'order_items.csv'].map((f) => join(dir, f));
const run = profileDataFiles(files);

test('keys and relationships of the generated dataset are recovered', async (t) => {
  const { inference } = await run;
  const s = inference.schema;
  const fks = new Set(inference.relationships.map((r) => `${r.from.table}.${r.from.columns[0]} -> ${r.to.table}.${r.to.columns[0]}`));
  const keys = new Set(s.tables.flatMap((tb) => tb.columns.filter((c) => c.primaryKey || c.unique).map((c) => `${tb.name}.${c.name}`)));
  const fk = score(fks, TRUE_FKS);
  const k = score(keys, TRUE_KEYS);
  t.diagnostic(`relationships: precision ${fk.precision.toFixed(2)} recall ${fk.recall.toFixed(2)} missed ${JSON.stringify(fk.missed)} extra ${JSON.stringify(fk.extra)}`);
  t.diagnostic(`keys: precision ${k.precision.toFixed(2)} recall ${k.recall.toFixed(2)} missed ${JSON.stringify(k.missed)} extra ${JSON.stringify(k.extra)}`);
  assert.equal(fk.recall, 1);
  assert.equal(fk.precision, 1);
  assert.equal(k.recall, 1);
  assert.ok(k.precision >= 0.85, `key precision ${k.precision}`);
  const pks = Object.fromEntries(s.tables.map((tb) => [tb.name, tb.columns.filter((c) => c.primaryKey).map((c) => c.name).join(',')]));
  assert.deepEqual(pks, { customers: 'id', products: 'id', orders: 'id', orders_shipping: 'order_id', order_items: 'id' });
  for (const r of inference.relationships) {
    assert.ok(r.confidence >= 0.5 && r.confidence <= 1);
    assert.ok(r.evidence.length > 0 && r.evidence.every((e) => e.detail.length > 0));
  }
  const self = inference.relationships.find((r) => r.from.columns[0] === 'referred_by')!;
  assert.ok(self.evidence.some((e) => e.signal === 'data:inclusion'), 'the self reference rests on inclusion');
  assert.equal(inference.relationships.find((r) => r.from.table === 'orders_shipping')!.cardinality, '1-1');
});

test('keys and relationships across more seeds (aggregate precision and recall)', async (t) => {
  let fkTp = 0;
  let fkPred = 0;
  let fkTruth = 0;
  let kTp = 0;
  let kPred = 0;
  let kTruth = 0;
  for (const seed of [1, 2, 3]) {
    const d = mkdtempSync(join(tmpdir(), `ss-dataset-${seed}-`));
    generate(d, seed);
    const { inference } = await profileDataFiles(['customers.csv', 'products.json', 'orders.ndjson', 'order_items.csv'].map((f) => join(d, f)));
    const fks = new Set(inference.relationships.map((r) => `${r.from.table}.${r.from.columns[0]} -> ${r.to.table}.${r.to.columns[0]}`));
    const keys = new Set(inference.schema.tables.flatMap((tb) => tb.columns.filter((c) => c.primaryKey || c.unique).map((c) => `${tb.name}.${c.name}`)));
    fkTp += [...fks].filter((x) => TRUE_FKS.has(x)).length;
    fkPred += fks.size;
    fkTruth += TRUE_FKS.size;
    kTp += [...keys].filter((x) => TRUE_KEYS.has(x)).length;
    kPred += keys.size;
    kTruth += TRUE_KEYS.size;
  }
  t.diagnostic(`3 seeds: relationships precision ${(fkTp / fkPred).toFixed(2)} recall ${(fkTp / fkTruth).toFixed(2)}; keys precision ${(kTp / kPred).toFixed(2)} recall ${(kTp / kTruth).toFixed(2)}`);
  assert.ok(fkTp / fkPred >= 0.9 && fkTp / fkTruth >= 0.9);
  assert.ok(kTp / kPred >= 0.85 && kTp / kTruth >= 0.95);
});

test('types, nullability and enums of the generated dataset', async () => {
  const { inference } = await run;
  const col = (t: string, c: string) => inference.schema.tables.find((x) => x.name === t)!.columns.find((x) => x.name === c)!;
  const cases: [string, string, string, boolean][] = [
    ['customers', 'id', 'integer', false],
    ['customers', 'email', 'varchar(32)', false],
    ['customers', 'referred_by', 'integer', true],
    ['customers', 'created_at', 'timestamptz', false],
    ['products', 'price', 'decimal(5,2)', false],
    ['order_items', 'unit_price', 'decimal(4,2)', false],
    ['orders', 'id', 'integer', false],
    ['orders_shipping', 'city', 'orders_shipping_city', false],
  ];
  for (const [t, c, type, nullable] of cases) {
    const x = col(t, c);
    assert.equal(x.type.raw, type, `${t}.${c}`);
    assert.equal(x.nullable, nullable, `${t}.${c} nullable`);
  }
  const enums = Object.fromEntries(inference.schema.enums.map((e) => [e.name, e.values.map((v) => v.name)]));
  assert.deepEqual(enums.customers_country, ['DE', 'ES', 'FR', 'GB', 'US']);
  assert.deepEqual(enums.orders_status, ['cancelled', 'paid', 'pending', 'shipped']);
  assert.deepEqual(enums.products_category, ['garden', 'tools', 'toys']);
  assert.equal(enums.customers_first_name, undefined, 'person names are never enums');
});

test('PII in the generated dataset', async () => {
  const { inference } = await run;
  const got = Object.fromEntries(inference.pii.map((p) => [`${p.table}.${p.column}`, p.kind]));
  assert.deepEqual(got, { 'customers.first_name': 'person_name', 'customers.last_name': 'person_name', 'customers.email': 'email', 'customers.phone': 'phone', 'orders_shipping.street': 'postal_address' });
});

test('the DBML output re-parses and binds without errors, with the same tables and references', async () => {
  const { inference } = await run;
  const dbml = schemaToDbml(inference.schema);
  const ws = new Workspace();
  ws.setFile('file:///inferred.dbml', dbml, 0, { language: 'dbml' });
  const errors = ws.diagnostics('file:///inferred.dbml').filter((d) => d.severity === 'error');
  assert.deepEqual(errors.map((d) => `${d.code} ${d.message}`), [], dbml);
  const b = ws.binding().schema;
  assert.deepEqual(b.tables.map((t) => t.name).sort(), inference.schema.tables.map((t) => t.name).sort());
  assert.equal(b.relationships.length, inference.relationships.length);
});

for (const dialect of ['postgres', 'mysql', 'sqlite', 'mssql'] as const) {
  test(`the SQL output (${dialect}) re-parses without errors`, async () => {
    const { inference } = await run;
    const sql = schemaToSql(inference.schema, dialect);
    const ws = new Workspace();
    ws.setFile(`file:///inferred.sql`, sql, 0, { language: 'sql', dialect });
    const errors = ws.diagnostics('file:///inferred.sql').filter((d) => d.severity === 'error');
    assert.deepEqual(errors.map((d) => `${d.code} ${d.message}`), [], sql);
    const b = ws.binding().schema;
    assert.equal(b.tables.length, inference.schema.tables.length);
    assert.equal(b.relationships.length, inference.relationships.length);
  });
}

test('the quality report of the generated dataset', async () => {
  const { inference, files } = await run;
  const q = inference.quality;
  assert.deepEqual(q.files.map((f) => [f.format, f.rows, f.errors.length]), [['csv', 300, 0], ['json', 80, 0], ['ndjson', 1500, 0], ['csv', 4000, 0]]);
  assert.equal(files.length, 4);
  const cust = q.tables.find((t) => t.table === 'customers')!;
  const ref = cust.columns.find((c) => c.name === 'referred_by')!;
  assert.ok(ref.nullRate > 0.5 && ref.nullRate < 0.7, `null rate ${ref.nullRate}`);
  const country = cust.columns.find((c) => c.name === 'country')!;
  assert.equal(country.distinct, 5);
  assert.equal(country.distinctExact, true);
  assert.equal(country.topValues.reduce((s, v) => s + v.count, 0), 300);
  const sku = q.tables.find((t) => t.table === 'products')!.columns.find((c) => c.name === 'sku')!;
  assert.equal(sku.patterns[0].pattern, 'AAA-999', 'runs of more than three collapse');
  const html = renderQualityHtml(q);
  assert.ok(html.includes('<h2>customers</h2>'));
  assert.ok(!/<script/i.test(html));
});
