/**
 * The SQL scanner: a hand-written charCode matcher that recognises exactly the
 * tokens of the chevrotain lexers in lexer.ts (same token types, same images,
 * same offsets, same unmatched-character runs), one token at a time, without
 * regexes and without allocating (but for a dollar quote's tag). The parse
 * path (parser.ts) calls `matchToken` in its tree-building loop; lexer.ts
 * stays the vocabulary (the token types are its `TokenType` objects, used as
 * tags) and the token list for other engine modules. `scanTokens` lists
 * tokens for tests, which check the two lexers agree.
 *
 * Like chevrotain, the first token kind in the dialect's order that matches
 * wins (not the longest): `--` is a comment and not an operator, `N'x'` a
 * string and not a word, `0x` followed by no hex digit the number `0`.
 * Never throws.
 */
import type { TokenType } from 'chevrotain';
import type { SqlDialect } from './ast.js';
import {
  AtWord,
  BacktickIdent,
  BracketIdent,
  Comma,
  DollarString,
  Dot,
  EscString,
  LBracket,
  LParen,
  MyQuotedIdent,
  MyString,
  NumberLit,
  Operator,
  Param,
  QuotedIdent,
  RBracket,
  RParen,
  Semi,
  StringLit,
  Word,
} from './lexer.js';

/** Dialect numbers of the matcher. */
export const enum Dia {
  Pg = 0,
  My = 1,
  Lite = 2,
  Ms = 3,
}

export function diaOf(dialect: SqlDialect): Dia {
  return dialect === 'postgres' ? Dia.Pg : dialect === 'mysql' ? Dia.My : dialect === 'sqlite' ? Dia.Lite : Dia.Ms;
}

/** Character classes of ASCII codes. */
const WORD_START = 1;
const WORD_PART = 2;
const DIGIT = 4;
const OP = 8;
const HEX = 16;
const SPACE = 32;

const CLS = new Uint8Array(128);
for (let c = 65; c <= 90; c++) CLS[c] |= WORD_START | WORD_PART;
for (let c = 97; c <= 122; c++) CLS[c] |= WORD_START | WORD_PART;
CLS[95] |= WORD_START | WORD_PART; // _
CLS[36] |= WORD_PART; // $
for (let c = 48; c <= 57; c++) CLS[c] |= WORD_PART | DIGIT | HEX;
for (let c = 65; c <= 70; c++) CLS[c] |= HEX;
for (let c = 97; c <= 102; c++) CLS[c] |= HEX;
for (const ch of '-+*/<>=~!@#%^&|?:{}$\\') CLS[ch.charCodeAt(0)] |= OP;
for (const c of [32, 9, 10, 11, 12, 13]) CLS[c] |= SPACE;

/**
 * The type of the token `matchToken` matched last, or `undefined` when it was
 * skipped text (whitespace, a comment, a MySQL executable-comment marker).
 */
export let matchedType: TokenType | undefined;

/** The code at `k`, or -1 at or past the end `n` (the scanned range may end before the text does). */
function at(text: string, k: number, n: number): number {
  return k < n ? text.charCodeAt(k) : -1;
}

function isSpaceCode(c: number): boolean {
  return c < 128 ? (CLS[c] & SPACE) !== 0 : c === 0xa0 || c === 0xfeff;
}

function spaceRun(text: string, j: number, n: number): number {
  while (j < n && isSpaceCode(text.charCodeAt(j))) j++;
  return j;
}

function wordRun(text: string, j: number, n: number): number {
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c >= 128 || (CLS[c] & WORD_PART) !== 0) j++;
    else break;
  }
  return j;
}

function digitRun(text: string, j: number, n: number): number {
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c >= 48 && c <= 57) j++;
    else break;
  }
  return j;
}

function lineEnd(text: string, j: number, n: number): number {
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === 10 || c === 13) break;
    j++;
  }
  return j;
}

function opRun(text: string, j: number, n: number): number {
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c < 128 && (CLS[c] & OP) !== 0) j++;
    else break;
  }
  return j;
}

/** `q...q` with doubled `qq` (j after the opening quote); the closer is optional. */
function quoted(text: string, j: number, n: number, q: number): number {
  while (j < n) {
    if (text.charCodeAt(j) !== q) j++;
    else if (at(text, j + 1, n) === q) j += 2;
    else return j + 1;
  }
  return j;
}

/** Like `quoted`, with backslash escapes (a lone backslash at the end ends the token before it). */
function quotedEsc(text: string, j: number, n: number, q: number): number {
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === 92) {
      if (j + 1 < n) j += 2;
      else return j;
    } else if (c !== q) j++;
    else if (at(text, j + 1, n) === q) j += 2;
    else return j + 1;
  }
  return j;
}

