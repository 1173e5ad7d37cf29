/**
 * Protocol (issue 11 item 5): queries in .sql files are checked against the
 * schema in the analysis pass: a file of queries only against the workspace's
 * tables (here declared in DBML), a dump's own INSERTs against its own tables;
 * fixing the name clears the diagnostic. Inside queries the editor features
 * work through the real server: hover, definition (into the DBML file, or to
 * the alias), references from the DBML table into the queries, highlights,
 * rename from a query, and completion on statements still being typed.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CompletionItem, CompletionList, DocumentHighlight, Hover, Location, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { applyEdits, positionOf, serverPath, startServer, type ServerHandle } from './harness.ts';

const DBML = 'Table customers {\n  id int [pk]\n  email varchar [not null]\n}\n\nTable orders {\n  id int [pk]\n  customer_id int [ref: > customers.id]\n  total decimal\n}\n';
const QUERIES = '-- schemasage: dialect=postgres\nSELECT c.email, sum(o.totl) AS revenue\nFROM customers c\nJOIN orders o ON o.customer_id = c.id\nGROUP BY c.email;\n\nDELETE FROM orderz WHERE id = 1;\n';

describe('protocol: queries checked against the schema', () => {
  let server: ServerHandle;
  before(async () => {
    server = await startServer({ files: { 'schema.dbml': DBML, 'reports/queries.sql': QUERIES } });
  });
  after(async () => {
    await server?.stop();
  });

  it('unknown column and table in a file of queries: errors at the names, with the suggestion', async () => {
    await server.open('reports/queries.sql', QUERIES, 'sql');
    const diags = await server.diagnostics('reports/queries.sql', (ds) => ds.some((d) => d.code === 'QRY002') && ds.some((d) => d.code === 'QRY001'));
    const column = diags.find((d) => d.code === 'QRY002')!;
    assert.deepEqual(column.range.start, positionOf(QUERIES, 'totl'));
    assert.match(String(column.message), /did you mean `total`/);
    const table = diags.find((d) => d.code === 'QRY001')!;
    assert.deepEqual(table.range.start, positionOf(QUERIES, 'orderz'));
    assert.equal(table.severity, 1);
  });

  it('fixing the names clears them', async () => {
    const fixed = QUERIES.replace('o.totl', 'o.total').replace('orderz', 'orders');
    await server.change('reports/queries.sql', fixed);
    const diags = await server.diagnostics('reports/queries.sql', (ds) => !ds.some((d) => String(d.code).startsWith('QRY')));
    assert.deepEqual(diags.filter((d) => String(d.code).startsWith('QRY')), []);
  });
});

const IDE_QUERIES = '-- schemasage: dialect=postgres\nSELECT c.email, o.total\nFROM customers c\nJOIN orders o ON o.customer_id = c.id\nWHERE c.id = 1;\n';

describe('protocol: hover, definition, references and completion inside queries', () => {
  let server: ServerHandle;
  let queries: string;
  let schema: string;
  before(async () => {
    // the queries file is opened before any diagnostics arrive: the first request waits for the query engine to load
    server = await startServer({ files: { 'schema.dbml': DBML, 'reports/ide.sql': IDE_QUERIES } });
    queries = await server.open('reports/ide.sql', IDE_QUERIES, 'sql');
    schema = server.uri('schema.dbml');
  });
  after(async () => {
    await server?.stop();
  });

  it('hover on a column shows its declaration and where it is defined', async () => {
    const h = await server.request<Hover | null>('textDocument/hover', { textDocument: { uri: queries }, position: positionOf(IDE_QUERIES, 'email', 2) });
    assert.ok(h, 'no hover');
    const value = typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : JSON.stringify(h.contents);
    assert.match(value, /email varchar \[not null\]/);
    assert.match(value, /Column of table `customers`/);
    assert.match(value, /Defined in \[schema\.dbml:3\]/);
    assert.deepEqual(h.range?.start, positionOf(IDE_QUERIES, 'email'));
  });

  it('hover on an alias says what it stands for', async () => {
    const h = await server.request<Hover | null>('textDocument/hover', { textDocument: { uri: queries }, position: positionOf(IDE_QUERIES, 'o.total') });
    const value = h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
    assert.match(value, /`o` is an alias of table `orders`/);
  });

  it('definition goes from a column to the DBML column and from an alias use to FROM', async () => {
    const col = await server.request<Location[]>('textDocument/definition', { textDocument: { uri: queries }, position: positionOf(IDE_QUERIES, 'customer_id', 3) });
    assert.deepEqual(col.map((l) => [l.uri, l.range.start]), [[schema, positionOf(DBML, 'customer_id')]]);
    const alias = await server.request<Location[]>('textDocument/definition', { textDocument: { uri: queries }, position: positionOf(IDE_QUERIES, 'c.id = 1') });
    assert.deepEqual(alias.map((l) => [l.uri, l.range.start]), [[queries, positionOf(IDE_QUERIES, 'c\nJOIN')]]);
  });

  it('references of a DBML table include its uses in queries', async () => {
    await server.open('schema.dbml', DBML, 'dbml');
    const locs = await server.request<Location[]>('textDocument/references', { textDocument: { uri: schema }, position: positionOf(DBML, 'orders {', 2), context: { includeDeclaration: true } });
    const inQueries = locs.filter((l) => l.uri === queries).map((l) => l.range.start);
    assert.deepEqual(inQueries, [positionOf(IDE_QUERIES, 'orders o')]);
    assert.ok(locs.some((l) => l.uri === schema));
  });

  it('highlights an alias in its statement', async () => {
    const hl = await server.request<DocumentHighlight[]>('textDocument/documentHighlight', { textDocument: { uri: queries }, position: positionOf(IDE_QUERIES, 'c.email') });
    assert.equal(hl.length, 4);
  });

  it('rename of a column from a query edits the DBML declaration and the query', async () => {
    const at = positionOf(IDE_QUERIES, 'total', 1);
    const prep = await server.request<{ range: unknown; placeholder: string } | null>('textDocument/prepareRename', { textDocument: { uri: queries }, position: at });
    assert.equal(prep?.placeholder, 'total');
    const edit = await server.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: queries }, position: at, newName: 'amount' });
    assert.equal(applyEdits(IDE_QUERIES, edit.changes?.[queries] ?? []), IDE_QUERIES.replace('o.total', 'o.amount'));
    assert.equal(applyEdits(DBML, edit.changes?.[schema] ?? []), DBML.replace('total decimal', 'amount decimal'));
  });

  it('completion on statements being typed: after `alias.`, after WHERE, after FROM', async () => {
    const typing = '-- schemasage: dialect=postgres\nSELECT c. FROM customers c\n';
    await server.change('reports/ide.sql', typing);
    const items = async (text: string, needle: string, delta: number): Promise<CompletionItem[]> => {
      const r = await server.request<CompletionList | CompletionItem[]>('textDocument/completion', { textDocument: { uri: queries }, position: positionOf(text, needle, delta) });
      return Array.isArray(r) ? r : r.items;
    };
    const afterDot = await items(typing, 'c. FROM', 2);
    assert.deepEqual(afterDot.map((i) => i.label).sort(), ['email', 'id']);
    const edit = afterDot[0].textEdit as TextEdit;
    assert.deepEqual(edit.range.start, positionOf(typing, 'c. FROM', 2));

    const where = '-- schemasage: dialect=postgres\nSELECT * FROM orders WHERE ';
    await server.change('reports/ide.sql', where);
    const cols = (await items(where, 'WHERE ', 6)).map((i) => i.label);
    for (const c of ['id', 'customer_id', 'total']) assert.ok(cols.includes(c), cols.join(' '));
    assert.ok(!cols.includes('email'));

    const from = '-- schemasage: dialect=postgres\nSELECT * FROM cu';
    await server.change('reports/ide.sql', from);
    const tables = await items(from, 'FROM cu', 7);
    assert.ok(tables.some((i) => i.label === 'customers'));
    assert.deepEqual((tables[0].textEdit as TextEdit).range.start, positionOf(from, 'cu'));
  });
});

describe('protocol: the first request is a DBML one', () => {
  let server: ServerHandle;
  before(async () => {
    server = await startServer({ files: { 'schema.dbml': DBML, 'reports/ide.sql': IDE_QUERIES } });
  });
  after(async () => {
    await server?.stop();
  });

  it('references of a DBML column load the query engine and include the query uses', async () => {
    const schema = await server.open('schema.dbml', DBML, 'dbml');
    const locs = await server.request<Location[]>('textDocument/references', { textDocument: { uri: schema }, position: positionOf(DBML, 'email', 1), context: { includeDeclaration: false } });
    const queries = server.uri('reports/ide.sql');
    assert.deepEqual(
      locs.map((l) => [l.uri, l.range.start]),
      [[queries, positionOf(IDE_QUERIES, 'email')]],
    );
  });
});

describe('protocol: the query checker loads only for SQL files', () => {
  let server: ServerHandle;
  before(async () => {
    server = await startServer({ files: { 'schema.dbml': DBML } });
  });
  after(async () => {
    await server?.stop();
  });

  it('is not in the server bundle: dist/lsp.js requires dist/query.js', () => {
    const lsp = readFileSync(join(dirname(serverPath()), 'lsp.js'), 'utf8');
    const query = readFileSync(join(dirname(serverPath()), 'query.js'), 'utf8');
    // engine/query/parse.ts's names of node-sql-parser's grammars
    for (const name of ['TransactSQL', 'PostgresQL']) assert.ok(query.includes(name) && !lsp.includes(name), name);
  });

  it('a DBML-only workspace never loads it; an SQL file opened later does, and its queries are checked', async () => {
    await server.open('schema.dbml', DBML, 'dbml');
    await server.diagnostics('schema.dbml');
    // past the first pass and an analysis: still not loaded
    await server.change('schema.dbml', DBML + '\n');
    await server.diagnostics('schema.dbml');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(server.logs.some((l) => l.startsWith('query checker loaded')), false, server.logs.join('\n'));
    await server.open('reports/queries.sql', QUERIES, 'sql');
    const diags = await server.diagnostics('reports/queries.sql', (ds) => ds.some((d) => d.code === 'QRY002'));
    assert.ok(diags.some((d) => d.code === 'QRY001'));
    await server.log((l) => l.startsWith('query checker loaded'));
  });
});
