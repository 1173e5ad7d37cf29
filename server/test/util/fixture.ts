/**
 * Inline fixtures for data-driven engine tests (rust-analyzer style).
 *
 *   const f = fixture(`
 *   --- a.dbml
 *   Table users { id int [pk] }
 *   --- b.dbml
 *   Ref: posts.user_id > [|us|ers|].id
 *   `);
 *
 * Markers: `|` is the cursor (at most one per fixture), `[|` and `|]` delimit
 * ranges (any number, in order). `--- name` lines start a new file; without
 * them the fixture is one file `main.dbml`. Markers are removed from the text.
 * Common leading indentation is stripped.
 */
import { Workspace } from '../../src/engine/workspace.js';
import type { Span } from '../../src/engine/text/span.js';
import type { TextEdit } from '../../src/engine/ide/types.js';

export interface FixtureFile {
  uri: string;
  text: string;
  ranges: Span[];
}

export interface Fixture {
  ws: Workspace;
  files: FixtureFile[];
  /** file holding the cursor (the first file when there is none) */
  uri: string;
  /** cursor offset, -1 when there is no `|` */
  cursor: number;
  /** every range in every file, in order */
  ranges: { uri: string; span: Span }[];
  file(name: string): FixtureFile;
}

export const URI_PREFIX = 'file:///ws/';

/** Strips a leading newline, trailing indentation and the common indentation. */
export function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').replace(/\n[ \t]*$/, '\n').split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length);
  const min = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(min)).join('\n');
}

/** Strips markers from one file's text. */
export function stripMarkers(raw: string): { text: string; cursor: number; ranges: Span[] } {
  let text = '';
  let cursor = -1;
  const ranges: Span[] = [];
  const open: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (raw.startsWith('[|', i)) {
      open.push(text.length);
      i++;
    } else if (raw.startsWith('|]', i)) {
      const start = open.pop();
      if (start === undefined) throw new Error('fixture: |] without [|');
      ranges.push({ start, end: text.length });
      i++;
    } else if (raw[i] === '|') {
      if (cursor !== -1) throw new Error('fixture: more than one cursor');
      cursor = text.length;
    } else {
      text += raw[i];
    }
  }
  ranges.sort((a, b) => a.start - b.start);
  return { text, cursor, ranges };
}

export function fixture(source: string, ws: Workspace = new Workspace()): Fixture {
  const body = dedent(source);
  const chunks: { name: string; raw: string }[] = [];
  if (/^--- /m.test(body)) {
    for (const part of body.split(/^--- /m).filter((p) => p.length)) {
      const nl = part.indexOf('\n');
      chunks.push({ name: part.slice(0, nl).trim(), raw: part.slice(nl + 1) });
    }
  } else {
    chunks.push({ name: 'main.dbml', raw: body });
  }
  const files: FixtureFile[] = [];
  const ranges: { uri: string; span: Span }[] = [];
  let uri = '';
  let cursor = -1;
  for (const c of chunks) {
    const m = stripMarkers(c.raw);
    const fileUri = URI_PREFIX + c.name;
    files.push({ uri: fileUri, text: m.text, ranges: m.ranges });
    for (const r of m.ranges) ranges.push({ uri: fileUri, span: r });
    if (m.cursor !== -1) {
      uri = fileUri;
      cursor = m.cursor;
    }
    ws.setFile(fileUri, m.text);
  }
  if (!uri) uri = files[0].uri;
  return {
    ws,
    files,
    uri,
    cursor,
    ranges,
    file(name) {
      const f = files.find((x) => x.uri === URI_PREFIX + name);
      if (!f) throw new Error(`fixture has no file ${name}`);
      return f;
    },
  };
}

/** The text of a span in a fixture file, for readable assertions. */
export function slice(f: Fixture, loc: { uri: string; span: Span }): string {
  const file = f.files.find((x) => x.uri === loc.uri);
  return file ? file.text.slice(loc.span.start, loc.span.end) : `<unknown file ${loc.uri}>`;
}

/** Applies engine text edits (non-overlapping, any order) to a text. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}
