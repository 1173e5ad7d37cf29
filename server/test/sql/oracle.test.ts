/**
 * Oracle: libpg-query (PostgreSQL's own grammar in WASM) must accept every
 * PostgreSQL corpus statement we accept without error, and name the same
 * table and columns for every CREATE TABLE.
 *
 * COPY statements are left out: their slice carries the pg_dump data block,
 * which is psql input, not SQL. The oracle is PostgreSQL 17; we also accept
 * PostgreSQL 18's `GENERATED ALWAYS AS (...) VIRTUAL` columns (pagila uses one),
 * which PostgreSQL 17 rejects: those statements are counted and skipped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModule, parseSync } from 'libpg-query';
import { parseSql, splitStatements } from '../../src/engine/syntax/sql/index.js';

const DIR = join(fileURLToPath(new URL('../../../', import.meta.url)), '..', 'shared', 'corpus', 'postgres');

interface PgCreateStmt {
  relation: { schemaname?: string; relname: string };
  tableElts?: { ColumnDef?: { colname: string } }[];
}

const files = readdirSync(DIR).filter((f) => f.endsWith('.sql'));

for (const f of files) {
  test(`libpg-query agrees with our PostgreSQL parse of corpus ${f}`, async () => {
    await loadModule();
    const text = readFileSync(join(DIR, f), 'utf8');
    const slices = splitStatements(text, 'postgres');
    let checked = 0;
    let tables = 0;
    let pg18 = 0;
    for (const s of slices) {
      const stmt = text.slice(s.start, s.end);
      if (/^copy\b/i.test(stmt)) continue;
      const ours = parseSql(stmt, 'postgres');
      if (ours.diagnostics.some((d) => d.severity === 'error')) continue;
      if (/\)\s*VIRTUAL\b/i.test(stmt)) {
        pg18++;
        continue;
      }
      let tree: { stmts: { stmt: { CreateStmt?: PgCreateStmt } }[] };
      try {
        tree = parseSync(stmt) as typeof tree;
      } catch (e) {
        assert.fail(`we accept but PostgreSQL rejects: ${stmt.slice(0, 200)}\n${String(e)}`);
      }
      checked++;
      const st = ours.statements[0];
      const pg = tree.stmts[0]?.stmt.CreateStmt;
      if (st.kind === 'createTable' && pg) {
        tables++;
        const ourName = st.name.parts.map((p) => p.text);
        const pgName = [pg.relation.schemaname, pg.relation.relname].filter((x): x is string => !!x);
        assert.deepEqual(ourName, pgName);
        const pgCols = (pg.tableElts ?? []).flatMap((e) => (e.ColumnDef ? [e.ColumnDef.colname] : []));
        assert.deepEqual(st.columns.map((c) => c.name.text), pgCols, `columns of ${pgName.join('.')}`);
      } else if (pg) {
        assert.fail(`PostgreSQL sees CREATE TABLE where we see ${st.kind}: ${stmt.slice(0, 100)}`);
      }
    }
    assert.ok(checked > 0 && tables > 0, `${checked} statements, ${tables} tables checked`);
    assert.equal(pg18, f === 'pagila-schema.sql' ? 1 : 0);
  });
}
