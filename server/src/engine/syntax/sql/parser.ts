/**
 * The SQL tree parser: a chevrotain EmbeddedActionsParser (recoveryEnabled)
 * that turns one statement's tokens into a compact token tree, built in its
 * actions: leaves are tokens, `( ... )` become groups. Parentheses are the one
 * structure every SQL dialect shares; an unclosed `(` or a stray `)` is
 * reported here with its position and the tree is kept.
 *
 * What a statement means (which DDL, which columns) is decided by read.ts over
 * this tree, like the DBML front end splits its generic parser from its
 * interpreter. The grammar is tiny, so the one shared instance's self-analysis
 * is cheap. Never throws on any input.
 */
import { EmbeddedActionsParser, type IToken, type TokenType } from 'chevrotain';
import { allTokens, Atom, LParen, RParen, Word } from './lexer.js';

/** A token leaf; `lower` is the lower-cased image of a `Word` ('' for other tokens). */
export interface Leaf {
  group: false;
  tok: IToken;
  type: TokenType;
  lower: string;
  start: number;
  end: number;
}

/** `( items )`; `end` is after the `)` or after the last item when unclosed. */
export interface Group {
  group: true;
  items: Node[];
  start: number;
  end: number;
  closed: boolean;
}

export type Node = Leaf | Group;

export interface TreeError {
  offset: number;
  length: number;
  message: string;
}

function leaf(t: IToken): Leaf {
  const type = t.tokenType;
  return { group: false, tok: t, type, lower: type === Word ? t.image.toLowerCase() : '', start: t.startOffset, end: t.startOffset + t.image.length };
}

/**
 * The grammar's alternatives and loop bodies are fields, not closures made per
 * call: statements are parsed at MB/s and a closure per token would dominate.
 * Items go to `cur`, the list being filled (saved and restored around groups).
 */
export class SqlTreeParser extends EmbeddedActionsParser {
  treeErrors: TreeError[] = [];
  /** set when an unclosed group was reported (or the input was cut off) */
  unclosedReported = false;
  private cur: Node[] = [];

  constructor() {
    super(allTokens, { recoveryEnabled: true, maxLookahead: 1, skipValidations: true });
    this.performSelfAnalysis();
  }

  /** The statement: items, and stray `)` reported and skipped. */
  public statement = this.RULE('statement', (): Node[] => {
    const items: Node[] = [];
    this.cur = items;
    this.MANY(this.statementItem);
    return items;
  });

  private readonly statementItem = (): void => {
    this.OR(this.statementAlts);
  };

  // leaves are consumed inline (no rule call per token): the tree parse runs per keystroke
  private readonly statementAlts = [
    {
      ALT: (): void => {
        const n = this.SUBRULE(this.group);
        this.cur.push(n);
      },
    },
    {
      ALT: (): void => {
        const t = this.CONSUME(Atom);
        this.cur.push(leaf(t));
      },
    },
    {
      ALT: (): void => {
        const t = this.CONSUME(RParen);
        if (!this.RECORDING_PHASE) this.treeErrors.push({ offset: t.startOffset, length: 1, message: "Unexpected ')': no '(' is open here" });
      },
    },
  ];

  private readonly groupItem = (): void => {
    this.OR2(this.groupAlts);
  };

  private readonly groupAlts = [
    {
      ALT: (): void => {
        const n = this.SUBRULE2(this.group);
        this.cur.push(n);
      },
    },
    {
      ALT: (): void => {
        const t = this.CONSUME2(Atom);
        this.cur.push(leaf(t));
      },
    },
  ];

  private readonly closeParen = (): IToken => this.CONSUME2(RParen);

  public group = this.RULE('group', (): Group => {
    const open = this.CONSUME(LParen);
    const saved = this.cur;
    const items: Node[] = [];
    this.cur = items;
    let close: IToken | undefined;
    try {
      this.MANY2(this.groupItem);
      close = this.OPTION(this.closeParen);
    } finally {
      this.cur = saved;
    }
    const start = open.startOffset;
    // one report per statement: the outer groups of an unclosed one are unclosed too
    if (!close && !this.RECORDING_PHASE && !this.unclosedReported) {
      this.unclosedReported = true;
      this.treeErrors.push({ offset: start, length: 1, message: "Unclosed '(': expected ')'" });
    }
    const end = close ? close.startOffset + 1 : items.length ? items[items.length - 1].end : start + 1;
    return { group: true, items, start, end, closed: !!close };
  });
}

let instance: SqlTreeParser | undefined;

/** The shared parser (grammar self-analysis runs once). */
export function getTreeParser(): SqlTreeParser {
  instance ??= new SqlTreeParser();
  return instance;
}

/** Parses tokens into a tree. Offsets are those of the tokens. Never throws. */
/** Deeper nesting is cut off (the parser recurses per level; real DDL stays far below). */
export const MAX_DEPTH = 128;

export function parseTree(tokens: IToken[]): { items: Node[]; errors: TreeError[] } {
  const p = getTreeParser();
  p.treeErrors = [];
  p.unclosedReported = false;
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i].tokenType;
    if (t === LParen && ++depth > MAX_DEPTH) {
      p.treeErrors.push({ offset: tokens[i].startOffset, length: 1, message: `Parentheses nested deeper than ${MAX_DEPTH} levels: the rest of the statement is ignored` });
      tokens = tokens.slice(0, i);
      p.unclosedReported = true;
      break;
    } else if (t === RParen && depth > 0) depth--;
  }
  p.input = tokens;
  let items: Node[] = [];
  try {
    items = p.statement();
  } catch (e) {
    p.treeErrors.push({ offset: tokens.length ? tokens[0].startOffset : 0, length: 1, message: `Could not parse the statement (${e instanceof Error ? e.message : String(e)})` });
  }
  for (const err of p.errors) {
    const t = err.token;
    p.treeErrors.push({ offset: t.startOffset >= 0 ? t.startOffset : 0, length: Math.max(1, t.image.length), message: err.message });
  }
  return { items: items ?? [], errors: p.treeErrors };
}