/** `/* ... *\/` from `i` (at the `/`), nested or not; unterminated runs to the end. */
function blockComment(text: string, i: number, n: number, nested: boolean): number {
  let depth = 1;
  let j = i + 2;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === 42 && at(text, j + 1, n) === 47) {
      j += 2;
      if (--depth === 0) break;
    } else if (nested && c === 47 && at(text, j + 1, n) === 42) {
      depth++;
      j += 2;
    } else j++;
  }
  return j;
}

/** PostgreSQL `$tag$ ... $tag$` at `i`, or -1 when `$` does not open one. */
function dollarQuote(text: string, i: number, n: number): number {
  let j = i + 1;
  while (j < n) {
    const d = text.charCodeAt(j);
    if (d === 36) break;
    if (!(d === 95 || (d >= 65 && d <= 90) || (d >= 97 && d <= 122) || d >= 128 || (j > i + 1 && d >= 48 && d <= 57))) return -1;
    j++;
  }
  if (j >= n) return -1;
  const tag = text.slice(i, j + 1);
  const close = text.indexOf(tag, j + 1);
  return close < 0 || close + tag.length > n ? n : close + tag.length;
}

/** `\d+(\.\d*)?` or `\.\d+` already scanned up to `j`: the optional exponent. */
function exponent(text: string, j: number, n: number): number {
  const e = at(text, j, n) | 0x20;
  if (e !== 101) return j;
  let k = j + 1;
  const s = at(text, k, n);
  if (s === 43 || s === 45) k++;
  const d = at(text, k, n);
  if (!(d >= 48 && d <= 57)) return j;
  return digitRun(text, k + 1, n);
}

function number(text: string, i: number, n: number): number {
  if (text.charCodeAt(i) === 48 && (at(text, i + 1, n) | 0x20) === 120) {
    const h = at(text, i + 2, n);
    if (h < 128 && (CLS[h] & HEX) !== 0) {
      let j = i + 3;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c < 128 && (CLS[c] & HEX) !== 0) j++;
        else break;
      }
      return j;
    }
  }
  let j = digitRun(text, i + 1, n);
  if (at(text, j, n) === 46) j = digitRun(text, j + 1, n);
  return exponent(text, j, n);
}

/** `@x`, `@@x`, `#t`, `##t` (the name part may be empty). */
function atWord(text: string, i: number, n: number): number {
  matchedType = AtWord;
  const c = text.charCodeAt(i);
  return wordRun(text, at(text, i + 1, n) === c ? i + 2 : i + 1, n);
}

/** A word, or a string with a letter prefix (`E'..'`, `N'..'`, `U&'..'`, MySQL `_utf8mb4'..'`). */
function wordOrPrefixed(text: string, i: number, n: number, d: Dia): number {
  const c = text.charCodeAt(i);
  const lc = c | 0x20;
  const next = at(text, i + 1, n);
  if (d === Dia.My) {
    if (next === 39 && (lc === 110 || lc === 120 || lc === 98)) {
      matchedType = MyString;
      return quotedEsc(text, i + 2, n, 39);
    }
    if (c === 95) {
      // `_charset'...'`: `_` and letters/digits, then the quote
      let j = i + 1;
      while (j < n) {
        const k = text.charCodeAt(j);
        if ((k >= 48 && k <= 57) || (k >= 65 && k <= 90) || (k >= 97 && k <= 122)) j++;
        else break;
      }
      if (j > i + 1 && at(text, j, n) === 39) {
        matchedType = MyString;
        return quotedEsc(text, j + 1, n, 39);
      }
    }
  } else {
    if (next === 39) {
      if (lc === 101 && d === Dia.Pg) {
        matchedType = EscString;
        return quotedEsc(text, i + 2, n, 39);
      }
      if (lc === 110 || lc === 120 || lc === 98) {
        matchedType = StringLit;
        return quoted(text, i + 2, n, 39);
      }
    } else if (lc === 117 && next === 38 && at(text, i + 2, n) === 39) {
      matchedType = StringLit;
      return quoted(text, i + 3, n, 39);
    }
  }
  matchedType = Word;
  return wordRun(text, i + 1, n);
}

/**
 * Matches one token at `i` (< n) of `text` for dialect `d`: returns its end
 * and sets `matchedType`, or returns -1 when no token starts at `i`. `n` ends
 * the scanned range, which may end before the text does (one statement of a
 * document, scanned in place): nothing at or past it is read or matched.
 */
