/**
 * Which statements of an SQL file the query checker (engine/query) sees in
 * the editor and the CLI: every SELECT, WITH, UPDATE and DELETE, and INSERTs
 * only where they read like code rather than a data load (a short statement,
 * in a file with few of them). Data dumps (thousands of INSERT … VALUES rows)
 * would cost seconds to parse and say nothing about names. The checker itself
 * is injected (`QueryChecker`), so the engine core never loads node-sql-parser
 * until a shell asks for it.
 */
import type { Diagnostic } from './diagnostics.js';
import type { Schema } from './model/schema.js';
import { splitStatements, type SqlDialect } from './syntax/sql/index.js';
import { statementFirstWord } from './query/statement-kind.js';

/** engine/query's `checkQueries`, as the Workspace calls it: one statement's text at an offset. */
export type QueryChecker = (schema: Schema, text: string, dialect: SqlDialect, options: { offset: number; uri: string }) => { diagnostics: Diagnostic[] };

const INSERT_MAX_CHARS = 4000;
const INSERT_MAX_COUNT = 200;

/** The slices of `text` worth checking as queries. */
export function queryStatements(text: string, dialect: SqlDialect): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const inserts: { start: number; end: number }[] = [];
  for (const s of splitStatements(text, dialect)) {
    const w = statementFirstWord(text, s.start, s.end);
    if (w === 'select' || w === 'with' || w === 'update' || w === 'delete') out.push(s);
    else if (w === 'insert' && s.end - s.start <= INSERT_MAX_CHARS) inserts.push(s);
  }
  if (inserts.length <= INSERT_MAX_COUNT) out.push(...inserts);
  return out.sort((a, b) => a.start - b.start);
}

/** Query diagnostics of one SQL file against `schema`. */
export function checkFileQueries(check: QueryChecker, schema: Schema, text: string, dialect: SqlDialect, uri: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const s of queryStatements(text, dialect)) {
    for (const d of check(schema, text.slice(s.start, s.end), dialect, { offset: s.start, uri }).diagnostics) {
      // the query parser lags the real databases: what it cannot read is a warning in the editor, not an error
      out.push(d.code === 'QRY010' && d.severity === 'error' ? { ...d, severity: 'warning' } : d);
    }
  }
  return out;
}
