/**
 * The Prisma member parser: a chevrotain EmbeddedActionsParser (recovery on)
 * that builds the compact tree of ast.ts in its actions (no CST). It is fed
 * one line of a block body at a time by parse.ts (a field, an enum value, a
 * `@@attribute` or a `key = value`; as in Prisma, a member never spans
 * lines), so a broken line costs that line only. It never decides what a
 * member means in its block; the validator does. Never throws: the driver
 * catches and reports chevrotain's exceptions. One shared instance
 * (`getParser()`): building one costs chevrotain's self-analysis.
 * Only the blocks fast-block.ts declines come here (blocks with syntax
 * errors and rare constructs); it stays the reference for the grammar.
 */
import { EmbeddedActionsParser, type DSLMethodOpts, type IOrAlt, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';
import { allTokens, At, AtAt, AttrName, Bang, BlockAttrName, Colon, Comma, Equals, Identifier, LBracket, LParen, NumberLit, Question, RBracket, RParen, StringLit } from './lexer.js';
import type { PArg, PArgs, PAttribute, PExpr, PField, PFieldType, PIdent, PPath, PProperty } from './ast.js';
import type { Span } from '../../text/span.js';

/** What one body line is, before the block kind says what it means. */
export type Member = { kind: 'field'; field: PField } | { kind: 'attribute'; attribute: PAttribute } | { kind: 'property'; property: PProperty };

function label(t: TokenType): string {
  switch (t.name) {
    case 'Identifier':
      return 'a name';
    case 'StringLit':
      return 'a string';
    case 'NumberLit':
      return 'a number';
    case 'RParen':
      return "')'";
    case 'RBracket':
      return "']'";
    case 'Colon':
      return "':'";
    default:
      return t.name;
  }
}

export function foundText(t: IToken): string {
  return t.tokenType.name === 'EOF' ? 'end of line' : `'${t.image.length > 30 ? t.image.slice(0, 30) + '…' : t.image}'`;
}

const messages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual }) {
    return `Expected ${label(expected)} but found ${foundText(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `Unexpected ${foundText(firstRedundant)}`;
  },
  buildNoViableAltMessage({ actual, ruleName }) {
    const t = (actual[0] as unknown as IToken[])[0];
    if (ruleName === 'member') return `This line is not a valid definition: unexpected ${foundText(t)}`;
    return `Expected a value (string, number, name, function call or list) but found ${foundText(t)}`;
  },
  buildEarlyExitMessage({ actual }) {
    return `Unexpected ${foundText(actual[0])}`;
  },
};

/** Decodes a Prisma string literal's escapes (the quotes already removed). */
export function unescapePrisma(s: string): string {
  if (!s.includes('\\')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[++i];
    if (n === 'n') out += '\n';
    else if (n === 't') out += '\t';
    else if (n === 'r') out += '\r';
    else if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(i + 1, i + 5))) {
      out += String.fromCharCode(parseInt(s.slice(i + 1, i + 5), 16));
      i += 4;
    } else out += n;
  }
  return out;
}

export class PrismaParser extends EmbeddedActionsParser {
  /** absolute offset of the block being parsed */
  base = 0;

  constructor() {
    super(allTokens, { recoveryEnabled: true, maxLookahead: 2, errorMessageProvider: messages, skipValidations: true });
    this.performSelfAnalysis();
  }

  private tspan(t: IToken): Span {
    return { start: t.startOffset + this.base, end: t.startOffset + this.base + t.image.length };
  }

  private ident(t: IToken): PIdent {
    return { text: t.image, span: this.tspan(t) };
  }

  /** End offset of the last consumed token (absolute). */
  private lastEnd(): number {
    const t = this.LA(0);
    return t.startOffset + this.base + t.image.length;
  }

  /** True while chevrotain records the grammar (tokens are fake then: build nothing). */
  private get rec(): boolean {
    return (this as unknown as { RECORDING_PHASE: boolean }).RECORDING_PHASE;
  }

  /**
   * Scratch stacks for lists being built by nested rules. The DSL callbacks
   * below are allocated once (class fields), not per call: closures per token
   * were the parser's main garbage. Reset per line by `beginLine()`.
   */
  private argStack: PArg[][] = [];
  private arrStack: PExpr[][] = [];
  private attrSink: PAttribute[] = [];

  beginLine(): void {
    this.argStack.length = 0;
    this.arrStack.length = 0;
  }

  public member = this.RULE('member', (): Member | undefined => this.OR(this.memberAlts), { recoveryValueFunc: () => undefined });

  private readonly memberAlts: IOrAlt<Member | undefined>[] = [
    { ALT: () => ({ kind: 'attribute', attribute: this.SUBRULE(this.blockAttribute) }) },
    { GATE: () => this.LA(2).tokenType === Equals, ALT: () => ({ kind: 'property', property: this.SUBRULE(this.property) }) },
    { ALT: () => ({ kind: 'field', field: this.SUBRULE(this.field) }) },
  ];

  private readonly exprOpt = (): PExpr => this.SUBRULE(this.expr);
  private readonly argListOpt = (): PArgs => this.SUBRULE(this.argList);
  private readonly colonOpt = (): IToken => this.CONSUME(Colon);
  private readonly typeOpt = (): PFieldType => this.SUBRULE(this.fieldType);
  private readonly attrMany = (): void => {
    this.attrSink.push(this.SUBRULE(this.attribute));
  };
  private readonly listOpt = (): IToken => {
    this.CONSUME(LBracket);
    return this.CONSUME(RBracket);
  };
  private readonly questionOpt = (): IToken => this.CONSUME(Question);
  private readonly bangOpt = (): IToken => this.CONSUME(Bang);

  public property = this.RULE('property', (): PProperty => {
    const k = this.CONSUME(Identifier);
    this.CONSUME(Equals);
    const value = this.OPTION(this.exprOpt);
    if (this.rec) return undefined as unknown as PProperty;
    return { key: this.ident(k), value, span: { start: k.startOffset + this.base, end: this.lastEnd() } };
  });

  public field = this.RULE('field', (): PField => {
    const n = this.CONSUME(Identifier);
    const colon = this.OPTION(this.colonOpt);
    const type = this.OPTION2(this.typeOpt);
    const attributes: PAttribute[] = [];
    this.attrSink = attributes;
    this.MANY(this.attrMany);
    if (this.rec) return undefined as unknown as PField;
    // every field object gets the same shape (monomorphic property access downstream)
    return { name: this.ident(n), type, attributes, doc: undefined, colon: colon !== undefined, span: { start: n.startOffset + this.base, end: this.lastEnd() } };
  });

  public fieldType = this.RULE('fieldType', (): PFieldType => {
    const tok = this.CONSUME(Identifier);
    const args = this.OPTION(this.argListOpt);
    const list = this.OPTION2(this.listOpt) !== undefined;
    const optional = this.OPTION3(this.questionOpt) !== undefined;
    const bang = this.OPTION4(this.bangOpt) !== undefined;
    if (this.rec) return undefined as unknown as PFieldType;
    const name = this.toPath(tok);
    const t: PFieldType = { name, optional, list, unsupported: undefined, args: undefined, bang, span: { start: name.span.start, end: this.lastEnd() } };
    if (args) {
      const a0 = args.items[0]?.value;
      if (name.text === 'Unsupported' && a0?.kind === 'string' && args.items.length === 1) t.unsupported = a0.value;
      else t.args = args;
    }
    return t;
  });

  public attribute = this.RULE('attribute', (): PAttribute => {
    const start = this.LA(1).startOffset + this.base;
    const name = this.OR(this.attrNameAlts);
    const args = this.OPTION(this.argListOpt);
    if (this.rec) return undefined as unknown as PAttribute;
    return { name, block: false, args, span: { start, end: this.lastEnd() } };
  });

  public blockAttribute = this.RULE('blockAttribute', (): PAttribute => {
    const start = this.LA(1).startOffset + this.base;
    const name = this.OR(this.blockAttrNameAlts);
    const args = this.OPTION(this.argListOpt);
    if (this.rec) return undefined as unknown as PAttribute;
    return { name, block: true, args, span: { start, end: this.lastEnd() } };
  });

  // `@id` is one token; Prisma also accepts `@ id` (a space after the sigil)
  private readonly attrNameAlts: IOrAlt<PPath>[] = [
    { ALT: () => this.pathOf(this.CONSUME(AttrName), 1) },
    {
      ALT: () => {
        this.CONSUME(At);
        return this.pathOf(this.CONSUME(Identifier), 0);
      },
    },
  ];
  private readonly blockAttrNameAlts: IOrAlt<PPath>[] = [
    { ALT: () => this.pathOf(this.CONSUME(BlockAttrName), 2) },
    {
      ALT: () => {
        this.CONSUME(AtAt);
        return this.pathOf(this.CONSUME(Identifier), 0);
      },
    },
  ];

  /** The path of a name token, or nothing while chevrotain records the grammar. */
  private pathOf(t: IToken, skip: number): PPath {
    return this.rec ? (undefined as unknown as PPath) : this.toPath(t, skip);
  }

  /** A dotted name token -> path (parts with their own spans); `skip` leading sigil characters (`@`, `@@`). */
  private toPath(t: IToken, skip = 0): PPath {
    const img = skip ? t.image.slice(skip) : t.image;
    const start = t.startOffset + this.base + skip;
    const span = { start, end: start + img.length };
    // a one-part path shares its span object with its part (span shifting knows)
    if (img.indexOf('.') < 0) return { parts: [{ text: img, span }], text: img, span };
    const parts: PIdent[] = [];
    let from = 0;
    for (const piece of img.split('.')) {
      parts.push({ text: piece, span: { start: start + from, end: start + from + piece.length } });
      from += piece.length + 1;
    }
    return { parts, text: img, span };
  }

  // arguments separated by commas; one trailing comma is allowed
  private readonly argsBody = (): void => {
    const first = this.SUBRULE(this.arg);
    this.argStack[this.argStack.length - 1]?.push(first);
    this.MANY(this.moreArgs);
    this.OPTION2(this.trailingComma);
  };
  private readonly moreArgs: DSLMethodOpts<void> = {
    GATE: () => this.LA(2).tokenType !== RParen,
    DEF: () => {
      this.CONSUME(Comma);
      const a = this.SUBRULE2(this.arg);
      this.argStack[this.argStack.length - 1]?.push(a);
    },
  };
  private readonly trailingComma = (): IToken => this.CONSUME2(Comma);

  public argList = this.RULE('argList', (): PArgs => {
    const open = this.CONSUME(LParen);
    const items: PArg[] = [];
    this.argStack.push(items);
    this.OPTION(this.argsBody);
    this.argStack.pop();
    this.CONSUME(RParen);
    if (this.rec) return undefined as unknown as PArgs;
    return { items, span: { start: open.startOffset + this.base, end: this.lastEnd() } };
  });

  public arg = this.RULE('arg', (): PArg => this.OR(this.argAlts));

  private readonly argAlts: IOrAlt<PArg>[] = [
    {
      GATE: () => this.LA(2).tokenType === Colon,
      ALT: () => {
        const n = this.CONSUME(Identifier);
        this.CONSUME(Colon);
        const value = this.OPTION(this.exprOpt);
        if (this.rec) return undefined as unknown as PArg;
        return { name: this.ident(n), value, span: { start: n.startOffset + this.base, end: this.lastEnd() } };
      },
    },
    {
      ALT: () => {
        const value = this.SUBRULE2(this.expr);
        if (this.rec) return undefined as unknown as PArg;
        return { name: undefined, value, span: value?.span ?? { start: 0, end: 0 } };
      },
    },
  ];

  // items separated by commas, no trailing comma (as Prisma's grammar)
  private readonly arrBody = (): void => {
    const first = this.SUBRULE(this.expr);
    this.arrStack[this.arrStack.length - 1]?.push(first);
    this.MANY(this.moreItems);
  };
  private readonly moreItems = (): void => {
    this.CONSUME(Comma);
    const e = this.SUBRULE2(this.expr);
    this.arrStack[this.arrStack.length - 1]?.push(e);
  };

  public expr = this.RULE('expr', (): PExpr => this.OR(this.exprAlts));

  private readonly exprAlts: IOrAlt<PExpr>[] = [
    {
      ALT: () => {
        const t = this.CONSUME(StringLit);
        if (this.rec) return undefined as unknown as PExpr;
        const img = t.image;
        const inner = img.length >= 2 && img.endsWith('"') ? img.slice(1, -1) : img.slice(1);
        return { kind: 'string', value: unescapePrisma(inner), span: this.tspan(t) };
      },
    },
    {
      ALT: () => {
        const t = this.CONSUME(NumberLit);
        if (this.rec) return undefined as unknown as PExpr;
        return { kind: 'number', value: t.image, span: this.tspan(t) };
      },
    },
    {
      ALT: () => {
        const open = this.CONSUME(LBracket);
        const items: PExpr[] = [];
        this.arrStack.push(items);
        this.OPTION(this.arrBody);
        this.arrStack.pop();
        this.CONSUME(RBracket);
        if (this.rec) return undefined as unknown as PExpr;
        return { kind: 'array', items, span: { start: open.startOffset + this.base, end: this.lastEnd() } };
      },
    },
    {
      ALT: () => {
        const tok = this.CONSUME(Identifier);
        const args = this.OPTION2(this.argListOpt);
        if (this.rec) return undefined as unknown as PExpr;
        const p = this.toPath(tok);
        return args ? { kind: 'call', callee: p, args, span: { start: p.span.start, end: args.span.end } } : { kind: 'path', path: p, span: p.span };
      },
    },
  ];
}

let parser: PrismaParser | undefined;

/** The shared parser instance (building one costs chevrotain's self-analysis). */
export function getParser(): PrismaParser {
  parser ??= new PrismaParser();
  return parser;
}
