/**
 * The examples workspace's demo database (examples/demo/shop.sqlite, opened
 * by its "Demo shop (SQLite)" connection) is what examples/demo/shop.sql and
 * scripts/make-demo-db.ts make: introspected, it has the tables, columns and
 * foreign keys that SchemaSage reads from the SQL file, and rows to sample.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSqlite } from '../../server/src/db/sqlite.ts';
import { introspect } from '../../server/src/db/introspect.ts';
import { Workspace } from '../../server/src/engine/workspace.ts';
import type { Schema } from '../../server/src/engine/model/schema.ts';

const DEMO = join(import.meta.dirname, '..', '..', 'examples', 'demo');

function shape(s: Schema): string[] {
  const out: string[] = [];
  for (const t of s.tables) out.push(`${t.name}(${t.columns.map((c) => `${c.name}${c.primaryKey ? '*' : ''}${c.nullable ? '?' : ''}`).join(',')})`);
  for (const r of s.relationships) out.push(`${r.from.table}.${r.from.columns.join('+')}->${r.to.table}.${r.to.columns.join('+')}`);
  return out.sort();
}

test('examples/demo/shop.sqlite matches examples/demo/shop.sql and holds rows', async () => {
  const db = await openSqlite(new Uint8Array(readFileSync(join(DEMO, 'shop.sqlite'))));
  try {
    const live = await introspect(db);
    const ws = new Workspace();
    const uri = 'file:///examples/demo/shop.sql';
    ws.setFile(uri, readFileSync(join(DEMO, 'shop.sql'), 'utf8'));
    assert.deepEqual(ws.diagnostics(uri).filter((d) => d.severity === 'error'), []);
    assert.deepEqual(shape(live), shape(ws.binding().schema));
    assert.equal(live.tables.length, 5);
    const counts = await db.query('SELECT (SELECT count(*) FROM customers) AS c, (SELECT count(*) FROM orders) AS o, (SELECT count(*) FROM reviews) AS r');
    assert.deepEqual(counts[0], { c: 6, o: 12, r: 15 });
  } finally {
    await db.close();
  }
});
