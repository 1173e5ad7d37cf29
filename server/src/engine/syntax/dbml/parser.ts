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
 * Spans are absolute: the parser is handed the block's base offset. Every
 * node gets its own span object (the incremental cache shifts spans in place).
 */
import { EmbeddedActionsParser, type IToken, type IParserErrorMessageProvider, type TokenType } from 'chevrotain';
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
  ArraySuffix,
  type DbmlToken,
} from './lexer.js';
import type { Body, Element, Expr, Ident, Line, QName, RelOp as RelOpT, SettingItem, SettingList } from './ast.js';
import type { Span } from '../../text/span.js';

type Statement = Element | Line;

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
    return `Unexpected ${found((actual[0] as unknown as IToken[])[0])}${ruleName === 'primary' ? ': expected a name, string, number or expression' : ''}`;
  },
  buildEarlyExitMessage({ actual, ruleName }) {
    return `Unexpected ${found(actual[0])}${ruleName === 'settingItem' ? ': expected a setting name' : ''}`;
  },
};

const REL_OPS = new Set(['<', '>', '-', '<>']);

function unquote(image: string, quote: string): string {
  let s = image.startsWith(quote) ? image.slice(quote.length) : image;
  if (s.endsWith(quote) && s.length >= quote.length) s = s.slice(0, s.length - quote.length);
  return s;
}

/** Unescapes DBML string escapes (\' \" \\ \n \t, line continuation). */
export function unescapeString(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\(\r\n|[\s\S])/g, (_m, c: string) => {
    switch (c) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case '\n':
      case '\r\n':
        return '';
      default:
        return c;
    }
  });
}

/** Removes the common indentation of a triple-quoted string, as DBML does. */
function tripleValue(raw: string): string {
  let body = unquote(raw, "'''");
  const lines = body.split(/\r\n|\r|\n/);
  if (lines.length > 1) {
    if (lines[0].trim() === '') lines.shift();
    if (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
    const indents = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length);
    const min = indents.length ? Math.min(...indents) : 0;
    body = lines.map((l) => l.slice(min)).join('\n');
  }
  return unescapeString(body);
}

export class DbmlParser extends EmbeddedActionsParser {
  /** absolute offset of the block being parsed */
  base = 0;

  constructor() {
    super(allTokens, { recoveryEnabled: true, maxLookahead: 3, errorMessageProvider: messages, skipValidations: true });
    this.performSelfAnalysis();
  }

  private sp(startTok: IToken, endTok: IToken): Span {
    const start = startTok.startOffset + this.base;
    const end = (endTok.endOffset ?? endTok.startOffset + endTok.image.length - 1) + 1 + this.base;
    return { start, end: Math.max(start, end) };
  }

  private tspan(t: IToken): Span {
    return { start: t.startOffset + this.base, end: t.startOffset + this.base + t.image.length };
  }

  private sameLine(): boolean {
    const t = this.LA(1) as DbmlToken;
    return t.tokenType.name !== 'EOF' && !t.nl;
  }

  /** The whole block: one or more statements (top level normally holds one). */
  public block = this.RULE('block', (): Statement[] => {
    const items: Statement[] = [];
    this.MANY(() => {
      const s = this.SUBRULE(this.statement);
      if (s) items.push(s);
    });
    return items;
  });

  public statement = this.RULE('statement', (): Statement => {
    const first = this.LA(1);
    const parts: Expr[] = [];
    let commaSeparated = false;
    parts.push(this.SUBRULE(this.atom));
    this.MANY({
      GATE: () => this.sameLine(),
      DEF: () => {
        this.OPTION(() => {
          this.CONSUME(Comma);
          commaSeparated = true;
        });
        parts.push(this.SUBRULE2(this.atom));
      },
    });
    let colonTok: IToken | undefined;
    let value: Expr[] | undefined;
    this.OPTION2({
      GATE: () => this.sameLine(),
      DEF: () => {
        colonTok = this.CONSUME(Colon);
        value = [];
        this.MANY2({
          GATE: () => value!.length === 0 || this.sameLine(),
          DEF: () => {
            this.OPTION3(() => this.CONSUME2(Comma));
            value!.push(this.SUBRULE3(this.atom));
          },
        });
      },
    });
    let settings: SettingList | undefined;
    this.OPTION4({
      GATE: () => this.sameLine(),
      DEF: () => {
        settings = this.SUBRULE(this.settingList);
      },
    });
    let body: Body | undefined;
    this.OPTION5(() => {
      body = this.SUBRULE(this.body);
    });
    return this.ACTION(() => this.makeStatement(first, parts, commaSeparated, colonTok, value, settings, body));
  });

