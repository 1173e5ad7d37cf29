/**
 * SQL tokens (chevrotain Lexer), one lexer per dialect over one shared token
 * vocabulary. Whitespace and comments are skipped; strings, quoted names and
 * dollar quotes are single tokens, so the reader never looks inside them.
 * Keywords are plain `Word`s: SQL keywords are mostly non-reserved, and the
 * reader decides by the (lower-cased) image. Lexing never fails: characters no
 * token matches are skipped by chevrotain's recovery and reported by parse.ts.
 *
 * The token types are the vocabulary of the whole front end; `lexSql` is the
 * token list other engine modules (query/) use and the reference the parse
 * path's hand-written scanner (scan.ts) is tested against: keep the two in
 * step (server/test/sql/scan.test.ts compares them).
 */
import { createToken, Lexer, type IToken, type TokenType, type CustomPatternMatcherFunc } from 'chevrotain';
import type { SqlDialect } from './ast.js';

/** Every token the tree parser treats as a leaf. */
export const Atom = createToken({ name: 'Atom', pattern: Lexer.NA });

const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\f\v\r\n\u00a0\ufeff]+/, group: Lexer.SKIPPED, line_breaks: true });
const LineComment = createToken({ name: 'LineComment', pattern: /--[^\r\n]*/, group: Lexer.SKIPPED });
const HashComment = createToken({ name: 'HashComment', pattern: /#[^\r\n]*/, group: Lexer.SKIPPED });
/** MySQL runs the text of `/*! ... *\/` (and `/*M! ... *\/`): drop only the markers. */
const ExecCommentMark = createToken({ name: 'ExecCommentMark', pattern: /\/\*M?!\d*|\*\//, group: Lexer.SKIPPED });

function blockComment(nested: boolean): CustomPatternMatcherFunc {
  return (text, offset) => {
    if (text.charCodeAt(offset) !== 47 || text.charCodeAt(offset + 1) !== 42) return null;
    let depth = 1;
    let i = offset + 2;
    const n = text.length;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 42 && text.charCodeAt(i + 1) === 47) {
        i += 2;
        if (--depth === 0) break;
      } else if (nested && c === 47 && text.charCodeAt(i + 1) === 42) {
        depth++;
        i += 2;
      } else i++;
    }
    return [text.slice(offset, i)] as RegExpExecArray;
  };
}

const BlockComment = createToken({ name: 'BlockComment', pattern: { exec: blockComment(false) }, group: Lexer.SKIPPED, line_breaks: true, start_chars_hint: ['/'] });
const NestedComment = createToken({ name: 'NestedComment', pattern: { exec: blockComment(true) }, group: Lexer.SKIPPED, line_breaks: true, start_chars_hint: ['/'] });

/** `'...'` with `''`; prefixes N, X, B, U& are part of the token. */
export const StringLit = createToken({ name: 'StringLit', pattern: /(?:[nNxXbB]|[uU]&)?'(?:[^']|'')*'?/, categories: Atom, line_breaks: true });
/** PostgreSQL `E'..\'..'` and every MySQL string: backslash escapes. */
export const EscString = createToken({ name: 'EscString', pattern: /[eE]'(?:[^'\\]|\\[\s\S]|'')*'?/, categories: Atom, line_breaks: true });
export const MyString = createToken({ name: 'MyString', pattern: /(?:_[A-Za-z0-9]+|[nNxXbB])?'(?:[^'\\]|\\[\s\S]|'')*'?/, categories: Atom, line_breaks: true });

function dollarQuote(text: string, offset: number): RegExpExecArray | null {
  if (text.charCodeAt(offset) !== 36) return null;
  let j = offset + 1;
  const n = text.length;
  while (j < n) {
    const d = text.charCodeAt(j);
    if (d === 36) break;
    if (!(d === 95 || (d >= 65 && d <= 90) || (d >= 97 && d <= 122) || d >= 128 || (j > offset + 1 && d >= 48 && d <= 57))) return null;
    j++;
  }
  if (j >= n) return null;
  const tag = text.slice(offset, j + 1);
  const close = text.indexOf(tag, j + 1);
  const end = close < 0 ? n : close + tag.length;
  return [text.slice(offset, end)] as RegExpExecArray;
}
export const DollarString = createToken({ name: 'DollarString', pattern: { exec: dollarQuote }, categories: Atom, line_breaks: true, start_chars_hint: ['$'] });

/** `"name"` (a string in MySQL unless ANSI_QUOTES: the reader accepts it in both roles). */
export const QuotedIdent = createToken({ name: 'QuotedIdent', pattern: /"(?:[^"]|"")*"?/, categories: Atom, line_breaks: true });
export const MyQuotedIdent = createToken({ name: 'MyQuotedIdent', pattern: /"(?:[^"\\]|\\[\s\S]|"")*"?/, categories: Atom, line_breaks: true });
export const BacktickIdent = createToken({ name: 'BacktickIdent', pattern: /`(?:[^`]|``)*`?/, categories: Atom, line_breaks: true });
export const BracketIdent = createToken({ name: 'BracketIdent', pattern: /\[(?:[^\]]|\]\])*\]?/, categories: Atom, line_breaks: true });

export const NumberLit = createToken({ name: 'NumberLit', pattern: /0[xX][0-9A-Fa-f]+|(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/, categories: Atom });
export const Word = createToken({ name: 'Word', pattern: /[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/, categories: Atom });
/** T-SQL variables and temp tables: `@x`, `@@x`, `#t`, `##t`. */
export const AtWord = createToken({ name: 'AtWord', pattern: /(?:@@?|##?)[A-Za-z0-9_$\u0080-\uffff]*/, categories: Atom });
export const Param = createToken({ name: 'Param', pattern: /\$\d+/, categories: Atom });
export const LParen = createToken({ name: 'LParen', pattern: /\(/ });
export const RParen = createToken({ name: 'RParen', pattern: /\)/ });
export const Comma = createToken({ name: 'Comma', pattern: /,/, categories: Atom });
export const Dot = createToken({ name: 'Dot', pattern: /\./, categories: Atom });
export const Semi = createToken({ name: 'Semi', pattern: /;/, categories: Atom });
export const LBracket = createToken({ name: 'LBracket', pattern: /\[/, categories: Atom });
export const RBracket = createToken({ name: 'RBracket', pattern: /\]/, categories: Atom });
/** Operators: runs of operator characters (`::`, `=`, `<>`, `->>`, `||`, ...). */
export const Operator = createToken({ name: 'Operator', pattern: /::|[-+*/<>=~!@#%^&|?:{}$\\]+/, categories: Atom });

/** The parser's vocabulary: every token type of every dialect. */
export const allTokens: TokenType[] = [
  Atom,
  WhiteSpace,
  LineComment,
  HashComment,
  ExecCommentMark,
  BlockComment,
  NestedComment,
  EscString,
  MyString,
  StringLit,
  DollarString,
  QuotedIdent,
  MyQuotedIdent,
  BacktickIdent,
  BracketIdent,
  NumberLit,
  Word,
  AtWord,
  Param,
  LParen,
  RParen,
  Comma,
  Dot,
  Semi,
  LBracket,
  RBracket,
  Operator,
];

function tokensFor(dialect: SqlDialect): TokenType[] {
  switch (dialect) {
    case 'postgres':
      return [WhiteSpace, LineComment, NestedComment, EscString, StringLit, DollarString, QuotedIdent, NumberLit, Word, Param, LParen, RParen, Comma, Dot, Semi, LBracket, RBracket, Operator];
    case 'mysql':
      return [WhiteSpace, LineComment, HashComment, ExecCommentMark, BlockComment, MyString, MyQuotedIdent, BacktickIdent, NumberLit, Word, AtWord, LParen, RParen, Comma, Dot, Semi, LBracket, RBracket, Operator];
    case 'sqlite':
      return [WhiteSpace, LineComment, BlockComment, StringLit, QuotedIdent, BacktickIdent, BracketIdent, NumberLit, Word, AtWord, LParen, RParen, Comma, Dot, Semi, Operator];
    case 'mssql':
      return [WhiteSpace, LineComment, BlockComment, StringLit, QuotedIdent, BracketIdent, NumberLit, Word, AtWord, LParen, RParen, Comma, Dot, Semi, Operator];
  }
}

const lexers = new Map<SqlDialect, Lexer>();

function getLexer(dialect: SqlDialect): Lexer {
  let l = lexers.get(dialect);
  if (!l) {
    // positionTracking 'onlyOffset' is the fast mode: lines are computed at the edges.
    l = new Lexer(tokensFor(dialect), { positionTracking: 'onlyOffset', ensureOptimizations: true, skipValidations: true });
    lexers.set(dialect, l);
  }
  return l;
}

export interface LexResult {
  tokens: IToken[];
  /** offsets of characters no token matched */
  errors: { offset: number; length: number }[];
}

/** Tokenises one statement's text. Never throws. */
export function lexSql(text: string, dialect: SqlDialect): LexResult {
  const r = getLexer(dialect).tokenize(text);
  // chevrotain's errors carry offset and length (and more): no copy per statement
  return { tokens: r.tokens, errors: r.errors };
}

/** Token kinds the reader tells apart. */
export function isIdentToken(t: TokenType): boolean {
  return t === Word || t === QuotedIdent || t === BacktickIdent || t === BracketIdent || t === MyQuotedIdent;
}

export function isStringToken(t: TokenType): boolean {
  return t === StringLit || t === EscString || t === MyString || t === DollarString;
}
