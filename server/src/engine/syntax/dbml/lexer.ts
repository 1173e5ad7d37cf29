/**
 * DBML tokens (chevrotain Lexer). Whitespace and newlines are skipped but each
 * token records whether a line break precedes it (`nl`), because DBML is
 * line-sensitive inside bodies (`id int [pk]` is one line). Comments go to
 * their own group, kept for the formatter. Lexing never fails: a character no token matches is skipped by
 * chevrotain's lexer recovery and reported as a lexing error, which the
 * driver turns into a diagnostic. (No catch-all token: a complement set would
 * turn off chevrotain's first-character optimisation for every token.)
 */
import { createToken, Lexer, type IToken, type TokenType } from 'chevrotain';

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\f\v\u00a0\ufeff]+/, group: Lexer.SKIPPED });
export const NewLine = createToken({ name: 'NewLine', pattern: /\r\n|\r|\n/, group: Lexer.SKIPPED, line_breaks: true });
export const LineComment = createToken({ name: 'LineComment', pattern: /\/\/[^\r\n]*/, group: 'comments' });
export const BlockComment = createToken({ name: 'BlockComment', pattern: /\/\*(?:[^*]|\*(?!\/))*(?:\*\/)?/, group: 'comments', line_breaks: true });
export const TripleString = createToken({ name: 'TripleString', pattern: /'''(?:[^'\\]|\\[\s\S]|'(?!''))*(?:''')?/, line_breaks: true });
export const SingleString = createToken({ name: 'SingleString', pattern: /'(?:[^'\\\r\n]|\\.)*'?/ });
export const QuotedIdent = createToken({ name: 'QuotedIdent', pattern: /"(?:[^"\\\r\n]|\\.)*"?/ });
export const Backtick = createToken({ name: 'Backtick', pattern: /`[^`]*`?/, line_breaks: true });
export const Color = createToken({ name: 'Color', pattern: /#[0-9A-Za-z_]*/ });
export const NumberLit = createToken({ name: 'NumberLit', pattern: /\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![A-Za-z_])/ });
export const Identifier = createToken({
  name: 'Identifier',
  pattern: /[A-Za-z_0-9\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/,
});
export const LCurly = createToken({ name: 'LCurly', pattern: /\{/ });
export const RCurly = createToken({ name: 'RCurly', pattern: /\}/ });
export const LBracket = createToken({ name: 'LBracket', pattern: /\[/ });
export const RBracket = createToken({ name: 'RBracket', pattern: /\]/ });
export const LParen = createToken({ name: 'LParen', pattern: /\(/ });
export const RParen = createToken({ name: 'RParen', pattern: /\)/ });
export const Comma = createToken({ name: 'Comma', pattern: /,/ });
export const Colon = createToken({ name: 'Colon', pattern: /:/ });
export const Dot = createToken({ name: 'Dot', pattern: /\./ });
export const Tilde = createToken({ name: 'Tilde', pattern: /~/ });
export const RelOp = createToken({ name: 'RelOp', pattern: Lexer.NA });
export const NotEqual = createToken({ name: 'NotEqual', pattern: /<>/, categories: RelOp });
export const Lt = createToken({ name: 'Lt', pattern: /</, categories: RelOp });
export const Gt = createToken({ name: 'Gt', pattern: />/, categories: RelOp });
export const Minus = createToken({ name: 'Minus', pattern: /-/, categories: RelOp });
export const Plus = createToken({ name: 'Plus', pattern: /\+/ });

export const allTokens: TokenType[] = [
  WhiteSpace,
  NewLine,
  LineComment,
  BlockComment,
  TripleString,
  SingleString,
  QuotedIdent,
  Backtick,
  Color,
  NumberLit,
  Identifier,
  LCurly,
  RCurly,
  LBracket,
  RBracket,
  LParen,
  RParen,
  Comma,
  Colon,
  Dot,
  Tilde,
  RelOp,
  NotEqual,
  Lt,
  Gt,
  Minus,
  Plus,
];

let lexer: Lexer | undefined;

function getLexer(): Lexer {
  // positionTracking 'onlyOffset' is the fast mode: we compute lines ourselves.
  lexer ??= new Lexer(allTokens, { positionTracking: 'onlyOffset', ensureOptimizations: true, skipValidations: true });
  return lexer;
}

/** A chevrotain token plus: is there a line break between it and the previous token? */
export interface DbmlToken extends IToken {
  nl: boolean;
}

export interface LexResult {
  tokens: DbmlToken[];
  comments: IToken[];
  /** runs of characters no token matches: offset and length */
  unexpected: { offset: number; length: number }[];
}

/** Lexes `text`; offsets are relative to `text`. Never fails. */
export function lex(text: string): LexResult {
  const r = getLexer().tokenize(text);
  const tokens = r.tokens as DbmlToken[];
  // newline-before flags: look at the gap between consecutive tokens
  let prevEnd = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    let nl = false;
    for (let j = prevEnd; j < t.startOffset; j++) {
      const c = text.charCodeAt(j);
      if (c === 10 || c === 13) {
        nl = true;
        break;
      }
    }
    t.nl = nl || i === 0;
    prevEnd = t.startOffset + t.image.length;
  }
  return { tokens, comments: r.groups.comments ?? [], unexpected: r.errors.map((e) => ({ offset: e.offset, length: e.length })) };
}
