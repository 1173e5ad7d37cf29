/**
 * Drives one fuzz document through the whole engine (parse, bind,
 * diagnostics and every IDE feature at several offsets) and checks the
 * invariants every shell relies on: no call throws, every span lies inside its
 * document with start <= end, no call is slow, and formatting is idempotent
 * and refuses documents with syntax errors. Returns findings instead of
 * throwing, so the caller can count, minimise and report them.
 */
import { performance } from 'node:perf_hooks';
import { Workspace } from '../../src/engine/workspace.js';
import { applyEdits } from '../util/fixture.js';
import type { Diagnostic } from '../../src/engine/diagnostics.js';
import type { Span } from '../../src/engine/text/span.js';
import {
  codeActions,
  completion,
  definition,
  documentHighlights,
  documentSymbols,
  foldingRanges,
  format,
  formatDbml,
  hover,
  prepareRename,
  references,
  rename,
  selectionRanges,
  semanticTokens,
  workspaceSymbols,
  type FormatOptions,
  type TextEdit,
} from '../../src/engine/ide/index.js';

export const MAIN_URI = 'file:///fuzz/main.dbml';
export const OTHER_URI = 'file:///fuzz/other.dbml';

/** A call slower than this is a finding (the bound: no call takes over a second). */
export const SLOW_MS = 1000;

export type FindingKind = 'throw' | 'span' | 'slow' | 'format-idempotence' | 'format-syntax' | 'format-mismatch' | 'incremental';

export interface Finding {
  kind: FindingKind;
  /** the engine call, e.g. `hover` */
  fn: string;
  detail: string;
}

export interface CallStats {
  calls: number;
  /** documents with at least one syntax error (DBML001) */
  withSyntaxErrors: number;
  /** documents the formatter changed (then checked for idempotence) */
  formatted: number;
  /** slowest call per function: ms and the document index it happened on */
  slowest: Map<string, { ms: number; doc: number }>;
}

export function newStats(): CallStats {
  return { calls: 0, withSyntaxErrors: 0, formatted: 0, slowest: new Map() };
}

export interface FuzzCase {
  /** the main document (the mutant) */
  text: string;
  /** its uri, which gives the language (default a `.dbml` file); the second file gets the same extension */
  uri?: string;
  /** set first and then replaced by `text`, exercising block reuse on reparse */
  before?: string;
  /** a second workspace file, for cross-file binding */
  other?: string;
  /** cursor offsets in the main document */
  offsets: number[];
  /** new names to rename to */
  newName: string;
  /** a query for workspace symbols */
  query: string;
  options: FormatOptions;
}

const SPACES: FormatOptions = { tabSize: 2, insertSpaces: true };

export { applyEdits };

/**
 * Runs every engine entry point over one case. `docIndex` only labels timing
 * records. Stops early only when the workspace itself cannot be built.
 */
/** The uris of the case being run (set by runCase and runSession). */
const cur = { main: MAIN_URI, other: OTHER_URI };

export function runCase(c: FuzzCase, stats: CallStats, docIndex: number): Finding[] {
  cur.main = c.uri ?? MAIN_URI;
  cur.other = cur.main.replace(/main(\.[a-z]+)$/, 'other$1');
  const findings: Finding[] = [];
  const ws = new Workspace();
  const lengths = new Map<string, number>();
  const call = makeCaller(stats, docIndex, lengths, findings);

  if (c.other !== undefined) {
    lengths.set(cur.other, c.other.length);
    if (!call('setFile', () => ws.setFile(cur.other, c.other!)).ok) return findings;
  }
  if (c.before !== undefined) {
    lengths.set(cur.main, c.before.length);
    if (!call('setFile', () => ws.setFile(cur.main, c.before!, 1)).ok) return findings;
    call('binding', () => void ws.binding());
  }
  lengths.set(cur.main, c.text.length);
  if (!call('setFile', () => ws.setFile(cur.main, c.text, 2)).ok) return findings;
  call('binding', () => void ws.binding());
  const d = call('diagnostics', () => ws.diagnostics(cur.main));
  const diagnostics: Diagnostic[] = d.ok ? d.value : [];
  if (c.other !== undefined) call('diagnostics', () => ws.diagnostics(cur.other));
  if (c.before !== undefined && d.ok) checkIncremental(c, d.value, findings);

  for (const o of c.offsets) {
    call('hover', () => hover(ws, cur.main, o));
    call('definition', () => definition(ws, cur.main, o));
    call('references', () => references(ws, cur.main, o, (o & 1) === 0));
    call('prepareRename', () => prepareRename(ws, cur.main, o));
    call('rename', () => rename(ws, cur.main, o, c.newName));
    call('completion', () => completion(ws, cur.main, o));
    call('documentHighlights', () => documentHighlights(ws, cur.main, o));
  }
  call('selectionRanges', () => selectionRanges(ws, cur.main, c.offsets));
  call('documentSymbols', () => documentSymbols(ws, cur.main));
  call('workspaceSymbols', () => workspaceSymbols(ws, c.query));
  call('workspaceSymbols', () => workspaceSymbols(ws, ''));
  call('foldingRanges', () => foldingRanges(ws, cur.main));
  call('semanticTokens', () => semanticTokens(ws, cur.main));

  // code actions: at each diagnostic (a few), at a cursor, over the whole document
  const ranges: Span[] = diagnostics.slice(0, 4).map((x) => x.span);
  if (c.offsets.length) ranges.push({ start: c.offsets[c.offsets.length - 1], end: c.offsets[c.offsets.length - 1] });
  ranges.push({ start: 0, end: c.text.length });
  for (const r of ranges) call('codeActions', () => codeActions(ws, cur.main, r, diagnostics));

  if (diagnostics.some((x) => x.code === 'DBML001')) stats.withSyntaxErrors++;
  if (checkFormat(c, ws, diagnostics, call, findings)) stats.formatted++;
  return findings;
}

