/**
 * The linter over the whole corpus (/work/shared/corpus): every file lints,
 * every finding carries a registered code, a location inside its file and a
 * message; and dialect-specific rules only fire in their dialect. (Speed: perf.test.ts.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Workspace } from '../../src/engine/workspace.js';
import type { DatabaseType, Schema } from '../../src/engine/model/schema.js';
import type { SqlDialect } from '../../src/engine/syntax/sql/ast.js';
import { lint, rules, type LintFinding } from '../../src/engine/lint/index.js';

const ROOT = join(fileURLToPath(new URL('../../../', import.meta.url)), '..', 'shared', 'corpus');
const manifest: { file: string; dialect: string }[] = existsSync(join(ROOT, 'manifest.json')) ? JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) : [];

function load(file: string, dialect: string): { schema: Schema; text: string; uri: string; db: DatabaseType } {
  const ws = new Workspace();
  const uri = `file:///corpus/${file}`;
  const text = readFileSync(join(ROOT, file), 'utf8');
  if (dialect === 'dbml' || dialect === 'prisma') ws.setFile(uri, text, 0, { language: dialect });
  else ws.setFile(uri, text, 0, { language: 'sql', dialect: dialect as SqlDialect });
  const b = ws.binding();
  const db: DatabaseType = dialect === 'dbml' || dialect === 'prisma' ? b.databaseType : (dialect as DatabaseType);
  return { schema: b.schema, text, uri, db };
}

const codes = new Set(rules.map((r) => r.code));
const ONLY: Record<string, DatabaseType[]> = { TYPE002: ['postgres'], TYPE003: ['mysql'], TYPE008: ['postgres'], TYPE012: ['mysql'], NAME005: ['postgres'] };

for (const r of manifest) {
  test(`corpus ${r.file} lints`, () => {
    const { schema, text, uri, db } = load(r.file, r.dialect);
    const found: LintFinding[] = lint(schema, { databaseType: db });
    assert.ok(schema.tables.length > 0);
    for (const f of found) {
      assert.ok(codes.has(f.code), f.code);
      assert.ok(f.message.length > 0);
      if (f.span) {
        assert.equal(f.uri, uri);
        assert.ok(f.span.start >= 0 && f.span.end <= text.length && f.span.start < f.span.end, `${f.code} span in file`);
      }
      if (ONLY[f.code]) assert.ok(ONLY[f.code].includes(db), `${f.code} fired for ${db}`);
    }
  });
}

test('known findings on real schemas', () => {
  if (!manifest.length) return;
  // pagila: customer.email is PII, and payment_p2022_* partitions are not "tables without a key"
  const pagila = lint(load('postgres/pagila-schema.sql', 'postgres').schema, { databaseType: 'postgres' });
  assert.ok(pagila.some((f) => f.code === 'PII001' && f.tableKey === 'public.customer' && f.column === 'email'));
  assert.ok(!pagila.some((f) => f.code === 'KEY001' && f.tableKey === 'public.payment_p2022_01'));
  // chinook (PostgreSQL): timestamps without time zone
  const chinook = lint(load('postgres/chinook.sql', 'postgres').schema, { databaseType: 'postgres' });
  assert.ok(chinook.some((f) => f.code === 'TYPE002'));
  // the 704-table benchmark: 3,007 of its 3,175 foreign keys have no index
  const bench = lint(load('dbml/benchmark-18k.dbml', 'dbml').schema);
  assert.equal(bench.filter((f) => f.code === 'KEY003').length, 3007);
});
