/**
 * Protocol: every editor feature answered over the wire, on a two-file
 * workspace (a table in one file, a ref to it in the other).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  CodeAction,
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentHighlight,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Location,
  MarkupContent,
  SelectionRange,
  SemanticTokens,
  SymbolInformation,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import { applyEdits, positionOf, startServer, type ServerHandle } from './harness.ts';

const USERS = 'Table users {\n  id int [pk]\n  name varchar [note: \'display name\']\n}\n';
const POSTS = 'Table posts {\n  id int [pk]\n  user_id int\n}\n\nRef: posts.user_id > users.id\n';

describe('protocol: features', () => {
  let server: ServerHandle;
  let a: string;
  let b: string;
  const at = (uri: string, text: string, needle: string, delta = 0) => ({ textDocument: { uri }, position: positionOf(text, needle, delta) });

  before(async () => {
    server = await startServer({ files: { 'a.dbml': USERS, 'b.dbml': POSTS } });
    a = await server.open('a.dbml', USERS);
    b = await server.open('b.dbml', POSTS);
    await server.diagnosticsForVersion('b.dbml');
  });
  after(async () => {
    await server?.stop();
  });

  it('definition: from a ref to the table in another file', async () => {
    const locs = await server.request<Location[]>('textDocument/definition', at(b, POSTS, '> users', 3));
    assert.equal(locs.length, 1);
    assert.equal(locs[0].uri, a);
    assert.deepEqual(locs[0].range.start, positionOf(USERS, 'users'));
  });

  it('definition: from a ref to the column', async () => {
    const locs = await server.request<Location[]>('textDocument/definition', at(b, POSTS, 'users.id', 7));
    assert.equal(locs[0]?.uri, a);
    assert.deepEqual(locs[0].range.start, positionOf(USERS, 'id int'));
  });

  it('references: the table and its use in the other file', async () => {
    const locs = await server.request<Location[]>('textDocument/references', { ...at(a, USERS, 'users', 1), context: { includeDeclaration: true } });
    assert.ok(locs.some((l) => l.uri === a));
    assert.ok(locs.some((l) => l.uri === b && l.range.start.line === 5));
  });

  it('hover: markdown about the table', async () => {
    const h = await server.request<Hover | null>('textDocument/hover', at(b, POSTS, '> users', 3));
    assert.ok(h);
    const contents = h.contents as MarkupContent;
    assert.equal(contents.kind, 'markdown');
    assert.match(contents.value, /users/);
  });

  it('completion: columns after `table.` in a ref', async () => {
    const text = POSTS + 'Ref: posts.id > users.\n';
    await server.change(b, text);
    const res = await server.request<CompletionList | CompletionItem[]>('textDocument/completion', {
      textDocument: { uri: b },
      position: positionOf(text, 'users.\n', 6),
      context: { triggerKind: 2, triggerCharacter: '.' },
    });
    const items = Array.isArray(res) ? res : res.items;
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('id') && labels.includes('name'), `got ${labels.join(', ')}`);
    assert.equal(items.find((i) => i.label === 'name')?.kind, 5 /* Field */);
    await server.change(b, POSTS);
  });

  it('prepareRename and rename: a table across files', async () => {
    const prep = await server.request<{ range: unknown; placeholder: string } | null>('textDocument/prepareRename', at(b, POSTS, '> users', 3));
    assert.equal(prep?.placeholder, 'users');
    const edit = await server.request<WorkspaceEdit | null>('textDocument/rename', { ...at(b, POSTS, '> users', 3), newName: 'members' });
    assert.ok(edit?.changes?.[a] && edit.changes[b], `edits: ${JSON.stringify(edit)}`);
    assert.match(applyEdits(USERS, edit.changes[a]), /^Table members \{/);
    assert.match(applyEdits(POSTS, edit.changes[b]), /> members\.id/);
  });

  it('prepareRename refuses a keyword', async () => {
    const res = await server.request('textDocument/prepareRename', at(a, USERS, 'Table', 1)).then(
      (r) => r,
      (err: { code?: number }) => ({ code: err.code }),
    );
    assert.ok(res === null || typeof (res as { code?: number }).code === 'number', JSON.stringify(res));
  });

  it('formatting: edits to the canonical form, then none', async () => {
    const messy = 'Table   messy{\nid    int [pk]\n   name varchar}\n';
    const uri = await server.open('messy.dbml', messy);
    const opts = { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } };
    const edits = await server.request<TextEdit[]>('textDocument/formatting', opts);
    assert.ok(edits.length > 0);
    const formatted = applyEdits(messy, edits);
    assert.match(formatted, /^Table messy \{\n  id +int \[pk\]\n  name +varchar\n\}\n$/);
    await server.change(uri, formatted);
    assert.deepEqual(await server.request<TextEdit[]>('textDocument/formatting', opts), []);
    await server.close(uri);
  });

  it('documentSymbol: the table with its columns', async () => {
    const symbols = await server.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: a } });
    const users = symbols.find((s) => s.name.includes('users'));
    assert.ok(users, JSON.stringify(symbols));
    assert.equal(users.kind, 5 /* Class */);
    assert.deepEqual(users.children?.map((c) => c.name), ['id', 'name']);
  });

  it('workspace/symbol: finds a table by name', async () => {
    const symbols = await server.request<SymbolInformation[]>('workspace/symbol', { query: 'user' });
    assert.ok(symbols.some((s) => s.name.includes('users') && s.location.uri === a));
  });

  it('foldingRange: the table block', async () => {
    const ranges = await server.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: a } });
    assert.ok(ranges.some((r) => r.startLine === 0 && r.endLine >= 2));
  });

  it('selectionRange: a chain per position, each containing the last', async () => {
    const res = await server.request<SelectionRange[]>('textDocument/selectionRange', { textDocument: { uri: a }, positions: [positionOf(USERS, 'varchar', 2)] });
    assert.equal(res.length, 1);
    let depth = 0;
    for (let r: SelectionRange | undefined = res[0]; r; r = r.parent) depth++;
    assert.ok(depth >= 2, `chain depth ${depth}`);
  });

  it('semanticTokens: relative encoding of the document', async () => {
    const tokens = await server.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: a } });
    assert.ok(tokens.data.length > 0);
    assert.equal(tokens.data.length % 5, 0);
  });

  it('semanticTokens/range: the full tokens that lie in the range, in the same encoding', async () => {
    const decode = (data: number[]) => {
      const out: number[][] = [];
      let line = 0;
      let char = 0;
      for (let i = 0; i < data.length; i += 5) {
        line += data[i];
        char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
        out.push([line, char, data[i + 2], data[i + 3], data[i + 4]]);
      }
      return out;
    };
    const full = decode((await server.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: a } })).data);
    const lines = [...new Set(full.map((t) => t[0]))];
    assert.ok(lines.length >= 3, `tokens on ${lines.length} lines`);
    // the lines of the second token line through the one before the last, whole
    const from = lines[1];
    const to = lines[lines.length - 2];
    const range = { start: { line: from, character: 0 }, end: { line: to + 1, character: 0 } };
    const part = decode((await server.request<SemanticTokens>('textDocument/semanticTokens/range', { textDocument: { uri: a }, range })).data);
    assert.deepEqual(part, full.filter((t) => t[0] >= from && t[0] <= to));
  });

  it('documentHighlight: declaration and uses in this file', async () => {
    const text = 'Table t {\n  id int [pk]\n  parent_id int [ref: > t.id]\n}\n';
    const uri = await server.open('self.dbml', text);
    const hs = await server.request<DocumentHighlight[]>('textDocument/documentHighlight', at(uri, text, 'Table t', 6));
    assert.ok(hs.length >= 2, JSON.stringify(hs));
    await server.close(uri);
  });

  it('codeAction: did-you-mean for an unknown table', async () => {
    const text = 'Ref: posts.user_id > user.id\n';
    const uri = await server.open('typo.dbml', text);
    const ds = await server.diagnostics(uri, (d) => d.length > 0);
    const actions = await server.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: ds[0].range,
      context: { diagnostics: ds as Diagnostic[], only: ['quickfix'] },
    });
    const fix = actions.find((x) => x.title.includes('users'));
    assert.ok(fix, JSON.stringify(actions));
    assert.equal(fix.kind, 'quickfix');
    assert.match(applyEdits(text, fix.edit!.changes![uri]), /> users\.id/);
    await server.close(uri);
  });
});
