/**
 * "Run in…" on a SQL block of a chat answer, the part without VS Code: what
 * the modal confirmation says for a statement and a connection (a read runs
 * read-only; a write says so in the button; DROP/TRUNCATE and other
 * destructive statements also need the connection's name typed), and the
 * request parameters that confirmation allows. The server checks the same
 * classification again, so a confirmation can never allow more than it said.
 * No vscode import: strings go through the `l10n` it is given (`vscode.l10n`),
 * each message a string literal, so the bundle check (test/package/l10n) finds it.
 */
import { classifyStatement, type RunDialect, type StatementKind } from '../../../server/src/engine/ai/statement.js';
import type { DbQueryParams } from '../../../server/src/engine/ai/db-requests.js';

/** A connection as the Connections view lists it (no password). */
export interface RunTarget {
  name: string;
  dialect: RunDialect;
  /** one line: kind, host, database or file */
  description: string;
}

/** `vscode.l10n.t`'s shape: a message with `{0}`-style placeholders. */
export type Translate = (message: string, ...args: (string | number | boolean)[]) => string;

/** Fills `{0}`, `{1}`... (the fallback when no translator is given). */
export const plainT: Translate = (message, ...args) => message.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));

/** `vscode.l10n`'s shape. */
export interface L10n {
  t: Translate;
}

/** English, placeholders filled (tests, and shells without vscode.l10n). */
export const plainL10n: L10n = { t: plainT };

export interface RunConfirmation {
  kind: StatementKind;
  /** the modal's message */
  message: string;
  /** the modal's detail: the statement and where it runs */
  detail: string;
  /** the one button that runs it */
  confirm: string;
  /** destructive only: the text the user must type (the connection's name) */
  typed?: string;
  /** the statement as it will be sent (one statement, no trailing `;`) */
  sql: string;
}

const MAX_SHOWN = 1500;

/** The confirmation for running `sql` on `target`, or why it cannot be offered. */
export function runConfirmation(sql: string, target: RunTarget, l10n: L10n = plainL10n): RunConfirmation | { error: string } {
  const c = classifyStatement(sql, target.dialect);
  if (c.kind === 'empty') return { error: l10n.t('There is no statement to run.') };
  if (c.kind === 'multiple') return { error: l10n.t('This block holds several statements: run them one at a time (copy one into its own block or an editor).') };
  const shown = c.sql.length > MAX_SHOWN ? `${c.sql.slice(0, MAX_SHOWN)}\u2026` : c.sql;
  const detail = `${shown}\n\n${l10n.t('Connection: {0} ({1})', target.name, target.description)}`;
  if (c.kind === 'read') {
    return { kind: 'read', sql: c.sql, detail, message: l10n.t('Run this query on {0}? It runs read-only, with a row limit and a timeout.', target.name), confirm: l10n.t('Run Read-Only') };
  }
  if (c.kind === 'write') {
    return { kind: 'write', sql: c.sql, detail, message: l10n.t('This statement WRITES to {0} ({1}). Run it?', target.name, c.reason ?? ''), confirm: l10n.t('Run and Write to {0}', target.name) };
  }
  return {
    kind: 'destructive',
    sql: c.sql,
    detail,
    message: l10n.t('This statement DESTROYS data in {0}: {1}. It cannot be undone. Run it?', target.name, c.reason ?? ''),
    confirm: l10n.t('Continue to Final Confirmation'),
    typed: target.name,
  };
}

/** The request a confirmation allows: reads never carry a write permission. */
export function queryParams(c: RunConfirmation, typedOk: boolean, limits: { maxRows?: number; timeoutMs?: number } = {}): Omit<DbQueryParams, 'connection'> {
  const p: Omit<DbQueryParams, 'connection'> = { sql: c.sql, ...limits };
  if (c.kind !== 'read') p.allowWrite = true;
  if (c.kind === 'destructive' && typedOk) p.confirmDestructive = true;
  return p;
}
