/**
 * Folding ranges: every multi-line block (element bodies at any depth:
 * tables, indexes, checks, records, notes...), multi-line setting lists,
 * multi-line strings, multi-line block comments and runs of line comments on
 * consecutive lines (kind `comment`).
 *
 * Offsets, not lines: `start` lies on the first line to fold and `end` on the
 * last one, so the protocol edge takes `position(start).line` and
 * `position(end).line` as they are. For a body the last folded line is the
 * one before its closing brace when the brace starts its line, so the `}`
 * stays visible (as VS Code's own folding does). Reads the generic tree and
 * the comments only; never the binding.
 */
import type { Workspace } from '../workspace.js';
import type { LineIndex } from '../text/line-index.js';
import type { Element, Expr, Line, SettingList } from '../syntax/dbml/ast.js';
import type { FoldingRange } from './types.js';
import { foreignFolding, isForeign } from './foreign.js';
import { isCompactColumn, isCompactIndexes, isCompactRef } from '../syntax/dbml/nodes.js';

/** Does `text[start, end)` hold a line break? */
function spansLines(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
  }
  return false;
}

export function foldingRanges(ws: Workspace, uri: string): FoldingRange[] {
  const file = ws.getFile(uri);
  if (!file) return [];
  if (isForeign(file)) return foreignFolding(file);
  const { text, lineIndex } = file;
  const out: FoldingRange[] = [];
  const lineOf = (offset: number) => lineIndex.position(offset).line;
  const add = (start: number, end: number, kind?: FoldingRange['kind']) => {
    if (end > start && lineOf(end) > lineOf(start)) out.push(kind ? { start, end, kind } : { start, end });
  };

  const visitExpr = (e: Expr | undefined): void => {
    if (!e) return;
    switch (e.kind) {
      case 'string':
        if (e.multiline || /[\r\n]/.test(text.slice(e.span.start, e.span.end))) add(e.span.start, e.span.end);
        break;
      case 'tuple':
        e.items.forEach(visitExpr);
        break;
      case 'call':
        e.args.forEach(visitExpr);
        break;
      case 'relation':
        visitExpr(e.left);
        visitExpr(e.right);
        break;
      case 'unary':
        visitExpr(e.operand);
        break;
      default:
        break;
    }
  };
  const visitSettings = (s: SettingList | undefined): void => {
    if (!s) return;
    add(s.span.start, closingFoldEnd(text, lineIndex, s.span.end - 1, s.span.start));
    for (const it of s.items) visitExpr(it.value);
  };
  const visitLine = (l: Line | undefined): void => {
    if (!l) return;
    // a compact column line folds only when it spans lines (a multi-line note): only then are its nodes made
    if (isCompactColumn(l) && !spansLines(text, l.start, l.end)) return;
    l.parts.forEach(visitExpr);
    visitSettings(l.settings);
  };
  const visitElement = (el: Element): void => {
    // a compact Ref is one line: nothing folds (its nodes are not made)
    if (isCompactRef(el)) return;
    // a compact indexes block folds its body; its lines are one line each
    if (isCompactIndexes(el)) {
      const a = el.anchorOfSpan.start;
      add(a + el.openOfSpan, closingFoldEnd(text, lineIndex, a + el.closeOfSpan, a + el.openOfSpan));
      return;
    }
    visitSettings(el.settings);
    visitLine(el.value);
    const body = el.body;
    if (body) {
      const closeAt = body.closeSpan ? body.closeSpan.start : body.span.end;
      // fold from the line holding `{` (the header may span several lines)
      add(body.openSpan.start, body.closeSpan ? closingFoldEnd(text, lineIndex, closeAt, body.openSpan.start) : closeAt);
      for (const item of body.items) {
        if (item.type === 'element') visitElement(item);
        else visitLine(item);
      }
    }
  };
  for (const el of file.dbml.syntax.elements) visitElement(el);
  for (const l of file.dbml.syntax.strays) visitLine(l);

  // comments: multi-line block comments, and runs of own-line line comments
  const comments = [...file.dbml.syntax.comments].sort((a, b) => a.span.start - b.span.start);
  let runStart = -1;
  let runEnd = -1;
  let runLine = -1;
  const flush = () => {
    if (runStart >= 0) add(runStart, runEnd, 'comment');
    runStart = -1;
  };
  for (const c of comments) {
    if (c.kind === 'block') {
      flush();
      add(c.span.start, c.span.end, 'comment');
      continue;
    }
    const line = lineOf(c.span.start);
    const ownLine = text.slice(lineIndex.lineStarts[line], c.span.start).trim() === '';
    if (!ownLine) {
      flush();
      continue;
    }
    if (runStart >= 0 && line === runLine + 1) {
      runEnd = c.span.end;
      runLine = line;
    } else {
      flush();
      runStart = c.span.start;
      runEnd = c.span.end;
      runLine = line;
    }
  }
  flush();

  out.sort((a, b) => a.start - b.start || b.end - a.end);
  // one fold per pair of lines (a setting list and the string inside it often share both)
  const seen = new Set<string>();
  return out.filter((r) => {
    const key = `${lineOf(r.start)}:${lineOf(r.end)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The end of a fold closed by the bracket at `closeAt`: the end of the
 * previous line when the bracket starts its line (so it stays visible), else
 * the bracket itself.
 */
function closingFoldEnd(text: string, lineIndex: LineIndex, closeAt: number, openAt: number): number {
  const line = lineIndex.position(closeAt).line;
  const lineStart = lineIndex.lineStarts[line];
  if (line > 0 && text.slice(lineStart, closeAt).trim() === '' && lineIndex.position(openAt).line < line) {
    return lineIndex.lineEnd(line - 1);
  }
  return closeAt;
}
