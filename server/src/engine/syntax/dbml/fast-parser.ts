/**
 * The DBML fast parser: a hand-written recursive descent over the same tokens
 * and the same grammar as the chevrotain parser (parser.ts), for blocks
 * without syntax errors. parse.ts tries the direct parser (direct-parser.ts,
 * the same decisions over characters) first; this one takes the blocks the
 * direct parser leaves to the lexer (a stray character, an unterminated
 * string, a number glued to a name) but that parse cleanly.
 *
 * It takes the decisions the chevrotain parser takes on valid input (the same
 * gates: same line, glued `[]`, signed numbers; the same one-token lookahead)
 * and builds the same tree through the same builders (tree.ts). At the first
 * thing chevrotain would report or recover from (a missing closer, a stray
 * token, a missing operand, two statements on one line) it gives up and
 * returns undefined: the caller then parses the block with the chevrotain
 * parser, which owns every syntax diagnostic and all error recovery. So the
 * fast path never changes what is reported; it only skips chevrotain's
 * per-rule bookkeeping where nothing goes wrong. Never throws.
 */
import type { IToken, TokenType } from 'chevrotain';
import {
  Backtick,
  Color,
  Colon,
  Comma,
  Dot,
  Gt,
  Identifier,
  LBracket,
  LCurly,
  LParen,
  Lt,
  Minus,
  NotEqual,
  NumberLit,
  Plus,
  QuotedIdent,
  RBracket,
  RCurly,
  RParen,
  SingleString,
  Tilde,
  TripleString,
  type DbmlToken,
} from './lexer.js';
import type { Body, Element, Expr, Ident, Line, QName, RelOp, SettingItem, SettingList } from './ast.js';
import { type Anchor } from '../../text/span.js';
import { joinValue, makeStatement, mkSpan, tokenSpan, tokensSpan, tripleValue, unescapeString, unquote } from './tree.js';

type Statement = Element | Line;

/** Thrown (and caught in `fastParse`) where the chevrotain parser would report a syntax error. */
const BAIL = { bail: true } as const;

function isRelOp(t: TokenType): boolean {
  return t === Lt || t === Gt || t === NotEqual || t === Minus;
}

/** Can `t` start a `primary` (a name, string, number, color, backtick expression, `~partial`, tuple)? */
function isPrimaryStart(t: TokenType): boolean {
  return (
    t === Identifier ||
    t === QuotedIdent ||
    t === SingleString ||
    t === TripleString ||
    t === NumberLit ||
    t === Color ||
    t === Backtick ||
    t === Tilde ||
    t === LParen
  );
}

/** Can `t` start an `atom` (a primary, a relation operator, a sign)? */
function isAtomStart(t: TokenType): boolean {
  return isPrimaryStart(t) || isRelOp(t) || t === Plus;
}

class FastParser {
  private pos = 0;

  constructor(
    private readonly tokens: DbmlToken[],
    private readonly anchor: Anchor,
  ) {}

  /** The token `k` ahead (1 = next), undefined past the end (chevrotain's EOF). */
  private la(k: number): DbmlToken | undefined {
    return this.tokens[this.pos + k - 1];
  }

  private type(k: number): TokenType | undefined {
    return this.tokens[this.pos + k - 1]?.tokenType;
  }

  private next(): DbmlToken {
    return this.tokens[this.pos++];
  }

  private expect(t: TokenType): DbmlToken {
    const tok = this.tokens[this.pos];
    if (tok === undefined || tok.tokenType !== t) throw BAIL;
    this.pos++;
    return tok;
  }

  /** Is the next token on the same line as the previous one (and not the end)? */
  private sameLine(): boolean {
    const t = this.tokens[this.pos];
    return t !== undefined && !t.nl;
  }

  private signedNumberAhead(): boolean {
    for (let k = 1; k < 64; k++) {
      const t = this.type(k);
      if (t === NumberLit) return k > 1;
      if (t !== Minus && t !== Plus) return false;
    }
    return false;
  }

  /** `[]` or `[3]` glued to the previous token: an array dimension. */
  private arrayDimAhead(): boolean {
    const next = this.tokens[this.pos];
    if (next === undefined || next.tokenType !== LBracket) return false;
    const prev = this.tokens[this.pos - 1];
    if (prev === undefined || prev.startOffset + prev.image.length !== next.startOffset) return false;
    const t2 = this.type(2);
    return t2 === RBracket || (t2 === NumberLit && this.type(3) === RBracket);
  }

  block(): Statement[] {
    const items: Statement[] = [];
    while (this.pos < this.tokens.length) {
      if (!isAtomStart(this.tokens[this.pos].tokenType)) throw BAIL;
      items.push(this.statement());
    }
    return items;
  }