export function matchToken(text: string, i: number, n: number, d: Dia): number {
  const c = text.charCodeAt(i);
  if (c >= 128) {
    if (c === 0xa0 || c === 0xfeff) {
      matchedType = undefined;
      return spaceRun(text, i + 1, n);
    }
    matchedType = Word;
    return wordRun(text, i + 1, n);
  }
  const cls = CLS[c];
  if ((cls & WORD_START) !== 0) return wordOrPrefixed(text, i, n, d);
  if ((cls & DIGIT) !== 0) {
    matchedType = NumberLit;
    return number(text, i, n);
  }
  if ((cls & SPACE) !== 0) {
    matchedType = undefined;
    return spaceRun(text, i + 1, n);
  }
  switch (c) {
    case 40:
      matchedType = LParen;
      return i + 1;
    case 41:
      matchedType = RParen;
      return i + 1;
    case 44:
      matchedType = Comma;
      return i + 1;
    case 59:
      matchedType = Semi;
      return i + 1;
    case 46 /* . */: {
      const k = at(text, i + 1, n);
      if (k >= 48 && k <= 57) {
        matchedType = NumberLit;
        return exponent(text, digitRun(text, i + 2, n), n);
      }
      matchedType = Dot;
      return i + 1;
    }
    case 39 /* ' */:
      if (d === Dia.My) {
        matchedType = MyString;
        return quotedEsc(text, i + 1, n, 39);
      }
      matchedType = StringLit;
      return quoted(text, i + 1, n, 39);
    case 34 /* " */:
      if (d === Dia.My) {
        matchedType = MyQuotedIdent;
        return quotedEsc(text, i + 1, n, 34);
      }
      matchedType = QuotedIdent;
      return quoted(text, i + 1, n, 34);
    case 96 /* ` */:
      if (d === Dia.My || d === Dia.Lite) {
        matchedType = BacktickIdent;
        return quoted(text, i + 1, n, 96);
      }
      return -1;
    case 91 /* [ */:
      if (d === Dia.Lite || d === Dia.Ms) {
        matchedType = BracketIdent;
        return quoted(text, i + 1, n, 93);
      }
      matchedType = LBracket;
      return i + 1;
    case 93 /* ] */:
      if (d === Dia.Lite || d === Dia.Ms) return -1;
      matchedType = RBracket;
      return i + 1;
    case 45 /* - */:
      if (at(text, i + 1, n) === 45) {
        matchedType = undefined;
        return lineEnd(text, i + 2, n);
      }
      break;
    case 47 /* / */:
      if (at(text, i + 1, n) === 42) {
        matchedType = undefined;
        if (d === Dia.My) {
          // executable comment marker `/*!`, `/*M!` and its version digits: only the marker is skipped
          let j = i + 2;
          if (at(text, j, n) === 77) j++;
          if (at(text, j, n) === 33) return digitRun(text, j + 1, n);
        }
        return blockComment(text, i, n, d === Dia.Pg);
      }
      break;
    case 42 /* * */:
      if (d === Dia.My && at(text, i + 1, n) === 47) {
        matchedType = undefined;
        return i + 2;
      }
      break;
    case 35 /* # */:
      if (d === Dia.My) {
        matchedType = undefined;
        return lineEnd(text, i + 1, n);
      }
      if (d !== Dia.Pg) return atWord(text, i, n);
      break;
    case 64 /* @ */:
      if (d !== Dia.Pg) return atWord(text, i, n);
      break;
    case 36 /* $ */:
      if (d === Dia.Pg) {
        const e = dollarQuote(text, i, n);
        if (e >= 0) {
          matchedType = DollarString;
          return e;
        }
        const k = at(text, i + 1, n);
        if (k >= 48 && k <= 57) {
          matchedType = Param;
          return digitRun(text, i + 2, n);
        }
      }
      break;
    case 58 /* : */:
      if (at(text, i + 1, n) === 58) {
        matchedType = Operator;
        return i + 2;
      }
      break;
  }
  if ((cls & OP) !== 0) {
    matchedType = Operator;
    return opRun(text, i + 1, n);
  }
  return -1;
}

/** After no token matched at `i`: the end of the run of characters where none does (chevrotain's recovery). */
export function unmatchedRun(text: string, i: number, n: number, d: Dia): number {
  let j = i + 1;
  while (j < n && matchToken(text, j, n, d) < 0) j++;
  return j;
}

/** A token of `scanTokens`. */
export interface ScannedToken {
  type: TokenType;
  image: string;
  start: number;
}

/** Every token of `text` (skipped text left out) and the unmatched runs, in order: for tests. */
export function scanTokens(text: string, dialect: SqlDialect): { tokens: ScannedToken[]; errors: { offset: number; length: number }[] } {
  const d = diaOf(dialect);
  const n = text.length;
  const tokens: ScannedToken[] = [];
  const errors: { offset: number; length: number }[] = [];
  let i = 0;
  while (i < n) {
    const e = matchToken(text, i, n, d);
    if (e < 0) {
      const r = unmatchedRun(text, i, n, d);
      errors.push({ offset: i, length: r - i });
      i = r;
      continue;
    }
    if (matchedType !== undefined) tokens.push({ type: matchedType, image: text.slice(i, e), start: i });
    i = e;
  }
  return { tokens, errors };
}
