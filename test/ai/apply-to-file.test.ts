/**
 * "Apply to schema file" (issue 11): a checked schema change as text edits
 * on the DBML or SQL file that declares the schema. The strong check: after
 * the edits, the files parse and bind (through the real engine) to the same
 * tables, columns, keys and relationships as the proposal's edited schema.
 * What cannot be edited faithfully is listed, never half-done.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Workspace } from '../../server/src/engine/workspace.ts';
import type { Schema } from '../../server/src/engine/model/schema.ts';
import { applySchemaOps, planSchemaChange, type SchemaOp } from '../../server/src/engine/ai/schema-change.ts';
import { schemaChangeEdits, type FileEdits } from '../../server/src/engine/ai/apply-to-file.ts';

const DBML = `Table users {
  id int [pk]
  email varchar
  nickname varchar // shown in the UI
}

Table orders {
  id int [pk]
  user_id int [ref: > users.id]
  status varchar
}
`;

const SQL = `CREATE TABLE users (id integer PRIMARY KEY, email text);
CREATE TABLE orders (id integer PRIMARY KEY, user_id integer REFERENCES users (id), status text);
`;

function bind(files: Record<string, string>): { ws: Workspace; schema: Schema } {
  const ws = new Workspace();
  for (const [uri, text] of Object.entries(files)) ws.setFile(uri, text, 1);
  return { ws, schema: ws.binding().schema };
}

function applyEdits(text: string, f: FileEdits): string {
  let out = text;
  for (const e of [...f.edits].reverse()) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

/** What must agree: tables, columns (type family, nullability, pk, unique, default), relationships, indexes. */
function shape(s: Schema): string[] {
  const out: string[] = [];
  for (const t of s.tables) {
    for (const c of t.columns) out.push(`${t.name}.${c.name} ${c.type.family}${c.nullable ? '' : ' not null'}${c.primaryKey ? ' pk' : ''}${c.unique ? ' unique' : ''}${c.default ? ` default ${c.default.value}` : ''}`);
    for (const ix of t.indexes) if (!ix.primaryKey) out.push(`${t.name} index (${ix.parts.map((p) => p.column).join(',')})${ix.unique ? ' unique' : ''}`);
  }
  for (const r of s.relationships) out.push(`${r.from.table}(${r.from.columns}) -> ${r.to.table}(${r.to.columns})${r.onDelete ? ` ${r.onDelete}` : ''}`);
  return out.sort();
}

interface Case {
  name: string;
  files: Record<string, string>;
  ops: SchemaOp[];
  /** operations that must be listed as not edited (by prefix) */
  unsupported?: string[];
  /** text the edited file must contain */
  contains?: string[];
}

