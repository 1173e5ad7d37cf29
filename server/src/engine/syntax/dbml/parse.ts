/**
 * DBML front end entry: text -> blocks -> (cached) parse and interpretation per
 * block -> typed declarations, with syntax and validation diagnostics. Never
 * throws.
 *
 * Incremental: the previous parse of the same file is diffed with the new text
 * (common prefix and suffix); blocks before the edit are reused as they are,
 * the edited region is re-split and re-parsed, and the blocks after it are
 * reused by moving their anchor (every span in a block is anchored, so moving
 * it is O(1)). A keystroke re-parses one block whatever the file's size.
 */
import type { Diagnostic } from '../../diagnostics.js';
import type { Comment, Decl, DbmlFile, Element, Line } from './ast.js';
import { splitBlocksFrom } from './blocks.js';
import type { IToken } from 'chevrotain';
import { Backtick, lex, QuotedIdent, SingleString, TripleString, type DbmlToken } from './lexer.js';
import { getParser, type Statement } from './parser.js';
import { fastParse } from './fast-parser.js';
import { compactColumnLine, compactIndexesElement, compactRefBlock, directParse, keep } from './direct-parser.js';
import { columnOfLine, indexesOfElement, interpretBlock, projectDuplicates } from './interpret.js';
import { anchored, blockBase, blockText, type Anchor, type DocText } from '../../text/span.js';
import { compactRefDecl, NO_ITEMS, setCompactIndexesMaterializer, setCompactMaterializer, setCompactRefMaterializer } from './nodes.js';
import type { RefDecl } from './ast.js';
import { diffTexts, type TextChange } from '../../text/edit.js';

// a compact column line's nodes, when a reader asks for them: the full parser's line, then the interpreter's column
setCompactMaterializer((c) => {
  const line = compactColumnLine(c);
  return { line, decl: columnOfLine(line, '', c.anchorOfSpan)! };
});

// a compact Ref's nodes, when a reader asks for them: the full parser's element, then the interpreter's Ref
setCompactRefMaterializer((r) => {
  const a = r.anchorOfSpan;
  const base = blockBase(a);
  // the block is its line and the blanks after it
  const direct = directParse(blockText(a), base, base + r.endOfSpan, a);
  const element = direct!.statements[0] as Element;
  return { element, decl: interpretBlock([element], '', r.anchorOfSpan).decls[0] as RefDecl };
});

// a compact indexes block's nodes: the full parser's element, then the interpreter's IndexDecls
setCompactIndexesMaterializer((r) => {
  const element = compactIndexesElement(r);
  return { element, decls: indexesOfElement(element, '', r.anchorOfSpan) };
});

/** A syntax diagnostic before it is attached to a file. */
type SyntaxDiag = Omit<Diagnostic, 'uri'>;

/** One top-level block: its syntax tree, comments, declarations and diagnostics (its text is the file's, from its anchor to the next block's). */
export interface BlockParse {
  /** the block's current absolute start; every span of the block moves with it */
  anchor: Anchor;
  statements: Statement[];
  comments: Comment[];
  /** syntax diagnostics (anchored spans) */
  diagnostics: SyntaxDiag[];
  /** the block's typed declarations */
  decls: Decl[];
  /** validation diagnostics of the declarations (anchored spans) */
  declDiagnostics: Diagnostic[];
}

interface FileParse {
  blocks: BlockParse[];
  /** the parsed text, in the holder the blocks of the file's first whole-file parse read it through */
  doc: DocText;
}

/** The last parse of each file, reused by the next parse of the same file. */
export class DbmlParseCache {
  private readonly byUri = new Map<string, FileParse>();

  /** @internal */
  get(uri: string): FileParse | undefined {
    return this.byUri.get(uri);
  }

  /** @internal */
  put(uri: string, parse: FileParse): void {
    this.byUri.set(uri, parse);
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }
}

/** Does the quoted token `img` end in an escaped quote (an odd run of backslashes before its last character)? */
function endsEscaped(img: string): boolean {
  let k = 0;
  for (let i = img.length - 2; i >= 0 && img.charCodeAt(i) === 92; i--) k++;
  return (k & 1) === 1;
}

function unterminated(t: DbmlToken, base: number): SyntaxDiag | undefined {
  const type = t.tokenType;
  // most tokens are no quoted token at all: decide by identity before looking at the text
  if (type !== SingleString && type !== TripleString && type !== QuotedIdent && type !== Backtick) return undefined;
  const img = t.image;
  const bad =
    type === SingleString
      ? img.length < 2 || img.charCodeAt(img.length - 1) !== 39 || endsEscaped(img)
      : type === TripleString
        ? img.length < 6 || !img.endsWith("'''")
        : type === QuotedIdent
          ? img.length < 2 || img.charCodeAt(img.length - 1) !== 34
          : img.length < 2 || img.charCodeAt(img.length - 1) !== 96;
  if (!bad) return undefined;
  const span = { start: base + t.startOffset, end: base + t.startOffset + img.length };
  const what = type === QuotedIdent ? 'quoted name' : type === Backtick ? 'expression' : 'string';
  return { span, severity: 'error', code: 'DBML001', message: `Unterminated ${what}` };
}