/**
 * The diagnostics after an edit (reusing unchanged blocks' parses) must be
 * those of a fresh parse of the new text.
 */
export function checkIncremental(c: FuzzCase, after: Diagnostic[], findings: Finding[]): void {
  const fresh = new Workspace();
  try {
    if (c.other !== undefined) fresh.setFile(cur.other, c.other);
    fresh.setFile(cur.main, c.text);
    const a = JSON.stringify(after.map(brief));
    const b = JSON.stringify(fresh.diagnostics(cur.main).map(brief));
    if (a !== b) findings.push({ kind: 'incremental', fn: 'setFile', detail: `diagnostics after an edit differ from a fresh parse:\n  after edit: ${a.slice(0, 300)}\n  fresh:      ${b.slice(0, 300)}` });
  } catch {
    // a throw here is reported by the main calls on the same text
  }
}

function brief(d: Diagnostic): string {
  return `${d.span.start}-${d.span.end} ${d.severity} ${d.code} ${d.message}`;
}

type Call = <T>(fn: string, body: () => T) => { ok: true; value: T } | { ok: false };

/** Wraps engine calls: catches throws, times each call, checks the spans of its result. */
function makeCaller(stats: CallStats, docIndex: number, lengths: Map<string, number>, findings: Finding[]): Call {
  return <T>(fn: string, body: () => T): { ok: true; value: T } | { ok: false } => {
    stats.calls++;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    let value: T;
    try {
      value = body();
    } catch (e) {
      const err = e instanceof Error ? `${e.name}: ${e.message}\n${(e.stack ?? '').split('\n').slice(1, 6).join('\n')}` : String(e);
      findings.push({ kind: 'throw', fn, detail: err });
      return { ok: false };
    } finally {
      // the smaller of wall and CPU time: a call slow by itself is slow by both; on a loaded machine the wall
      // clock also counts time the process waited for a core, on an idle one CPU time also counts GC threads
      const c = process.cpuUsage(c0);
      const ms = Math.min(performance.now() - t0, (c.user + c.system) / 1000);
      const prev = stats.slowest.get(fn);
      if (!prev || ms > prev.ms) stats.slowest.set(fn, { ms, doc: docIndex });
      if (ms > SLOW_MS) findings.push({ kind: 'slow', fn, detail: `${ms.toFixed(0)} ms` });
    }
    checkSpans(fn, value, cur.main, lengths, findings);
    return { ok: true, value };
  };
}

/** One edit of a typing session: at `at`, delete `del` characters, then type `ins` one keystroke at a time. */
export interface TypedEdit {
  at: number;
  del: number;
  ins: string;
}

/**
 * An editing session as the language server sees it: every keystroke sets
 * the new text on the same workspace (so unchanged blocks are reused), then
 * asks for diagnostics, completion and hover at the cursor, and semantic
 * tokens. At the end the diagnostics must equal a fresh parse's.
 */
export function runSession(initial: string, edits: TypedEdit[], stats: CallStats, docIndex: number): { findings: Finding[]; keystrokes: number; text: string } {
  cur.main = MAIN_URI;
  cur.other = OTHER_URI;
  const findings: Finding[] = [];
  const lengths = new Map<string, number>();
  const call = makeCaller(stats, docIndex, lengths, findings);
  const ws = new Workspace();
  let text = initial;
  let version = 0;
  let keystrokes = 0;
  const set = (cursor: number): boolean => {
    lengths.set(cur.main, text.length);
    if (!call('setFile', () => ws.setFile(cur.main, text, ++version)).ok) return false;
    keystrokes++;
    call('diagnostics', () => ws.diagnostics(cur.main));
    call('completion', () => completion(ws, cur.main, cursor));
    call('hover', () => hover(ws, cur.main, cursor));
    if (keystrokes % 4 === 0) call('semanticTokens', () => semanticTokens(ws, cur.main));
    return true;
  };
  if (!set(0)) return { findings, keystrokes, text };
  for (const e of edits) {
    const at = Math.min(e.at, text.length);
    if (e.del > 0) {
      text = text.slice(0, at) + text.slice(at + e.del);
      if (!set(at)) return { findings, keystrokes, text };
    }
    let cursor = at;
    for (const ch of e.ins) {
      text = text.slice(0, cursor) + ch + text.slice(cursor);
      cursor += ch.length;
      if (!set(cursor)) return { findings, keystrokes, text };
    }
  }
  const d = call('diagnostics', () => ws.diagnostics(cur.main));
  if (d.ok) checkIncremental({ text, offsets: [], newName: 'x', query: '', options: SPACES }, d.value, findings);
  return { findings, keystrokes, text };
}

