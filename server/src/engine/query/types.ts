/**
 * Public data types of the query checker: what `checkQueries` and
 * `queryCompletions` return. Plain data with spans into the checked text;
 * nothing here refers to node-sql-parser's AST.
 */
import type { Span } from '../text/span.js';
import type { Diagnostic } from '../diagnostics.js';

/** The SQL dialects whose queries are checked (the DDL front end's dialects). */
export type QueryDialect = 'postgres' | 'mysql' | 'sqlite' | 'mssql';

/** Stable diagnostic codes of the query checker (documented in docs/rules.md by the lead). */
export const QueryCodes = {
  unknownTable: 'QRY001',
  unknownColumn: 'QRY002',
  ambiguousColumn: 'QRY003',
  incomparableTypes: 'QRY004',
  insertColumnCount: 'QRY005',
  parseError: 'QRY010',
} as const;

/**
 * A name in a query bound to the schema (for hover, definition, completion and rename).
 * - `table`: a table name (or a table name used as a qualifier); `tableKey` when it resolved.
 * - `column`: a column; `tableKey` + `column` (the schema's spelling) when it resolved to a
 *   table column, directly or through a CTE / derived table that kept the column's name.
 * - `alias`: a table alias, a CTE name or a select-list alias, where defined and where used;
 *   `tableKey` when the alias stands for a schema table.
 */
export interface QueryReference {
  kind: 'table' | 'column' | 'alias';
  span: Span;
  tableKey?: string;
  column?: string;
  /** the name as the query writes it, quotes removed */
  name: string;
  /** true where the alias or CTE is defined (not used) */
  definition?: boolean;
  /** aliases: what the name stands for: a FROM item (`users u`), a WITH query, or a select-list output (`AS total`) */
  aliasOf?: 'relation' | 'cte' | 'output';
  /**
   * alias uses: the span of the alias's definition in the same statement, when the binder knows it;
   * columns of a WITH query or derived table: the `AS name` that made the column, when there is one
   */
  definitionSpan?: Span;
}

export type QueryStatementKind = 'select' | 'insert' | 'update' | 'delete' | 'other';

/** One DML/query statement of the text and what the checker made of it. */
export interface CheckedStatement {
  /** the statement's span (without its terminator) */
  span: Span;
  kind: QueryStatementKind;
  /** false when node-sql-parser rejected it (a QRY010 diagnostic says why) */
  parsed: boolean;
  /** keys of the schema tables the statement reads or writes, in first-use order */
  tables: string[];
  /** the result columns of a SELECT (or RETURNING), when known; `*` over unknown relations leaves it undefined */
  outputColumns?: string[];
}

export interface QueryCheck {
  statements: CheckedStatement[];
  diagnostics: Diagnostic[];
  references: QueryReference[];
}

export interface QueryCheckOptions {
  /** added to every span: the position of `text` inside a larger document (an SQL block in markdown, say) */
  offset?: number;
  /** the `uri` put on diagnostics (default `''`) */
  uri?: string;
}

export type QueryCompletionKind = 'table' | 'column' | 'alias';

export interface QueryCompletion {
  label: string;
  kind: QueryCompletionKind;
  /** e.g. the column's type and table, or a table's column count */
  detail?: string;
  tableKey?: string;
  column?: string;
  /** the name as the dialect must write it (quoted, schema-qualified) when that differs from `label` */
  insertText?: string;
}

export interface QueryCompletionResult {
  /** the span of the partly typed word the completions replace (empty at the cursor when none) */
  span: Span;
  items: QueryCompletion[];
}
