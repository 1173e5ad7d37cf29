/**
 * The data-file readers (server/src/data) on real-looking fixtures: one case
 * per file with the rows, tables and errors (positions included) expected;
 * broken rows are reported and the rest is still read. Plus format, delimiter
 * and header detection on inline heads, and cancellation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectDelimiter, detectFormat, detectHeader, readDataFile, type DataRecord } from '../../src/data/index.js';

const FIX = fileURLToPath(new URL('./fixtures/', import.meta.url));

interface Case {
  file: string;
  format: string;
  encoding?: string;
  delimiter?: string;
  /** rows per table */
  tables: Record<string, number>;
  /** `line:column message-fragment` of each error */
  errors?: string[];
  /** checks on the records */
  check?: (records: DataRecord[]) => void;
}

const CASES: Case[] = [
  {
    file: 'customers.csv',
    format: 'csv',
    delimiter: ',',
    tables: { customers: 5 },
    errors: ['7:10 Invalid Record Length'],
    check(r) {
      assert.equal(r[1].row.notes, 'Called twice,\nasked for a refund', 'a quoted newline stays in the field');
      assert.equal(r[3].row.notes, 'VIP, "gold" tier', 'doubled quotes unescape');
      assert.deepEqual(r.map((x) => x.row.id), ['1', '2', '3', '4', '6'], 'the broken row 5 is skipped, row 6 is read');
      assert.equal(r[1].line, 4, 'a record ends on the line of its closing quote');
    },
  },
  {
    file: 'products_semicolon.csv',
    format: 'csv',
    delimiter: ';',
    tables: { products_semicolon: 3 },
    check(r) {
      assert.ok('sku' in r[0].row, 'the BOM is not part of the first header');
      assert.equal(r[2].row.name, 'Gadget; large');
      assert.equal(r[0].row.price, '9,99');
    },
  },
  { file: 'orders.tsv', format: 'tsv', delimiter: '\t', tables: { orders: 3 }, check: (r) => assert.equal(r[2].row.ordered_at, '2024-05-03T09:15:00+02:00') },
  { file: 'utf16.csv', format: 'csv', encoding: 'utf-16le', tables: { utf16: 3 }, check: (r) => assert.deepEqual(r.map((x) => x.row.city), ['Zürich', 'Kraków', 'São Paulo']) },
  {
    file: 'users.json',
    format: 'json',
    tables: { users: 3 },
    check(r) {
      assert.deepEqual(r[0].row.tags, ['admin', 'beta']);
      assert.deepEqual(r[2].row.address, { street: '9 Park Road', city: 'Bath' });
      assert.equal(r[2].row.email, null);
    },
  },
  { file: 'catalog.json', format: 'json', tables: { categories: 2, items: 2 }, check: (r) => assert.deepEqual(r[3].row.variants, [{ color: 'green', stock: 7 }]) },
  { file: 'broken.json', format: 'json', tables: { broken: 2 }, errors: ['4:22 invalid JSON'] },
  { file: 'events.ndjson', format: 'ndjson', tables: { events: 3 }, errors: ['3:44 invalid JSON line'], check: (r) => assert.deepEqual(r.map((x) => x.line), [1, 2, 4]) },
  {
    file: 'inventory.yaml',
    format: 'yaml',
    tables: { warehouses: 2, inventory: 3 },
    errors: ['17:1 Flow sequence'],
    check: (r) => assert.deepEqual(r.filter((x) => x.table === 'inventory').map((x) => x.row.qty), [12, 3, 40], 'documents after the broken one are read'),
  },
  {
    file: 'library.xml',
    format: 'xml',
    tables: { book: 3 },
    check(r) {
      assert.deepEqual(r[0].row, { id: 'b1', lang: 'en', title: 'Dune', author: 'Frank Herbert', year: '1965', tag: ['scifi', 'classic'] });
      assert.equal(r[2].row.title, 'Pride & Prejudice', 'CDATA is text');
      assert.equal(r[1].line, 10);
    },
  },
  { file: 'shop.xml', format: 'xml', tables: { customer: 2, order: 3 }, check: (r) => assert.deepEqual(r[4].row, { id: '12', customer: '1', total: '7.25' }) },
  {
    file: 'broken.xml',
    format: 'xml',
    tables: { row: 3 },
    errors: ['3:22 unexpected close tag', '3:22 unmatched closing tag: c', '3:28 unmatched closing tag: row', '5:8 unmatched closing tag: rows'],
    check: (r) => assert.deepEqual(r.map((x) => x.row.a), ['1', '2', '3'], 'the row after the broken one is still a row'),
  },
];

for (const c of CASES) {
  test(`reads ${c.file}`, async () => {
    const records: DataRecord[] = [];
    const s = await readDataFile(join(FIX, c.file), {}, (r) => records.push(r));
    assert.equal(s.format, c.format);
    if (c.encoding) assert.equal(s.encoding, c.encoding);
    if (c.delimiter) assert.equal(s.delimiter, c.delimiter);
    const tables: Record<string, number> = {};
    for (const r of records) tables[r.table] = (tables[r.table] ?? 0) + 1;
    assert.deepEqual(tables, c.tables);
    assert.equal(s.rows, records.length);
    assert.ok(s.bytes > 0);
    const errs = s.errors.map((e) => `${e.line}:${e.column} ${e.message}`);
    const expected = c.errors ?? [];
    assert.equal(errs.length, expected.length, `errors: ${JSON.stringify(errs)}`);
    expected.forEach((e, i) => assert.ok(errs[i].startsWith(e), `${errs[i]} should start with ${e}`));
    c.check?.(records);
  });
}

test('format detection: extension first, then content', () => {
  const cases: [string, string, string][] = [
    ['a.csv', 'x,y\n1,2', 'csv'],
    ['a.tsv', 'x\ty', 'tsv'],
    ['a.jsonl', '{"a":1}', 'ndjson'],
    ['a.json', '{"a":1}\n{"a":2}\n', 'ndjson'],
    ['a.json', '{\n "a": [1]\n}', 'json'],
    ['a.yml', 'a: 1', 'yaml'],
    ['data', '<?xml version="1.0"?><r/>', 'xml'],
    ['data', '[{"a":1}]', 'json'],
    ['data', '---\n- a: 1\n', 'yaml'],
    ['data', 'a;b\n1;2', 'csv'],
  ];
  for (const [path, head, format] of cases) assert.equal(detectFormat(path, head), format, `${path}: ${head}`);
});

test('delimiter and header detection', () => {
  const cases: [string, string, boolean][] = [
    ['id,name\n1,a\n2,b', ',', true],
    ['id;name;note\n1;a;"x;y"\n2;b;z', ';', true],
    ['1|a|x\n2|b|y', '|', false],
    ['a\tb\n1\t2', '\t', true],
    ['2023-01-01,5\n2023-01-02,6', ',', false],
  ];
  for (const [head, d, h] of cases) {
    assert.equal(detectDelimiter(head), d, head);
    assert.equal(detectHeader(head, d), h, head);
  }
});

test('an aborted read stops early and says so', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ss-data-'));
  const path = join(dir, 'big.csv');
  const lines = ['id,v'];
  for (let i = 0; i < 200_000; i++) lines.push(`${i},${i % 7}`);
  writeFileSync(path, lines.join('\n'));
  const ac = new AbortController();
  let n = 0;
  const s = await readDataFile(path, {}, () => {
    if (++n === 10) ac.abort();
  }, ac.signal);
  assert.equal(s.aborted, true);
  assert.ok(s.rows < 200_000, `read ${s.rows} rows`);
});
