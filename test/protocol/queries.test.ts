/**
 * Protocol (issue 11 item 5): queries in .sql files are checked against the
 * schema in the analysis pass: a file of queries only against the workspace's
 * tables (here declared in DBML), a dump's own INSERTs against its own tables;
 * fixing the name clears the diagnostic.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { positionOf, startServer, type ServerHandle } from './harness.ts';

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
