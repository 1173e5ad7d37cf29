/**
 * Corpus against the real engines (issue 7): every PostgreSQL, MySQL and
 * SQLite file of ../shared/corpus is loaded into its engine the way the
 * manifest's ground truth was (psql / the mariadb client with errors not
 * stopping the load; sql.js for SQLite), introspected, and compared with
 * SchemaSage's parse of the same, unmodified file over the structural facts
 * of `coreFacts` (tables, columns, type family/size/width, nullability,
 * primary and unique keys, indexes, foreign keys with actions).
 *
 * The database is the truth. Differences that are by design get an explicit
 * normalisation below, each with the reason; nothing is ignored wholesale.
 * Each test prints how many facts it compared and how many were equal.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { introspectWithWarnings } from '../../server/src/db/introspect.ts';
import { parseConnectionUrl, type DbConnection } from '../../server/src/db/connection.ts';
import type { Schema } from '../../server/src/engine/model/schema.ts';
import { splitStatements } from '../../server/src/engine/syntax/sql/split.ts';
import { Workspace } from '../../server/src/engine/workspace.ts';
import { getMysql, getPostgres, getSqlite } from '../util/db.ts';
import { coreFacts } from './facts.ts';

type Dialect = 'postgres' | 'mysql' | 'sqlite';

interface CorpusRecord {
  file: string;
  dialect: string;
  tables: number;
  foreign_keys: number;
  load_errors?: number;
  notes?: string;
}

const CORPUS = join(fileURLToPath(new URL('../../', import.meta.url)), '..', 'shared', 'corpus');
const PG_BIN = process.env.SCHEMASAGE_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const manifest: CorpusRecord[] = existsSync(join(CORPUS, 'manifest.json'))
  ? (JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8')) as CorpusRecord[]).filter((r) => r.dialect === 'postgres' || r.dialect === 'mysql' || r.dialect === 'sqlite')
  : [];

/** SchemaSage's reading of the file: the schema part holding its tables, and its error diagnostics. */
function parseFile(text: string, dialect: Dialect, file: string): { schema: Schema; errors: string[] } {
  const ws = new Workspace();
  const uri = `file:///corpus/${file}`;
  ws.setFile(uri, text, 0, { language: 'sql', dialect });
  const b = ws.binding();
  const schema = b.parts.find((p) => p.tables.some((t) => t.source?.uri === uri)) ?? b.parts[b.parts.length - 1];
  return { schema, errors: ws.diagnostics(uri).filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message} at ${d.span.start}`) };
}

/** What a load did: how many statements the engine rejected, and the first few messages. */
interface LoadResult {
  errors: string[];
  /** MySQL: the database the file created (renamed to a private one) */
  database?: string;
}

// ---------------------------------------------------------------- PostgreSQL

/**
 * The file as a fresh database can run it: chinook's `DROP/CREATE DATABASE`
 * and `\c chinook` go (the test already is in a fresh database), and pagila
 * gets the manifest's edits for PostgreSQL 15 (PG18's uuidv7() and VIRTUAL
 * generated columns; no pgvector: the extension, its comment and the vector
 * column's type).
 */
function pgLoadable(file: string, text: string): string {
  // case-sensitive and within one line: chinook's banner comments say "Drop database if it exists" too
  let s = text.replace(/^(DROP|CREATE) DATABASE\b[^;\n]*;/gm, '').replace(/^\\c\b.*$/gm, '');
  if (file === 'postgres/pagila-schema.sql') {
    s = s
      .replace(/uuidv7\(\)/g, 'gen_random_uuid()')
      .replace(/\) VIRTUAL\b/g, ') STORED')
      .replace(/^CREATE EXTENSION IF NOT EXISTS vector\b.*$/m, '')
      .replace(/^COMMENT ON EXTENSION vector\b.*$/m, '')
      .replace(/public\.vector\(20\)/g, 'real[]');
  }
  return s;
}

async function loadPostgres(conn: DbConnection, backend: 'server' | 'pglite', file: string, text: string): Promise<LoadResult> {
  const sql = pgLoadable(file, text);
  if (backend === 'server' && existsSync(join(PG_BIN, 'psql'))) {
    // psql, as the ground truth was made: errors do not stop the load
    const [info] = await conn.query('SELECT inet_server_port() AS port, current_database() AS db, current_user AS usr');
    const url = process.env.SCHEMASAGE_PG_URL ? parseConnectionUrl(process.env.SCHEMASAGE_PG_URL) : undefined;
    const r = spawnSync(join(PG_BIN, 'psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=0', '-h', url?.host ?? '127.0.0.1', '-p', String(info['port']), '-U', String(info['usr']), '-d', String(info['db']), '-f', '-'], {
      input: sql,
      encoding: 'utf8',
      env: { ...process.env, PGPASSWORD: url?.password ?? '', PGOPTIONS: '--client-min-messages=warning' },
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.status !== 0 && r.status !== 3) throw new Error(`psql failed (${r.status}): ${r.stderr || r.error?.message}`);
    return { errors: r.stderr.split('\n').filter((l) => /\bERROR:/.test(l)) };
  }
  // PGlite: statement by statement with SchemaSage's splitter (psql meta lines are their own slices)
  const errors: string[] = [];
  for (const slice of splitStatements(sql, 'postgres')) {
    const stmt = sql.slice(slice.start, slice.end).trim();
    if (!stmt || stmt.startsWith('\\')) continue;
    try {
      await conn.exec(stmt);
    } catch (e) {
      errors.push(e instanceof Error ? e.message : String(e));
    }
  }
  // pg_dump files empty the search_path (set_config): the session is shared by the whole test file here
  await conn.exec('RESET ALL');
  return { errors };
}

// ---------------------------------------------------------------- MariaDB

/** The database name the file creates and uses (`USE x`). */
function mysqlDatabaseOf(text: string): string | undefined {
  const m = /^\s*USE\s+`?([A-Za-z0-9_$]+)`?\s*;/im.exec(text);
  return m?.[1];
}

/**
 * The file with its own database renamed to `to` (so parallel runs on one
 * server never collide): its DROP/CREATE DATABASE|SCHEMA and USE statements,
 * and qualified names in view bodies (`FROM sakila.film`).
 */
function mysqlRenamed(text: string, from: string, to: string): string {
  const name = `\`?${from}\`?`;
  return text
    .replace(new RegExp(`^([ \\t]*(?:DROP|CREATE)[ \\t]+(?:DATABASE|SCHEMA)[ \\t]+(?:IF[ \\t]+(?:NOT[ \\t]+)?EXISTS[ \\t]+)?)${name}(?=[ \\t]*;)`, 'gim'), `$1\`${to}\``)
    .replace(new RegExp(`^([ \\t]*USE[ \\t]+)${name}`, 'gim'), `$1\`${to}\``)
    .replace(new RegExp(`\\b${from}\\.(?=[A-Za-z_\`])`, 'g'), `\`${to}\`.`);
}

