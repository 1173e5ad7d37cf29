/**
 * Builds examples/demo/shop.sqlite (the examples workspace's demo database)
 * from examples/demo/shop.sql plus a few generated rows, through sql.js. The
 * output is committed; run again after changing the schema:
 *   node --import tsx scripts/make-demo-db.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqlite } from '../server/src/db/sqlite.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DEMO = join(ROOT, 'examples', 'demo');

export async function makeDemoDb(): Promise<Uint8Array> {
  const db = await openSqlite();
  await db.exec(readFileSync(join(DEMO, 'shop.sql'), 'utf8'));
  const names = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Edsger Dijkstra', 'Barbara Liskov', 'Donald Knuth'];
  const rows: string[] = [];
  names.forEach((n, i) => rows.push(`INSERT INTO customers (id, email, full_name, created_at) VALUES (${i + 1}, '${n.split(' ')[0]!.toLowerCase()}@example.com', '${n}', '2026-0${(i % 9) + 1}-1${i} 10:00:00');`));
  const products = ['Keyboard', 'Mouse', 'Monitor', 'Desk lamp', 'Notebook'];
  products.forEach((p, i) => rows.push(`INSERT INTO products (id, sku, name, price_cents) VALUES (${i + 1}, 'SKU-${1000 + i}', '${p}', ${(i + 1) * 1999});`));
  for (let o = 1; o <= 12; o++) {
    rows.push(`INSERT INTO orders (id, customer_id, status, placed_at) VALUES (${o}, ${((o * 7) % names.length) + 1}, '${['new', 'paid', 'shipped'][o % 3]}', '2026-10-${String(o).padStart(2, '0')} 12:00:00');`);
    for (let k = 0; k < 1 + (o % 3); k++) rows.push(`INSERT INTO order_items (order_id, product_id, quantity) VALUES (${o}, ${((o + k) % products.length) + 1}, ${1 + ((o + k) % 4)});`);
  }
  for (let r = 1; r <= 15; r++) rows.push(`INSERT INTO reviews (id, product_id, customer_id, stars, body) VALUES (${r}, ${(r % products.length) + 1}, ${(r % names.length) + 1}, ${1 + (r % 5)}, ${r % 4 ? `'Review ${r}'` : 'NULL'});`);
  await db.exec(rows.join('\n'));
  const bytes = db.exportBytes();
  await db.close();
  return bytes;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const bytes = await makeDemoDb();
  writeFileSync(join(DEMO, 'shop.sqlite'), bytes);
  console.log(`examples/demo/shop.sqlite: ${bytes.length} bytes`);
}
