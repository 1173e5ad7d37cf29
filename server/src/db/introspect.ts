/**
 * Runs the engine's catalog queries (engine/introspect) through a
 * DbConnection and maps the rows into a Schema. All SQL and all mapping live
 * in the engine; this module only sequences round trips and turns driver
 * values the engine cannot read (Buffers of text, bigint) into plain ones.
 */
import type { DbConnection, Row } from './connection.js';
import type { Schema } from '../engine/model/schema.js';
import type { CatalogRow, IntrospectResult, MysqlDatabaseRows, MysqlQueryName, PgCatalogRows, SqliteCatalogRows } from '../engine/introspect/index.js';
import {
  DEFAULT_SQLITE_COUNT_LIMIT_BYTES,
  MYSQL_INFO_QUERY,
  PG_QUERIES,
  SQLITE_QUERIES,
  SQLITE_ROWS_INFO_QUERY,
  SQLITE_STAT1_QUERY,
  applySqliteCounts,
  applySqliteStat1,
  mapMysql,
  mapPostgres,
  mapSqlite,
  mysqlFlavour,
  mysqlQueries,
  pgQueryParams,
  sqliteCountQueries,
  sqliteCountableTables,
} from '../engine/introspect/index.js';

export type { IntrospectResult } from '../engine/introspect/index.js';

export interface IntrospectOptions {
  /**
   * PostgreSQL: schemas to read (default: every non-system schema).
   * MySQL/MariaDB: databases to read (default: the connection's database).
   * SQLite: ignored (`main`).
   */
  schemas?: readonly string[];
  /**
   * SQLite only: tables without `sqlite_stat1` statistics are counted
   * exactly (`count(*)`) when the database file is at most this many bytes
   * (default 64 MiB); 0 never counts. PostgreSQL and MySQL/MariaDB always
   * read their catalogs' estimates (`pg_class.reltuples`, `TABLES.TABLE_ROWS`).
   */
  sqliteCountLimitBytes?: number;
}

/** Reads the database's catalog into a Schema. */
export async function introspect(conn: DbConnection, opts: IntrospectOptions = {}): Promise<Schema> {
  return (await introspectWithWarnings(conn, opts)).schema;
}

/** Reads the database's catalog into a Schema, plus warnings for catalog rows it could not place. */
export async function introspectWithWarnings(conn: DbConnection, opts: IntrospectOptions = {}): Promise<IntrospectResult> {
  if (conn.dialect === 'postgres') {
    const params = pgQueryParams(opts.schemas);
    const rows = {} as Record<keyof PgCatalogRows, CatalogRow[]>;
    // one snapshot for all six queries, read-only; JIT off: the catalog joins' cost estimates cross
    // jit_above_cost at a few hundred tables, and compiling them costs more (~200 ms each) than running them
    await conn.exec('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      await conn.exec('SET LOCAL jit = off');
      for (const name of Object.keys(PG_QUERIES) as (keyof PgCatalogRows)[]) rows[name] = plain(await conn.query(PG_QUERIES[name], params));
    } finally {
      await conn.exec('ROLLBACK');
    }
    return mapPostgres(rows);
  }
  if (conn.dialect === 'mysql') {
    const info = plain(await conn.query(MYSQL_INFO_QUERY))[0] ?? {};
    const flavour = mysqlFlavour(typeof info['version'] === 'string' ? info['version'] : undefined);
    const current = typeof info['db'] === 'string' ? info['db'] : '';
    const names = opts.schemas && opts.schemas.length ? opts.schemas : current ? [current] : [];
    const queries = mysqlQueries(flavour);
    const databases: MysqlDatabaseRows[] = [];
    const warnings: IntrospectResult['warnings'] = [];
    for (const database of names) {
      const rows = {} as Record<MysqlQueryName, CatalogRow[]>;
      for (const q of Object.keys(queries) as MysqlQueryName[]) {
        try {
          rows[q] = plain(await conn.query(queries[q], [database]));
        } catch (e) {
          // CHECK_CONSTRAINTS is missing before MySQL 8.0.16: introspect without checks
          if (q !== 'checks') throw e;
          rows[q] = [];
          warnings.push({ code: 'INTRO003', message: `check constraints not readable: ${e instanceof Error ? e.message : String(e)}` });
        }
      }
      databases.push({ database, rows });
    }
    const result = mapMysql(flavour, current || names[0] || '', databases);
    result.warnings.unshift(...warnings);
    return result;
  }
  const rows = {} as Record<keyof SqliteCatalogRows, CatalogRow[]>;
  for (const name of Object.keys(SQLITE_QUERIES) as (keyof SqliteCatalogRows)[]) rows[name] = plain(await conn.query(SQLITE_QUERIES[name]));
  const result = mapSqlite(rows);
  await sqliteRowEstimates(conn, result, rows.objects, opts.sqliteCountLimitBytes ?? DEFAULT_SQLITE_COUNT_LIMIT_BYTES);
  return result;
}

/**
 * SQLite row counts: `sqlite_stat1` when ANALYZE filled it; the other tables
 * counted when the file is small; unknown otherwise. A statement that fails
 * (a table the engine cannot read) leaves its tables unknown with a warning.
 */
async function sqliteRowEstimates(conn: DbConnection, result: IntrospectResult, objects: readonly CatalogRow[], limitBytes: number): Promise<void> {
  const info = plain(await conn.query(SQLITE_ROWS_INFO_QUERY))[0] ?? {};
  const known = Number(info['stat1']) > 0 ? applySqliteStat1(result.schema, plain(await conn.query(SQLITE_STAT1_QUERY))) : new Set<string>();
  const bytes = Number(info['bytes']);
  if (!(limitBytes > 0) || !Number.isFinite(bytes) || bytes > limitBytes) return;
  const pending = sqliteCountableTables(objects).filter((t) => !known.has(t));
  for (const q of sqliteCountQueries(pending)) {
    try {
      applySqliteCounts(result.schema, q.tables, plain(await conn.query(q.sql))[0]);
    } catch (e) {
      result.warnings.push({ code: 'INTRO003', message: `row counts not read: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
}

const decoder = new TextDecoder();

/** Catalog values as the engine reads them: Buffers/Uint8Array of text decoded, bigint as number. */
function plain(rows: Row[]): CatalogRow[] {
  for (const r of rows) {
    for (const k in r) {
      const v = r[k];
      if (v instanceof Uint8Array) r[k] = decoder.decode(v);
      else if (typeof v === 'bigint') r[k] = Number(v);
    }
  }
  return rows;
}
