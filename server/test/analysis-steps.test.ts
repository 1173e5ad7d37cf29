/**
 * The analysis in steps (engine/steps.ts, Workspace.analysisTask): the language
 * server runs it a few steps at a time so that keystrokes and requests are
 * answered while it runs. Run step by step, it gives exactly the analysis
 * computed at once; a change abandons it; `analysis()` finishes it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace, type FileKind } from '../src/engine/workspace.js';
import type { Diagnostic } from '../src/engine/diagnostics.js';
import { generateDbml } from '../../bench/generate.mjs';
import { rules } from '../src/engine/lint/index.js';

const CORPUS = join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus');
const OPTIONS = { analysis: { enabled: true, lint: true } };

/** the comparable content of a file's diagnostics */
function shown(list: Diagnostic[]) {
  return list.map((d) => ({ code: d.code, severity: d.severity, message: d.message, start: d.span.start, end: d.span.end, related: d.related?.map((r) => [r.uri, r.span.start, r.message]), data: JSON.stringify(d.data) }));
}

function inputs(): { uri: string; text: string; kind: FileKind }[] {
  const out: { uri: string; text: string; kind: FileKind }[] = [];
  for (const [dir, kind] of [['dbml', { language: 'dbml' }], ['postgres', { language: 'sql', dialect: 'postgres' }], ['mysql', { language: 'sql', dialect: 'mysql' }], ['prisma', { language: 'prisma' }]] as const) {
    for (const f of readdirSync(join(CORPUS, dir)).sort()) out.push({ uri: `file:///corpus/${dir}/${f}`, text: readFileSync(join(CORPUS, dir, f), 'utf8'), kind });
  }
  out.push({ uri: 'file:///generated/g1000.dbml', text: generateDbml(1000).text, kind: { language: 'dbml' } });
  return out;
}

/** Runs a workspace's analysis task one step per call; returns the number of steps. */
function stepByStep(ws: Workspace): number {
  const task = ws.analysisTask();
  assert.ok(task, 'an analysis to compute');
  let steps = 0;
  for (;;) {
    steps++;
    const state = task.run(() => false);
    if (state === 'done') return steps;
    assert.equal(state, 'more');
  }
}

describe('the analysis in steps', () => {
  const all = inputs();

  test('step by step, every shared schema and a generated one get the analysis computed at once', () => {
    let compared = 0;
    for (const f of all) {
      const once = new Workspace(OPTIONS);
      once.setFile(f.uri, f.text, 1, f.kind);
      const stepped = new Workspace(OPTIONS);
      stepped.setFile(f.uri, f.text, 1, f.kind);
      stepByStep(stepped);
      assert.equal(stepped.analysisTask(), undefined, `${f.uri}: computed, no task left`);
      const a = once.analysis();
      const b = stepped.analysis();
      assert.equal(b.findings, a.findings, f.uri);
      assert.equal(b.inferred.length, a.inferred.length, f.uri);
      assert.deepEqual(shown(stepped.diagnostics(f.uri)), shown(once.diagnostics(f.uri)), f.uri);
      compared += a.findings + a.inferred.length;
    }
    assert.ok(compared > 1000, `${compared} findings and inferred relationships compared`);
  });

  test('the work is cut into steps within inference, not only per lint rule: more tables, more steps', () => {
    const count = (tables: number) => {
      const ws = new Workspace(OPTIONS);
      ws.setFile('file:///g.dbml', generateDbml(tables).text);
      ws.binding();
      return stepByStep(ws);
    };
    const small = count(100);
    const large = count(2000);
    // 49 rules are a step each at any size; inference takes a step per 250 tables (index, copies, sources)
    assert.ok(small >= 45, `${small} steps at 100 tables`);
    assert.ok(large >= small + 20, `${large} steps at 2,000 tables against ${small} at 100`);
  });

  test('a change abandons a task half done; the next analysis is of the new text', () => {
    const uri = 'file:///s.dbml';
    const text = generateDbml(200).text;
    const ws = new Workspace(OPTIONS);
    ws.setFile(uri, text, 1);
    const task = ws.analysisTask()!;
    assert.equal(task.run(() => false), 'more');
    assert.equal(task.run(() => false), 'more');
    // a table with no primary key (KEY001) appears
    const changed = `${text}\nTable keyless_log {\n  message text\n}\n`;
    ws.setFile(uri, changed, 2);
    assert.equal(task.run(() => true), 'stale', 'the old task does not go on');
    const next = ws.analysisTask()!;
    assert.notEqual(next, undefined);
    assert.equal(next.run(() => true), 'done', 'runs to the end while more() says so');
    const key001 = ws.diagnostics(uri).filter((d) => d.code === 'KEY001');
    assert.ok(key001.some((d) => changed.slice(d.span.start, d.span.end) === 'keyless_log'), JSON.stringify(key001.slice(0, 3)));
  });

  test('analysis() finishes a task half done, and the task then reports done', () => {
    const uri = 'file:///s.dbml';
    const text = generateDbml(200).text;
    const fresh = new Workspace(OPTIONS);
    fresh.setFile(uri, text, 1);
    const ws = new Workspace(OPTIONS);
    ws.setFile(uri, text, 1);
    const task = ws.analysisTask()!;
    for (let i = 0; i < 5; i++) assert.equal(task.run(() => false), 'more');
    const a = ws.analysis();
    assert.equal(task.run(() => true), 'done');
    assert.equal(ws.analysis(), a, 'computed once');
    assert.deepEqual(shown(ws.diagnostics(uri)), shown(fresh.diagnostics(uri)));
  });

  test('new analysis options abandon the task; the next analysis follows them', () => {
    const uri = 'file:///s.dbml';
    const ws = new Workspace(OPTIONS);
    ws.setFile(uri, generateDbml(100).text, 1);
    const task = ws.analysisTask()!;
    assert.equal(task.run(() => false), 'more');
    ws.setAnalysisOptions({ enabled: true, lint: true, severity: { KEY003: 'off', PII009: 'error' } });
    assert.equal(task.run(() => true), 'stale');
    const codes = new Set(ws.diagnostics(uri).map((d) => d.code));
    assert.ok(!codes.has('KEY003'), 'KEY003 is off');
    assert.ok(ws.diagnostics(uri).some((d) => d.code === 'PII009' && d.severity === 'error'), 'PII009 is an error');
  });

  test('a step that throws ends its task: the error reaches the caller, and the next analysis starts afresh', () => {
    const uri = 'file:///s.dbml';
    const ws = new Workspace(OPTIONS);
    ws.setFile(uri, 'Table keyless {\n  message text\n}\n', 1);
    const rule = rules.find((r) => r.code === 'KEY001')!;
    const check = rule.check;
    (rule as { check: typeof check }).check = () => {
      throw new Error('a rule failed');
    };
    try {
      const task = ws.analysisTask()!;
      assert.throws(() => task.run(() => true), /a rule failed/);
      assert.throws(() => ws.analysis(), /a rule failed/, 'analysis() starts again and meets the same error');
    } finally {
      (rule as { check: typeof check }).check = check;
    }
    const next = ws.analysisTask()!;
    assert.equal(next.run(() => true), 'done');
    assert.ok(ws.diagnostics(uri).some((d) => d.code === 'KEY001'), JSON.stringify(ws.diagnostics(uri)));
  });
});
