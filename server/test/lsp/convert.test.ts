/**
 * The protocol edge's conversions (lsp/convert.ts) on hand-made engine
 * results: UTF-16 positions, semantic token delta encoding with multi-line
 * splitting, folding lines, selection chains, diagnostics round trip.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../src/engine/workspace.js';
import {
  fromLspDiagnostic,
  fromLspPosition,
  toLspDiagnostic,
  toLspFoldingRanges,
  toLspRange,
  toLspSelectionRanges,
  toLspSemanticTokens,
  semanticTokensLegend,
} from '../../src/lsp/convert.js';
import type { SelectionRange } from 'vscode-languageserver';

function ws(text: string, uri = 'file:///a.dbml'): Workspace {
  const w = new Workspace();
  w.setFile(uri, text);
  return w;
}

describe('lsp/convert', () => {
  test('positions count UTF-16 code units and all line breaks', () => {
    const text = 'a\u{1F600}b\r\nxy\rz\n';
    const w = ws(text);
    assert.deepEqual(toLspRange(w, 'file:///a.dbml', { start: 3, end: 4 }), { start: { line: 0, character: 3 }, end: { line: 0, character: 4 } });
    assert.equal(fromLspPosition(w, 'file:///a.dbml', { line: 1, character: 1 }), 7);
    assert.equal(fromLspPosition(w, 'file:///a.dbml', { line: 2, character: 0 }), 9);
    // past the end of a line clamps to the line end
    assert.equal(fromLspPosition(w, 'file:///a.dbml', { line: 0, character: 99 }), 4);
  });

  test('semantic tokens: relative encoding, multi-line tokens split per line, overlaps dropped', () => {
    const text = "Table t {\n  note: '''one\ntwo'''\n}\n";
    const w = ws(text);
    const s = text.indexOf("'''");
    const data = toLspSemanticTokens(w, 'file:///a.dbml', [
      { span: { start: 6, end: 7 }, type: 'class', modifiers: ['declaration'] },
      { span: { start: 0, end: 5 }, type: 'keyword', modifiers: [] },
      { span: { start: 1, end: 3 }, type: 'keyword', modifiers: [] },
      { span: { start: s, end: text.indexOf("'''", s + 3) + 3 }, type: 'string', modifiers: [] },
    ]).data;
    const kw = semanticTokensLegend.tokenTypes.indexOf('keyword');
    const cls = semanticTokensLegend.tokenTypes.indexOf('class');
    const str = semanticTokensLegend.tokenTypes.indexOf('string');
    assert.deepEqual(data, [
      0, 0, 5, kw, 0,
      0, 6, 1, cls, 1,
      1, 8, 6, str, 0,
      1, 0, 6, str, 0,
    ]);
  });

  test('folding: offsets to lines; a closing brace line stays visible; one-line folds dropped', () => {
    const text = 'Table t {\n  id int\n  x int\n}\n// a\n// b\nTable u { id int }\n';
    const w = ws(text);
    const ranges = toLspFoldingRanges(w, 'file:///a.dbml', [
      { start: 8, end: text.indexOf('}') + 1 },
      { start: text.indexOf('// a'), end: text.indexOf('// b') + 4, kind: 'comment' },
      { start: text.indexOf('Table u'), end: text.length - 1 },
    ]);
    assert.deepEqual(ranges, [
      { startLine: 0, endLine: 2 },
      { startLine: 4, endLine: 5, kind: 'comment' },
    ]);
  });

  test('selection ranges: innermost first, parents contain children, empty chain gives the position', () => {
    const text = 'Table t { id int }';
    const w = ws(text);
    const [chain, empty] = toLspSelectionRanges(w, 'file:///a.dbml', [10, 3], [
      [{ start: 10, end: 12 }, { start: 10, end: 12 }, { start: 0, end: 2 }, { start: 8, end: 18 }, { start: 0, end: 18 }],
      [],
    ]);
    const ranges: [number, number][] = [];
    for (let r: SelectionRange | undefined = chain; r; r = r.parent) ranges.push([r.range.start.character, r.range.end.character]);
    assert.deepEqual(ranges, [[10, 12], [8, 18], [0, 18]]);
    assert.deepEqual(empty, { range: { start: { line: 0, character: 3 }, end: { line: 0, character: 3 } } });
  });

  test('diagnostics survive the round trip through a codeAction request', () => {
    const w = ws('Ref: a.b > usr.id\n');
    const d = { uri: 'file:///a.dbml', span: { start: 11, end: 14 }, severity: 'error' as const, code: 'BIND002', message: 'Unknown table usr', data: { suggestions: ['users'] }, tags: ['unnecessary' as const] };
    const l = toLspDiagnostic(w, d);
    assert.equal(l.source, 'schemasage');
    assert.equal(l.severity, 1);
    assert.deepEqual(l.tags, [1]);
    const back = fromLspDiagnostic(w, 'file:///a.dbml', JSON.parse(JSON.stringify(l)));
    assert.deepEqual(back, { uri: d.uri, span: d.span, severity: 'error', code: 'BIND002', message: d.message, data: { suggestions: ['users'] } });
    assert.equal(fromLspDiagnostic(w, 'file:///a.dbml', { ...l, source: 'other' }), undefined);
  });
});
