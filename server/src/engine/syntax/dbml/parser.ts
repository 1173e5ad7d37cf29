/**
 * The DBML parser: a chevrotain EmbeddedActionsParser with error recovery that
 * builds the generic tree of ast.ts directly in its actions (no CST).
 *
 * DBML is regular enough for one small grammar: a statement is atoms on one
 * line, then an optional `: value`, optional `[settings]`, and an optional
 * `{ body }` of statements. Which statement is a Table, a column or an index
 * is decided afterwards by the interpreter, which also validates. A small
 * grammar keeps chevrotain's start-up self-analysis cheap.
 *
 * Spans read as absolute offsets but are anchored to the block (AnchoredSpan):
 * every node gets its own span object, and moving a reused block is O(1).
 *
 * Recovery: closers (`}`, `]`, `)`) and the operand after `.`, `:`, `,`, `~`
 * or a relation operator are optional in the grammar and reported by the
 * parser itself when missing, and tokens that cannot start a statement are
 * reported and skipped. So a broken line costs that line only and the partial
 * tree is kept; chevrotain's own exceptions remain a rare fallback.
 * Never throws on any input.
 */
import { EmbeddedActionsParser, type DSLMethodOpts, type IOrAlt, type IToken, type IParserErrorMessageProvider, type OrMethodOpts, type TokenType } from 'chevrotain';
import {
  allTokens,
  Backtick,
  Color,
  Colon,
  Comma,
  Dot,
  Identifier,
  LBracket,
  LCurly,
  LParen,
  NumberLit,
  Plus,
  Minus,
  QuotedIdent,
  RBracket,
  RCurly,
  RelOp,
  RParen,
  SingleString,
  Tilde,
  TripleString,
  type DbmlToken,
} from './lexer.js';
import type { Body, Element, Expr, Ident, Line, QName, RelOp as RelOpT, SettingItem, SettingList } from './ast.js';
import { AnchoredSpan, type Anchor, type Span } from '../../text/span.js';
import { joinValue, makeStatement, tripleValue, unescapeString, unquote } from './tree.js';

export { unescapeString };

type Statement = Element | Line;

/** The operator and right operand of a relation. */
interface RelTail {
  op: IToken;
  right: Expr | undefined;
}

function tokenLabel(t: TokenType): string {
  switch (t.name) {
    case 'LCurly':
      return "'{'";
    case 'RCurly':
      return "'}'";
    case 'LBracket':
      return "'['";
    case 'RBracket':
      return "']'";
    case 'LParen':
      return "'('";
    case 'RParen':
      return "')'";
    case 'Comma':
      return "','";
    case 'Colon':
      return "':'";
    case 'Dot':
      return "'.'";
    case 'Identifier':
      return 'a name';
    case 'QuotedIdent':
      return 'a quoted name';
    case 'RelOp':
      return "a relationship operator ('<', '>', '-' or '<>')";
    default:
      return t.name;
  }
}

function found(t: IToken): string {
  return t.tokenType.name === 'EOF' ? 'end of input' : `'${t.image.length > 30 ? t.image.slice(0, 30) + '…' : t.image}'`;
}

