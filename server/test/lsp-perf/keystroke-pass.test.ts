/**
 * What the keystroke pass reuses between versions must not change what it
 * answers: `LineIndex.stillAt` agrees with `position`, `Workspace.diagnostics`
 * (analysis diagnostics sorted once, merged with the per-keystroke ones) equals
 * a stable sort of everything, and the server publishes, after random edits,
 * exactly what a fresh conversion gives, and nothing when nothing changed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Connection, PublishDiagnosticsParams } from 'vscode-languageserver';
import { LineIndex } from '../../src/engine/text/line-index.js';
import { diffTexts } from '../../src/engine/text/edit.js';
import type { Diagnostic } from '../../src/engine/diagnostics.js';
import { Workspace } from '../../src/engine/workspace.js';
import { ServerState } from '../../src/lsp/state.js';
import { toLspDiagnostic } from '../../src/lsp/convert.js';
import { generateDbml } from '../../../bench/generate.mjs';

function random(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s % n;
  };
}

const bySpan = (a: Diagnostic, b: Diagnostic): number => a.span.start - b.span.start || a.span.end - b.span.end;

/** Edits a generated schema the way typing does: letters into names, new lines, deleted lines, a broken brace. */
function edit(text: string, rand: (n: number) => number): string {
  const at = rand(text.length + 1);
  switch (rand(6)) {
    case 0:
      return text.slice(0, at) + '\n' + text.slice(at);
    case 1: {
      const end = text.indexOf('\n', at);
      return end < 0 ? text : text.slice(0, at) + text.slice(end + 1);
    }
    case 2:
      return text.slice(0, at) + '}' + text.slice(at);
    default: {
      // a letter at the end of a word: renames a column or table
      const w = text.indexOf(' ', at);
      return w < 0 ? text + 'x' : text.slice(0, w) + 'xyz'[rand(3)] + text.slice(w);
    }
  }
}

test('LineIndex.stillAt(offset, pos) is true exactly when position(offset) is pos', () => {
  const rand = random(99);
  const pieces = ['\n', '\r', '\r\n', 'ab', '\n\n', 'x\ny'];
  let text = 'one\ntwo\r\nthree\rfour\n';
  let index = new LineIndex(text);
  let checked = 0;
  let kept = 0;
  for (let i = 0; i < 400; i++) {
    const old = index;
    const at = rand(text.length + 1);
    const next = text.slice(0, at) + pieces[rand(pieces.length)] + text.slice(at + rand(3));
    index = index.update(next, diffTexts(text, next));
    text = next;
    for (let k = 0; k < 20; k++) {
      const offset = rand(text.length + 3) - 1;
      // positions from the previous version (mostly stale near the edit) and from this one
      const pos = k % 2 ? old.position(offset) : index.position(rand(text.length + 1));
      const expected = JSON.stringify(index.position(offset)) === JSON.stringify(pos);
      assert.equal(index.stillAt(offset, pos), expected, `edit ${i}: offset ${offset} at ${JSON.stringify(pos)}`);
      checked++;
      if (expected) kept++;
    }
  }
  // both answers occur often enough for the check to mean something
  assert.ok(kept > checked / 10 && kept < checked, `${kept} of ${checked} positions still valid`);
});