/** Checks the formatter on the case; true when it changed the document. */
function checkFormat(c: FuzzCase, ws: Workspace, diagnostics: Diagnostic[], call: Call, findings: Finding[]): boolean {
  if (!cur.main.endsWith('.dbml')) {
    // formatting is DBML's only: any other language must get no edits
    const none = call('format', () => format(ws, cur.main, c.options));
    if (none.ok && none.value.length) findings.push({ kind: 'format-mismatch', fn: 'format', detail: `${none.value.length} formatting edit(s) for a file that is not DBML` });
    return false;
  }
  const f = call('format', () => format(ws, cur.main, c.options));
  const direct = call('formatDbml', () => formatDbml(c.text, c.options));
  if (!f.ok || !direct.ok) return false;
  const edits = f.value;
  const syntax = diagnostics.filter((x) => x.code === 'DBML001');
  if (edits.length > 0 && syntax.length > 0) {
    findings.push({ kind: 'format-syntax', fn: 'format', detail: `${edits.length} edit(s) for a document with ${syntax.length} syntax error(s), first: ${syntax[0].message}` });
    return true;
  }
  if (syntax.length > 0 && direct.value !== c.text) {
    findings.push({ kind: 'format-syntax', fn: 'formatDbml', detail: `changed a document with ${syntax.length} syntax error(s), first: ${syntax[0].message}` });
    return true;
  }
  if (edits.length === 0) {
    if (direct.value !== c.text) findings.push({ kind: 'format-mismatch', fn: 'formatDbml', detail: 'format() returned no edits but formatDbml() changed the text' });
    return false;
  }
  const once = applyEdits(c.text, edits);
  if (once !== direct.value) findings.push({ kind: 'format-mismatch', fn: 'format', detail: 'format() edits and formatDbml() disagree' });
  const ws2 = new Workspace();
  const again = call('format', () => {
    ws2.setFile(cur.main, once);
    return format(ws2, cur.main, c.options);
  });
  if (again.ok && again.value.length > 0) {
    const twice = applyEdits(once, again.value);
    findings.push({ kind: 'format-idempotence', fn: 'format', detail: `format(format(x)) != format(x); first difference at ${firstDiff(once, twice)}: ${JSON.stringify(once.slice(firstDiff(once, twice), firstDiff(once, twice) + 40))} -> ${JSON.stringify(twice.slice(firstDiff(once, twice), firstDiff(once, twice) + 40))}` });
  }
  if (c.options.tabSize !== SPACES.tabSize || c.options.insertSpaces !== SPACES.insertSpaces) {
    // the layout depends on the options only through indentation: via another unit and back is the identity
    const other = call('formatDbml', () => formatDbml(once, SPACES));
    if (other.ok) {
      const back = call('formatDbml', () => formatDbml(other.value, c.options));
      if (back.ok && back.value !== once) findings.push({ kind: 'format-idempotence', fn: 'formatDbml', detail: 'formatting with other options and back does not return the same text' });
    }
  }
  return true;
}

function firstDiff(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * Every `{ start, end }` in a result must be integral and lie inside its
 * document; the document is the nearest enclosing `uri` (or a `changes` key).
 */
export function checkSpans(fn: string, value: unknown, uri: string, lengths: Map<string, number>, findings: Finding[]): void {
  const bad: string[] = [];
  const walk = (v: unknown, u: string, path: string, depth: number): void => {
    if (bad.length > 3 || depth > 40 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) walk(v[i], u, `${path}[${i}]`, depth + 1);
      return;
    }
    const o = v as Record<string, unknown>;
    const here = typeof o.uri === 'string' ? o.uri : u;
    if ('start' in o && 'end' in o && (typeof o.start === 'number' || typeof o.end === 'number')) {
      const len = lengths.get(here);
      const { start, end } = o as { start: number; end: number };
      if (len === undefined) bad.push(`${path}: span in unknown document ${here}`);
      else if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > len) bad.push(`${path}: {start: ${start}, end: ${end}} outside [0, ${len}] of ${here}`);
    }
    for (const [k, child] of Object.entries(o)) {
      if (k === 'changes' && child && typeof child === 'object' && !Array.isArray(child)) {
        for (const [cu, edits] of Object.entries(child)) walk(edits, cu, `${path}.changes[${cu}]`, depth + 1);
      } else walk(child, here, `${path}.${k}`, depth + 1);
    }
  };
  walk(value, uri, fn, 0);
  if (bad.length) findings.push({ kind: 'span', fn, detail: bad.join('; ') });
}