const messages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual }) {
    return `Expected ${tokenLabel(expected)} but found ${found(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `Unexpected ${found(firstRedundant)}`;
  },
  buildNoViableAltMessage({ actual, ruleName }) {
    // chevrotain may hand an empty lookahead path (a lone `+` in a table body): the message must not throw,
    // or the whole block is lost instead of recovered
    const first = (actual as unknown as IToken[][]).find((path) => path?.length)?.[0];
    return `Unexpected ${first ? found(first) : 'token'}${ruleName === 'primary' ? ': expected a name, string, number or expression' : ''}`;
  },
  buildEarlyExitMessage({ actual, ruleName }) {
    return `Unexpected ${found(actual[0])}${ruleName === 'settingItem' ? ': expected a setting name' : ''}`;
  },
};

const REL_OPS = new Set(['<', '>', '-', '<>']);

export class DbmlParser extends EmbeddedActionsParser {
  /** the block being parsed: every span is relative to it, so moving the block moves its spans */
  anchor: Anchor = { start: 0, text: undefined, doc: undefined };

  constructor() {
    super(allTokens, { recoveryEnabled: true, maxLookahead: 3, errorMessageProvider: messages, skipValidations: true });
    this.performSelfAnalysis();
  }

  /** a span at absolute offsets, attached to the block's anchor */
  private mk(start: number, end: number): Span {
    const a = this.anchor.start;
    return new AnchoredSpan(this.anchor, start - a, end - a);
  }

  private sp(startTok: IToken, endTok: IToken): Span {
    const start = startTok.startOffset;
    const end = (endTok.endOffset ?? endTok.startOffset + endTok.image.length - 1) + 1;
    return new AnchoredSpan(this.anchor, start, Math.max(start, end));
  }

  private tspan(t: IToken): Span {
    return new AnchoredSpan(this.anchor, t.startOffset, t.startOffset + t.image.length);
  }

  /** Is the next token a run of `-`/`+` signs directly followed by a number? */
  private signedNumberAhead(): boolean {
    for (let k = 1; k < 64; k++) {
      const t = this.LA(k).tokenType;
      if (t === NumberLit) return k > 1;
      if (t !== Minus && t !== Plus) return false;
    }
    return false;
  }

  /** Is the next token glued to the previous one (no whitespace between)? */
  private adjacent(): boolean {
    const prev = this.LA(0);
    const next = this.LA(1);
    return next.tokenType.name !== 'EOF' && prev.startOffset + prev.image.length === next.startOffset;
  }

  /** `[]` or `[3]` glued to a type name: an array dimension, not a setting list. */
  private arrayDimAhead(): boolean {
    if (this.LA(1).tokenType !== LBracket || !this.adjacent()) return false;
    const t2 = this.LA(2).tokenType;
    return t2 === RBracket || (t2 === NumberLit && this.LA(3).tokenType === RBracket);
  }

  private sameLine(): boolean {
    const t = this.LA(1) as DbmlToken;
    return t.tokenType.name !== 'EOF' && !t.nl;
  }

  /**
   * Syntax errors the grammar reports itself (a missing closer, a stray token),
   * instead of throwing: a chevrotain exception that cannot resync below the
   * top rule would drop the whole block's tree. Cleared by `beginBlock()`.
   */
  syntaxErrors: { token: IToken; message: string }[] = [];
  /** Statements of the block parsed so far: kept even if the block rule gives up. */
  blockItems: Statement[] = [];

  /** Call before each `block()` run (after setting `input`). */
  /**
   * Parses from token `index` of the current input on (O(1): no copy of the
   * token array), through chevrotain's backtracking hook.
   */
  startAt(index: number): void {
    (this as unknown as { importLexerState(state: number): void }).importLexerState(index - 1);
  }

  beginBlock(): void {
    this.syntaxErrors = [];
    this.blockItems = [];
  }

  private report(token: IToken, message: string): void {
    this.syntaxErrors.push({ token, message });
  }

  /** Reports a missing closer at the current token. */
  private expected(what: string): void {
    const t = this.LA(1);
    this.report(t, `Expected ${what} but found ${found(t)}`);
  }

  /** The whole block: statements (top level normally holds one) and stray tokens, which are reported and skipped. */
  public block = this.RULE(
    'block',
    (): Statement[] => {
      this.MANY(() => {
        const s = this.OR(this.topAlts);
        if (s) this.blockItems.push(s);
      });
      return this.blockItems;
    },
    { recoveryValueFunc: () => this.blockItems },
  );

  private readonly topAlts: IOrAlt<Statement | undefined>[] = [
    { ALT: () => this.SUBRULE(this.statement) },
    { ALT: () => this.SUBRULE(this.stray) },
    {
      ALT: () => {
        const t = this.CONSUME(RCurly);
        this.ACTION(() => this.report(t, "Unexpected '}': no block is open here"));
        return undefined;
      },
    },
  ];

  /** A token that cannot start a statement; a lone `{ ... }` is skipped whole. Always undefined. */
  public stray = this.RULE('stray', (): undefined => {
    this.OR(this.strayAlts);
    return undefined;
  });

  private readonly strayAlts: IOrAlt<void>[] = [
    {
      ALT: () => {
        const t = this.LA(1);
        this.SUBRULE(this.body);
        this.ACTION(() => this.report(t, "Unexpected '{': a block needs a keyword and name before it"));
      },
    },
    ...[LBracket, RBracket, RParen, Comma, Colon, Dot].map((tok, i) => ({
      ALT: () => {
        const t = this.consumeStray(tok, i);
        this.ACTION(() => this.report(t, `Unexpected ${found(t)}`));
      },
    })),
  ];

  /** CONSUME with a distinct occurrence index per stray token kind (chevrotain needs them unique per rule). */
  private consumeStray(tok: TokenType, i: number): IToken {
    switch (i) {
      case 0:
        return this.CONSUME1(tok);
      case 1:
        return this.CONSUME2(tok);
      case 2:
        return this.CONSUME3(tok);
      case 3:
        return this.CONSUME4(tok);
      case 4:
        return this.CONSUME5(tok);
      default:
        return this.CONSUME6(tok);
    }
  }

  public statement = this.RULE('statement', (): Statement => {
    const first = this.LA(1);
    const parts: Expr[] = [this.SUBRULE(this.atom)];
    // more atoms on the same line (atoms hold no statements, so the scratch fields are safe)
    this.curParts = parts;
    this.curComma = false;
    this.MANY(this.moreAtomsMany);
    const commaSeparated = this.curComma;
    const colon = this.OPTION2(this.colonValueOpt);
    const settings = this.OPTION4(this.settingsOpt);
    const body = this.OPTION5(() => this.SUBRULE(this.body));
    return this.ACTION(() => this.makeStatement(first, parts, commaSeparated, colon?.colon, colon?.values, settings, body));
  });

  private curParts: Expr[] = [];
  private curComma = false;
  private curValues: Expr[] = [];

  private readonly moreAtomsMany: DSLMethodOpts<void> = {
    GATE: () => this.sameLine(),
    DEF: () => {
      if (this.OPTION(() => this.CONSUME(Comma))) this.curComma = true;
      this.curParts.push(this.SUBRULE2(this.atom));
    },
  };

  /** `: value` on the same line; the first value may follow on the next line */
  private readonly colonValueOpt: DSLMethodOpts<{ colon: IToken; values: Expr[] }> = {
    GATE: () => this.sameLine(),
    DEF: () => {
      const colon = this.CONSUME(Colon);
      const values: Expr[] = [];
      this.curValues = values;
      this.MANY2(this.valueMany);
      return { colon, values };
    },
  };

  private readonly valueMany: DSLMethodOpts<void> = {
    GATE: () => this.curValues.length === 0 || this.sameLine(),
    DEF: () => {
      this.OPTION3(() => this.CONSUME2(Comma));
      this.curValues.push(this.SUBRULE3(this.atom));
    },
  };

  private readonly settingsOpt: DSLMethodOpts<SettingList> = {
    GATE: () => this.sameLine(),
    DEF: () => this.SUBRULE(this.settingList),
  };

  public body = this.RULE('body', (): Body => {
    const open = this.CONSUME(LCurly);
    const items: Statement[] = [];
    this.MANY(() => {
      const first = this.LA(1) as DbmlToken;
      const s = this.OR(this.bodyAlts);
      if (s) {
        // statements are line-separated: `a2 [note: 'x'] e` is not two enum values
        if (items.length && !first.nl) this.ACTION(() => this.report(first, `Expected a line break before ${found(first)}`));
        items.push(s);
      }
    });
    const close = this.OPTION(() => this.CONSUME(RCurly));
    return this.ACTION(() => {
      if (!close) this.expected("'}'");
      const openSpan = this.tspan(open);
      const closeSpan = close ? this.tspan(close) : undefined;
      const last = items.length ? items[items.length - 1].span.end : openSpan.end;
      return { items, openSpan, closeSpan, span: this.mk(openSpan.start, closeSpan ? closeSpan.end : last) };
    });
  });

  private readonly bodyAlts: IOrAlt<Statement | undefined>[] = [{ ALT: () => this.SUBRULE(this.statement) }, { ALT: () => this.SUBRULE(this.stray) }];

  public settingList = this.RULE('settingList', (): SettingList => {
    const open = this.CONSUME(LBracket);
    const items: SettingItem[] = [];
    this.OPTION(() => {
      items.push(this.SUBRULE(this.settingItem));
      this.MANY(() => {
        this.CONSUME(Comma);
        const it = this.OPTION2(() => this.SUBRULE2(this.settingItem));
        if (it) items.push(it);
        else this.ACTION(() => this.expected(`a setting after ','`));
      });
    });
    const close = this.OPTION3(() => this.CONSUME(RBracket));
    return this.ACTION(() => {
      if (!close) this.expected("']'");
      const list = items.filter(Boolean);
      const end = close ? this.tspan(close).end : list.length ? list[list.length - 1].span.end : this.tspan(open).end;
      return { items: list, span: this.mk(this.tspan(open).start, end) };
    });
  });

  /**
   * `name`, `not null`, `name: value`. A multi-word name or value stays on one
   * line, so an unclosed `[pk` followed by the next column's line ends the list
   * there (and recovery closes it) instead of swallowing that column.
   */
  public settingItem = this.RULE('settingItem', (): SettingItem => {
    const words: IToken[] = [this.CONSUME(Identifier)];
    this.curWords = words;
    this.MANY(this.moreWordsMany);
    const value = this.OPTION(this.settingValueOpt);
    return this.ACTION(() => {
      const nameSpan = this.sp(words[0], words[words.length - 1]);
      const name = words.length === 1 ? words[0].image.toLowerCase() : words.map((w) => w.image.toLowerCase()).join(' ');
      const v = value && value.length ? this.joinValue(value.filter(Boolean)) : undefined;
      // a flag's span is its name's (spans of the tree are never mutated)
      return { name, nameSpan, value: v, span: v ? this.mk(nameSpan.start, v.span.end) : nameSpan };
    });
  });

  private curWords: IToken[] = [];
  private curSettingValues: Expr[] = [];

  private readonly moreWordsMany: DSLMethodOpts<void> = {
    GATE: () => this.sameLine(),
    DEF: () => {
      this.curWords.push(this.CONSUME2(Identifier));
    },
  };

  private readonly settingValueOpt: DSLMethodOpts<Expr[]> = {
    DEF: () => {
      this.CONSUME(Colon);
      const first = this.OPTION3(() => this.SUBRULE(this.atom));
      if (!first) {
        this.ACTION(() => this.expected(`a value after ':'`));
        return [];
      }
      const values: Expr[] = [first];
      this.curSettingValues = values;
      this.MANY2(this.moreSettingValuesMany);
      return values;
    },
  };

  private readonly moreSettingValuesMany: DSLMethodOpts<void> = {
    GATE: () => this.sameLine(),
    DEF: () => {
      this.curSettingValues.push(this.SUBRULE2(this.atom));
    },
  };

  // Alternatives and gates of the hot rules are built once per parser, not on every
  // invocation: chevrotain accepts cached alternative arrays, and it saves a few
  // closures per token.

  /** An operand, a relation `a.b > c.d`, a prefix relation `> c.d`, or a signed number. */
  public atom = this.RULE('atom', (): Expr => this.OR(this.atomAlts));

  private readonly atomAlts: OrMethodOpts<Expr> = {
    IGNORE_AMBIGUITIES: true,
    DEF: [
      {
        GATE: () => this.signedNumberAhead(),
        ALT: () => {
          const ops: IToken[] = [];
          this.AT_LEAST_ONE(() => {
            ops.push(this.OR2(this.signAlts));
          });
          const n = this.CONSUME(NumberLit);
          return this.ACTION((): Expr => {
            // `--+1` nests: unary('-', unary('-', unary('+', 1)))
            let e: Expr = { kind: 'number', text: n.image, span: this.tspan(n) };
            for (let k = ops.length - 1; k >= 0; k--) {
              e = { kind: 'unary', op: ops[k].image, operand: e, span: this.mk(this.tspan(ops[k]).start, e.span.end) };
            }
            return e;
          });
        },
      },
      {
        ALT: () => {
          const op = this.CONSUME(RelOp);
          const operand = this.OPTION3(() => this.SUBRULE(this.primary));
          return this.ACTION((): Expr => {
            const end = this.tspan(op).end;
            if (!operand) this.expected(`a column after '${op.image}'`);
            const right = operand ?? ({ kind: 'error', text: '', span: this.mk(end, end) } as Expr);
            return { kind: 'relation', op: op.image as RelOpT, opSpan: this.tspan(op), right, span: this.mk(this.tspan(op).start, right.span.end) };
          });
        },
      },
      {
        ALT: () => {
          const left = this.SUBRULE2(this.primary);
          const tail = this.OPTION(this.relTailOpt);
          return this.ACTION((): Expr => {
            if (!tail || !tail.op || !left) return left;
            const op = tail.op;
            const r = tail.right ?? ({ kind: 'error', text: '', span: this.mk(this.tspan(op).end, this.tspan(op).end) } as Expr);
            return {
              kind: 'relation',
              op: op.image as RelOpT,
              opSpan: this.tspan(op),
              left,
              right: r,
              span: this.mk(left.span.start, r.span.end),
            };
          });
        },
      },
    ],
  };

  private readonly signAlts: IOrAlt<IToken>[] = [{ ALT: () => this.CONSUME(Minus) }, { ALT: () => this.CONSUME(Plus) }];

  private readonly relTailOpt: DSLMethodOpts<RelTail> = {
    GATE: () => this.sameLine() && REL_OPS.has(this.LA(1).image),
    DEF: () => this.SUBRULE(this.relTail),
  };

  /** `> c.d` after a left operand on the same line */
  public relTail = this.RULE('relTail', (): RelTail => {
    const op = this.CONSUME2(RelOp);
    const right = this.OPTION(() => this.SUBRULE3(this.primary));
    if (!right) this.ACTION(() => this.expected(`a column after '${op.image}'`));
    return { op, right };
  });

  public primary = this.RULE('primary', (): Expr => this.OR(this.primaryAlts));

  private readonly primaryAlts: IOrAlt<Expr>[] = [
    { ALT: () => this.SUBRULE(this.nameOrCall) },
    {
      ALT: () => {
        const t = this.CONSUME(SingleString);
        return this.ACTION((): Expr => ({ kind: 'string', value: unescapeString(unquote(t.image, "'")), multiline: false, span: this.tspan(t) }));
      },
    },
    {
      ALT: () => {
        const t = this.CONSUME(TripleString);
        return this.ACTION((): Expr => ({ kind: 'string', value: tripleValue(t.image), multiline: true, span: this.tspan(t) }));
      },
    },
    {
      ALT: () => {
        const t = this.CONSUME(NumberLit);
        return this.ACTION((): Expr => ({ kind: 'number', text: t.image, span: this.tspan(t) }));
      },
    },
    {
      ALT: () => {
        const t = this.CONSUME(Color);
        return this.ACTION((): Expr => ({ kind: 'color', text: t.image, span: this.tspan(t) }));
      },
    },
    {
      ALT: () => {
        const t = this.CONSUME(Backtick);
        return this.ACTION((): Expr => ({ kind: 'expression', value: unquote(t.image, '`'), span: this.tspan(t) }));
      },
    },
    {
      ALT: () => {
        const t = this.CONSUME(Tilde);
        const n = this.OPTION4(() => this.SUBRULE(this.name));
        return this.ACTION((): Expr => {
          if (!n) {
            this.expected(`a TablePartial name after '~'`);
            return { kind: 'error', text: '~', span: this.tspan(t) };
          }
          return { kind: 'partial', name: n, span: this.mk(this.tspan(t).start, n.span.end) };
        });
      },
    },
    { ALT: () => this.SUBRULE(this.tuple) },
  ];

  public tuple = this.RULE('tuple', (): Expr => {
    const open = this.CONSUME(LParen);
    const items: Expr[] = [];
    this.OPTION(() => {
      items.push(this.SUBRULE(this.atom));
      this.MANY(() => {
        this.CONSUME(Comma);
        const it = this.OPTION3(() => this.SUBRULE2(this.atom));
        if (it) items.push(it);
        else this.ACTION(() => this.expected(`a value after ','`));
      });
    });
    const close = this.OPTION2(() => this.CONSUME(RParen));
    return this.ACTION((): Expr => {
      if (!close) this.expected("')'");
      const list = items.filter(Boolean);
      const end = close ? this.tspan(close).end : list.length ? list[list.length - 1].span.end : this.tspan(open).end;
      return { kind: 'tuple', items: list, span: this.mk(this.tspan(open).start, end) };
    });
  });

  /** `a`, `a.b.c`, `a.(x, y)`, `varchar(255)`, `int[]`, `int[3][3]` */
  public nameOrCall = this.RULE('nameOrCall', (): Expr => {
    const parts: Ident[] = [];
    let tuple: Expr | undefined;
    parts.push(this.SUBRULE(this.name));
    this.MANY(() => {
      this.CONSUME(Dot);
      const x = this.OPTION3(() => this.OR(this.dotAlts));
      if (!x) this.ACTION(() => this.expected(`a name after '.'`));
      else if ('kind' in x) tuple = x;
      else parts.push(x);
    });
    const args = this.OPTION(this.callArgsOpt);
    this.dims = undefined;
    this.MANY2(this.arrayDimMany);
    const dims = this.dims as string[] | undefined;
    const arr = this.lastDimClose;
    return this.ACTION((): Expr => {
      const ps = parts.every(Boolean) ? parts : parts.filter(Boolean);
      // the common case, a plain name: the name, its qualified name and the expression share one span
      // (nothing mutates these spans; a third of the tree's objects were copies of them)
      if (ps.length === 1 && !tuple && !args && !dims) {
        const sp = ps[0].span;
        return { kind: 'qname', name: { parts: ps, span: sp }, span: sp };
      }
      const first = ps[0]?.span.start ?? 0;
      const lastPart = ps.length ? ps[ps.length - 1].span.end : first;
      const nameEnd = tuple ? tuple.span.end : lastPart;
      const qn: QName = { parts: ps, span: this.mk(first, nameEnd) };
      if (tuple && tuple.kind === 'tuple') {
        qn.tuple = tuple.items.flatMap((e) => (e.kind === 'qname' && e.name.parts.length === 1 ? [e.name.parts[0]] : []));
      }
      if (args || dims) {
        const argList = args && args.kind === 'tuple' ? args.items : [];
        const end = dims && arr ? this.tspan(arr).end : args!.span.end;
        const call: Expr = { kind: 'call', callee: qn, args: argList, isArray: !!dims, span: this.mk(first, end) };
        if (dims) call.dims = dims;
        return call;
      }
      return { kind: 'qname', name: qn, span: this.mk(first, nameEnd) };
    });
  });

  private readonly dotAlts: IOrAlt<Ident | Expr>[] = [{ ALT: () => this.SUBRULE2(this.name) }, { ALT: () => this.SUBRULE(this.tuple) }];

  /** call arguments `(...)` on the same line, unless the name already ended in a `.(a, b)` column list */
  private readonly callArgsOpt: DSLMethodOpts<Expr> = {
    GATE: () => this.sameLine() && this.LA(0).tokenType !== RParen,
    DEF: () => this.SUBRULE2(this.tuple),
  };

  /** array dimensions of the name being parsed (set by `arrayDimMany`, which calls no sub-rule) */
  private dims: string[] | undefined;
  private lastDimClose: IToken | undefined;

  private readonly arrayDimMany: DSLMethodOpts<void> = {
    GATE: () => this.arrayDimAhead(),
    DEF: () => {
      this.CONSUME(LBracket);
      const size = this.OPTION2(() => this.CONSUME(NumberLit));
      this.lastDimClose = this.CONSUME(RBracket);
      (this.dims ??= []).push(size && size.image ? size.image : '');
    },
  };

  public name = this.RULE('name', (): Ident => this.OR(this.nameAlts));

  private readonly nameAlts: IOrAlt<Ident>[] = [
    {
      ALT: () => {
        const t = this.CONSUME(Identifier);
        return this.ACTION((): Ident => ({ text: t.image, span: this.tspan(t), quoted: false }));
      },
    },
    {
      ALT: () => {
        const t = this.CONSUME(QuotedIdent);
        return this.ACTION((): Ident => ({ text: unescapeString(unquote(t.image, '"')), span: this.tspan(t), quoted: true }));
      },
    },
  ];

  private joinValue(values: Expr[]): Expr {
    return joinValue(this.anchor, values);
  }

  private makeStatement(
    first: IToken,
    parts: Expr[],
    commaSeparated: boolean,
    colonTok: IToken | undefined,
    value: Expr[] | undefined,
    settings: SettingList | undefined,
    body: Body | undefined,
  ): Statement {
    const a = this.anchor.start;
    // an EOF token has no offset (NaN), as before: the statement then has no parts either
    const colonEnd = colonTok ? a + colonTok.startOffset + colonTok.image.length : undefined;
    return makeStatement(this.anchor, a + first.startOffset, parts, commaSeparated, colonEnd, value, settings, body);
  }
}

let parser: DbmlParser | undefined;

/** The shared parser instance (chevrotain parsers are reusable; building one costs the self-analysis). */
export function getParser(): DbmlParser {
  parser ??= new DbmlParser();
  return parser;
}

export type { Statement };
export { Identifier, QuotedIdent, LCurly, RCurly, LBracket, RBracket, Comma, Colon };
