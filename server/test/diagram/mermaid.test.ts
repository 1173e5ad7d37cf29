/**
 * toMermaid (engine/diagram/mermaid): the text parsed back structurally
 * (entity blocks, attribute lines, relationship lines) against Mermaid's
 * erDiagram grammar, on fixtures with hostile names, plus a corpus file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Workspace } from '../../src/engine/workspace.js';
import type { Schema } from '../../src/engine/model/schema.js';
import { inferRelationships } from '../../src/engine/infer/index.js';
import { mermaidName } from '../../src/engine/diagram/mermaid.js';
import { toMermaid } from '../../src/engine/diagram/index.js';

function schemaOf(dbml: string): Schema {
  const ws = new Workspace();
  ws.setFile('file:///t.dbml', dbml, 0, { language: 'dbml' });
  return ws.binding().schema;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const TYPE = /^[A-Za-z_][A-Za-z0-9_\-()[\]]*$/;
const REL = /^ {4}([A-Za-z_][A-Za-z0-9_-]*) (\|\||\|o|\}\||\}o)(--|\.\.)(\|\||o\||\|\{|o\{) ([A-Za-z_][A-Za-z0-9_-]*) : "([^"\n]*)"$/;
const ATTR = /^ {8}(\S+) (\S+)(?: ((?:PK|FK|UK)(?:, (?:PK|FK|UK))*))?(?: "([^"\n]*)")?$/;

interface Parsed {
  entities: Map<string, Array<{ type: string; name: string; keys: string[]; comment?: string }>>;
  rels: Array<{ a: string; l: string; line: string; r: string; b: string; label: string }>;
}

/** A structural reader of the erDiagram subset toMermaid writes; fails on any other line. */
function parse(text: string): Parsed {
  const lines = text.split('\n');
  assert.equal(lines[0], 'erDiagram');
  assert.equal(lines.at(-1), '');
  const out: Parsed = { entities: new Map(), rels: [] };
  let cur: string | undefined;
  for (const line of lines.slice(1, -1)) {
    if (cur !== undefined) {
      if (line === '    }') {
        cur = undefined;
        continue;
      }
      const m = ATTR.exec(line);
      assert.ok(m, `attribute line: ${JSON.stringify(line)}`);
      assert.match(m[1]!, TYPE);
      assert.match(m[2]!, NAME);
      out.entities.get(cur)!.push({ type: m[1]!, name: m[2]!, keys: m[3] ? m[3].split(', ') : [], ...(m[4] !== undefined ? { comment: m[4] } : {}) });
      continue;
    }
    const e = /^ {4}([A-Za-z_][A-Za-z0-9_-]*) \{$/.exec(line);
    if (e) {
      assert.ok(!out.entities.has(e[1]!), `duplicate entity ${e[1]}`);
      out.entities.set((cur = e[1]!), []);
      continue;
    }
    const r = REL.exec(line);
    assert.ok(r, `relationship line: ${JSON.stringify(line)}`);
    out.rels.push({ a: r[1]!, l: r[2]!, line: r[3]!, r: r[4]!, b: r[5]!, label: r[6]! });
  }
  assert.equal(cur, undefined, 'unclosed entity');
  for (const r of out.rels) assert.ok(out.entities.has(r.a) && out.entities.has(r.b), `${r.a} -> ${r.b} names entities`);
  return out;
}

test('entities, attributes with keys and comments, relationship ends per cardinality', () => {
  const s = schemaOf(`Table users { id int [pk]
 email varchar(255) [unique, note: '''say "hi"\nthere'''] }
Table posts { id int [pk]
 author_id int [not null, ref: > users.id]
 editor_id int [ref: > users.id]
 price decimal(10, 2) }
Table profiles { user_id int [pk, ref: - users.id] }
Table tags { id int [pk] }
Ref: tags.id <> posts.id`);
  const p = parse(toMermaid(s));
  assert.deepEqual([...p.entities.keys()], ['users', 'posts', 'profiles', 'tags']);
  assert.deepEqual(p.entities.get('users'), [
    { type: 'int', name: 'id', keys: ['PK'] },
    { type: 'varchar(255)', name: 'email', keys: ['UK'], comment: "say 'hi' there" },
  ]);
  assert.deepEqual(p.entities.get('posts')!.map((a) => `${a.type} ${a.name} ${a.keys}`), ['int id PK', 'int author_id FK', 'int editor_id FK', 'decimal(10-2) price ']);
  assert.deepEqual(p.rels.map((r) => `${r.a} ${r.l}${r.line}${r.r} ${r.b} ${r.label}`), [
    'posts }o--|| users author_id',
    'posts }o--o| users editor_id',
    'profiles |o--|| users user_id',
    'tags }o--o{ posts id',
  ]);
});

test('hostile names are sanitised, kept unique, and other schemas are prefixed', () => {
  const s = schemaOf(`Table "my table" { "first name" text
 "2x" int }
Table "my-table" { id int }
Table "my_table" { id int }
Table "<img src=x>" { "</script>" "weird type" }
Table audit.log { id int [pk]
 who text [ref: > "my table"."first name"] }`);
  const p = parse(toMermaid(s));
  assert.deepEqual([...p.entities.keys()], ['my_table', 'my-table', 'my_table_2', '_img_src_x_', 'audit_log']);
  assert.deepEqual(p.entities.get('my_table')!.map((a) => a.name), ['first_name', '_2x']);
  assert.deepEqual(p.entities.get('_img_src_x_')!.map((a) => [a.type, a.name]), [['weirdtype', '__script_']]);
  assert.deepEqual(p.rels.map((r) => `${r.a}->${r.b}`), ['audit_log->my_table']);
});

test('mermaidName', () => {
  const rows: Array<[string, string]> = [['users', 'users'], ['user-x', 'user-x'], ['9lives', '_9lives'], ['', '_'], ['a.b c', 'a_b_c'], ['é', '_']];
  for (const [i, o] of rows) assert.equal(mermaidName(i), o);
});

test('inferred relationships are dotted', () => {
  const s = schemaOf('Table users { id int [pk] }\nTable posts { id int [pk]\n user_id int }');
  const p = parse(toMermaid(s, { inferred: inferRelationships(s) }));
  assert.deepEqual(p.rels.map((r) => `${r.a} ${r.l}${r.line}${r.r} ${r.b}`), ['posts }o..o| users']);
});

test('a corpus schema exports every table and foreign key in a readable form', () => {
  const ws = new Workspace();
  ws.setFile('file:///dump.dbml', readFileSync('/work/shared/corpus/dbml/postgres-db-dump.dbml', 'utf8'), 0, { language: 'dbml' });
  const s = ws.binding().schema;
  const p = parse(toMermaid(s));
  assert.equal(p.entities.size, s.tables.length);
  assert.equal(p.rels.length, s.relationships.length);
});
