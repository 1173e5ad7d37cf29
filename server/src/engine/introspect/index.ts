/**
 * Catalog introspection, pure: per dialect, the SQL text of the catalog
 * queries and the mapping of their rows into the Schema model. Running the
 * queries is the caller's business (`server/src/db/introspect.ts`).
 */
export * from './rows.js';
export { PG_QUERIES, pgQueryParams, mapPostgres, type PgCatalogRows, type PgQueryName } from './postgres.js';
export { MYSQL_INFO_QUERY, mysqlFlavour, mysqlQueries, mapMysql, type MysqlFlavour, type MysqlDatabaseRows, type MysqlQueryName } from './mysql.js';
export { SQLITE_QUERIES, mapSqlite, indexSqlParts, tableSqlParts, type SqliteCatalogRows, type SqliteQueryName } from './sqlite.js';
export { splitTypeText, classifyDefault } from './build.js';
export { ESTIMATED_ROWS, ESTIMATED_ROWS_EXACT, rowEstimate, setRowEstimate, type RowEstimate } from './estimate.js';
export { SQLITE_ROWS_INFO_QUERY, SQLITE_STAT1_QUERY, DEFAULT_SQLITE_COUNT_LIMIT_BYTES, sqliteCountableTables, sqliteCountQueries, applySqliteStat1, applySqliteCounts } from './sqlite-rows.js';
export { DdlCheckCodes, createdExtensions, pgDdlStatements, pgErrorDiagnostic, pgErrorFields, pgErrorMessage, type DdlStatement, type PgErrorFields } from './ddl-check.js';
