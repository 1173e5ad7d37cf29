/**
 * SQL statement splitter: one linear charCode scan that cuts a script into
 * statement slices, per dialect, without tokenising it.
 *
 * It understands what can hide a terminator: `--` and `/* *\/` comments
 * (nested in PostgreSQL), MySQL `#` comments, `'...'` strings (`''`, and
 * backslash escapes in MySQL and PostgreSQL `E'...'`), `"identifiers"`, MySQL
 * backticks, SQL Server / SQLite `[brackets]`, PostgreSQL `$tag$...$tag$`,
 * `BEGIN ... END` bodies of routines and triggers (and T-SQL control blocks),
 * MySQL `DELIMITER` lines, T-SQL `GO` batch lines, psql `\` meta-command lines
 * and pg_dump `COPY ... FROM stdin;` data blocks (which end at a `\.` line and
 * belong to the COPY slice, so they are never parsed as SQL).
 *
 * T-SQL needs no `;`: a new statement also starts at a line that begins with a
 * statement keyword (`CREATE`, `ALTER TABLE`, `INSERT`, ...) outside parentheses
 * and blocks, except inside CREATE PROCEDURE/FUNCTION/TRIGGER/VIEW, which own
 * the rest of their batch.
 *
 * Never throws; never allocates per character.
 */
import type { SqlDialect } from './ast.js';

/** A statement: `[start, end)` offsets into the text, without its terminator. */
export interface StatementSlice {
  start: number;
  end: number;
}

const enum C {
  Tab = 9,
  Nl = 10,
  Cr = 13,
  Space = 32,
  Quote = 34,
  Hash = 35,
  Dollar = 36,
  Apos = 39,
  LParen = 40,
  RParen = 41,
  Star = 42,
  Minus = 45,
  Dot = 46,
  Slash = 47,
  Semi = 59,
  LBracket = 91,
  Backslash = 92,
  RBracket = 93,
  Backtick = 96,
}

/** 1 for characters that may continue an identifier (ASCII part). */
const IDENT = new Uint8Array(128);
for (let c = 48; c <= 57; c++) IDENT[c] = 1;
for (let c = 65; c <= 90; c++) IDENT[c] = 1;
for (let c = 97; c <= 122; c++) IDENT[c] = 1;
IDENT[95] = 1; // _
IDENT[36] = 1; // $
IDENT[64] = 1; // @
IDENT[35] = 1; // #

function isIdentChar(c: number): boolean {
  return c >= 128 ? c !== 0xa0 && c !== 0xfeff && c !== 0x2028 && c !== 0x2029 : IDENT[c] === 1;
}

