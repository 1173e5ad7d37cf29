/**
 * Prisma corpus: each `prisma` file of ../shared/corpus interprets to the
 * manifest's models (`table_names`, Prisma names), database names
 * (`table_db_names`) and foreign keys (`fk_list` in Prisma names,
 * `fk_list_db_names` in database names; implicit m-n relations are not
 * foreign keys), and no validation error under the rules of the Prisma major
 * that verified it. No tests when ../shared is absent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { interpretPrisma, parsePrisma } from '../../src/engine/syntax/prisma/index.js';
import type { Schema } from '../../src/engine/model/schema.js';

const ROOT = join(fileURLToPath(new URL('../../../', import.meta.url)), '..', 'shared', 'corpus');

interface Fk {
  from_table: string;
  from_columns: string[];
  to_table: string;
  to_columns: string[];
}
interface Rec {
  file: string;
  dialect: string;
  table_names: string[];
  table_db_names: string[];
  fk_list: Fk[];
  fk_list_db_names: Fk[];
  verified_by?: string;
}

const all: Rec[] = existsSync(join(ROOT, 'manifest.json')) ? JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) : [];
const manifest = all.filter((r) => r.dialect === 'prisma');

function fkText(f: Fk): string {
  return `${f.from_table}(${f.from_columns.join(',')}) -> ${f.to_table}(${f.to_columns.join(',')})`;
}

/** Foreign keys of the schema, in database names or (prisma = true) in Prisma names. */
export function schemaFks(schema: Schema, prisma: boolean): string[] {
  const byKey = new Map(schema.tables.map((t) => [t.key, t]));
  const out: string[] = [];
  for (const r of schema.relationships) {
    if (r.cardinality === 'n-n') continue;
    const from = byKey.get(r.from.tableKey)!;
    const to = byKey.get(r.to.tableKey)!;
    const col = (t: typeof from, c: string): string => (prisma ? (t.columns.find((x) => x.name === c)?.settings.prismaName ?? c) : c);
    const tname = (t: typeof from): string => (prisma ? t.settings.prismaName : t.name);
    out.push(`${tname(from)}(${r.from.columns.map((c) => col(from, c)).join(',')}) -> ${tname(to)}(${r.to.columns.map((c) => col(to, c)).join(',')})`);
  }
  return out.sort();
}

for (const rec of manifest) {
  test(`Prisma corpus: ${rec.file} interprets to the manifest's models and foreign keys`, () => {
    const text = readFileSync(join(ROOT, rec.file), 'utf8');
    const file = parsePrisma(text);
    assert.deepEqual(file.diagnostics, [], 'no syntax errors');
    // the engine major that verified the file (Prisma 7 for a schema without `url`) finds it valid: so do we
    const version = rec.verified_by?.includes('8.1.0') ? 7 : 6;
    const { schema, diagnostics } = interpretPrisma([{ uri: 'file:///' + rec.file, file }], { version });
    assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), [], `no validation errors (Prisma ${version} rules)`);
    const models = schema.tables.filter((t) => !t.isView && !t.settings.compositeType);
    assert.deepEqual(models.map((t) => t.settings.prismaName).sort(), [...rec.table_names].sort(), 'model names');
    assert.deepEqual(models.map((t) => t.name).sort(), [...rec.table_db_names].sort(), 'database names');
    assert.deepEqual(schemaFks(schema, true), rec.fk_list.map(fkText).sort(), 'foreign keys (Prisma names)');
    assert.deepEqual(schemaFks(schema, false), rec.fk_list_db_names.map(fkText).sort(), 'foreign keys (database names)');
  });
}
