/**
 * A Workspace with `analysis.keepPerFile` keeps of each file's analysis diagnostics only the most
 * severe (what an editor limited to that many per file can show) and counts the rest: the language
 * server's memory at 5,000 tables held 24,000 lint findings for a thousand shown.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../src/engine/workspace.js';
import { mostSevere, severityCounts, severityTotal } from '../src/engine/diagnostics.js';
import { generateDbml } from '../../bench/generate.mjs';

const URI = 'file:///a/schema.dbml';
const key = (d: { code: string; span: { start: number; end: number }; message: string }) => `${d.code}@${d.span.start}-${d.span.end}:${d.message}`;

test('kept: the most severe of the whole list, in its order; the rest counted per severity', () => {
  // lint warnings and infos, with binding errors (unknown tables) among them
  const text = generateDbml(120).text + '\nRef: nope_a.id > nope_b.id\nRef: nope_c.x > nope_d.y\n';
  const all = new Workspace({ analysis: {} });
  all.setFile(URI, text);
  const full = all.diagnostics(URI);
  const counts = severityCounts(full);
  assert.ok(counts.error >= 2 && counts.warning > 50 && counts.info > 50, JSON.stringify(counts));

  for (const max of [1, 2, 40, counts.error + counts.warning + 3, Math.floor(full.length / 2)]) {
    const kept = new Workspace({ analysis: { keepPerFile: max } });
    kept.setFile(URI, text);
    const list = kept.diagnostics(URI);
    // what an editor shows of each list is the same
    assert.deepEqual(mostSevere(list, max).map(key), mostSevere(full, max).map(key), `max ${max}`);
    // and nothing is lost from the counts
    const omitted = kept.omittedDiagnostics(URI);
    assert.ok(omitted, `max ${max}: some were left out`);
    const sum = severityCounts(list, { ...omitted });
    assert.deepEqual(sum, counts, `max ${max}`);
    assert.ok(list.length < full.length);
  }

  // a limit the file fits in keeps everything and counts nothing
  const roomy = new Workspace({ analysis: { keepPerFile: full.length + 10 } });
  roomy.setFile(URI, text);
  assert.deepEqual(roomy.diagnostics(URI).map(key), full.map(key));
  assert.equal(roomy.omittedDiagnostics(URI), undefined);
});

test('the counts follow the analysis the diagnostics come from, also on the keystroke path', () => {
  const text = generateDbml(60).text;
  const ws = new Workspace({ analysis: { keepPerFile: 10 } });
  ws.setFile(URI, text);
  const before = ws.omittedDiagnostics(URI)!;
  const total = severityTotal(before) + ws.diagnostics(URI).length;
  // an edit: the fast path keeps the last analysis's diagnostics and its counts
  ws.setFile(URI, text + '\nTable extra_one {\n  id int [pk]\n  email varchar\n}\n');
  assert.deepEqual(ws.omittedDiagnostics(URI, 'fast'), before);
  // the full pass analyses the new text: the new table's findings are counted too
  const after = ws.omittedDiagnostics(URI)!;
  const totalAfter = severityTotal(after) + ws.diagnostics(URI).length;
  assert.ok(totalAfter > total, `${totalAfter} > ${total}`);
  // and the option off again: everything
  ws.setAnalysisOptions({});
  assert.equal(ws.omittedDiagnostics(URI), undefined);
  assert.equal(ws.diagnostics(URI).length, totalAfter);
});