function isIdentStart(c: number): boolean {
  return c >= 128 ? isIdentChar(c) : (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 64 || c === 35;
}

function isSpace(c: number): boolean {
  return c === C.Space || c === C.Tab || c === C.Nl || c === C.Cr || c === 12 || c === 11 || c === 0xa0 || c === 0xfeff;
}

/** Case-insensitive compare of text[s, e) with a lower-case ASCII word. */
function wordIs(text: string, s: number, e: number, lower: string): boolean {
  if (e - s !== lower.length) return false;
  for (let k = 0; k < lower.length; k++) {
    if ((text.charCodeAt(s + k) | 0x20) !== lower.charCodeAt(k)) return false;
  }
  return true;
}

const ROUTINE_WORDS = ['function', 'procedure', 'proc', 'trigger', 'event'];
/** Object words after which no routine word can follow (`CREATE TABLE event (...)` is a table). */
const OTHER_OBJECTS = ['table', 'index', 'view', 'sequence', 'type', 'schema', 'database', 'domain'];
const MSSQL_BATCH_OWNERS = ['function', 'procedure', 'proc', 'trigger', 'view'];
const BLOCK_END_FOLLOWERS = ['if', 'loop', 'while', 'repeat', 'for'];
const MSSQL_STARTERS = ['create', 'drop', 'insert', 'exec', 'execute', 'use', 'print', 'declare', 'grant', 'if', 'truncate'];
const MSSQL_ALTER_TARGETS = ['table', 'view', 'proc', 'procedure', 'function', 'trigger', 'index', 'database', 'schema'];
const MSSQL_SET_TARGETS = ['nocount', 'ansi_nulls', 'quoted_identifier', 'identity_insert', 'dateformat', 'xact_abort', 'ansi_padding', 'ansi_warnings', 'arithabort', 'concat_null_yields_null', 'numeric_roundabort'];

function oneOf(text: string, s: number, e: number, words: readonly string[]): boolean {
  for (const w of words) if (wordIs(text, s, e, w)) return true;
  return false;
}

/**
 * Splits `text` into statements for `dialect`. Slices are in order, never
 * overlap, start at the statement's first significant character and end after
 * its last one (terminators, comments and blank statements are left out).
 */
export function splitStatements(text: string, dialect: SqlDialect): StatementSlice[] {
  const out: StatementSlice[] = [];
  const n = text.length;
  const pg = dialect === 'postgres';
  const my = dialect === 'mysql';
  const ms = dialect === 'mssql';
  const bracketIdents = ms || dialect === 'sqlite';
  const backticks = my || dialect === 'sqlite';

  let start = -1; // first significant char of the current statement
  let lastEnd = -1; // end of its last significant token
  let wordCount = 0; // words seen in the current statement
  let firstWordStart = 0;
  let firstWordEnd = 0;
  let routine = false; // CREATE FUNCTION/PROCEDURE/TRIGGER/...
  let objectSeen = false; // the CREATE/ALTER object word has been seen
  let batchOwner = false; // T-SQL statement that owns the rest of its batch
  let isCopy = false;
  let copyStdin = false;
  let depth = 0; // BEGIN/CASE ... END nesting
  let parens = 0;
  let delimiter = ';';
  let lineStart = true; // only whitespace since the last line break

  const finish = (): void => {
    if (start >= 0 && lastEnd > start) out.push({ start, end: lastEnd });
    start = -1;
    lastEnd = -1;
    wordCount = 0;
    routine = false;
    objectSeen = false;
    batchOwner = false;
    isCopy = false;
    copyStdin = false;
    depth = 0;
    parens = 0;
  };
  const mark = (s: number, e: number): void => {
    if (start < 0) start = s;
    lastEnd = e;
  };
  const lineEnd = (j: number): number => {
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === C.Nl || c === C.Cr) break;
      j++;
    }
    return j;
  };
  /** start and end of the next word after `j` (skipping spaces only), or [-1,-1]. */
  const nextWord = (j: number): [number, number] => {
    while (j < n && isSpace(text.charCodeAt(j))) j++;
    if (j >= n || !isIdentStart(text.charCodeAt(j))) return [-1, -1];
    const s = j;
    while (j < n && isIdentChar(text.charCodeAt(j))) j++;
    return [s, j];
  };

  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === C.Nl || c === C.Cr) {
      lineStart = true;
      i++;
      continue;
    }
    if (isSpace(c)) {
      i++;
      continue;
    }
    const atLineStart = lineStart;
    lineStart = false;

    // a custom MySQL delimiter ends the statement wherever it appears
    if (delimiter !== ';' && c === delimiter.charCodeAt(0) && text.startsWith(delimiter, i)) {
      finish();
      i += delimiter.length;
      continue;
    }

    // comments
    if (c === C.Minus && text.charCodeAt(i + 1) === C.Minus) {
      i = lineEnd(i + 2);
      continue;
    }
    if (c === C.Hash && my) {
      i = lineEnd(i + 1);
      continue;
    }
    if (c === C.Slash && text.charCodeAt(i + 1) === C.Star) {
      const s = i;
      const executable = my && text.charCodeAt(i + 2) === 33; // /*! ... */ runs in MySQL
      let nest = 1;
      i += 2;
      while (i < n && nest > 0) {
        const d = text.charCodeAt(i);
        if (d === C.Star && text.charCodeAt(i + 1) === C.Slash) {
          nest--;
          i += 2;
        } else if (pg && d === C.Slash && text.charCodeAt(i + 1) === C.Star) {
          nest++;
          i += 2;
        } else i++;
      }
      if (executable) mark(s, i);
      continue;
    }

    // psql meta-commands: from a backslash to the end of the line, not SQL (`\g` ends the statement)
    if (pg && c === C.Backslash) {
      const e = lineEnd(i);
      const isG = text.charCodeAt(i + 1) === 103 /* g */;
      if (isG && start >= 0) finish();
      i = e;
      continue;
    }

    // statement-level line commands
    if (atLineStart && (start < 0 || ms) && isIdentStart(c)) {
      let e = i;
      while (e < n && isIdentChar(text.charCodeAt(e))) e++;
      if (my && start < 0 && wordIs(text, i, e, 'delimiter')) {
        const le = lineEnd(e);
        let a = e;
        while (a < le && isSpace(text.charCodeAt(a))) a++;
        let b = a;
        while (b < le && !isSpace(text.charCodeAt(b))) b++;
        if (b > a) delimiter = text.slice(a, b);
        i = le;
        continue;
      }
      if (ms && wordIs(text, i, e, 'go')) {
        let a = e;
        while (a < n && (text.charCodeAt(a) === C.Space || text.charCodeAt(a) === C.Tab || (text.charCodeAt(a) >= 48 && text.charCodeAt(a) <= 57))) a++;
        const d = text.charCodeAt(a);
        if (a >= n || d === C.Nl || d === C.Cr || (d === C.Minus && text.charCodeAt(a + 1) === C.Minus)) {
          finish();
          i = lineEnd(a);
          continue;
        }
      }
      if (ms && start >= 0 && depth === 0 && parens === 0 && !batchOwner && lastEnd > 0) {
        let split = oneOf(text, i, e, MSSQL_STARTERS);
        if (!split && wordIs(text, i, e, 'alter')) {
          const [a, b] = nextWord(e);
          split = a >= 0 && oneOf(text, a, b, MSSQL_ALTER_TARGETS);
        } else if (!split && wordIs(text, i, e, 'set')) {
          const [a, b] = nextWord(e);
          split = a >= 0 && oneOf(text, a, b, MSSQL_SET_TARGETS);
        }
        if (split) finish();
      }
    }

    // strings and quoted identifiers
    if (c === C.Apos) {
      let esc = my;
      if (pg && i > 0) {
        const p = text.charCodeAt(i - 1) | 0x20;
        esc = p === 101 /* e */ && (i < 2 || !isIdentChar(text.charCodeAt(i - 2)));
      }
      const e = skipQuoted(text, i + 1, C.Apos, esc);
      mark(i, e);
      i = e;
      continue;
    }
    if (c === C.Quote) {
      const e = skipQuoted(text, i + 1, C.Quote, my);
      mark(i, e);
      i = e;
      continue;
    }
    if (c === C.Backtick && backticks) {
      const e = skipQuoted(text, i + 1, C.Backtick, false);
      mark(i, e);
      i = e;
      continue;
    }
    if (c === C.LBracket && bracketIdents) {
      const e = skipQuoted(text, i + 1, C.RBracket, false);
      mark(i, e);
      i = e;
      continue;
    }
    if (c === C.Dollar && pg && (i === 0 || !isIdentChar(text.charCodeAt(i - 1)))) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === C.Dollar || !(d === 95 || (d >= 65 && d <= 90) || (d >= 97 && d <= 122) || d >= 128 || (j > i + 1 && d >= 48 && d <= 57))) break;
        j++;
      }
      if (j < n && text.charCodeAt(j) === C.Dollar) {
        const tag = text.slice(i, j + 1);
        const close = text.indexOf(tag, j + 1);
        const e = close < 0 ? n : close + tag.length;
        mark(i, e);
        i = e;
        continue;
      }
    }

    if (c === C.Semi && delimiter === ';') {
      if (depth > 0) {
        mark(i, i + 1);
        i++;
        continue;
      }
      if (copyStdin) {
        const dataEnd = copyDataEnd(text, i + 1);
        if (dataEnd >= 0) {
          lastEnd = dataEnd;
          finish();
          i = dataEnd;
          continue;
        }
      }
      finish();
      i++;
      continue;
    }

    if (isIdentStart(c)) {
      let e = i + 1;
      while (e < n && isIdentChar(text.charCodeAt(e))) e++;
      mark(i, e);
      const len = e - i;
      if (wordCount === 0) {
        firstWordStart = i;
        firstWordEnd = e;
        isCopy = pg && wordIs(text, i, e, 'copy');
      } else if (isCopy && wordIs(text, i, e, 'stdin')) {
        copyStdin = true;
      } else if (wordCount < 10 && !routine && !objectSeen && (wordIs(text, firstWordStart, firstWordEnd, 'create') || wordIs(text, firstWordStart, firstWordEnd, 'alter'))) {
        if (oneOf(text, i, e, ROUTINE_WORDS)) routine = true;
        if (ms && oneOf(text, i, e, MSSQL_BATCH_OWNERS)) batchOwner = true;
        if (oneOf(text, i, e, OTHER_OBJECTS)) objectSeen = true;
      }
      wordCount++;
      if ((routine || ms) && len >= 3 && len <= 5 && delimiter === ';') {
        if (wordIs(text, i, e, 'begin')) {
          const [a, b] = nextWord(e);
          const txn = a >= 0 && (wordIs(text, a, b, 'tran') || wordIs(text, a, b, 'transaction') || wordIs(text, a, b, 'distributed') || wordIs(text, a, b, 'work'));
          if (!txn) depth++;
        } else if (wordIs(text, i, e, 'case') && depth > 0) {
          depth++;
        } else if (wordIs(text, i, e, 'end') && depth > 0) {
          const [a, b] = nextWord(e);
          if (!(a >= 0 && oneOf(text, a, b, BLOCK_END_FOLLOWERS))) depth--;
        }
      }
      i = e;
      continue;
    }

    if (c === C.LParen) parens++;
    else if (c === C.RParen && parens > 0) parens--;
    mark(i, i + 1);
    i++;
  }
  finish();
  return out;
}

