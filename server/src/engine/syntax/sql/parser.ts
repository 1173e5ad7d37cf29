/**
 * The SQL tree parser: one statement's tokens -> a compact token tree. Leaves
 * are tokens, `( ... )` become groups. Parentheses are the one structure every
 * SQL dialect shares; an unclosed `(` or a stray `)` is reported here with its
 * position and the tree is kept.
 *
 * What a statement means (which DDL, which columns) is decided by read.ts over
 * this tree, like the DBML front end splits its generic parser from its
 * interpreter. The grammar (statement := (group | atom | stray ')')*,
 * group := '(' (group | atom)* ')'?) is so small that it is a loop over the
 * tokens with a stack of open groups, not a chevrotain parser: it accepts every
 * token sequence, so chevrotain's recovery never had anything to do, and its
 * per-token rule machinery cost more than lexing (a keystroke re-parses a
 * statement, a file is parsed at 10 MB/s). Never throws on any input.
 */
import type { IToken, TokenType } from 'chevrotain';
import { LParen, RParen, Word } from './lexer.js';

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

/** Deeper nesting is cut off (tools further down recurse per level; real DDL stays far below). */
export const MAX_DEPTH = 128;

/** Parses tokens into a tree. Offsets are those of the tokens. Never throws. */
export function parseTree(tokens: IToken[]): { items: Node[]; errors: TreeError[] } {
  const errors: TreeError[] = [];
  const items: Node[] = [];
  /** open groups, innermost last, and the lists they fill */
  const open: Group[] = [];
  let cur = items;
  let unclosedReported = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const type = t.tokenType;
    if (type === LParen) {
      if (open.length >= MAX_DEPTH) {
        errors.push({ offset: t.startOffset, length: 1, message: `Parentheses nested deeper than ${MAX_DEPTH} levels: the rest of the statement is ignored` });
        unclosedReported = true;
        break;
      }
      const g: Group = { group: true, items: [], start: t.startOffset, end: t.startOffset + 1, closed: false };
      cur.push(g);
      open.push(g);
      cur = g.items;
    } else if (type === RParen) {
      const g = open.pop();
      if (g) {
        g.end = t.startOffset + 1;
        g.closed = true;
        cur = open.length ? open[open.length - 1].items : items;
      } else errors.push({ offset: t.startOffset, length: 1, message: "Unexpected ')': no '(' is open here" });
    } else cur.push(leaf(t));
  }
  // groups still open at the end: one report per statement, at the innermost one
  for (let k = open.length - 1; k >= 0; k--) {
    const g = open[k];
    if (!unclosedReported) {
      unclosedReported = true;
      errors.push({ offset: g.start, length: 1, message: "Unclosed '(': expected ')'" });
    }
    g.end = g.items.length ? g.items[g.items.length - 1].end : g.start + 1;
  }
  return { items, errors };
}