  public body = this.RULE('body', (): Body => {
    const open = this.CONSUME(LCurly);
    const items: Statement[] = [];
    this.MANY(() => {
      const s = this.SUBRULE(this.statement);
      if (s) items.push(s);
    });
    const close = this.CONSUME(RCurly);
    return this.ACTION(() => {
      const closed = !close.isInsertedInRecovery && close.startOffset >= 0 && !Number.isNaN(close.startOffset);
      const openSpan = this.tspan(open);
      const closeSpan = closed ? this.tspan(close) : undefined;
      const last = items.length ? items[items.length - 1].span.end : openSpan.end;
      return { items, openSpan, closeSpan, span: { start: openSpan.start, end: closeSpan ? closeSpan.end : last } };
    });
  });

  public settingList = this.RULE('settingList', (): SettingList => {
    const open = this.CONSUME(LBracket);
    const items: SettingItem[] = [];
    this.OPTION(() => {
      items.push(this.SUBRULE(this.settingItem));
      this.MANY(() => {
        this.CONSUME(Comma);
        items.push(this.SUBRULE2(this.settingItem));
      });
    });
    const close = this.CONSUME(RBracket);
    return this.ACTION(() => {
      const closed = !close.isInsertedInRecovery && !Number.isNaN(close.startOffset);
      const end = closed ? this.tspan(close).end : items.length && items[items.length - 1] ? items[items.length - 1].span.end : this.tspan(open).end;
      return { items: items.filter(Boolean), span: { start: this.tspan(open).start, end } };
    });
  });

  public settingItem = this.RULE('settingItem', (): SettingItem => {
    const words: IToken[] = [];
    this.AT_LEAST_ONE(() => {
      words.push(this.CONSUME(Identifier));
    });
    let value: Expr[] | undefined;
    this.OPTION(() => {
      this.CONSUME(Colon);
      value = [];
      this.AT_LEAST_ONE2(() => {
        value!.push(this.SUBRULE(this.atom));
      });
    });
    return this.ACTION(() => {
      const nameSpan = this.sp(words[0], words[words.length - 1]);
      const name = words.map((w) => w.image.toLowerCase()).join(' ');
      const v = value && value.length ? this.joinValue(value.filter(Boolean)) : undefined;
      return { name, nameSpan, value: v, span: { start: nameSpan.start, end: v ? v.span.end : nameSpan.end } };
    });
  });

