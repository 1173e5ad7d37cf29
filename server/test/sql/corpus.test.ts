/**
 * SQL corpus: for every PostgreSQL, MySQL, SQLite and SQL Server file of
 * ../shared/corpus, the tables (names) and foreign keys (from table, columns,
 * to table, columns) we interpret equal the manifest's, which came from the
 * real engines (SQL Server: from a script). Naming as in the corpus README:
 * PostgreSQL unqualified for `public`, MySQL unqualified, SQL Server without
 * `dbo.`. No file may produce a syntax error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { interpretSql, parseSql, type SqlDialect } from '../../src/engine/syntax/sql/index.js';

const ROOT = join(fileURLToPath(new URL('../../../', import.meta.url)), '..', 'shared', 'corpus');

interface CorpusRecord {
  file: string;
  dialect: string;
  table_names: string[];
  fk_list: { from_table: string; from_columns: string[]; to_table: string; to_columns: string[] }[];
}

const DIALECTS = new Set(['postgres', 'mysql', 'sqlite', 'mssql']);
const records: CorpusRecord[] = existsSync(join(ROOT, 'manifest.json'))
  ? (JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) as CorpusRecord[]).filter((r) => DIALECTS.has(r.dialect))
  : [];

test('the corpus has SQL files in all four dialects', () => {
  assert.deepEqual([...new Set(records.map((r) => r.dialect))].sort(), ['mssql', 'mysql', 'postgres', 'sqlite']);
});

for (const rec of records) {
  test(`corpus ${rec.file}: tables and foreign keys equal the manifest`, () => {
    const dialect = rec.dialect as SqlDialect;
    const text = readFileSync(join(ROOT, rec.file), 'utf8');
    const file = parseSql(text, dialect);
    assert.deepEqual(file.diagnostics.filter((d) => d.severity === 'error'), []);
    const { schema, diagnostics } = interpretSql([{ uri: rec.file, file }], dialect);
    assert.deepEqual(diagnostics, []);
    const name = (s: string, n: string): string => (dialect === 'mysql' || s === schema.defaultSchema ? n : `${s}.${n}`);
    const tables = schema.tables.filter((t) => !t.isView).map((t) => name(t.schema, t.name));
    assert.deepEqual([...tables].sort(), [...rec.table_names].sort());
    const fks = schema.relationships.map((r) => `${name(r.from.schema, r.from.table)}(${r.from.columns.join(',')}) -> ${name(r.to.schema, r.to.table)}(${r.to.columns.join(',')})`);
    const expected = rec.fk_list.map((f) => `${f.from_table}(${f.from_columns.join(',')}) -> ${f.to_table}(${f.to_columns.join(',')})`);
    assert.deepEqual([...fks].sort(), [...expected].sort());
  });
}
