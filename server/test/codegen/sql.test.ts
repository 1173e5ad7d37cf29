/**
 * SQL DDL output per dialect, generated from every corpus schema and the
 * keyword fixture: it re-parses with the Workspace in its dialect without
 * errors to the same tables, columns and foreign keys, and loads into real
 * databases (SQLite through sql.js, PostgreSQL through a server or PGlite,
 * MariaDB when available) whose catalogs introspect to the same shape.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildViewModel, generate, type ViewModel } from '../../src/engine/codegen/index.ts';
import type { Schema } from '../../src/engine/model/schema.ts';
import type { SqlDialect } from '../../src/engine/syntax/sql/index.ts';
import { introspect } from '../../src/db/introspect.ts';
import { getMysql, getPostgres, getSqlite } from '../../../test/util/db.ts';
import { corpusSchemas, schemaOf, target, type CorpusSchema } from './corpus.ts';
import { Workspace } from '../../src/engine/workspace.ts';

const DIALECTS: SqlDialect[] = ['postgres', 'mysql', 'sqlite', 'mssql'];
const schemas = corpusSchemas();

interface Shape {
  tables: string[];
  fks: string[];
}

function tableName(schema: string, name: string, defaultSchema: string, flat: boolean): string {
  return flat || schema === defaultSchema ? name : `${schema}.${name}`;
}

/** Tables with their column names, and foreign keys, of a parsed or introspected schema. */
function shapeOf(s: Schema, dialect: string): Shape {
  const flat = dialect === 'mysql' || dialect === 'sqlite';
  const name = (schema: string, n: string) => tableName(schema, n, s.defaultSchema, flat);
  return {
    tables: s.tables.filter((t) => !t.isView).map((t) => `${name(t.schema, t.name)}(${t.columns.map((c) => c.name).join(',')})`).sort(),
    fks: s.relationships.map((r) => `${name(r.from.schema, r.from.table)}(${r.from.columns.join(',')})>${name(r.to.schema, r.to.table)}(${r.to.columns.join(',')})`).sort(),
  };
}

/** What the generated DDL should declare: the view model's tables and the foreign keys the dialect can take. */
function expectedShape(vm: ViewModel, dialect: string): Shape {
  const flat = dialect === 'mysql' || dialect === 'sqlite';
  const outputDefault = dialect === 'mssql' ? 'dbo' : 'public';
  const name = (t: ViewModel['tables'][number]) => (flat ? t.sqlName : t.inDefaultSchema || t.schema === outputDefault ? t.name : `${t.schema}.${t.name}`);
  return {
    tables: vm.tables.map((t) => `${name(t)}(${t.columns.map((c) => c.name).join(',')})`).sort(),
    fks: vm.relationships.filter((r) => r.toUnique || dialect === 'sqlite').map((r) => `${name(r.from)}(${r.fromColumns.map((c) => c.name).join(',')})>${name(r.to)}(${r.toColumns.map((c) => c.name).join(',')})`).sort(),
  };
}

function ddl(s: CorpusSchema, dialect: SqlDialect): { sql: string; expected: Shape } {
  const t = target(`sql-${dialect}`);
  const r = generate(s.schema, t, { dialect: s.dialect });
  assert.deepEqual(r.diagnostics, [], `sql-${dialect} on ${s.file}`);
  assert.equal(r.files.length, 1);
  const vm = buildViewModel(s.schema, t.manifest, { dialect: s.dialect });
  return { sql: r.files[0].content, expected: expectedShape(vm, dialect) };
}

for (const dialect of DIALECTS) {
  test(`sql-${dialect}: DDL of every corpus schema re-parses without errors to the same tables, columns and foreign keys`, () => {
    assert.ok(schemas.length > 0);
    for (const s of schemas) {
      const { sql, expected } = ddl(s, dialect);
      const uri = `file:///out/${s.file}.${dialect}.sql`;
      const reparsed = schemaOf(uri, sql, 'sql', dialect);
      const errors = parseErrors(uri, sql, dialect);
      assert.deepEqual(errors, [], `${s.file} -> ${dialect}: ${errors.length} errors`);
      assert.deepEqual(shapeOf(reparsed, dialect), expected, `${s.file} -> ${dialect}`);
    }
  });
}

function parseErrors(uri: string, sql: string, dialect: SqlDialect): string[] {
  const ws = new Workspace();
  ws.setFile(uri, sql, 0, { language: 'sql', dialect });
  return ws.diagnostics(uri).filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message} @${sql.slice(d.span.start, d.span.start + 60)}`);
}

test('sql-sqlite: DDL of every corpus schema loads into SQLite (sql.js) and introspects to the same shape', async () => {
  for (const s of schemas) {
    const { sql, expected } = ddl(s, 'sqlite');
    const conn = await getSqlite();
    try {
      await conn.exec(sql);
      assert.deepEqual(shapeOf(await introspect(conn), 'sqlite'), expected, s.file);
    } catch (e) {
      assert.fail(`${s.file}: ${(e as Error).message}`);
    } finally {
      await conn.close();
    }
  }
});

test('sql-postgres: DDL of every corpus schema loads into PostgreSQL and introspects to the same shape', async (t) => {
  const db = await getPostgres(t);
  if (!db) return;
  for (const s of schemas) {
    const { sql, expected } = ddl(s, 'postgres');
    await db.reset();
    try {
      await db.conn.exec(sql);
    } catch (e) {
      assert.fail(`${s.file}: ${(e as Error).message}`);
    }
    assert.deepEqual(shapeOf(await introspect(db.conn), 'postgres'), expected, s.file);
  }
});

test('sql-mysql: DDL of every corpus schema loads into MariaDB and introspects to the same shape', async (t) => {
  const db = await getMysql(t);
  if (!db) return;
  for (const s of schemas) {
    const { sql, expected } = ddl(s, 'mysql');
    await db.reset();
    try {
      await db.conn.exec(sql);
    } catch (e) {
      assert.fail(`${s.file}: ${(e as Error).message}`);
    }
    assert.deepEqual(shapeOf(await introspect(db.conn), 'mysql'), expected, s.file);
  }
});