/** Index after the closing quote (or the end of text when unterminated). */
function skipQuoted(text: string, j: number, close: number, backslash: boolean): number {
  const n = text.length;
  while (j < n) {
    const d = text.charCodeAt(j);
    if (backslash && d === C.Backslash) {
      j += 2;
      continue;
    }
    if (d === close) {
      if (text.charCodeAt(j + 1) === close) {
        j += 2; // doubled closer: an escaped quote
        continue;
      }
      return j + 1;
    }
    j++;
  }
  return n;
}

/**
 * After `COPY ... FROM stdin;` (at `from`): the offset after the `\.` line that
 * ends the data block, or -1 when there is no data block (another COPY, a
 * blank line or the end of text comes first: the COPY failed before psql
 * entered copy mode).
 */
function copyDataEnd(text: string, from: number): number {
  const n = text.length;
  // the data starts on the next line
  let j = from;
  while (j < n && text.charCodeAt(j) !== C.Nl) j++;
  j++;
  while (j < n) {
    let e = j;
    while (e < n && text.charCodeAt(e) !== C.Nl) e++;
    const lineLen = e - j - (e > j && text.charCodeAt(e - 1) === C.Cr ? 1 : 0);
    if (lineLen === 2 && text.charCodeAt(j) === C.Backslash && text.charCodeAt(j + 1) === C.Dot) return j + 2;
    if (lineLen === 0) return -1;
    if (lineLen >= 5 && wordIs(text, j, j + 4, 'copy') && text.charCodeAt(j + 4) === C.Space) return -1;
    j = e + 1;
  }
  return -1;
}
