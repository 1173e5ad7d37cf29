/**
 * engine/shapes.ts: from the second Workspace of a process on, the engine keeps
 * a small bound schema alive so V8's hidden classes (and the code optimized for
 * them) outlive each workspace. The sample must keep binding cleanly: a syntax
 * error in it would leave most shapes unmade.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../src/engine/workspace.js';
import { keptShapes, SHAPES_SAMPLE } from '../../src/engine/shapes.js';
import type { Binding } from '../../src/engine/model/bind.js';

test('the first workspace of a process pays nothing; the second keeps the sample, once', () => {
  // node --test runs this file in a process of its own: no workspace was made before
  const first = new Workspace();
  assert.equal(keptShapes(), undefined);
  first.setFile('file:///a.dbml', 'Table a {\n  id int\n}\n');
  assert.equal(first.binding().schema.tables.length, 1);
  new Workspace();
  const kept = keptShapes();
  assert.ok(kept, 'kept after the second workspace');
  new Workspace();
  assert.equal(keptShapes(), kept, 'made once');
  const b = kept.binding() as Binding;
  assert.deepEqual(b.schema.tables.map((t) => `${t.key}:${t.columns.length}`), ['core.users:11', 'billing.invoices:6', 'public.items:4']);
  assert.equal(b.schema.relationships.length, 5);
  assert.deepEqual(b.schema.enums.map((e) => e.key), ['public.status', 'billing.kind']);
  assert.equal(b.schema.tableGroups.length, 1);
  assert.equal(b.schema.notes.length, 1);
  // the one diagnostic is the deliberate unknown table (its path shapes diagnostics and suggestions)
  const diags = kept.diagnostics('schemasage-internal:/shapes.dbml') as { code: string; message: string }[];
  assert.deepEqual(diags.map((d) => `${d.code} ${d.message}`), ["BIND001 Unknown table 'missing'"]);
});

test('the sample parses without a syntax diagnostic in a workspace of its own', () => {
  const ws = new Workspace();
  const f = ws.setFile('file:///shapes.dbml', SHAPES_SAMPLE);
  assert.deepEqual(f.parseDiagnostics, []);
  const b = ws.binding();
  // every column setting kind the sample writes reached the model
  const users = b.schema.tables.find((t) => t.key === 'core.users')!;
  assert.equal(users.alias, 'U');
  assert.deepEqual(users.columns.filter((c) => c.primaryKey).map((c) => c.name), ['id']);
  assert.ok(users.columns.some((c) => c.autoIncrement) && users.columns.some((c) => c.unique) && users.columns.some((c) => c.default?.kind === 'expression'));
  assert.equal(users.indexes.length, 5);
});
