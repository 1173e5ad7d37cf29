/**
 * Protocol: diagnostics for open documents and for the workspace on disk,
 * across files, through edits, closes and file-system events.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { messageOf, positionOf, startServer, type ServerHandle } from './harness.ts';
import { generateDbml } from '../../bench/generate.mjs';

const USERS = 'Table users {\n  id int [pk]\n  name varchar\n}\n';
const POSTS = 'Table posts {\n  id int [pk]\n  user_id int\n}\n\nRef: posts.user_id > users.id\n';

describe('protocol: diagnostics', () => {
  let server: ServerHandle;
  before(async () => {
    server = await startServer({
      files: {
        'a.dbml': USERS,
        'b.dbml': POSTS,
        'sub/broken-on-disk.dbml': 'Ref: posts.user_id > missing_table.id\n',
        'node_modules/pkg/ignored.dbml': 'Ref: x.y > nowhere.id\n',
      },
    });
  });
  after(async () => {
    await server?.stop();
  });

  it('reports an unknown table as an error on its name', async () => {
    const text = 'Ref: posts.id > nope.id\n';
    await server.open('c.dbml', text);
    const ds = await server.diagnostics('c.dbml', (d) => d.length > 0);
    const d = ds.find((x) => x.severity === 1);
    assert.ok(d, `no error in ${JSON.stringify(ds)}`);
    assert.equal(d.source, 'schemasage');
    assert.equal(typeof d.code, 'string');
    assert.deepEqual(d.range.start, positionOf(text, 'nope'));
    assert.match(messageOf(d), /nope/);
  });

  it('clears the diagnostic when the edit fixes it', async () => {
    await server.change('c.dbml', [{ range: { start: { line: 0, character: 16 }, end: { line: 0, character: 20 } }, text: 'users' }]);
    const ds = await server.diagnosticsForVersion('c.dbml');
    assert.deepEqual(ds, []);
    await server.close('c.dbml');
  });

  it('publishes diagnostics of files on disk that are not open', async () => {
    const ds = await server.diagnostics('sub/broken-on-disk.dbml', (d) => d.length > 0);
    assert.ok(ds.some((d) => messageOf(d).includes('missing_table')));
  });

  it('skips node_modules', async () => {
    await server.status();
    assert.ok(!server.published.has(server.uri('node_modules/pkg/ignored.dbml')));
  });

  it('an edit in one file updates the diagnostics of another', async () => {
    await server.open('a.dbml', USERS);
    await server.open('b.dbml', POSTS);
    await server.diagnosticsForVersion('b.dbml');
    const broken = server.nextPublication('b.dbml', (d) => d.some((x) => x.severity === 1));
    await server.change('a.dbml', USERS.replace('users', 'people'));
    const p = await broken;
    assert.ok(p.diagnostics.some((d) => messageOf(d).includes('users')));
    const fixed = server.nextPublication('b.dbml', (d) => d.length === 0);
    await server.change('a.dbml', USERS);
    await fixed;
  });

  it('closing a document goes back to its content on disk', async () => {
    const broken = server.nextPublication('b.dbml', (d) => d.length > 0);
    await server.change('a.dbml', '');
    await broken;
    const fixed = server.nextPublication('b.dbml', (d) => d.length === 0);
    await server.close('a.dbml');
    await fixed;
    await server.close('b.dbml');
  });

  it('follows files created, changed and deleted on disk', async () => {
    server.writeFile('d.dbml', 'Table tagged { tag_id int }\nRef: tagged.tag_id > tags.id\n');
    await server.fileEvents([{ name: 'd.dbml', type: 1 }]);
    await server.diagnostics('d.dbml', (d) => d.some((x) => messageOf(x).includes('tags')));
    server.writeFile('tags.dbml', 'Table tags { id int [pk] }\n');
    await server.fileEvents([{ name: 'tags.dbml', type: 1 }]);
    await server.diagnostics('d.dbml', (d) => d.length === 0);
    server.deleteFile('tags.dbml');
    await server.fileEvents([{ name: 'tags.dbml', type: 3 }]);
    await server.diagnostics('d.dbml', (d) => d.some((x) => messageOf(x).includes('tags')));
    server.deleteFile('d.dbml');
    await server.fileEvents([{ name: 'd.dbml', type: 3 }]);
    await server.diagnostics('d.dbml', (d) => d.length === 0);
  });

  it('reports a syntax error at its line and keeps the rest of the file', async () => {
    const text = 'Table ok1 {\n  id int\n}\n\nTable bad {\n  id int [pk\n}\n\nTable ok2 {\n  id int\n}\n';
    await server.open('syntax.dbml', text);
    const ds = await server.diagnostics('syntax.dbml', (d) => d.length > 0);
    const err = ds.find((d) => d.severity === 1);
    assert.ok(err);
    assert.ok(err.range.start.line >= 4 && err.range.start.line <= 6, `error on line ${err.range.start.line}`);
    const symbols = await server.request<{ name: string }[]>('textDocument/documentSymbol', { textDocument: { uri: server.uri('syntax.dbml') } });
    assert.ok(symbols.some((s) => s.name.includes('ok2')), 'the table after the error is lost');
    await server.close('syntax.dbml');
  });

  it('serves untitled documents while open and clears them on close', async () => {
    const uri = await server.open('untitled:Untitled-1', 'Ref: posts.id > ghost.id\n');
    await server.diagnostics(uri, (d) => d.some((x) => messageOf(x).includes('ghost')));
    const cleared = server.nextPublication(uri, (d) => d.length === 0);
    await server.close(uri);
    await cleared;
  });

  it('binds an untitled DBML document on its own: no clash with the workspace, its own names, hover and rename', async () => {
    // a.dbml (on disk) declares users; the sketch declares users and a Project too
    const sketch = "Project sketch {\n  database_type: 'PostgreSQL'\n}\nTable users {\n  id int [pk]\n}\nTable notes {\n  id int [pk]\n  user_id int [ref: > users.id]\n}\n";
    const uri = await server.open('untitled:Untitled-7', sketch);
    const ds = await server.diagnosticsForVersion(uri);
    assert.deepEqual(ds.filter((d) => d.severity === 1).map(messageOf), [], 'the sketch clashes with the workspace');
    // the workspace's own file is not told about the sketch's users either
    const onDisk = await server.diagnostics('a.dbml');
    assert.ok(!onDisk.some((d) => messageOf(d).includes('already')), JSON.stringify(onDisk));
    // the sketch's ref resolves inside the sketch: definition goes to its own users
    const at = positionOf(sketch, 'users.id');
    const defs = await server.request<{ uri: string; range: { start: { line: number } } }[]>('textDocument/definition', { textDocument: { uri }, position: at });
    assert.equal(defs.length, 1);
    assert.equal(defs[0].uri, uri);
    assert.equal(defs[0].range.start.line, 3);
    // a name only the workspace has is unknown in the sketch
    await server.change(uri, sketch + 'Ref: notes.id > posts.id\n');
    const after = await server.diagnosticsForVersion(uri);
    assert.ok(after.some((d) => d.severity === 1 && messageOf(d).includes('posts')), JSON.stringify(after.map(messageOf)));
    // the sketch's tables are not the workspace's: workspace symbols do not list them
    const symbols = await server.request<{ name: string }[]>('workspace/symbol', { query: 'notes' });
    assert.ok(!symbols.some((x) => x.name === 'notes'), JSON.stringify(symbols));
    const users = await server.request<{ name: string; location: { uri: string } }[]>('workspace/symbol', { query: 'users' });
    assert.ok(users.some((x) => x.name === 'users') && users.every((x) => x.location.uri !== uri), JSON.stringify(users));
    const cleared = server.nextPublication(uri, (d) => d.length === 0);
    await server.close(uri);
    await cleared;
  });

  it('follows workspace folders added and removed', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'schemasage-proto-folder-'));
    try {
      writeFileSync(join(folder, 'extra.dbml'), 'Ref: posts.id > phantom.id\n');
      const uri = pathToFileURL(join(folder, 'extra.dbml')).href;
      const folderUri = pathToFileURL(folder).href;
      await server.notify('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: folderUri, name: 'extra' }], removed: [] } });
      await server.diagnostics(uri, (d) => d.some((x) => messageOf(x).includes('phantom')));
      const cleared = server.nextPublication(uri, (d) => d.length === 0);
      await server.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: folderUri, name: 'extra' }] } });
      await cleared;
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('sends the workspace status after each pass', async () => {
    const s = await server.status((x) => x.tables >= 2);
    assert.ok(s.files >= 3);
    assert.equal(typeof s.errors, 'number');
  });
});

describe('protocol: diagnostics debounce', () => {
  it('coalesces a burst of edits into one pass', async () => {
    const server = await startServer({ debounceMs: 200 });
    try {
      await server.open('x.dbml', 'Table t { id int }\n');
      await server.diagnosticsForVersion('x.dbml');
      const before = server.publications.length;
      // sent back to back, well inside the debounce delay
      await Promise.all([0, 1, 2, 3, 4].map((i) => server.change('x.dbml', `Table t${i} { id int }\n`)));
      await server.diagnosticsForVersion('x.dbml');
      assert.equal(server.publications.length - before, 1);
    } finally {
      await server.stop();
    }
  });
});

describe('protocol: diagnostics per file are capped, the most severe first', () => {
  it('keeps every error when warnings come first in the file, and says how many were left out', async () => {
    const server = await startServer({ initializationOptions: { diagnostics: { debounceMs: 0, maxPerFile: 5 } } });
    try {
      const cols = [1, 2, 3, 4, 5, 6].map((i) => `  w${i} varchar`).join('\n');
      const warnings = [1, 2, 3, 4, 5, 6].map((i) => `Ref: a.w${i} > b.id`).join('\n');
      const errors = [1, 2, 3].map((i) => `Ref: a.id > nope${i}.id`).join('\n');
      const text = `Table b {\n  id int [pk]\n}\nTable a {\n  id int [pk]\n${cols}\n}\n${warnings}\n${errors}\n`;
      await server.open('cap.dbml', text);
      const ds = await server.diagnosticsForVersion('cap.dbml');
      assert.equal(ds.length, 6, JSON.stringify(ds.map((d) => [d.code, d.severity])));
      const errs = ds.filter((d) => d.severity === 1);
      assert.deepEqual(errs.map((d) => messageOf(d).match(/nope\d/)?.[0]), ['nope1', 'nope2', 'nope3']);
      const notice = ds.find((d) => d.code === 'LIMIT');
      assert.ok(notice, 'no LIMIT notice');
      assert.deepEqual(notice.range.start, { line: 0, character: 0 });
      assert.match(messageOf(notice), /^5 of \d+ problems are shown/);
      // the two warnings kept are the first two in the file
      const warns = ds.filter((d) => d.severity === 2);
      assert.equal(warns.length, 2);
      assert.ok(warns.every((d) => d.range.start.line >= 12 && d.range.start.line <= 13), JSON.stringify(warns.map((d) => d.range)));
      // 0: everything
      await server.notify('workspace/didChangeConfiguration', { settings: { schemasage: { diagnostics: { debounceMs: 0, maxPerFile: 0 } } } });
      const all = await server.diagnostics('cap.dbml', (d) => !d.some((x) => x.code === 'LIMIT'));
      assert.ok(all.length >= 9, `${all.length}`);
      assert.equal(all.filter((d) => d.severity === 1).length, 3);
    } finally {
      await server.stop();
    }
  });
});

describe('protocol: lint findings beyond the per-file limit are counted, not kept', () => {
  it('shows what an unlimited server would show first, with the same totals in the notice and the status', async () => {
    const text = generateDbml(60).text;
    const limited = await startServer({ initializationOptions: { diagnostics: { debounceMs: 0, analysisDelayMs: 0, maxPerFile: 30 } } });
    const unlimited = await startServer({ initializationOptions: { diagnostics: { debounceMs: 0, analysisDelayMs: 0, maxPerFile: 0 } } });
    try {
      const isLint = (d: { code?: unknown }) => /^(PII|KEY|TYPE|IDX|DES)\d/.test(String(d.code));
      await unlimited.open('lint.dbml', text);
      const all = await unlimited.diagnostics('lint.dbml', (ds) => ds.some(isLint));
      assert.ok(all.length > 100, `${all.length} problems`);
      await limited.open('lint.dbml', text);
      const shown = await limited.diagnostics('lint.dbml', (ds) => ds.some((d) => d.code === 'LIMIT' && messageOf(d).startsWith(`30 of ${all.length} problems`)));
      const rank = (d: { severity?: number }) => d.severity ?? 1;
      // the unlimited list's 30 most severe, in order (the server's selection, done here on the LSP side)
      const expected: typeof all = [];
      const sorted = [...all].sort((a, b) => rank(a) - rank(b));
      const cut = rank(sorted[29]);
      let room = 30 - sorted.filter((d) => rank(d) < cut).length;
      for (const d of all) if (rank(d) < cut || (rank(d) === cut && room-- > 0)) expected.push(d);
      const key = (d: (typeof all)[number]) => JSON.stringify([d.code, d.range, messageOf(d)]);
      assert.deepEqual(shown.filter((d) => d.code !== 'LIMIT').map(key), expected.map(key));
      assert.match(messageOf(shown.find((d) => d.code === 'LIMIT')!), new RegExp(`^30 of ${all.length} problems are shown, the most severe first; ${all.length - 30} more`));
      // the status counts every problem, kept or not
      const count = (sev: number) => all.filter((d) => d.severity === sev).length;
      await limited.status((s) => s.warnings === count(2) && s.errors === count(1));
    } finally {
      await limited.stop();
      await unlimited.stop();
    }
  });
});

describe('protocol: incremental edits reach the engine with their change, and give what a fresh open gives', () => {
  it('random single and burst edits (inserts, deletes, line breaks) end in the same diagnostics and symbols as opening the final text', async () => {
    const edited = await startServer();
    const fresh = await startServer();
    try {
      let text = 'Table users {\n  id int [pk]\n  name varchar\n}\n\nTable posts {\n  id int [pk]\n  user_id int [ref: > users.id]\n}\n\nRef: posts.id - users.id\n';
      await edited.open('s.dbml', text);
      await edited.diagnosticsForVersion('s.dbml');
      let seed = 7;
      const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
      const pieces = ['x', ' ', '\n', 'Table t {\n  id int\n}\n', ']', '[pk]', 'users', '.', '>', '', 'ref: > posts.id'];
      const posOf = (t: string, offset: number) => {
        const before = t.slice(0, offset);
        const line = before.split('\n').length - 1;
        return { line, character: offset - (before.lastIndexOf('\n') + 1) };
      };
      for (let i = 0; i < 60; i++) {
        const burst = rnd(4) === 0 ? 3 : 1;
        const sends: Promise<number>[] = [];
        for (let k = 0; k < burst; k++) {
          const start = rnd(text.length + 1);
          const end = Math.min(text.length, start + (rnd(3) === 0 ? rnd(6) : 0));
          const ins = pieces[rnd(pieces.length)];
          const range = { start: posOf(text, start), end: posOf(text, end) };
          text = text.slice(0, start) + ins + text.slice(end);
          sends.push(edited.change('s.dbml', [{ range, text: ins }]));
        }
        await Promise.all(sends);
        if (rnd(3) === 0) await edited.diagnosticsForVersion('s.dbml');
      }
      const got = await edited.diagnosticsForVersion('s.dbml');
      await fresh.open('s.dbml', text);
      const want = await fresh.diagnosticsForVersion('s.dbml');
      const shape = (ds: typeof got) => ds.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code} ${messageOf(d)}`).sort();
      assert.deepEqual(shape(got), shape(want));
      const symbols = async (s: ServerHandle) => JSON.stringify(await s.request('textDocument/documentSymbol', { textDocument: { uri: s.uri('s.dbml') } }));
      assert.equal(await symbols(edited), await symbols(fresh));
    } finally {
      await edited.stop();
      await fresh.stop();
    }
  });
});
