/**
 * Robustness: mutated SQL (truncations, deletions, duplicated and inserted
 * fragments, from the corpus and the parser fixtures) never makes the front end
 * throw or report an internal error, and every diagnostic span lies inside the
 * text. Deterministic (seeded) so a failure reproduces.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { interpretSql, parseSql, type SqlDialect } from '../../src/engine/syntax/sql/index.js';

const CORPUS = join(fileURLToPath(new URL('../../../', import.meta.url)), '..', 'shared', 'corpus');

const SEEDS: Record<SqlDialect, string> = {
  postgres:
    "CREATE TYPE m AS ENUM ('a');\nCREATE TABLE \"T\" (id serial PRIMARY KEY, m m DEFAULT 'a'::m, x numeric(3,1)[] CHECK (x > 0), FOREIGN KEY (id) REFERENCES u (id) ON DELETE CASCADE) PARTITION BY RANGE (id);\nALTER TABLE ONLY t ADD CONSTRAINT c UNIQUE (a, b);\nCOMMENT ON COLUMN t.a IS E'x\\'y';\nCREATE INDEX i ON t USING gin (lower(a)) WHERE b;\nCOPY t FROM stdin;\n1\n\\.\nCREATE FUNCTION f() RETURNS int AS $$ select 1; $$ LANGUAGE sql;",
  mysql: "DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; END//\nDELIMITER ;\nCREATE TABLE `t` (`id` int AUTO_INCREMENT, e ENUM('a','b') COMMENT 'c', PRIMARY KEY (`id`), KEY k (e)) ENGINE=InnoDB;\n/*!40101 SET x = 1 */;\nALTER TABLE t CHANGE e f int;",
  sqlite: 'CREATE TABLE [a] (id INTEGER PRIMARY KEY AUTOINCREMENT, b TEXT REFERENCES c(d) ON DELETE SET NULL) WITHOUT ROWID;\nCREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE a SET b = 1; END;\nCREATE VIEW v AS SELECT id FROM a;',
  mssql: "CREATE TABLE [dbo].[A] ([Id] INT IDENTITY(1,1) NOT NULL, [N] NVARCHAR(MAX) DEFAULT N'x', CONSTRAINT [PK] PRIMARY KEY CLUSTERED ([Id] ASC))\nGO\nALTER TABLE [A] WITH CHECK ADD CONSTRAINT [F] FOREIGN KEY ([Id]) REFERENCES [B] ([Id])\nGO\nCREATE PROCEDURE p AS BEGIN SELECT 1; END\nGO",
};

const FRAGMENTS = ['(', ')', ',', ';', "'", '"', '`', '[', ']', '$$', '/*', '--', '\n', ' NOT ', ' NULL ', ' CREATE TABLE ', ' REFERENCES ', ' PRIMARY KEY ', ' BEGIN ', ' END ', '\\.', ' GO\n', 'DELIMITER ;;\n', ' AS ', ' CHECK ', '::', '.'];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function mutate(text: string, r: () => number): string {
  let t = text;
  const n = 1 + Math.floor(r() * 4);
  for (let k = 0; k < n; k++) {
    const at = Math.floor(r() * (t.length + 1));
    const op = Math.floor(r() * 4);
    if (op === 0) t = t.slice(0, at);
    else if (op === 1) t = t.slice(0, at) + t.slice(at + 1 + Math.floor(r() * 20));
    else if (op === 2) t = t.slice(0, at) + FRAGMENTS[Math.floor(r() * FRAGMENTS.length)] + t.slice(at);
    else {
      const from = Math.floor(r() * t.length);
      t = t.slice(0, at) + t.slice(from, from + Math.floor(r() * 40)) + t.slice(at);
    }
  }
  return t;
}

function corpusSample(dialect: SqlDialect): string {
  const dir = join(CORPUS, dialect);
  if (!existsSync(dir)) return '';
  const file = { postgres: 'pagila-schema.sql', mysql: 'sakila-schema.sql', sqlite: 'sakila-schema.sql', mssql: 'chinook.sql' }[dialect];
  const p = join(dir, file);
  return existsSync(p) ? readFileSync(p, 'utf8').slice(0, 6000) : '';
}

for (const dialect of ['postgres', 'mysql', 'sqlite', 'mssql'] as SqlDialect[]) {
  test(`robustness ${dialect}: 400 mutated scripts never throw`, () => {
    const r = rng(dialect.length * 7919);
    const bases = [SEEDS[dialect], corpusSample(dialect)].filter(Boolean);
    let errors = 0;
    for (let i = 0; i < 400; i++) {
      const text = mutate(bases[i % bases.length], r);
      const file = parseSql(text, dialect);
      const out = interpretSql([{ uri: 'u', file }], dialect);
      for (const d of [...file.diagnostics, ...out.diagnostics]) {
        assert.ok(d.span.start >= 0 && d.span.end <= text.length + 1 && d.span.start <= d.span.end, `span ${JSON.stringify(d.span)} outside ${text.length}: ${d.message}`);
        assert.notEqual(d.code, 'SQL199', `${d.message}\n--- input ---\n${text}`);
      }
      if (file.diagnostics.some((d) => d.severity === 'error')) errors++;
    }
    // mutations do break statements: the parser must notice some of them
    assert.ok(errors > 40, `only ${errors} of 400 mutated scripts got an error`);
  });
}

test('robustness: parentheses nested 100,000 deep cost only their statement', () => {
  const sql = `CREATE TABLE t (a int DEFAULT ${'('.repeat(100_000)}1${')'.repeat(100_000)});\nCREATE TABLE u (b int REFERENCES t (a));`;
  const file = parseSql(sql, 'postgres');
  assert.deepEqual(file.statements.map((s) => s.kind), ['createTable', 'createTable']);
  assert.deepEqual(file.diagnostics.map((d) => d.code), ['SQL001']);
  const out = interpretSql([{ uri: 'u', file }], 'postgres');
  assert.deepEqual(out.schema.relationships.map((r) => `${r.from.table}->${r.to.table}`), ['u->t']);
});