async function loadMysql(conn: DbConnection, text: string, privateName: string): Promise<LoadResult> {
  const own = mysqlDatabaseOf(text);
  const sql = own ? mysqlRenamed(text, own, privateName) : text;
  const [info] = await conn.query('SELECT @@port AS port, CURRENT_USER() AS usr');
  const url = process.env.SCHEMASAGE_MYSQL_URL ? parseConnectionUrl(process.env.SCHEMASAGE_MYSQL_URL) : undefined;
  const user = url?.user ?? String(info['usr']).replace(/@.*$/, '');
  // the mariadb client, as the ground truth was made: --force goes on after errors (the `source` lines of employees.sql)
  const r = spawnSync('mariadb', ['--no-defaults', '--force', '-h', url?.host ?? '127.0.0.1', '-P', String(info['port']), '-u', user, ...(own ? [] : [privateName])], {
    input: sql,
    encoding: 'utf8',
    env: { ...process.env, MYSQL_PWD: url?.password ?? '' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw new Error(`mariadb client not runnable: ${r.error.message}`);
  return { errors: r.stderr.split('\n').filter((l) => /^ERROR\b/.test(l)), database: privateName };
}

// ---------------------------------------------------------------- normalisations

/**
 * What differs by design, per fact. Each rule names the engine behaviour it
 * stands for; a rule that no longer applies simply matches nothing.
 */
interface Normalisation {
  why: string;
  /** rewrite (or drop, with undefined) a fact of the parse before comparing */
  parse?: (fact: string) => string | undefined;
  /** rewrite (or drop) a fact of the database before comparing */
  db?: (fact: string) => string | undefined;
  /** drop database facts in the light of the whole parse (what the engine adds by itself) */
  dbGivenParse?: (db: string[], parse: Set<string>) => string[];
}

/** `fk a(x, y) -> ...` -> `a(x, y)`: the referencing table and columns. */
function fkSource(fact: string): string | undefined {
  return /^fk (\S+\([^)]*\)) ->/.exec(fact)?.[1];
}

const BY_DIALECT: Record<Dialect, Normalisation[]> = {
  postgres: [],
  sqlite: [],
  mysql: [
    {
      why: 'MySQL has no boolean type: BOOL/BOOLEAN is TINYINT(1), and the catalog reports tinyint',
      parse: (f) => f.replace(/^(column \S+ )boolean\b/, '$1integer/8'),
    },
    {
      why: 'InnoDB treats NO ACTION as RESTRICT; MariaDB reports RESTRICT for an absent ON DELETE/UPDATE clause (MySQL 8 says NO ACTION)',
      parse: (f) => (f.startsWith('fk ') ? f.replace(/ (delete|update) restrict\b/g, ' $1 no action') : f),
      db: (f) => (f.startsWith('fk ') ? f.replace(/ (delete|update) restrict\b/g, ' $1 no action') : f),
    },
    {
      why: 'InnoDB adds an index (named after the constraint) for a foreign key whose columns no index starts with',
      dbGivenParse: (db, parse) => {
        const fkCols = new Set(db.map(fkSource).filter((x): x is string => x !== undefined));
        return db.filter((f) => {
          const m = /^index (\S+) \S+ \(([^)]*)\)$/.exec(f);
          return !m || parse.has(f) || !fkCols.has(`${m[1]}(${m[2]})`);
        });
      },
    },
  ],
};

const BY_FILE: Record<string, Normalisation[]> = {
  'postgres/pagila-schema.sql': [
    {
      why: 'the manifest loads pagila into PG15 with pgvector unavailable: film_embedding.embedding public.vector(20) became real[]',
      parse: (f) => (f.startsWith('column film_embedding.embedding other:vector') ? f.replace(/other:vector(\(20\))?/, 'array:real') : f),
    },
    {
      why: 'the hnsw index (pgvector access method) cannot be created without pgvector: the one load error the manifest records',
      parse: (f) => (/^index film_embedding \S+ \(embedding\)/.test(f) ? undefined : f),
    },
  ],
  'mysql/sakila-schema.sql': [
    {
      why: 'MariaDB skips MySQL 5.7+ version comments (`/*!50705 location GEOMETRY NOT NULL,*/`, its SPATIAL KEY); SchemaSage reads the file as MySQL 8 runs it',
      parse: (f) => (f.startsWith('column address.location ') || f.startsWith('index address idx_location ') ? undefined : f),
    },
  ],
};

function normalised(facts: string[], rules: Normalisation[], side: 'parse' | 'db'): string[] {
  let out = facts;
  for (const r of rules) {
    const fn = r[side];
    if (!fn) continue;
    out = out.map(fn).filter((f): f is string => f !== undefined);
  }
  return out.sort();
}

// ---------------------------------------------------------------- the comparison

function compare(t: TestContext, rec: CorpusRecord, db: Schema, parse: { schema: Schema; errors: string[] }, load: LoadResult, dialect: Dialect): void {
  const opts = { unqualified: dialect !== 'postgres' };
  const rules = [...BY_DIALECT[dialect], ...(BY_FILE[rec.file] ?? [])];
  const mine = normalised(coreFacts(parse.schema, opts), rules, 'parse');
  const mineSet = new Set(mine);
  let truth = normalised(coreFacts(db, opts), rules, 'db');
  for (const r of rules) if (r.dbGivenParse) truth = r.dbGivenParse(truth, mineSet);
  const truthSet = new Set(truth);
  const equal = mine.filter((f) => truthSet.has(f)).length;
  const compared = new Set([...mine, ...truth]).size;
  t.diagnostic(`${rec.file}: ${compared} facts compared, ${equal} equal (${db.tables.filter((x) => !x.isView).length} tables, ${db.relationships.length} FKs; ${load.errors.length} load errors; ${rules.length} normalisations)`);
  const missing = truth.filter((f) => !mineSet.has(f));
  const extra = mine.filter((f) => !truthSet.has(f));
  assert.equal(db.tables.filter((x) => !x.isView).length, rec.tables, 'tables in the database, as the manifest says');
  assert.ok(
    !missing.length && !extra.length,
    `${rec.file}: parse differs from the database\n  in the database, not in the parse:\n    ${missing.join('\n    ')}\n  in the parse, not in the database:\n    ${extra.join('\n    ')}`,
  );
}

test('the corpus has PostgreSQL, MySQL and SQLite files', { skip: manifest.length ? false : `no corpus at ${CORPUS}` }, () => {
  for (const d of ['postgres', 'mysql', 'sqlite']) assert.ok(manifest.some((r) => r.dialect === d), d);
});

for (const rec of manifest) {
  const dialect = rec.dialect as Dialect;
  test(`corpus ${rec.file}: the database's introspection equals SchemaSage's parse`, async (t) => {
    const text = readFileSync(join(CORPUS, rec.file), 'utf8');
    const parse = parseFile(text, dialect, rec.file);
    let conn: DbConnection;
    let load: LoadResult;
    let schemas: string[] | undefined;
    if (dialect === 'postgres') {
      const db = await getPostgres(t);
      if (!db) return;
      if (db.backend === 'pglite' && /CREATE EXTENSION/i.test(text)) {
        t.skip(`PGlite has no ${rec.file.includes('pagila') ? 'pgvector' : 'contrib extensions'}: needs the PostgreSQL server`);
        return;
      }
      conn = db.conn;
      load = await loadPostgres(conn, db.backend, rec.file, text);
    } else if (dialect === 'mysql') {
      const db = await getMysql(t);
      if (!db) return;
      conn = db.conn;
      load = await loadMysql(conn, text, `${db.database}_c`);
      schemas = [load.database!];
    } else {
      const sqlite = await getSqlite();
      t.after(() => sqlite.close());
      conn = sqlite;
      try {
        await conn.exec(text);
        load = { errors: [] };
      } catch (e) {
        load = { errors: [e instanceof Error ? e.message : String(e)] };
      }
    }
    assert.equal(load.errors.length, rec.load_errors ?? 0, `load errors as in the manifest:\n${load.errors.slice(0, 5).join('\n')}`);
    const { schema, warnings } = await introspectWithWarnings(conn, schemas ? { schemas } : {});
    if (dialect === 'mysql') await conn.exec(`DROP DATABASE IF EXISTS \`${load.database}\``);
    assert.deepEqual(warnings, [], 'introspection warnings');
    compare(t, rec, schema, parse, load, dialect);
  });
}
