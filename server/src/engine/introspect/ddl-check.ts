/**
 * Checking a PostgreSQL schema file against a real PostgreSQL (the embedded
 * PGlite), the pure half: the file cut into the statements to run (the SQL
 * front end's splitter, which leaves psql meta-command lines out), and an engine error turned into a
 * diagnostic on the statement that caused it, at the character PostgreSQL
 * points to when it does. Running the statements is the caller's business
 * (`server/src/db/pglite.ts`). Never throws.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { Span } from '../text/span.js';
import { splitStatements } from '../syntax/sql/split.js';

/** Stable diagnostic codes of the check (documented in docs/rules.md). */
export const DdlCheckCodes = {
  /** PostgreSQL rejected the statement */
  rejected: 'PGCHECK001',
} as const;

/** The fields of a PostgreSQL error (`pg`, PGlite) the mapping reads; all optional. */
export interface PgErrorFields {
  message?: string;
  /** SQLSTATE, e.g. 42P01 */
  code?: string;
  /** 1-based character position in the statement text, as the protocol sends it (text or number) */
  position?: string | number;
  detail?: string;
  hint?: string;
  severity?: string;
}

/** One statement to run: its span in the file, without the terminator. */
export type DdlStatement = Span;

/** The statements of a PostgreSQL script, in order (psql meta-command lines and comments left out). */
export function pgDdlStatements(text: string): DdlStatement[] {
  return splitStatements(text, 'postgres');
}

/**
 * The extensions a script creates (`CREATE EXTENSION [IF NOT EXISTS] name`),
 * lower case, each once, in order: an embedded PostgreSQL must be started
 * with them. Comments and strings are not told apart (a mention in a comment
 * only loads an extension that is not used).
 */
export function createdExtensions(text: string): string[] {
  const out: string[] = [];
  const re = /\bcreate\s+extension\s+(?:if\s+not\s+exists\s+)?("(?:[^"]|"")+"|[A-Za-z_][\w$-]*)/gi;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const raw = m[1]!;
    const name = raw[0] === '"' ? raw.slice(1, -1).replace(/""/g, '"') : raw.toLowerCase();
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

/** UTF-16 offset of the `chars`-th code point of `s` (PostgreSQL counts characters, not UTF-16 units). */
function codePointOffset(s: string, chars: number): number {
  let i = 0;
  for (let k = 0; k < chars && i < s.length; k++) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
  }
  return i;
}

function isWord(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c >= 128;
}

/** The span PostgreSQL's position points at: the (qualified) word, quoted name or single character there. */
function spanAt(text: string, at: number, end: number): Span {
  if (at >= end) return { start: Math.max(0, end - 1), end };
  const c = text.charCodeAt(at);
  let e = at + 1;
  if (c === 34 /* " */ || c === 39 /* ' */) {
    while (e < end && text.charCodeAt(e) !== c) e++;
    e = Math.min(end, e + 1);
  } else if (isWord(c)) {
    // a qualified name (`public.vector`) is one span
    while (e < end && (isWord(text.charCodeAt(e)) || (text.charCodeAt(e) === 46 && e + 1 < end && isWord(text.charCodeAt(e + 1))))) e++;
  }
  return { start: at, end: e };
}

/**
 * Without a position, PostgreSQL still names the object in quotes
 * (`relation "nowhere" does not exist`): the first place the statement
 * writes that name as a whole word (bare or quoted, any case).
 */
function namedSpan(text: string, statement: Span, message: string): Span | undefined {
  const m = /"([^"]+)"/.exec(message);
  if (!m) return undefined;
  const name = m[1]!.toLowerCase();
  const body = text.slice(statement.start, statement.end).toLowerCase();
  for (let i = body.indexOf(name); i >= 0; i = body.indexOf(name, i + 1)) {
    const before = i > 0 ? body.charCodeAt(i - 1) : 32;
    const after = body.charCodeAt(i + name.length);
    const quoted = before === 34 && after === 34;
    if (quoted) return { start: statement.start + i - 1, end: statement.start + i + name.length + 1 };
    if (!isWord(before) && before !== 34 && (Number.isNaN(after) || (!isWord(after) && after !== 34))) return { start: statement.start + i, end: statement.start + i + name.length };
  }
  return undefined;
}

/** A message from an error's fields: `message (SQLSTATE)`, then detail and hint lines. */
export function pgErrorMessage(err: PgErrorFields): string {
  let m = `PostgreSQL: ${err.message ?? 'error'}${err.code ? ` (${err.code})` : ''}`;
  if (err.detail) m += `\n${err.detail}`;
  if (err.hint) m += `\nHint: ${err.hint}`;
  return m;
}

/**
 * The diagnostic for PostgreSQL's error on `statement` of `text`: at the
 * reported character when there is one (a syntax error, an unknown type),
 * else at the object the message names in quotes when the statement writes
 * it, else on the whole statement.
 */
export function pgErrorDiagnostic(uri: string, text: string, statement: Span, err: PgErrorFields): Diagnostic {
  const pos = typeof err.position === 'number' ? err.position : err.position ? Number(err.position) : NaN;
  let span: Span = { start: statement.start, end: statement.end };
  if (Number.isInteger(pos) && pos >= 1) {
    const at = statement.start + codePointOffset(text.slice(statement.start, statement.end), pos - 1);
    if (at <= statement.end) span = spanAt(text, at, statement.end);
  } else {
    const named = namedSpan(text, statement, err.message ?? '');
    if (named) span = named;
  }
  const severity = err.severity && /^(WARNING|NOTICE)$/i.test(err.severity) ? 'warning' : 'error';
  return { uri, span, severity, code: DdlCheckCodes.rejected, message: pgErrorMessage(err) };
}

/** Reads the fields of whatever a driver threw (an Error with PostgreSQL's fields, or anything else). */
export function pgErrorFields(e: unknown): PgErrorFields {
  if (e && typeof e === 'object') {
    const o = e as Record<string, unknown>;
    const s = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
    const position = typeof o['position'] === 'number' ? (o['position'] as number) : s('position');
    const out: PgErrorFields = { message: s('message') ?? String(e) };
    const code = s('code');
    if (code) out.code = code;
    if (position !== undefined) out.position = position;
    const detail = s('detail');
    if (detail) out.detail = detail;
    const hint = s('hint');
    if (hint) out.hint = hint;
    const severity = s('severity');
    if (severity) out.severity = severity;
    return out;
  }
  return { message: String(e) };
}
