/**
 * Drift (issue 7): the examples' demo database against its schema file is in
 * sync; edits to the file show up as DRIFT diagnostics on the edited objects,
 * and objects only the database has are reported on the file's first table.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSqlite } from '../../server/src/db/sqlite.ts';
import { introspect } from '../../server/src/db/introspect.ts';
import { Workspace } from '../../server/src/engine/workspace.ts';
import { computeDrift } from '../../server/src/engine/drift.ts';
import type { Schema } from '../../server/src/engine/model/schema.ts';

const DEMO = join(import.meta.dirname, '..', '..', 'examples', 'demo');
const SQL = readFileSync(join(DEMO, 'shop.sql'), 'utf8');
const URI = 'file:///demo/shop.sql';

async function database(): Promise<Schema> {
  const db = await openSqlite(new Uint8Array(readFileSync(join(DEMO, 'shop.sqlite'))));
  try {
    return await introspect(db);
  } finally {
    await db.close();
  }
}

function files(text: string): Schema {
  const ws = new Workspace();
  ws.setFile(URI, text);
  // the unit's own schema (its default schema is SQLite's `main`)
  return ws.binding().parts.find((p) => p.tables.some((t) => t.source?.uri === URI))!;
}

describe('drift', () => {
  it('the demo database and shop.sql are in sync', async () => {
    const r = computeDrift(files(SQL), await database(), { database: 'demo', dialect: 'sqlite' });
    assert.deepEqual(r.items, []);
  });

  it('SchemaSage\'s own migration history table in the database is not drift; any other extra table is', async () => {
    const db = await openSqlite(new Uint8Array(readFileSync(join(DEMO, 'shop.sqlite'))));
    let schema: Schema;
    try {
      await db.query('CREATE TABLE schemasage_migrations (version TEXT PRIMARY KEY)');
      await db.query('CREATE TABLE audit_log (id INTEGER PRIMARY KEY)');
      schema = await introspect(db);
    } finally {
      await db.close();
    }
    const r = computeDrift(files(SQL), schema, { database: 'demo', dialect: 'sqlite' });
    assert.deepEqual(r.items.map((i) => `${i.code} ${i.table ?? ''}`), ['DRIFT002 main.audit_log']);
  });

  it('edits to the file: each difference on its object, with the code and both sides', async () => {
    const edited = SQL.replace('  body TEXT\n);', '  body TEXT,\n  helpful_votes INTEGER NOT NULL DEFAULT 0\n);')
      .replace('CREATE TABLE products (', 'CREATE TABLE items (')
      .replace('REFERENCES products (id)', 'REFERENCES items (id)')
      .replace('full_name TEXT NOT NULL', 'full_name VARCHAR(80)')
      .replace('CREATE INDEX orders_customer_id ON orders (customer_id);\n', '');
    const r = computeDrift(files(edited), await database(), { database: 'demo', dialect: 'sqlite' });
    const codes = r.items.map((i) => `${i.code} ${i.table ?? ''}`).sort();
    assert.ok(codes.includes('DRIFT001 main.items'), codes.join(' | '));
    assert.ok(codes.includes('DRIFT002 main.products'), codes.join(' | '));
    assert.ok(codes.includes('DRIFT003 main.reviews'), codes.join(' | '));
    assert.ok(codes.includes('DRIFT005 main.customers'), codes.join(' | '));
    assert.ok(codes.some((c) => c.startsWith('DRIFT007')), codes.join(' | '));
    const at = (code: string) => r.diagnostics.find((d) => d.code === code)!;
    assert.equal(edited.slice(at('DRIFT003').span.start, at('DRIFT003').span.end), 'helpful_votes');
    assert.equal(edited.slice(at('DRIFT005').span.start, at('DRIFT005').span.end), 'full_name');
    assert.match(at('DRIFT005').message, /files say VARCHAR\(80\), the database TEXT not null/);
    assert.equal(edited.slice(at('DRIFT001').span.start, at('DRIFT001').span.end), 'items');
    // only in the database: placed on the first table of the files
    assert.equal(edited.slice(at('DRIFT002').span.start, at('DRIFT002').span.end), 'customers');
    assert.ok(r.diagnostics.every((d) => d.uri === URI && d.severity === 'warning'));
  });
});
