/**
 * Incremental binding (issue 3, item 11): a workspace that re-binds after each
 * edit, reusing unchanged tables' builds, must give what a fresh workspace gives
 * for the same texts: the schema, every diagnostic, and every occurrence with
 * the key of the symbol it names. Edits are random but seeded, and the
 * documents use what a table's build depends on (partials, enums, enum
 * defaults, aliases, refs across files), so edits break and restore them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../src/engine/workspace.js';
import { rng } from '../util/rng.js';

const FILES: Record<string, string> = {
  'file:///a.dbml': `Enum status {
  active
  inactive [note: 'gone']
}

Enum core.kind {
  a
  b
}

TablePartial base {
  id int [pk]
  created timestamp
  state status [default: status.active]
}

Table users as U {
  ~base
  name varchar(255) [not null]
  kind core.kind
  manager_id int [ref: > U.id]
  indexes {
    (name, kind) [unique]
  }
}
`,
  'file:///b.dbml': `Table core.posts {
  ~base
  author_id int [ref: > users.id]
  status status [default: status.inactive]
  title text
}

Ref: core.posts.author_id > U.id [delete: cascade]

TableGroup g {
  users
  core.posts
}

Table tags {
  id int [pk]
  post_id int [ref: > core.posts.id]
  kind core.kind [default: core.kind.b]
}
`,
};

const PIECES = ['\n', '{', '}', 'x', ' ', '~base\n', '~nope\n', 'status', 'core.kind', 'Enum status {\n  z\n}\n', '  extra int\n', 'Table users {\n  id int\n}\n', '[pk]', 'TablePartial base {\n  id bigint\n}\n', '.', 'U', 'users', "'"];


/** Everything a binding gives, with symbols named by key (ids differ between workspaces). */
function observe(ws: Workspace): string {
  const b = ws.binding();
  const out: unknown[] = [JSON.stringify(b.schema)];
  for (const uri of Object.keys(FILES)) {
    out.push(JSON.stringify(ws.diagnostics(uri)));
    const occs = (b.occurrencesByUri.get(uri) ?? []).map((o) => {
      const s = b.symbol(o.symbol);
      return [o.span.start, o.span.end, o.isDefinition, s?.kind, s?.key, s && b.target(s.id).kind];
    });
    out.push(JSON.stringify(occs));
  }
  out.push(JSON.stringify(b.symbols.map((s) => [s.kind, s.key, s.uri, s.nameSpan, s.detail, s.parent === undefined ? null : b.symbol(s.parent)?.key]).sort()));
  return out.join('\n');
}

test('incremental binding equals a fresh binding after random edits', () => {
  for (const seed of (process.env.BIND_SEEDS ?? "1,2,3").split(",").map(Number)) {
    const next = rng(seed * 7919);
    const ws = new Workspace();
    const texts = { ...FILES };
    for (const [uri, text] of Object.entries(texts)) ws.setFile(uri, text);
    for (let i = 0; i < 250; i++) {
      const uri = next() < 0.5 ? 'file:///a.dbml' : 'file:///b.dbml';
      let text = texts[uri];
      const at = Math.floor(next() * (text.length + 1));
      const r = next();
      if (r < 0.5) text = text.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)] + text.slice(at);
      else if (r < 0.85) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 8));
      else text = FILES[uri]; // back to the start: everything resolves again
      texts[uri] = text;
      ws.setFile(uri, text);
      const fresh = new Workspace();
      for (const [u, t] of Object.entries(texts)) fresh.setFile(u, t);
      const a = observe(ws);
      const b = observe(fresh);
      if (a !== b) {
        const al = a.split('\n');
        const bl = b.split('\n');
        const k = al.findIndex((l, j) => l !== bl[j]);
        let c = 0;
        while (al[k][c] === bl[k][c]) c++;
        const from = Math.max(0, c - 300);
        assert.fail(`seed ${seed}, edit ${i}: part ${k} differs at ${c}\nincremental: …${al[k].slice(from, c + 300)}\nfresh:       …${bl[k].slice(from, c + 300)}`);
      }
    }
  }
});
