/**
 * Prisma schema tokens (chevrotain Lexer). Whitespace and line breaks are
 * skipped, but `lex` records for every token whether a line break precedes
 * it (`nl`, a Uint8Array beside the tokens): Prisma is line-oriented inside
 * blocks (one field, value or property a line). `//`, `///` and block
 * comments go to their own group; the driver turns `///` lines into
 * documentation. Lexing never fails: characters no token matches are
 * skipped by chevrotain's lexer recovery and reported by the driver.
 * Used for the blocks fast-block.ts declines (it scans characters itself).
 */
import { createToken, Lexer, type IToken, type TokenType } from 'chevrotain';

/** Spaces and line breaks in one skipped token (one match per indentation, not two). */
export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n\f\v\u00a0\ufeff]+/, group: Lexer.SKIPPED, line_breaks: true });
export const Comment = createToken({ name: 'Comment', pattern: /\/\/[^\r\n]*/, group: 'comments' });
export const BlockComment = createToken({ name: 'BlockComment', pattern: /\/\*(?:[^*]|\*(?!\/))*(?:\*\/)?/, group: 'comments', line_breaks: true });
export const StringLit = createToken({ name: 'StringLit', pattern: /"(?:[^"\\\r\n]|\\.)*"?/ });
export const NumberLit = createToken({ name: 'NumberLit', pattern: /-?\d+(?:\.\d+)?(?![A-Za-z_])/ });
/** A name, or a dotted path of names without spaces (`db.VarChar`, `a.b.c`): one token, split by the parser. */
export const Identifier = createToken({
  name: 'Identifier',
  pattern: /[A-Za-z0-9_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff-]*(?:\.[A-Za-z0-9_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff-]*)*/,
});
/** `@@index`, `@id`, `@db.VarChar`: the sigil and the (dotted) name are one token, as Prisma allows no space between them. */
export const BlockAttrName = createToken({ name: 'BlockAttrName', pattern: /@@[A-Za-z0-9_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff-]*(?:\.[A-Za-z0-9_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff-]*)*/ });
export const AttrName = createToken({ name: 'AttrName', pattern: /@[A-Za-z0-9_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff-]*(?:\.[A-Za-z0-9_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff-]*)*/ });
/** A sigil followed by a space, then the name (`@ id`, which Prisma accepts). */
export const AtAt = createToken({ name: 'AtAt', pattern: /@@/ });
export const At = createToken({ name: 'At', pattern: /@/ });
export const LCurly = createToken({ name: 'LCurly', pattern: /\{/ });
export const RCurly = createToken({ name: 'RCurly', pattern: /\}/ });
export const LBracket = createToken({ name: 'LBracket', pattern: /\[/ });
export const RBracket = createToken({ name: 'RBracket', pattern: /\]/ });
export const LParen = createToken({ name: 'LParen', pattern: /\(/ });
export const RParen = createToken({ name: 'RParen', pattern: /\)/ });
export const Comma = createToken({ name: 'Comma', pattern: /,/ });
export const Colon = createToken({ name: 'Colon', pattern: /:/ });
export const Dot = createToken({ name: 'Dot', pattern: /\./ });
export const Equals = createToken({ name: 'Equals', pattern: /=/ });
export const Question = createToken({ name: 'Question', pattern: /\?/ });
export const Bang = createToken({ name: 'Bang', pattern: /!/ });

export const allTokens: TokenType[] = [
  WhiteSpace,
  Comment,
  BlockComment,
  StringLit,
  NumberLit,
  Identifier,
  BlockAttrName,
  AttrName,
  AtAt,
  At,
  LCurly,
  RCurly,
  LBracket,
  RBracket,
  LParen,
  RParen,
  Comma,
  Colon,
  Dot,
  Equals,
  Question,
  Bang,
];

let lexer: Lexer | undefined;

function getLexer(): Lexer {
  // 'onlyOffset' is chevrotain's fast mode: lines are computed by a LineIndex when needed
  lexer ??= new Lexer(allTokens, { positionTracking: 'onlyOffset', ensureOptimizations: true, skipValidations: true });
  return lexer;
}

export interface LexResult {
  tokens: IToken[];
  /** `nl[i]` is 1 when a line break precedes token i (or it is the first): kept apart so chevrotain's token objects keep their shape */
  nl: Uint8Array;
  comments: IToken[];
  /** runs of characters no token matches: offset and length */
  unexpected: { offset: number; length: number }[];
}

/** Lexes `text`; offsets are relative to `text`. Never fails. */
export function lex(text: string): LexResult {
  const r = getLexer().tokenize(text);
  const tokens = r.tokens;
  const nl = new Uint8Array(tokens.length);
  let prevEnd = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    let brk = i === 0;
    for (let j = prevEnd; j < t.startOffset && !brk; j++) {
      const c = text.charCodeAt(j);
      if (c === 10 || c === 13) brk = true;
    }
    if (brk) nl[i] = 1;
    prevEnd = t.startOffset + t.image.length;
  }
  return { tokens, nl, comments: r.groups.comments ?? [], unexpected: r.errors.map((e) => ({ offset: e.offset, length: e.length })) };
}
