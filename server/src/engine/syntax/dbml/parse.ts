/**
 * DBML front end entry: text -> blocks -> (cached) generic tree per block ->
 * typed declarations, with syntax and validation diagnostics. Never throws.
 *
 * Incremental by shape: the text is split into top-level blocks; a block whose
 * text equals a block of the previous parse of the same file reuses that
 * parse, its spans shifted in place when the block moved.
 */
import type { Diagnostic } from '../../diagnostics.js';
import type { Body, Comment, DbmlFile, Element, Expr, Ident, Line, QName, SettingList } from './ast.js';
import { splitBlocks } from './blocks.js';
import type { IToken } from 'chevrotain';
import { lex, type DbmlToken } from './lexer.js';
import { getParser, type Statement } from './parser.js';
import { interpret } from './interpret.js';
import type { Span } from '../../text/span.js';

/** A syntax diagnostic before it is attached to a file. */
type SyntaxDiag = Omit<Diagnostic, 'uri'>;

interface BlockParse {
  /** absolute start offset the spans currently use */
  start: number;
  statements: Statement[];
  comments: Comment[];
  diagnostics: SyntaxDiag[];
}

/** Reusable per-file block parses, keyed by the block's text. */
export class DbmlParseCache {
  private readonly byUri = new Map<string, Map<string, BlockParse[]>>();

  /** @internal */
  take(uri: string): Map<string, BlockParse[]> {
    return this.byUri.get(uri) ?? new Map();
  }

  /** @internal */
  put(uri: string, blocks: Map<string, BlockParse[]>): void {
    this.byUri.set(uri, blocks);
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }
}

function unterminated(t: DbmlToken, base: number): SyntaxDiag | undefined {
  const img = t.image;
  const name = t.tokenType.name;
  const span = { start: base + t.startOffset, end: base + t.startOffset + img.length };
  const bad =
    (name === 'SingleString' && (img.length < 2 || !img.endsWith("'") || /(^|[^\\])(\\\\)*\\'$/.test(img))) ||
    (name === 'TripleString' && (img.length < 6 || !img.endsWith("'''"))) ||
    (name === 'QuotedIdent' && (img.length < 2 || !img.endsWith('"'))) ||
    (name === 'Backtick' && (img.length < 2 || !img.endsWith('`')));
  if (!bad) return undefined;
  const what = name === 'QuotedIdent' ? 'quoted name' : name === 'Backtick' ? 'expression' : 'string';
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

/** Parses one block's text at absolute offset `base`. */
function parseBlock(text: string, base: number): BlockParse {
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
  const parser = getParser();
  parser.base = base;
  const statements: Statement[] = [];
  for (const u of unexpected) {
    const chars = text.slice(u.offset, u.offset + u.length);
    diagnostics.push({ span: { start: base + u.offset, end: base + u.offset + u.length }, severity: 'error', code: 'DBML001', message: `Unexpected character${u.length > 1 ? 's' : ''} '${chars.length > 30 ? chars.slice(0, 30) + '…' : chars}'` });
  }
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
  // Parse; when the grammar cannot place a token, report it, skip it and parse
  // on from the next one. Each restart is O(1) (same token array, new position).
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
  return {
    start: base,
    statements,
    comments: comments.map((c) => ({
      kind: c.image.startsWith('//') ? 'line' : 'block',
      span: { start: base + c.startOffset, end: base + c.startOffset + c.image.length },
      text: c.image,
    })),
    diagnostics,
  };
}

// ------------------------------------------------------------ span shifting

function sh(s: Span | undefined, d: number): void {
  if (s) {
    s.start += d;
    s.end += d;
  }
}
function shIdent(i: Ident | undefined, d: number): void {
  if (i) sh(i.span, d);
}
function shQName(q: QName | undefined, d: number): void {
  if (!q) return;
  sh(q.span, d);
  for (const p of q.parts) shIdent(p, d);
  if (q.tuple) for (const p of q.tuple) shIdent(p, d);
}
function shExpr(e: Expr | undefined, d: number): void {
  if (!e) return;
  sh(e.span, d);
  switch (e.kind) {
    case 'qname':
      shQName(e.name, d);
      break;
    case 'call':
      shQName(e.callee, d);
      for (const a of e.args) shExpr(a, d);
      break;
    case 'relation':
      sh(e.opSpan, d);
      shExpr(e.left, d);
      shExpr(e.right, d);
      break;
    case 'tuple':
      for (const a of e.items) shExpr(a, d);
      break;
    case 'partial':
      shIdent(e.name, d);
      break;
    case 'unary':
      shExpr(e.operand, d);
      break;
    default:
      break;
  }
}
function shSettings(s: SettingList | undefined, d: number): void {
  if (!s) return;
  sh(s.span, d);
  for (const it of s.items) {
    sh(it.nameSpan, d);
    sh(it.span, d);
    shExpr(it.value, d);
  }
}
function shLine(l: Line | undefined, d: number): void {
  if (!l) return;
  sh(l.span, d);
  for (const p of l.parts) shExpr(p, d);
  shSettings(l.settings, d);
}
function shBody(b: Body | undefined, d: number): void {
  if (!b) return;
  sh(b.span, d);
  sh(b.openSpan, d);
  sh(b.closeSpan, d);
  for (const it of b.items) shStatement(it, d);
}
function shStatement(s: Statement, d: number): void {
  if (s.type === 'line') return shLine(s, d);
  const el: Element = s;
  sh(el.span, d);
  shIdent(el.keyword, d);
  shQName(el.name, d);
  if (el.nameArgs) for (const a of el.nameArgs) shIdent(a, d);
  shIdent(el.alias, d);
  shSettings(el.settings, d);
  shBody(el.body, d);
  shLine(el.value, d);
  if (el.extra) for (const x of el.extra) shExpr(x, d);
}

function shiftBlock(b: BlockParse, newStart: number): void {
  const d = newStart - b.start;
  if (d === 0) return;
  for (const s of b.statements) shStatement(s, d);
  for (const c of b.comments) sh(c.span, d);
  for (const x of b.diagnostics) sh(x.span, d);
  b.start = newStart;
}

// ------------------------------------------------------------ entry

export interface DbmlParseResult {
  file: DbmlFile;
  diagnostics: Diagnostic[];
}

/** Parses a DBML document. With a cache, unchanged blocks are reused. */
export function parseDbml(text: string, uri: string, cache?: DbmlParseCache): DbmlParseResult {
  const previous = cache ? cache.take(uri) : new Map<string, BlockParse[]>();
  const next = new Map<string, BlockParse[]>();
  const elements: Element[] = [];
  const strays: Line[] = [];
  const comments: Comment[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const slice of splitBlocks(text)) {
    const blockText = text.slice(slice.start, slice.end);
    const pool = previous.get(blockText);
    let block = pool && pool.length ? pool.pop()! : undefined;
    if (block) shiftBlock(block, slice.start);
    else block = parseBlock(blockText, slice.start);
    const list = next.get(blockText);
    if (list) list.push(block);
    else next.set(blockText, [block]);
    for (const s of block.statements) {
      if (s.type === 'element') elements.push(s);
      else strays.push(s);
    }
    for (const c of block.comments) comments.push(c);
    for (const d of block.diagnostics) diagnostics.push({ ...d, uri, span: { start: d.span.start, end: d.span.end } });
  }
  cache?.put(uri, next);
  const syntax = { elements, strays, comments };
  const interpreted = interpret(syntax, uri);
  for (const d of interpreted.diagnostics) diagnostics.push(d);
  return { file: { syntax, decls: interpreted.decls }, diagnostics };
}
