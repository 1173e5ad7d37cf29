/**
 * Corpus: every DBML file of ../shared/corpus (manifest.json, dialect `dbml`)
 * parses and binds to the manifest's tables (count and schema-qualified names)
 * and foreign keys (`fk_list`, `from` = the many side holding the key).
 *
 * Files the reference rejects (tables 0 in the manifest) instead get an error on
 * the reference's line, and the rest of the schema must still come back: error
 * recovery is the point of the test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Workspace } from '../src/engine/workspace.js';
import type { Relationship, Schema } from '../src/engine/model/schema.js';

const ROOT = join(fileURLToPath(new URL('../../', import.meta.url)), '..', 'shared', 'corpus');

interface CorpusRecord {
  file: string;
  dialect: string;
  tables: number;
  foreign_keys: number;
  table_names: string[];
  fk_list: { from_table: string; from_columns: string[]; to_table: string; to_columns: string[] }[];
  parse_ok?: { dbml: boolean; dbmlv2: boolean };
  notes?: string;
}

/** What we expect from the files the reference rejects, read off each file. */
const REJECTED: Record<
  string,
  { line: number; errorLines: number[]; tables: number; present: string[]; broken: { table: string; columns: string[] }; fks: string[] }
> = {
  // line 16 is `id int [pk` (unclosed setting list); the reference reports line 17, where the
  // list runs into `manager_staff_id int [ref: > staff.id]`. Only `store` is damaged, and only
  // that line: the list ends at the line break and the next line is the next column.
  'dbml/syntax-error-ecommerce.dbml': {
    line: 17,
    errorLines: [16, 17],
    tables: 16,
    present: ['staff', 'payment', 'rental', 'country', 'city', 'address', 'customer', 'category', 'film_category', 'language', 'film_text', 'actor', 'film', 'film_actor', 'inventory'],
    broken: { table: 'store', columns: ['id', 'manager_staff_id', 'address_id', 'last_update'] },
    fks: ['staff(store_id) -> store(id)', 'store(manager_staff_id) -> staff(id)', 'payment(staff_id) -> staff(id)', 'payment(rental_id) -> rental(id)', 'rental(staff_id) -> staff(id)'],
  },
};

const all: CorpusRecord[] = existsSync(join(ROOT, 'manifest.json')) ? JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) : [];
const manifest = all.filter((r) => r.dialect === 'dbml');

function tableName(schema: string, name: string): string {
  return schema === 'public' ? name : `${schema}.${name}`;
}

function fkText(r: Relationship): string {
  return `${tableName(r.from.schema, r.from.table)}(${r.from.columns.join(',')}) -> ${tableName(r.to.schema, r.to.table)}(${r.to.columns.join(',')})`;
}

function load(file: string): { ws: Workspace; schema: Schema; errorLines: number[]; errors: string[] } {
  const uri = `file:///corpus/${file}`;
  const ws = new Workspace();
  const f = ws.setFile(uri, readFileSync(join(ROOT, file), 'utf8'));
  const errs = ws.diagnostics(uri).filter((d) => d.severity === 'error');
  const lineOf = (offset: number): number => f.lineIndex.position(offset).line + 1;
  return { ws, schema: ws.binding().schema, errorLines: errs.map((d) => lineOf(d.span.start)), errors: errs.map((d) => `${lineOf(d.span.start)}: ${d.code} ${d.message}`) };
}

test('the corpus manifest lists DBML files', { skip: manifest.length ? false : `no corpus at ${ROOT}` }, () => {
  assert.ok(manifest.length >= 5);
  for (const file of Object.keys(REJECTED)) assert.ok(manifest.some((r) => r.file === file), `unknown rejected file ${file}`);
});

for (const r of manifest) {
  const rejected = REJECTED[r.file];
  if (rejected) {
    test(`${r.file}: error on line ${rejected.line}, the rest of the schema still returned`, () => {
      assert.equal(r.parse_ok?.dbmlv2, false, 'the manifest should record that the reference rejects this file');
      assert.match(r.notes ?? '', new RegExp(`line ${rejected.line}\\b`), 'the reference line in the notes');
      const { schema, errorLines, errors } = load(r.file);
      assert.ok(errorLines.includes(rejected.line), `expected an error on line ${rejected.line}; ours:\n  ${errors.join('\n  ')}`);
      const names = schema.tables.map((t) => tableName(t.schema, t.name));
      assert.equal(names.length, rejected.tables);
      for (const n of rejected.present) assert.ok(names.includes(n), `table ${n} is missing after recovery`);
      for (const l of errorLines) assert.ok(rejected.errorLines.includes(l), `an error outside the broken lines:\n  ${errors.join('\n  ')}`);
      const broken = schema.tables.find((t) => t.name === rejected.broken.table);
      assert.ok(broken, `the broken table ${rejected.broken.table} is still returned`);
      assert.deepEqual(
        broken.columns.map((c) => c.name),
        rejected.broken.columns,
      );
      const fks = schema.relationships.map(fkText);
      for (const fk of rejected.fks) assert.ok(fks.includes(fk), `foreign key ${fk} is missing after recovery`);
    });
    continue;
  }
  test(r.file, () => {
    const { schema, errors } = load(r.file);
    assert.deepEqual(errors, [], 'the reference accepts this file');
    const names = schema.tables.map((t) => tableName(t.schema, t.name));
    assert.equal(names.length, r.tables);
    assert.deepEqual([...names].sort(), [...r.table_names].sort());
    const expected = r.fk_list.map((fk) => `${fk.from_table}(${fk.from_columns.join(',')}) -> ${fk.to_table}(${fk.to_columns.join(',')})`);
    assert.equal(schema.relationships.length, r.foreign_keys);
    assert.deepEqual(schema.relationships.map(fkText).sort(), [...expected].sort());
  });
}
