/**
 * A migration section as the statements a runner executes: split per
 * dialect (the SQL front end's splitter), each marked whether it may run in a
 * transaction. A statement is non-transactional when the file says so
 * (`-- schemasage:no-transaction` in the comments just before it) or when the
 * database refuses it in a transaction (PostgreSQL `CREATE/DROP INDEX
 * CONCURRENTLY`, `ALTER TYPE ... ADD VALUE`, `VACUUM`, ...; SQLite `PRAGMA
 * foreign_keys`, `VACUUM`). Transaction control written in the file (`BEGIN`,
 * `COMMIT`) is dropped: the runner owns transactions. Pure; never throws.
 */
import type { Span } from '../text/span.js';
import { splitStatements } from '../syntax/sql/split.js';
import type { SqlDialect } from '../syntax/sql/ast.js';

export interface MigrationStatement {
  /** the statement text, without its terminator */
  sql: string;
  /** where it is in the section text */
  span: Span;
  /** may run inside the migration's transaction */
  transactional: boolean;
  /** why not, when it may not */
  reason?: string;
  /** a session setting (`SET ...`, `PRAGMA x = ...`) that does not change the schema */
  setting?: boolean;
}

const NO_TX_MARK = /--[ \t]*schemasage:no-transaction\b/i;
const TX_CONTROL = /^(?:begin(?:\s+(?:transaction|work|immediate|deferred|exclusive))?|start\s+transaction|commit(?:\s+(?:transaction|work))?|end(?:\s+(?:transaction|work))?|rollback)\s*$/i;

function outsideReason(sql: string, dialect: SqlDialect): string | undefined {
  if (dialect === 'postgres') {
    if (/^(?:create\s+(?:unique\s+)?index|drop\s+index|reindex\b[^;]*?)\s+concurrently\b/i.test(sql)) return 'CONCURRENTLY cannot run inside a transaction block';
    if (/^reindex\s+(?:\(.*?\)\s*)?(?:index|table|schema|database|system)\s+concurrently\b/i.test(sql)) return 'REINDEX CONCURRENTLY cannot run inside a transaction block';
    if (/^alter\s+type\s+[^;]*?\badd\s+value\b/i.test(sql)) return 'ALTER TYPE ... ADD VALUE: the new value cannot be used in the same transaction (and before PostgreSQL 12 it cannot run in one at all)';
    if (/^(?:vacuum|create\s+database|drop\s+database|alter\s+system|create\s+tablespace|drop\s+tablespace)\b/i.test(sql)) return 'cannot run inside a transaction block';
    if (/^alter\s+database\s+[^;]*?\bset\s+tablespace\b/i.test(sql)) return 'cannot run inside a transaction block';
  } else if (dialect === 'sqlite') {
    if (/^pragma\s+(?:\w+\.)?(?:foreign_keys|journal_mode|legacy_alter_table)\b/i.test(sql)) return 'this PRAGMA has no effect inside a transaction';
    if (/^vacuum\b/i.test(sql)) return 'VACUUM cannot run inside a transaction';
  } else if (dialect === 'mssql') {
    if (/^(?:create|alter|drop)\s+database\b/i.test(sql)) return 'cannot run inside a transaction';
  }
  return undefined;
}

function isSetting(sql: string, dialect: SqlDialect): boolean {
  if (dialect === 'sqlite') return /^pragma\b/i.test(sql) && !/^pragma\s+(?:\w+\.)?(?:foreign_key_check|integrity_check|quick_check)\b/i.test(sql);
  return /^set\s+(?!@)/i.test(sql) && !/^set\s+(?:transaction|constraints)\b/i.test(sql);
}

/** The statements of one migration section (up or down text) in `dialect`. */
export function migrationStatements(text: string, dialect: SqlDialect): MigrationStatement[] {
  const out: MigrationStatement[] = [];
  let gapStart = 0;
  for (const slice of splitStatements(text, dialect)) {
    const sql = text.slice(slice.start, slice.end).trim();
    const gap = text.slice(gapStart, slice.start);
    gapStart = slice.end;
    if (!sql || TX_CONTROL.test(sql)) continue;
    const marked = NO_TX_MARK.test(gap);
    const reason = outsideReason(sql, dialect) ?? (marked ? 'marked -- schemasage:no-transaction' : undefined);
    const st: MigrationStatement = { sql, span: { start: slice.start, end: slice.end }, transactional: reason === undefined };
    if (reason !== undefined) st.reason = reason;
    if (isSetting(sql, dialect)) st.setting = true;
    out.push(st);
  }
  return out;
}