test('Workspace.diagnostics equals a stable sort of parse, binding and analysis diagnostics, fresh and after edits', () => {
  const rand = random(7);
  const uri = 'file:///w/schema.dbml';
  const other = 'file:///w/more.dbml';
  const ws = new Workspace({ analysis: {} });
  let text = generateDbml(40, { seed: 3 }).text;
  ws.setFile(uri, text, 1);
  ws.setFile(other, 'Table extra {\n  id int [pk]\n  customer_0_id int [ref: > customer_0.id]\n  email varchar\n}\n', 1);
  const full = (u: string): Diagnostic[] => {
    const f = ws.getFile(u)!;
    return [...f.parseDiagnostics, ...(ws.binding().diagnosticsByUri.get(u) ?? []), ...(ws.analysis().diagnosticsByUri.get(u) ?? [])].sort(bySpan);
  };
  for (const u of [uri, other]) assert.deepEqual(ws.diagnostics(u, 'full'), full(u));
  const analysed = ws.analysis().diagnosticsByUri.get(uri)!;
  assert.ok(analysed.length > 50, `lint finds plenty (${analysed.length})`);
  for (let i = 0; i < 60; i++) {
    text = edit(text, rand);
    ws.setFile(uri, text, i + 2);
    // the fast path: this version's parse and binding, the last analysis's findings (their spans moved with the text)
    const f = ws.getFile(uri)!;
    const expected = [...f.parseDiagnostics, ...(ws.binding().diagnosticsByUri.get(uri) ?? []), ...analysed].sort(bySpan);
    const got = ws.diagnostics(uri, 'fast');
    assert.equal(got.length, expected.length, `edit ${i}`);
    got.forEach((d, k) => assert.ok(d === expected[k] || bySpan(d, expected[k]) === 0, `edit ${i}: #${k} out of order`));
    assert.deepEqual(new Set(got), new Set(expected), `edit ${i}: same diagnostics`);
    // the returned list is the caller's
    got.length = 0;
    assert.equal(ws.diagnostics(uri, 'fast').length, expected.length);
  }
  for (const u of [uri, other]) assert.deepEqual(ws.diagnostics(u, 'full'), full(u));
});

/** A ServerState over a connection that records what it would send. */
function server(): { state: ServerState; sent: PublishDiagnosticsParams[]; pass: (opts?: { full?: boolean; touch?: boolean }) => void } {
  const sent: PublishDiagnosticsParams[] = [];
  const connection = {
    console: { log: () => undefined, error: (m: string) => assert.fail(m) },
    sendDiagnostics: (p: PublishDiagnosticsParams) => {
      // what goes over the wire: a serialised copy, so later changes to cached objects would show
      sent.push(JSON.parse(JSON.stringify(p)) as PublishDiagnosticsParams);
      return Promise.resolve();
    },
    sendNotification: () => Promise.resolve(),
  } as unknown as Connection;
  const state = new ServerState(connection);
  const internals = state as unknown as { fullPass: boolean };
  return {
    state,
    sent,
    pass: ({ full = false, touch = true } = {}) => {
      if (touch) state.republish();
      else state.schedule();
      internals.fullPass = full;
      state.flush();
    },
  };
}

test('the server publishes what a fresh conversion gives after random edits, and skips unchanged files', () => {
  const rand = random(11);
  const { state, sent, pass } = server();
  const ws = state.ws;
  const uri = 'file:///w/schema.dbml';
  const other = 'file:///w/more.dbml';
  let text = generateDbml(30, { seed: 5 }).text;
  ws.setFile(uri, text, 1);
  ws.setFile(other, 'Table extra {\n  id int [pk]\n  customer_0_id int [ref: > customer_0.id]\n}\n', 1);
  pass({ full: true });
  const fresh = (u: string, mode: 'full' | 'fast') => ws.diagnostics(u, mode).map((d) => toLspDiagnostic(ws, d));
  const last = (u: string) => sent.filter((p) => p.uri === u).at(-1)!.diagnostics;
  assert.deepEqual(last(uri), JSON.parse(JSON.stringify(fresh(uri, 'full'))));
  assert.ok(last(uri).length > 40);

  for (let i = 0; i < 50; i++) {
    text = edit(text, rand);
    ws.setFile(uri, text, i + 2);
    const full = i % 10 === 9;
    sent.length = 0;
    pass({ full });
    assert.deepEqual(last(uri), JSON.parse(JSON.stringify(fresh(uri, full ? 'full' : 'fast'))), `edit ${i}`);
  }

  // nothing changed: nothing is sent for files not edited
  sent.length = 0;
  pass({ touch: false });
  assert.equal(sent.length, 0, `sent ${sent.map((p) => p.uri).join(", ")}`);
  // an edit elsewhere that changes this file's diagnostics republishes it, untouched
  ws.setFile(uri, 'Table nothing {\n  id int [pk]\n}\n', 99);
  pass({ touch: false });
  const published = sent.find((p) => p.uri === other);
  assert.ok(published, 'the referencing file is republished');
  assert.ok(published.diagnostics.some((d) => /customer_0/.test(String(d.message))), JSON.stringify(published.diagnostics.map((d) => d.message)));
  state.dispose();
});