  /** An operand, a relation `a.b > c.d`, a prefix relation `> c.d`, or a signed number. */
  public atom = this.RULE('atom', (): Expr => {
    return this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          GATE: () => this.LA(2).tokenType === NumberLit,
          ALT: () => {
            const op = this.OR2([{ ALT: () => this.CONSUME(Minus) }, { ALT: () => this.CONSUME(Plus) }]);
            const n = this.CONSUME(NumberLit);
            return this.ACTION((): Expr => ({
              kind: 'unary',
              op: op.image,
              operand: { kind: 'number', text: n.image, span: this.tspan(n) },
              span: this.sp(op, n),
            }));
          },
        },
        {
          ALT: () => {
            const op = this.CONSUME(RelOp);
            const right = this.SUBRULE(this.primary);
            return this.ACTION((): Expr => ({
              kind: 'relation',
              op: op.image as RelOpT,
              opSpan: this.tspan(op),
              right,
              span: { start: this.tspan(op).start, end: right ? right.span.end : this.tspan(op).end },
            }));
          },
        },
        {
          ALT: () => {
            const left = this.SUBRULE2(this.primary);
            let op: IToken | undefined;
            let right: Expr | undefined;
            this.OPTION({
              GATE: () => this.sameLine() && REL_OPS.has(this.LA(1).image),
              DEF: () => {
                op = this.CONSUME2(RelOp);
                right = this.SUBRULE3(this.primary);
              },
            });
            return this.ACTION((): Expr => {
              if (!op || !left) return left;
              const r = right ?? ({ kind: 'error', text: '', span: { start: this.tspan(op).end, end: this.tspan(op).end } } as Expr);
              return {
                kind: 'relation',
                op: op.image as RelOpT,
                opSpan: this.tspan(op),
                left,
                right: r,
                span: { start: left.span.start, end: r.span.end },
              };
            });
          },
        },
      ],
    });
  });

  public primary = this.RULE('primary', (): Expr => {
    return this.OR([
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
          const n = this.SUBRULE(this.name);
          return this.ACTION((): Expr => ({ kind: 'partial', name: n, span: { start: this.tspan(t).start, end: n ? n.span.end : this.tspan(t).end } }));
        },
      },
      { ALT: () => this.SUBRULE(this.tuple) },
    ]);
  });

  public tuple = this.RULE('tuple', (): Expr => {
    const open = this.CONSUME(LParen);
    const items: Expr[] = [];
    this.OPTION(() => {
      items.push(this.SUBRULE(this.atom));
      this.MANY(() => {
        this.CONSUME(Comma);
        items.push(this.SUBRULE2(this.atom));
      });
    });
    const close = this.CONSUME(RParen);
    return this.ACTION((): Expr => {
      const closed = !close.isInsertedInRecovery && !Number.isNaN(close.startOffset);
      const list = items.filter(Boolean);
      const end = closed ? this.tspan(close).end : list.length ? list[list.length - 1].span.end : this.tspan(open).end;
      return { kind: 'tuple', items: list, span: { start: this.tspan(open).start, end } };
    });
  });

  /** `a`, `a.b.c`, `a.(x, y)`, `varchar(255)`, `int[]` */
  public nameOrCall = this.RULE('nameOrCall', (): Expr => {
    const parts: Ident[] = [];
    let tuple: Expr | undefined;
    parts.push(this.SUBRULE(this.name));
    this.MANY(() => {
      this.CONSUME(Dot);
      this.OR([{ ALT: () => parts.push(this.SUBRULE2(this.name)) }, { ALT: () => (tuple = this.SUBRULE(this.tuple)) }]);
    });
    let args: Expr | undefined;
    this.OPTION({
      GATE: () => this.sameLine() && !tuple,
      DEF: () => {
        args = this.SUBRULE2(this.tuple);
      },
    });
    let arr: IToken | undefined;
    this.OPTION2({
      GATE: () => this.sameLine(),
      DEF: () => {
        arr = this.CONSUME(ArraySuffix);
      },
    });
    return this.ACTION((): Expr => {
      const ps = parts.filter(Boolean);
      const first = ps[0]?.span.start ?? 0;
      const lastPart = ps.length ? ps[ps.length - 1].span.end : first;
      const nameEnd = tuple ? tuple.span.end : lastPart;
      const qn: QName = { parts: ps, span: { start: first, end: nameEnd } };
      if (tuple && tuple.kind === 'tuple') {
        qn.tuple = tuple.items.flatMap((e) => (e.kind === 'qname' && e.name.parts.length === 1 ? [e.name.parts[0]] : []));
      }
      if (args || arr) {
        const argList = args && args.kind === 'tuple' ? args.items : [];
        const end = arr ? this.tspan(arr).end : args!.span.end;
        return { kind: 'call', callee: qn, args: argList, isArray: !!arr, span: { start: first, end } };
      }
      return { kind: 'qname', name: qn, span: { start: first, end: nameEnd } };
    });
  });

  public name = this.RULE('name', (): Ident => {
    return this.OR([
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
    ]);
  });

  /** Several values after `:` become one: bare words join (`set null`), else the first. */
  private joinValue(values: Expr[]): Expr {
    if (values.length === 1) return values[0];
    const span = { start: values[0].span.start, end: values[values.length - 1].span.end };
    if (values.every((v) => v.kind === 'qname' && v.name.parts.length === 1 && !v.name.parts[0].quoted)) {
      return { kind: 'words', text: values.map((v) => (v.kind === 'qname' ? v.name.parts[0].text : '')).join(' '), span };
    }
    return values[0];
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
    const ps = parts.filter(Boolean);
    const start = ps.length ? ps[0].span.start : this.tspan(first).start;
    let head = ps[0];
    if (head && head.kind === 'call' && !head.isArray && head.callee.parts.length === 1 && body !== undefined) {
      // `Records(id, name) { ... }`: keyword with arguments and no name
      ps.splice(1, 0, { kind: 'tuple', items: head.args, span: { start: head.callee.span.end, end: head.span.end } });
      head = ps[0] = { kind: 'qname', name: head.callee, span: { start: head.callee.span.start, end: head.callee.span.end } };
    }
    const isElement = (body !== undefined || colonTok !== undefined) && head && head.kind === 'qname' && head.name.parts.length === 1 && !head.name.parts[0].quoted;
    if (!isElement) {
      let end = ps.length ? ps[ps.length - 1].span.end : start;
      if (settings) end = Math.max(end, settings.span.end);
      const line: Line = { type: 'line', parts: ps, commaSeparated, settings, span: { start, end } };
      if (body) line.span = { start, end: body.span.end };
      return line;
    }
    const keyword = (head as { name: QName }).name.parts[0];
    const el: Element = { type: 'element', keyword, kind: keyword.text.toLowerCase(), span: { start, end: keyword.span.end } };
    // name, alias and name arguments come from the remaining head parts
    let i = 1;
    const p1 = ps[1];
    if (p1) {
      if (p1.kind === 'qname') {
        el.name = p1.name;
        i = 2;
      } else if (p1.kind === 'call' && !p1.isArray) {
        el.name = p1.callee;
        el.nameArgs = p1.args.flatMap((a) => (a.kind === 'qname' && a.name.parts.length === 1 ? [a.name.parts[0]] : []));
        i = 2;
      } else if (p1.kind === 'tuple' && el.kind === 'records') {
        el.nameArgs = p1.items.flatMap((a) => (a.kind === 'qname' && a.name.parts.length === 1 ? [a.name.parts[0]] : []));
        i = 2;
      }
    }
    const maybeAs = ps[i];
    if (maybeAs && maybeAs.kind === 'qname' && maybeAs.name.parts.length === 1 && maybeAs.name.parts[0].text.toLowerCase() === 'as' && !maybeAs.name.parts[0].quoted) {
      const a = ps[i + 1];
      if (a && a.kind === 'qname' && a.name.parts.length === 1) {
        el.alias = a.name.parts[0];
        i += 2;
      }
    }
    if (i < ps.length) {
      // leftover head parts are kept as a stray line on the element for the interpreter to report
      el.extra = ps.slice(i);
    }
    el.settings = settings;
    let end = ps[ps.length - 1].span.end;
    if (settings) end = Math.max(end, settings.span.end);
    if (colonTok) {
      const vs = (value ?? []).filter(Boolean);
      const vStart = vs.length ? vs[0].span.start : this.tspan(colonTok).end;
      const vEnd = vs.length ? vs[vs.length - 1].span.end : this.tspan(colonTok).end;
      el.value = { type: 'line', parts: vs, commaSeparated: false, span: { start: vStart, end: vEnd } };
      end = Math.max(end, vEnd, this.tspan(colonTok).end);
      if (settings) {
        // `Ref: a.b > c.d [delete: cascade]`: settings belong to the value line
        el.value.settings = settings;
        el.value.span.end = Math.max(el.value.span.end, settings.span.end);
        el.settings = undefined;
      }
    }
    if (body) {
      el.body = body;
      end = Math.max(end, body.span.end);
    }
    el.span = { start, end };
    return el;
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
