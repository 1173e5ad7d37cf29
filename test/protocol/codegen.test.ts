/**
 * Protocol (issue 9): code generation through the server. The built-in
 * targets are listed; a user template in the workspace's
 * `.schemasage/templates/` is listed and used when the client says the
 * workspace is trusted, and ignored (not listed, refused) when it is not.
 * "Convert Schema to…" gives the DDL of another dialect or a warehouse with
 * the conversion report.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startServer, type ServerHandle } from './harness.ts';
import type { ConvertResponse, GenerateResponse, TargetInfo } from '../../server/src/lsp/protocol.ts';

const DBML = 'Table users {\n  id int [pk, increment]\n  email varchar [not null]\n  status user_status\n}\n\nEnum user_status {\n  active\n  banned\n}\n\nTable posts {\n  id int [pk]\n  user_id int [ref: > users.id]\n}\n';
const MANIFEST = JSON.stringify({ id: 'table-list', name: 'Table list', description: 'One line per table', output: 'tables.txt', language: 'text' });
const TEMPLATE = '{{#each tables}}{{name}}: {{columns.length}} columns\n{{/each}}';

describe('protocol: code generation and workspace templates', () => {
  let server: ServerHandle;
  before(async () => {
    server = await startServer({ files: { 'schema.dbml': DBML, '.schemasage/templates/table-list/manifest.json': MANIFEST, '.schemasage/templates/table-list/main.hbs': TEMPLATE } });
  });
  after(async () => {
    await server?.stop();
  });

  it('the built-in targets are listed; generating TypeScript gives one interface per table', async () => {
    const targets = await server.request<TargetInfo[]>('schemasage/codegen/targets', { trusted: false });
    for (const id of ['typescript', 'zod', 'prisma', 'sqlalchemy', 'dbt', 'sql-postgres']) assert.ok(targets.some((t) => t.id === id && t.origin === 'built-in'), id);
    const r = await server.request<GenerateResponse>('schemasage/codegen/generate', { target: 'typescript', trusted: false });
    assert.ok(r.ok, JSON.stringify(r));
    assert.match(r.files[0]!.content, /export interface User \{[\s\S]*email: string;/);
    assert.match(r.files[0]!.content, /export interface Post \{/);
  });

  it('trusted: the workspace template is listed and used', async () => {
    const targets = await server.request<TargetInfo[]>('schemasage/codegen/targets', { trusted: true });
    assert.deepEqual(targets.filter((t) => t.origin === 'workspace').map((t) => t.id), ['table-list']);
    const r = await server.request<GenerateResponse>('schemasage/codegen/generate', { target: 'table-list', trusted: true });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.files[0]!.path, 'tables.txt');
    assert.match(r.files[0]!.content, /users: 3 columns/);
  });

  it('untrusted: the workspace template is neither listed nor used', async () => {
    const targets = await server.request<TargetInfo[]>('schemasage/codegen/targets', { trusted: false });
    assert.ok(!targets.some((t) => t.id === 'table-list'));
    const r = await server.request<GenerateResponse>('schemasage/codegen/generate', { target: 'table-list', trusted: false });
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.error : '', /untrusted/);
  });

  it('converts the schema to a warehouse: DDL in its dialect and a report naming every lossy column', async () => {
    const r = await server.request<ConvertResponse>('schemasage/codegen/convert', { to: 'bigquery' });
    assert.ok(r.ok, JSON.stringify(r));
    assert.match(r.sql, /CREATE TABLE [`\w.]*users[`]? \(/i);
    assert.match(r.sql, /INT64/);
    // BigQuery has no identity and no enums: both reported, per column, and counted
    const issues = r.report.columns.flatMap((c) => c.issues.map((i) => `${c.table}.${c.column} ${i.code}`));
    assert.ok(issues.some((i) => /users\.id IDENTITY/.test(i)), issues.join(', '));
    assert.ok(issues.some((i) => /users\.status ENUM/.test(i)), issues.join(', '));
    assert.ok(r.report.lossy >= 1);
    assert.match(r.markdown, /\| public\.users\.id \| int \| INT64 \| lossy \| IDENTITY \|/);
    assert.match(r.markdown, /active/);
  });

  it('converting to an unknown dialect is refused with the list of dialects', async () => {
    const r = await server.request<ConvertResponse>('schemasage/codegen/convert', { to: 'oracle' });
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.error : '', /snowflake/);
  });
});
