/**
 * Protocol (issue 6): `schemasage/plan` against the migrations folder gives
 * the missing migration with its hazards; the code lens offers it; against a
 * git revision outside a repository it says why not.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeLens } from 'vscode-languageserver';
import { positionOf, startServer, type ServerHandle } from './harness.ts';
import type { PlanResult } from '../../server/src/lsp/protocol.ts';

const SCHEMA = 'Project shop {\n  database_type: \'PostgreSQL\'\n}\n\nTable users {\n  id int [pk]\n  email varchar [not null]\n}\n\nTable posts {\n  id int [pk]\n  user_id int [ref: > users.id]\n}\n';
const MIGRATION = '-- schemasage:up\nCREATE TABLE users (id int PRIMARY KEY, email varchar NOT NULL, nickname text);\n-- schemasage:down\nDROP TABLE users;\n';

describe('protocol: migration plans', () => {
  let server: ServerHandle;
  before(async () => {
    server = await startServer({ files: { 'schema.dbml': SCHEMA, 'migrations/20260101000000_init.sql': MIGRATION } });
  });
  after(async () => {
    await server?.stop();
  });

  it('against the migrations folder: create posts, drop nickname (a data-loss hazard), with the rollback', async () => {
    const r = await server.request<PlanResult>('schemasage/plan', { uri: server.uri('schema.dbml'), against: { kind: 'migrations' } });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.plan.dialect, 'postgres');
    const sql = r.plan.statements.map((s) => s.sql).join('\n');
    assert.match(sql, /CREATE TABLE "posts"/);
    assert.match(sql, /ALTER TABLE "users" DROP COLUMN "nickname"/);
    assert.ok(r.plan.hazards.some((h) => h.dataLoss), JSON.stringify(r.plan.hazards));
    assert.ok(r.plan.rollback.some((s) => /DROP TABLE "posts"/.test(s.sql)));
    assert.equal(r.to, 'schema.dbml');
  });

  it('the code lens on the first table offers the missing migration', async () => {
    const uri = await server.open('schema.dbml', SCHEMA);
    const lenses = await server.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(lenses.length, 1, JSON.stringify(lenses));
    assert.match(lenses[0]!.command!.title, /^Generate migration \(\d+ changes?\)$/);
    assert.equal(lenses[0]!.command!.command, 'schemasage.showMigrationPlan');
    assert.deepEqual(lenses[0]!.range.start, positionOf(SCHEMA, 'users'));
  });

  it('against git outside a repository: an answer that says so', async () => {
    const r = await server.request<PlanResult>('schemasage/plan', { uri: server.uri('schema.dbml'), against: { kind: 'git', rev: 'HEAD' } });
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.error : '', /git repository|exist at HEAD/);
  });
});