  private statement(): Statement {
    const first = this.tokens[this.pos];
    const parts: Expr[] = [this.atom()];
    let commaSeparated = false;
    while (this.sameLine()) {
      const t = this.tokens[this.pos].tokenType;
      if (t === Comma) {
        this.pos++;
        commaSeparated = true;
      } else if (!isAtomStart(t)) break;
      parts.push(this.atom());
    }
    let colon: IToken | undefined;
    let values: Expr[] | undefined;
    if (this.sameLine() && this.tokens[this.pos].tokenType === Colon) {
      colon = this.next();
      values = [];
      // the first value may follow on the next line
      while (values.length === 0 || this.sameLine()) {
        const t = this.type(1);
        if (t === undefined) break;
        if (t === Comma) this.pos++;
        else if (!isAtomStart(t)) break;
        values.push(this.atom());
      }
    }
    const settings = this.sameLine() && this.tokens[this.pos].tokenType === LBracket ? this.settingList() : undefined;
    const body = this.type(1) === LCurly ? this.body() : undefined;
    const a = this.anchor.start;
    const colonEnd = colon ? a + colon.startOffset + colon.image.length : undefined;
    return makeStatement(this.anchor, a + first.startOffset, parts, commaSeparated, colonEnd, values, settings, body);
  }

  private body(): Body {
    const open = this.next();
    const items: Statement[] = [];
    for (;;) {
      const first = this.tokens[this.pos];
      if (first === undefined || first.tokenType === RCurly) break;
      // a stray token, or two statements on one line: the chevrotain parser reports them
      if (!isAtomStart(first.tokenType) || (items.length && !first.nl)) throw BAIL;
      items.push(this.statement());
    }
    const close = this.expect(RCurly);
    const openSpan = tokenSpan(this.anchor, open);
    const closeSpan = tokenSpan(this.anchor, close);
    return { items, openSpan, closeSpan, span: mkSpan(this.anchor, openSpan.start, closeSpan.end) };
  }

  private settingList(): SettingList {
    const open = this.next();
    const items: SettingItem[] = [];
    if (this.type(1) === Identifier) {
      items.push(this.settingItem());
      while (this.type(1) === Comma) {
        this.pos++;
        if (this.type(1) !== Identifier) throw BAIL;
        items.push(this.settingItem());
      }
    }
    const close = this.expect(RBracket);
    return { items, span: tokensSpan(this.anchor, open, close) };
  }

  private settingItem(): SettingItem {
    const words: IToken[] = [this.next()];
    while (this.sameLine() && this.tokens[this.pos].tokenType === Identifier) words.push(this.next());
    let value: Expr[] | undefined;
    if (this.type(1) === Colon) {
      this.pos++;
      const t = this.type(1);
      if (t === undefined || !isAtomStart(t)) throw BAIL;
      value = [this.atom()];
      while (this.sameLine() && isAtomStart(this.tokens[this.pos].tokenType)) value.push(this.atom());
    }
    const a = this.anchor;
    const last = words[words.length - 1];
    const nameSpan = mkSpan(a, a.start + words[0].startOffset, a.start + Math.max(words[0].startOffset, last.startOffset + last.image.length));
    let name: string;
    if (words.length === 1) name = words[0].image.toLowerCase();
    else {
      name = words[0].image.toLowerCase();
      for (let i = 1; i < words.length; i++) name += ' ' + words[i].image.toLowerCase();
    }
    const v = value ? joinValue(a, value) : undefined;
    // a flag's span is its name's, as in parser.ts
    return { name, nameSpan, value: v, span: v ? mkSpan(a, nameSpan.start, v.span.end) : nameSpan };
  }

  private atom(): Expr {
    const a = this.anchor;
    const t = this.type(1);
    if ((t === Minus || t === Plus) && this.signedNumberAhead()) {
      const ops: IToken[] = [];
      while (this.type(1) === Minus || this.type(1) === Plus) ops.push(this.next());
      const n = this.next();
      let e: Expr = { kind: 'number', text: n.image, span: tokenSpan(a, n) };
      for (let k = ops.length - 1; k >= 0; k--) {
        e = { kind: 'unary', op: ops[k].image, operand: e, span: mkSpan(a, a.start + ops[k].startOffset, e.span.end) };
      }
      return e;
    }
    if (t !== undefined && isRelOp(t)) {
      // a prefix relation: `ref: > users.id`
      const op = this.next();
      const right = this.primary();
      return { kind: 'relation', op: op.image as RelOp, opSpan: tokenSpan(a, op), right, span: mkSpan(a, a.start + op.startOffset, right.span.end) };
    }
    const left = this.primary();
    const n = this.tokens[this.pos];
    if (n !== undefined && !n.nl && isRelOp(n.tokenType)) {
      const op = this.next();
      const right = this.primary();
      return { kind: 'relation', op: op.image as RelOp, opSpan: tokenSpan(a, op), left, right, span: mkSpan(a, left.span.start, right.span.end) };
    }
    return left;
  }