/** Index of `tok` in `tokens` (sorted by offset), searching from `from`; -1 when absent. */
function tokenIndex(tokens: DbmlToken[], tok: IToken, from: number): number {
  let lo = from;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const o = tokens[mid].startOffset;
    if (o === tok.startOffset) return tokens[mid] === tok ? mid : tokens.indexOf(tok as DbmlToken, from);
    if (o < tok.startOffset) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * The chevrotain parse of a block the fast parser gave up on: reports syntax
 * errors into `diagnostics` (one per position) and returns every statement it
 * could build. When the grammar cannot place a token, it reports it, skips it
 * and parses on from the next one; each restart is O(1) (same token array, new position).
 */
function recoveringParse(text: string, base: number, tokens: DbmlToken[], anchor: Anchor, diagnostics: SyntaxDiag[]): Statement[] {
  const parser = getParser();
  parser.anchor = anchor;
  const statements: Statement[] = [];
  const endOfText = base + text.trimEnd().length;
  // one diagnostic per position: a Set keeps reporting linear in the errors
  const reportedAt = new Set<number>();
  for (const d of diagnostics) if (d.code === 'DBML001') reportedAt.add(d.span.start);
  const report = (tok: IToken, message: string): void => {
    const isEof = tok.tokenType.name === 'EOF' || Number.isNaN(tok.startOffset);
    const span = isEof ? { start: endOfText, end: endOfText } : { start: base + tok.startOffset, end: base + tok.startOffset + tok.image.length };
    if (reportedAt.has(span.start)) return;
    reportedAt.add(span.start);
    // "Unexpected" tokens one after another on a line are one diagnostic over the run
    const prev = diagnostics[diagnostics.length - 1];
    if (prev && prev.code === 'DBML001' && prev.message.startsWith('Unexpected') && message.startsWith('Unexpected') && prev.span.end <= span.start && /^[ \t]*$/.test(text.slice(prev.span.end - base, span.start - base))) {
      prev.span.end = span.end;
      return;
    }
    diagnostics.push({ span, severity: 'error', code: 'DBML001', message });
  };
  let pos = 0;
  while (pos < tokens.length) {
    parser.input = tokens;
    parser.startAt(pos);
    parser.beginBlock();
    try {
      parser.block();
    } catch {
      // a bug, not an input problem: keep what parsed (below) and report nothing more
    }
    // statements completed so far survive even when the block rule gave up
    for (const s of parser.blockItems) if (s) statements.push(s);
    let stopAt = -1;
    for (const e of parser.syntaxErrors) report(e.token, e.message);
    for (const e of parser.errors) {
      const tok = e.token;
      const isEof = tok.tokenType.name === 'EOF' || Number.isNaN(tok.startOffset);
      if (e.name === 'NotAllInputParsedException' && !isEof) {
        stopAt = tokenIndex(tokens, tok, pos);
        report(tok, e.message);
        continue;
      }
      report(tok, e.message);
    }
    if (stopAt < pos) break;
    pos = stopAt + 1;
    if (pos < tokens.length) tokens[pos].nl = true;
  }
  return statements;
}

/**
 * Parses and interprets the block `src[from, to)`, which starts at absolute offset `base` of its file.
 * An error-free block (nearly every block) takes the direct parser, which reads the characters in place;
 * any other takes the token path, which reports and recovers.
 */
function parseBlock(src: string, from: number, to: number, base: number, uri: string, doc?: DocText): BlockParse {
  // the token path's strings are slices of the text it is given: a block of the file's text is given as a copy
  return parseBlockDirect(src, from, to, base, uri, doc) ?? parseBlockByTokens(from === 0 && to === src.length ? src : doc ? keep(src, from, to) : src.slice(from, to), base, uri);
}

/**
 * The direct path alone: undefined when the block has any lexical or syntax error.
 * @internal exported for the test that holds it equal to `parseBlockByTokens`
 */
export function parseBlockDirect(src: string, from: number, to: number, base: number, uri: string, doc?: DocText): BlockParse | undefined {
  const anchor: Anchor = { start: base, text: undefined, doc: undefined };
  // a block that is one simple Ref line: one record for its statement and its declaration
  const ref = compactRefBlock(src, from, to, anchor, doc);
  if (ref) return { anchor, statements: [ref as unknown as Element], comments: NO_ITEMS, diagnostics: NO_ITEMS, decls: [compactRefDecl(ref)], declDiagnostics: NO_ITEMS };
  const direct = directParse(src, from, to, anchor, doc);
  if (!direct) return undefined;
  const interpreted = interpretBlock(direct.statements, uri, anchor);
  return { anchor, statements: direct.statements, comments: direct.comments, diagnostics: NO_ITEMS, decls: interpreted.decls, declDiagnostics: interpreted.diagnostics };
}

/**
 * The token path alone: lexer, then the fast parser or (on any error) the recovering chevrotain parser.
 * @internal exported for the test that holds `parseBlockDirect` equal to it
 */
export function parseBlockByTokens(text: string, base: number, uri: string): BlockParse {
  const anchor: Anchor = { start: base, text: undefined, doc: undefined };
  const { tokens, comments, unexpected } = lex(text);
  const diagnostics: SyntaxDiag[] = [];
  for (const t of tokens) {
    const u = unterminated(t, base);
    if (u) diagnostics.push(u);
  }
  for (const c of comments) {
    if (c.image.startsWith('/*') && !c.image.endsWith('*/')) {
      diagnostics.push({ span: { start: base + c.startOffset, end: base + c.startOffset + c.image.length }, severity: 'error', code: 'DBML001', message: 'Unterminated comment' });
    }
  }
  for (const u of unexpected) {
    const chars = text.slice(u.offset, u.offset + u.length);
    diagnostics.push({ span: { start: base + u.offset, end: base + u.offset + u.length }, severity: 'error', code: 'DBML001', message: `Unexpected character${u.length > 1 ? 's' : ''} '${chars.length > 30 ? chars.slice(0, 30) + '…' : chars}'` });
  }
  // A block without syntax errors takes the fast parser, which builds the same tree;
  // a block it gives up on is parsed by chevrotain, which reports and recovers.
  const statements = fastParse(tokens, anchor) ?? recoveringParse(text, base, tokens, anchor, diagnostics);
  const interpreted = interpretBlock(statements, uri, anchor);
  return {
    anchor,
    statements,
    comments: comments.map((c) => ({
      kind: c.image.startsWith('//') ? 'line' : 'block',
      span: anchored(anchor, base + c.startOffset, base + c.startOffset + c.image.length),
      text: c.image,
    })),
    // anchored, so they move with the block like everything else in it
    diagnostics: diagnostics.map((d) => ({ ...d, span: anchored(anchor, d.span.start, d.span.end) })),
    decls: interpreted.decls,
    declDiagnostics: cutShort(interpreted.diagnostics, diagnostics),
  };
}

/**
 * The validation diagnostics without an endpoint's "must name a column" where a syntax error follows the
 * endpoint at once (`Ref: a.b > users.` while typing): the syntax error already says what is missing.
 */
function cutShort(decl: Diagnostic[], syntax: readonly SyntaxDiag[]): Diagnostic[] {
  if (decl.length === 0 || syntax.length === 0) return decl;
  const out = decl.filter((d) => !(d.code === 'DBML007' && / must name a column/.test(d.message) && syntax.some((s) => s.span.start >= d.span.end && s.span.start <= d.span.end + 2)));
  return out.length === decl.length ? decl : out;
}

// ------------------------------------------------------------ entry

export interface DbmlParseResult {
  file: DbmlFile;
  diagnostics: Diagnostic[];
}

/** The offset after what the splitter reads to decide that a block starts at `i` (see blocks.ts topKeywordAt). */
function decisionEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length && /[A-Za-z0-9_\u0080-\uffff]/.test(text[j])) j++;
  while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++;
  return j + 1;
}

