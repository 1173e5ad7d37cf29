/**
 * The SQL DDL front end (PostgreSQL, MySQL/MariaDB, SQLite, SQL Server):
 * statement splitting, parsing into a typed AST, and interpretation into the
 * dialect-neutral Schema. Everything the rest of the engine may use is
 * exported here.
 */
export type {
  SqlDialect,
  SqlDiag,
  SqlFile,
  SqlStatement,
  SqlIdent,
  SqlQName,
  SqlTypeRef,
  SqlReference,
  SqlRefAction,
  SqlColumnDef,
  SqlConstraintKind,
  SqlIndexPart,
  SqlTableConstraint,
  SqlCreateTable,
  SqlAlterAction,
  SqlAlterTable,
  SqlCreateIndex,
  SqlCreateEnum,
  SqlAlterEnum,
  SqlCreateDomain,
  SqlCommentOn,
  SqlCreateSchema,
  SqlCreateView,
  SqlCreateSequence,
  SqlDropKind,
  SqlDrop,
  SqlRenameIndex,
  SqlSetSearchPath,
  SqlUse,
  SqlOther,
} from './ast.js';
export { SqlCodes } from './ast.js';
export { splitStatements, type StatementSlice } from './split.js';
export { parseSql, SqlParseCache } from './parse.js';
export { interpretSql, SqlInterpretCache, type SqlInterpretation, type SqlName, type SqlNameKind } from './interpret.js';