  private primary(): Expr {
    const a = this.anchor;
    const t = this.tokens[this.pos];
    if (t === undefined) throw BAIL;
    switch (t.tokenType) {
      case Identifier:
      case QuotedIdent:
        return this.nameOrCall();
      case SingleString:
        this.pos++;
        return { kind: 'string', value: unescapeString(unquote(t.image, "'")), multiline: false, span: tokenSpan(a, t) };
      case TripleString:
        this.pos++;
        return { kind: 'string', value: tripleValue(t.image), multiline: true, span: tokenSpan(a, t) };
      case NumberLit:
        this.pos++;
        return { kind: 'number', text: t.image, span: tokenSpan(a, t) };
      case Color:
        this.pos++;
        return { kind: 'color', text: t.image, span: tokenSpan(a, t) };
      case Backtick:
        this.pos++;
        return { kind: 'expression', value: unquote(t.image, '`'), span: tokenSpan(a, t) };
      case Tilde: {
        this.pos++;
        const nt = this.type(1);
        if (nt !== Identifier && nt !== QuotedIdent) throw BAIL;
        const n = this.name();
        return { kind: 'partial', name: n, span: mkSpan(a, a.start + t.startOffset, n.span.end) };
      }
      case LParen:
        return this.tuple();
      default:
        throw BAIL;
    }
  }

  private tuple(): Expr {
    const open = this.next();
    const items: Expr[] = [];
    const t = this.type(1);
    if (t !== undefined && isAtomStart(t)) {
      items.push(this.atom());
      while (this.type(1) === Comma) {
        this.pos++;
        const u = this.type(1);
        if (u === undefined || !isAtomStart(u)) throw BAIL;
        items.push(this.atom());
      }
    }
    const close = this.expect(RParen);
    return { kind: 'tuple', items, span: tokensSpan(this.anchor, open, close) };
  }

  /** `a`, `a.b.c`, `a.(x, y)`, `varchar(255)`, `int[]`, `int[3][3]` */
  private nameOrCall(): Expr {
    const a = this.anchor;
    const parts: Ident[] = [this.name()];
    let tuple: Expr | undefined;
    while (this.type(1) === Dot) {
      this.pos++;
      const t = this.type(1);
      if (t === Identifier || t === QuotedIdent) parts.push(this.name());
      else if (t === LParen) tuple = this.tuple();
      else throw BAIL;
    }
    let args: Expr | undefined;
    if (this.sameLine() && this.tokens[this.pos - 1].tokenType !== RParen && this.tokens[this.pos].tokenType === LParen) args = this.tuple();
    let dims: string[] | undefined;
    let arr: IToken | undefined;
    while (this.arrayDimAhead()) {
      this.pos++;
      const size = this.type(1) === NumberLit ? this.next() : undefined;
      arr = this.next();
      (dims ??= []).push(size && size.image ? size.image : '');
    }
    if (parts.length === 1 && !tuple && !args && !dims) {
      const sp = parts[0].span;
      return { kind: 'qname', name: { parts, span: sp }, span: sp };
    }
    const first = parts[0].span.start;
    const nameEnd = tuple ? tuple.span.end : parts[parts.length - 1].span.end;
    const qn: QName = { parts, span: mkSpan(a, first, nameEnd) };
    if (tuple && tuple.kind === 'tuple') {
      qn.tuple = tuple.items.flatMap((e) => (e.kind === 'qname' && e.name.parts.length === 1 ? [e.name.parts[0]] : []));
    }
    if (args || dims) {
      const argList = args && args.kind === 'tuple' ? args.items : [];
      const end = dims && arr ? tokenSpan(a, arr).end : args!.span.end;
      const call: Expr = { kind: 'call', callee: qn, args: argList, isArray: !!dims, span: mkSpan(a, first, end) };
      if (dims) call.dims = dims;
      return call;
    }
    return { kind: 'qname', name: qn, span: mkSpan(a, first, nameEnd) };
  }

  private name(): Ident {
    const t = this.next();
    if (t.tokenType === Identifier) return { text: t.image, span: tokenSpan(this.anchor, t), quoted: false };
    return { text: unescapeString(unquote(t.image, '"')), span: tokenSpan(this.anchor, t), quoted: true };
  }
}

/**
 * The statements of a block's tokens when the block has no syntax error, else
 * undefined (parse it with the chevrotain parser). Spans attach to `anchor`.
 */
export function fastParse(tokens: DbmlToken[], anchor: Anchor): Statement[] | undefined {
  try {
    return new FastParser(tokens, anchor).block();
  } catch (e) {
    if (e === BAIL) return undefined;
    // a bug in the fast path must not cost the block: the chevrotain parser takes over
    return undefined;
  }
}