function blockEnd(blocks: readonly BlockParse[], i: number, textLength: number): number {
  return i + 1 < blocks.length ? blocks[i + 1].anchor.start : textLength;
}

/**
 * The blocks of `text`, reusing `prev` (the previous parse of the same file) where the text did not change,
 * and the file's text holder (`prev`'s, now holding `text`).
 *
 * A whole-file parse reads the blocks in place: what the blocks keep of the text are copies (the parsers'
 * `keep`) and the holder, so that after an edit the first version can go (the blocks the edit leaves alone
 * read the current text through the holder, at their moved starts). A block parsed again after an edit is
 * parsed from a copy of its text and keeps that. A block an edit drops gets a copy of its text instead of
 * the holder (whoever still holds it reads the text it was parsed from).
 */
function reparse(text: string, uri: string, prev: FileParse | undefined, change?: TextChange): FileParse {
  if (!prev || prev.blocks.length === 0) {
    const doc: DocText = { text };
    const { starts } = splitBlocksFrom(text, 0);
    const out: BlockParse[] = new Array(starts.length);
    for (let i = 0; i < starts.length; i++) {
      const start = starts[i];
      out[i] = parseBlock(text, start, i + 1 < starts.length ? starts[i + 1] : text.length, start, uri, doc);
    }
    return { blocks: out, doc };
  }
  const prevText = prev.doc.text;
  if (prevText === text) return prev;
  const old = prev.blocks;
  const { start: p, newEnd: newChangeEnd } = change ?? diffTexts(prevText, text);
  const delta = text.length - prevText.length;
  // re-split from the last block that starts before the edit (the edit may extend it)
  let k = 0;
  {
    let lo = 0;
    let hi = old.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (old[mid].anchor.start < p) {
        k = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
  }
  // a block start is decided by looking at the keyword and the character after it: when that
  // look reaches into the edit, the start itself may be gone, so re-split from the block before
  while (k > 0 && decisionEnd(prevText, old[k].anchor.start) >= p) k--;
  const from = k === 0 ? 0 : old[k].anchor.start;
  // the first old block after the edit whose start the new split also produces (shifted) is where the
  // splits agree again: from a block start on, splitting depends only on the text that follows
  let j = k + 1;
  const { starts, stopped: synced } = splitBlocksFrom(text, from, (ns) => {
    if (ns < newChangeEnd) return false;
    while (j < old.length && old[j].anchor.start + delta < ns) j++;
    return j < old.length && old[j].anchor.start + delta === ns;
  });
  const out: BlockParse[] = old.slice(0, k);
  const newStarts = synced ? starts.slice(0, -1) : starts;
  const end = synced ? starts[starts.length - 1] : text.length;
  // old blocks in the re-split window, by text, for blocks that only moved
  const pool = new Map<string, BlockParse[]>();
  for (let i = k; i < (synced ? j : old.length); i++) {
    const b = old[i];
    const t = prevText.slice(b.anchor.start, blockEnd(old, i, prevText.length));
    const l = pool.get(t);
    if (l) l.push(b);
    else pool.set(t, [b]);
  }
  for (let i = 0; i < newStarts.length; i++) {
    const bs = newStarts[i];
    const be = i + 1 < newStarts.length ? newStarts[i + 1] : end;
    // a copy, not a V8 sliced string: the block's tree must not keep the whole version's text alive
    const t = keep(text, bs, be);
    const reuse = pool.get(t)?.shift();
    if (reuse) {
      reuse.anchor.start = bs;
      out.push(reuse);
    } else out.push(parseBlock(t, 0, t.length, bs, uri));
  }
  // the blocks the edit dropped: their own text in place of the holder's, which is about to change
  for (const [t, dropped] of pool) {
    for (const b of dropped) {
      if (b.anchor.doc === undefined) continue;
      b.anchor.text = keep(t, 0, t.length);
      b.anchor.doc = undefined;
    }
  }
  if (synced) {
    for (let i = j; i < old.length; i++) {
      old[i].anchor.start += delta;
      out.push(old[i]);
    }
  }
  prev.doc.text = text;
  return { blocks: out, doc: prev.doc };
}

/** Parses a DBML document. With a cache, the previous parse of the same file is reused where the text did not change. */
export function parseDbml(text: string, uri: string, cache?: DbmlParseCache, change?: TextChange): DbmlParseResult {
  const parse = reparse(text, uri, cache?.get(uri), change);
  cache?.put(uri, parse);
  return assemble(parse.blocks, uri);
}

/** The file's view over its blocks: all elements, strays, comments, declarations and diagnostics in order. */
function assemble(blocks: readonly BlockParse[], uri: string): DbmlParseResult {
  const elements: Element[] = [];
  const strays: Line[] = [];
  const comments: Comment[] = [];
  const decls: Decl[] = [];
  const diagnostics: Diagnostic[] = [];
  for (let k1 = 0, a1 = blocks; k1 < a1.length; k1++) {
    const block = a1[k1];
    for (let k2 = 0, a2 = block.statements; k2 < a2.length; k2++) {
      const s = a2[k2];
      if (s.type === 'element') elements.push(s);
      else strays.push(s);
    }
    for (let i = 0; i < block.comments.length; i++) comments.push(block.comments[i]);
    for (let i = 0; i < block.decls.length; i++) decls.push(block.decls[i]);
    for (const d of block.diagnostics) diagnostics.push({ ...d, uri, span: { start: d.span.start, end: d.span.end } });
    for (let i = 0; i < block.declDiagnostics.length; i++) diagnostics.push(block.declDiagnostics[i]);
  }
  for (const d of projectDuplicates(decls, uri)) diagnostics.push(d);
  return { file: { syntax: { elements, strays, comments }, decls }, diagnostics };
}