const CASES: Case[] = [
  { name: 'DBML: add a column with settings', files: { 'file:///s.dbml': DBML }, ops: [{ op: 'add_column', table: 'orders', name: 'deleted_at', type: 'timestamptz' }, { op: 'add_column', table: 'users', name: 'active', type: 'boolean', nullable: false, default: 'true' }], contains: ['  deleted_at timestamptz\n}', '  active boolean [not null, default: true]\n}'] },
  { name: 'DBML: add a string default and a type with spaces', files: { 'file:///s.dbml': DBML }, ops: [{ op: 'add_column', table: 'orders', name: 'channel', type: 'varchar(20)', default: "'web'" }, { op: 'add_column', table: 'orders', name: 'placed_at', type: 'timestamp with time zone', default: 'now()' }], contains: ["channel varchar(20) [default: 'web']", 'placed_at "timestamp with time zone" [default: `now()`]'] },
  { name: 'DBML: drop a column on its own line (comment kept out)', files: { 'file:///s.dbml': DBML }, ops: [{ op: 'drop_column', table: 'users', column: 'nickname' }] },
  { name: 'DBML: a new table with a relationship to it and from it', files: { 'file:///s.dbml': DBML }, ops: [{ op: 'add_table', table: 'refunds', columns: [{ name: 'id', type: 'bigint', primaryKey: true }, { name: 'order_id', type: 'int', nullable: false }] }, { op: 'add_column', table: 'refunds', name: 'reason', type: 'text' }, { op: 'add_relationship', table: 'refunds', columns: ['order_id'], refTable: 'orders', refColumns: ['id'], onDelete: 'cascade' }, { op: 'add_column', table: 'orders', name: 'last_refund_id', type: 'bigint' }, { op: 'add_relationship', table: 'orders', columns: ['last_refund_id'], refTable: 'refunds', refColumns: ['id'] }], contains: ['Table refunds {', 'Ref: refunds.order_id > orders.id [delete: cascade]', 'Ref: orders.last_refund_id > refunds.id'] },
  { name: 'DBML: an index, then a second one into the same Indexes block', files: { 'file:///s.dbml': DBML }, ops: [{ op: 'add_index', table: 'orders', columns: ['status'] }, { op: 'add_index', table: 'users', columns: ['email'], unique: true, name: 'users_email_uq' }], contains: ["email [unique, name: 'users_email_uq']"] },
  { name: 'DBML: into an existing Indexes block', files: { 'file:///s.dbml': DBML.replace('  status varchar\n}', "  status varchar\n  Indexes {\n    status [name: 'orders_status_idx']\n  }\n}") }, ops: [{ op: 'add_index', table: 'orders', columns: ['user_id', 'status'], unique: true }], contains: ["  Indexes {\n    (user_id, status) [unique]\n    status [name: 'orders_status_idx']"] },
  { name: 'DBML: renames and drops that need more than one place are listed, not edited', files: { 'file:///s.dbml': DBML }, ops: [{ op: 'rename_column', table: 'orders', column: 'status', newName: 'state' }, { op: 'drop_column', table: 'users', column: 'id' }], unsupported: ['rename_column orders: use Rename Symbol', 'drop_column users.id: a relationship or index uses it'] },
  { name: 'SQL schema file: the planned statements are appended', files: { 'file:///schema.sql': SQL }, ops: [{ op: 'add_column', table: 'orders', name: 'deleted_at', type: 'timestamptz' }, { op: 'rename_column', table: 'orders', column: 'status', newName: 'state' }, { op: 'add_table', table: 'refunds', columns: [{ name: 'id', type: 'bigint', primaryKey: true }] }], contains: ['-- Schema change proposed by the SchemaSage assistant', 'ALTER TABLE "orders" ADD COLUMN "deleted_at" timestamptz;', 'RENAME COLUMN "status" TO "state";', 'CREATE TABLE "refunds"'] },
  { name: 'SQL migration file: never edited', files: { 'file:///db/migrations/0001_init.sql': SQL }, ops: [{ op: 'add_column', table: 'orders', name: 'x', type: 'int' }], unsupported: ['add_column orders: it is declared in a migration file'] },
];

describe('apply to schema file', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const before = bind(c.files);
      const r = applySchemaOps(before.schema, c.ops);
      assert.ok(r.proposal, JSON.stringify(r.diagnostics));
      const { plan } = planSchemaChange(before.schema, r.proposal, 'postgres');
      const edits = schemaChangeEdits(before.schema, c.ops, plan, { text: (u) => c.files[u], language: (u) => (u.endsWith('.dbml') ? 'dbml' : u.endsWith('.sql') ? 'sql' : undefined) });
      if (c.unsupported) {
        assert.equal(edits.unsupported.length, c.unsupported.length, edits.unsupported.join('\n'));
        c.unsupported.forEach((u, i) => assert.ok(edits.unsupported[i].startsWith(u), edits.unsupported[i]));
        assert.deepEqual(edits.files, [], 'nothing half-done');
        return;
      }
      assert.deepEqual(edits.unsupported, []);
      const after: Record<string, string> = { ...c.files };
      for (const f of edits.files) after[f.uri] = applyEdits(after[f.uri], f);
      for (const piece of c.contains ?? []) assert.ok(Object.values(after).some((t) => t.includes(piece)), `${piece} in\n${Object.values(after).join('\n')}`);
      const rebound = bind(after);
      const errors = Object.keys(after).flatMap((u) => rebound.ws.diagnostics(u).filter((d) => d.severity === 'error'));
      assert.deepEqual(errors.map((d) => `${d.code} ${d.message}`), []);
      assert.deepEqual(shape(rebound.schema), shape(r.proposal.edited));
    });
  }
});
