/**
 * The SQL tree parser: one statement's text -> a compact token tree. Leaves
 * are tokens, `( ... )` become groups. Parentheses are the one structure every
 * SQL dialect shares; an unclosed `(` or a stray `)` is reported here with its
 * position and the tree is kept.
 *
 * What a statement means (which DDL, which columns) is decided by read.ts over
 * this tree, like the DBML front end splits its generic parser from its
 * interpreter. The grammar (statement := (group | atom | stray ')')*,
 * group := '(' (group | atom)* ')'?) is so small that it is a loop with a
 * stack of open groups, fused with the scanner (scan.ts): each token becomes
 * its leaf at once, with no token object in between and no chevrotain rule
 * machinery (a keystroke re-parses a statement, a file is parsed at 10 MB/s).
 * Never throws on any input.
 */
import type { TokenType } from 'chevrotain';
import type { SqlDialect } from './ast.js';
import { BacktickIdent, BracketIdent, LParen, MyQuotedIdent, QuotedIdent, RParen, Word } from './lexer.js';
import { diaOf, matchToken, matchedType, unmatchedRun } from './scan.js';

/** A token leaf; `lower` is the lower-cased image of a `Word` ('' for other tokens). */
export interface Leaf {
  group: false;
  type: TokenType;
  image: string;
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

/** The tree of one statement, with its lexical and structural errors and its last token. */
export interface Tree {
  items: Node[];
  /** runs of characters no token matches (offset and length) */
  lexErrors: { offset: number; length: number }[];
  /** unbalanced parentheses, too deep nesting */
  errors: TreeError[];
  /** the last token (past a nesting cut-off too), for the unterminated-quote check */
  lastType: TokenType | undefined;
  lastStart: number;
  lastEnd: number;
}

/** Deeper nesting is cut off (tools further down recurse per level; real DDL stays far below). */
export const MAX_DEPTH = 128;

const NO_ERRORS: never[] = [];

/**
 * Words and quoted names seen recently, by a hash of their characters: one
 * met again (keywords, common column and type names) reuses its image and
 * lower-cased strings instead of allocating new ones, and the AST, which keeps
 * names as written, shares them. Bounded: a colliding string replaces the
 * entry. (Interning the unquoted bodies of names as well measured slower.)
 */
const INTERN_SIZE = 4096;
/** Longer strings are not entered: V8 makes them slices that would keep their whole document alive in the table. */
const INTERN_MAX_LENGTH = 12;
const internImage: string[] = new Array<string>(INTERN_SIZE).fill('');
const internLower: string[] = new Array<string>(INTERN_SIZE).fill('');
/** the lower-cased form of the last `intern()` */
let wordLower = '';

/**
 * text[i, e) as a string, from the intern table when seen before (and entered
 * otherwise). For a word (`lower`), sets `wordLower` to its lower-cased form;
 * quoted names (which never equal a word: they start with their quote) need none.
 */
function intern(text: string, i: number, e: number, lower: boolean): string {
  const len = e - i;
  if (len > INTERN_MAX_LENGTH) {
    const image = text.slice(i, e);
    if (lower) wordLower = image.toLowerCase();
    return image;
  }
  // a hash of the length and three characters (first, middle, last): the comparison below checks the rest
  const h = Math.imul(Math.imul(Math.imul(len, 31) + text.charCodeAt(i), 31) + text.charCodeAt(i + (len >> 1)), 31) + text.charCodeAt(e - 1);
  const slot = (h ^ (h >>> 11)) & (INTERN_SIZE - 1);
  const img = internImage[slot];
  if (img.length === len) {
    let k = 0;
    while (k < len && img.charCodeAt(k) === text.charCodeAt(i + k)) k++;
    if (k === len) {
      wordLower = internLower[slot];
      return img;
    }
  }
  const image = text.slice(i, e);
  wordLower = lower ? image.toLowerCase() : '';
  internImage[slot] = image;
  internLower[slot] = wordLower;
  return image;
}

/**
 * Leaf objects reused from one statement to the next: a tree lives only while
 * its statement is read (the AST keeps strings and spans of its own, never a
 * node), so a file's parse allocates leaves for its largest statement only,
 * not for every token. Bounded: leaves past the cap are fresh objects.
 */
const LEAF_POOL_MAX = 16384;
const leafPool: Leaf[] = [];

/**
 * The nodes of the groups being built, innermost last, reused across calls:
 * a group's (and the statement's) node list is cut from it once complete, as
 * one exact-size array, instead of growing by pushes. `childStart` holds where
 * each open group's nodes begin. Dropped after an unusually large statement.
 */
let nodeStack: Node[] = [];
const NODE_STACK_KEEP = 65536;
const NO_NODES: Node[] = [];

/**
 * Scans and parses one statement, `text[from, to)`, into a tree. Offsets in the
 * tree are relative to `from` (the statement's own offsets). Scanning the
 * document in place, not a slice of it, keeps every character read on a flat
 * string. The tree is valid until the next call (its leaves are reused).
 * Never throws.
 */
export function parseTree(text: string, dialect: SqlDialect, from = 0, to = text.length): Tree {
  const d = diaOf(dialect);
  const n = to;
  let lexErrors: { offset: number; length: number }[] = NO_ERRORS;
  let errors: TreeError[] = NO_ERRORS;
  const stack = nodeStack;
  let top = 0;
  /** open groups, innermost last, and where their nodes start on the stack */
  const open: Group[] = [];
  const childStart: number[] = [];
  let cut = false; // nesting cut-off: the rest is scanned for errors only
  let lastType: TokenType | undefined;
  let lastStart = 0;
  let lastEnd = 0;
  let used = 0; // leaves of the pool handed out
  let i = from;
  while (i < n) {
    const e = matchToken(text, i, n, d);
    if (e < 0) {
      const r = unmatchedRun(text, i, n, d);
      if (lexErrors === NO_ERRORS) lexErrors = [];
      lexErrors.push({ offset: i - from, length: r - i });
      i = r;
      continue;
    }
    const type = matchedType;
    if (type === undefined) {
      i = e;
      continue;
    }
    lastType = type;
    lastStart = i - from;
    lastEnd = e - from;
    if (cut) {
      i = e;
      continue;
    }
    if (type === LParen) {
      if (open.length >= MAX_DEPTH) {
        if (errors === NO_ERRORS) errors = [];
        errors.push({ offset: i - from, length: 1, message: `Parentheses nested deeper than ${MAX_DEPTH} levels: the rest of the statement is ignored` });
        cut = true;
      } else {
        const g: Group = { group: true, items: NO_NODES, start: i - from, end: i - from + 1, closed: false };
        stack[top++] = g;
        open.push(g);
        childStart.push(top);
      }
    } else if (type === RParen) {
      const g = open.pop();
      if (g) {
        const s0 = childStart.pop()!;
        g.items = stack.slice(s0, top);
        top = s0;
        g.end = i - from + 1;
        g.closed = true;
      } else {
        if (errors === NO_ERRORS) errors = [];
        errors.push({ offset: i - from, length: 1, message: "Unexpected ')': no '(' is open here" });
      }
    } else {
      let image: string;
      let lower = '';
      if (type === Word) {
        image = intern(text, i, e, true);
        lower = wordLower;
      } else if (type === QuotedIdent || type === BacktickIdent || type === BracketIdent || type === MyQuotedIdent) image = intern(text, i, e, false);
      else image = text.slice(i, e);
      let leaf = leafPool[used];
      if (leaf !== undefined) {
        leaf.type = type;
        leaf.image = image;
        leaf.lower = lower;
        leaf.start = i - from;
        leaf.end = e - from;
      } else {
        leaf = { group: false, type, image, lower, start: i - from, end: e - from };
        if (used < LEAF_POOL_MAX) leafPool.push(leaf);
      }
      used++;
      stack[top++] = leaf;
    }
    i = e;
  }
  // groups still open at the end: one report per statement, at the innermost one (none after a cut-off)
  for (let k = open.length - 1; k >= 0; k--) {
    const g = open[k];
    g.items = stack.slice(childStart[k], top);
    top = childStart[k];
    if (!cut && k === open.length - 1) {
      if (errors === NO_ERRORS) errors = [];
      errors.push({ offset: g.start, length: 1, message: "Unclosed '(': expected ')'" });
    }
    g.end = g.items.length ? g.items[g.items.length - 1].end : g.start + 1;
  }
  const items = stack.slice(0, top);
  if (stack.length > NODE_STACK_KEEP) nodeStack = [];
  return { items, lexErrors, errors, lastType, lastStart, lastEnd };
}
