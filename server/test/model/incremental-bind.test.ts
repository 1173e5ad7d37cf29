/**
 * Incremental binding (issue 3, item 11): a workspace that re-binds after each
 * edit, reusing unchanged tables' builds, must give what a fresh workspace gives
 * for the same texts: the schema, every diagnostic, and every occurrence with
 * the key of the symbol it names. Edits are random but seeded, and the
 * documents use what a table's build depends on (partials, enums, enum
 * defaults, aliases, refs across files), so edits break and restore them.
 * The delta rebind (one table, Ref, TableGroup or Note changed) has its own
 * property test below (BIND_RUNS cases, default 300; BIND_SEED to replay one).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Workspace, type SourceFile } from '../../src/engine/workspace.js';
import { BindCache, bind, type Binding } from '../../src/engine/model/bind.js';
import { closestNames } from '../../src/engine/model/suggest.js';
import { generateDbml } from '../../../bench/generate.mjs';
import type { Diagnostic } from '../../src/engine/diagnostics.js';
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

// ------------------------------------------------------------------ delta rebind: a property test
//
// A keystroke inside one table block rebinds that table and the refs that name it (a delta), else
// everything (a full run). Random edits of the kinds a user makes, applied one by one to a small
// generated two-file schema; after each, the binding kept across edits must equal a fresh one as
// the IDE features read it: schema and parts, diagnostics, every occurrence with its symbol, the
// symbol list, references per symbol, the occurrence at each offset, table and column lookups.

type Spec = { tables: number; aliases: boolean[]; schemaOf: boolean[]; cols: number[]; refs: [number, number][]; inline: boolean[]; group: number[]; records: boolean; sql: boolean };

const TYPES = ['int', 'varchar(20)', 'status', 'core.kind', 'text', 'bigint'];

function tableName(spec: Spec, i: number): string {
  return spec.schemaOf[i] ? `core.t${i}` : `t${i}`;
}

/** Two files: enums and the first half of the tables in a.dbml, the rest, refs and a group in b.dbml (and maybe an SQL file). */
function generate(spec: Spec): Record<string, string> {
  const a: string[] = ["Enum status {\n  active\n  gone [note: 'x']\n}\n", 'Enum core.kind {\n  a\n  b\n}\n'];
  const b: string[] = [];
  for (let i = 0; i < spec.tables; i++) {
    const lines = [`Table ${tableName(spec, i)}${spec.aliases[i] ? ` as A${i}` : ''} {`, '  id int [pk]'];
    for (let c = 0; c < spec.cols[i]; c++) {
      const type = TYPES[(i + c) % TYPES.length];
      const settings = type === 'status' ? ' [default: status.active]' : type === 'core.kind' ? ' [default: core.kind.b]' : '';
      lines.push(`  c${c} ${type}${settings}`);
    }
    if (spec.inline[i] && i > 0) lines.push(`  p${i} int [ref: > ${spec.aliases[i - 1] ? `A${i - 1}` : tableName(spec, i - 1)}.id]`);
    if (spec.cols[i] > 1) lines.push('  indexes {\n    (id, c0) [unique]\n  }');
    if (spec.records && i === 0) lines.push('  records (id) {\n    1\n  }');
    lines.push('}\n');
    (i < spec.tables / 2 ? a : b).push(lines.join('\n'));
  }
  for (const [from, to] of spec.refs) {
    if (from === to) continue;
    b.push(`Ref: ${tableName(spec, from)}.c0 > ${spec.aliases[to] ? `A${to}` : tableName(spec, to)}.id\n`);
  }
  if (spec.group.length) b.push(`TableGroup g {\n${[...new Set(spec.group)].map((i) => `  ${tableName(spec, i)}`).join('\n')}\n}\n`);
  if (spec.records) b.push(`Records ${tableName(spec, spec.tables - 1)}(id) {\n  2\n}\n`);
  if (spec.group.length) b.push("Note n1 {\n  'sticky'\n}\n");
  const files: Record<string, string> = { 'file:///a.dbml': a.join('\n'), 'file:///b.dbml': b.join('\n') };
  if (spec.sql) files['file:///c.sql'] = 'CREATE TABLE s (id int PRIMARY KEY, t0_id int REFERENCES s (id), bad nope);\nCREATE TABLE s (id int);\n';
  return files;
}

const spec: fc.Arbitrary<Spec> = fc.integer({ min: 2, max: 6 }).chain((n) =>
  fc.record({
    tables: fc.constant(n),
    aliases: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    schemaOf: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    cols: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }),
    refs: fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })), { maxLength: 6 }),
    inline: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    group: fc.array(fc.integer({ min: 0, max: n - 1 }), { maxLength: 3 }),
    records: fc.boolean(),
    sql: fc.boolean(),
  }),
);

type EditKind = 'column' | 'type' | 'tableName' | 'alias' | 'deleteRef' | 'deleteInlineRef' | 'dupTable' | 'enum' | 'deleteChar' | 'restore' | 'ref' | 'group' | 'note';
type Edit = { kind: EditKind; file: number; pick: number; at: number; ch: string };

const edit: fc.Arbitrary<Edit> = fc.record({
  kind: fc.constantFrom<EditKind>('column', 'column', 'column', 'type', 'type', 'tableName', 'alias', 'deleteRef', 'deleteInlineRef', 'dupTable', 'enum', 'deleteChar', 'deleteChar', 'restore', 'ref', 'ref', 'group', 'note'),
  file: fc.integer({ min: 0, max: 1 }),
  pick: fc.nat(),
  at: fc.nat(),
  ch: fc.constantFrom('x', '_', '1', 'x', ' ', '.'),
});

/** Every match of `re` in `text`: [start of group 1, its text] (or of the whole match without a group). */
function spots(text: string, re: RegExp): [number, string][] {
  const out: [number, string][] = [];
  for (const m of text.matchAll(re)) {
    const g = m[1] ?? m[0];
    out.push([m.index! + m[0].indexOf(g), g]);
  }
  return out;
}

function applyEdit(text: string, original: string, e: Edit): string {
  const insertIn = (re: RegExp): string => {
    const s = spots(text, re);
    if (!s.length) return text;
    const [start, g] = s[e.pick % s.length];
    const at = start + (e.at % (g.length + 1));
    return text.slice(0, at) + e.ch + text.slice(at);
  };
  const remove = (re: RegExp): string => {
    const s = spots(text, re);
    if (!s.length) return text;
    const [start, g] = s[e.pick % s.length];
    return text.slice(0, start) + text.slice(start + g.length);
  };
  switch (e.kind) {
    case 'column':
      return insertIn(/^ {2}([a-z]\w*) /gm);
    case 'type':
      return insertIn(/^ {2}[a-z]\w* ([\w.()]+)/gm);
    case 'tableName':
      return insertIn(/^Table ([\w.]+)/gm);
    case 'alias':
      return insertIn(/ as (A\d+)/g);
    case 'deleteRef':
      return remove(/^Ref:.*\n/gm);
    case 'deleteInlineRef':
      return remove(/( \[ref: > [\w.]+\])/g);
    case 'dupTable': {
      const s = spots(text, /^Table ([\w.]+)/gm);
      const name = s.length ? s[e.pick % s.length][1] : 't0';
      return `${text}\nTable ${name} {\n  id int\n}\n`;
    }
    case 'enum':
      return e.at % 2 ? insertIn(/^ {2}(active|gone|a|b)\b/gm) : text.replace(/^Enum status \{\n/m, 'Enum status {\n  added\n');
    case 'deleteChar': {
      const s = spots(text, /^ {2}([a-z]\w*) /gm);
      if (!s.length) return text;
      const [start, g] = s[e.pick % s.length];
      const at = start + (e.at % g.length);
      return text.slice(0, at) + text.slice(at + 1);
    }
    case 'restore':
      return original;
    case 'ref':
      return insertIn(/^Ref: ([\w.]+ > [\w.]+)/gm);
    case 'group':
      return e.at % 3 ? insertIn(/^ {2}((?:core\.)?t\d+)$/gm) : insertIn(/^TableGroup (\w+)/gm);
    case 'note':
      return insertIn(/^Note (\w+)/gm);
  }
}

function bySpan(a: Diagnostic, b: Diagnostic): number {
  return a.span.start - b.span.start || a.span.end - b.span.end;
}

/** A binding as the IDE features read it, with symbols named by kind and key (ids differ between bindings). */
function view(files: SourceFile[], b: Binding): string {
  const name = (id: number | undefined): unknown => {
    const s = id === undefined ? undefined : b.symbol(id);
    return s ? `${s.kind}:${s.key}` : null;
  };
  const out: unknown[] = [b.schema, b.parts, b.databaseType];
  for (const f of files) {
    out.push([...f.parseDiagnostics, ...(b.diagnosticsByUri.get(f.uri) ?? [])].sort(bySpan));
    const occs = b.occurrencesByUri.get(f.uri) ?? [];
    out.push(occs.map((o) => [o.span.start, o.span.end, o.isDefinition, o.quoted, name(o.symbol), b.target(o.symbol).kind]));
    // the occurrence under the cursor at every name's start and end
    out.push(occs.map((o) => [name(b.occurrenceAt(f.uri, o.span.start)?.symbol), name(b.occurrenceAt(f.uri, o.span.end)?.symbol)]));
  }
  const symbols = b.symbols.map((s) => [
    s.kind,
    s.key,
    s.name,
    s.qualifiedName,
    s.uri,
    s.nameSpan.start,
    s.nameSpan.end,
    s.span.start,
    s.span.end,
    s.detail ?? null,
    name(s.parent),
    b.occurrencesOf(s.id).map((o) => [o.uri, o.span.start, o.isDefinition]),
  ]);
  out.push(symbols.sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1)));
  for (const t of b.schema.tables) {
    out.push([t.key, name(b.tableSymbol(t.key))]);
    for (const c of t.columns) out.push([`${t.key}.${c.name}`, name(b.columnSymbol(`${t.key}.${c.name}`))]);
  }
  return JSON.stringify(out);
}

test('delta rebind equals a fresh binding after random edits (property)', () => {
  let deltas = 0;
  let fulls = 0;
  let steps = 0;
  let cases = 0;
  fc.assert(
    fc.property(spec, fc.array(edit, { minLength: 1, maxLength: 12 }), (s, edits) => {
      cases++;
      const original = generate(s);
      const texts = { ...original };
      const uris = Object.keys(texts);
      const ws = new Workspace();
      for (const u of uris) ws.setFile(u, texts[u]);
      const cache = new BindCache();
      bind(ws.files(), ws.options, cache);
      for (const e of edits) {
        const uri = uris[e.file]; // a.dbml or b.dbml
        texts[uri] = applyEdit(texts[uri], original[uri], e);
        ws.setFile(uri, texts[uri]);
        const kept = bind(ws.files(), ws.options, cache);
        const fresh = new Workspace();
        for (const u of uris) fresh.setFile(u, texts[u]);
        steps++;
        assert.equal(view(ws.files(), kept), view(fresh.files(), fresh.binding()), `after ${e.kind} in ${uri}:\n${texts[uri]}`);
      }
      deltas += cache.stats.delta;
      fulls += cache.stats.full;
    }),
    { numRuns: Number(process.env.BIND_RUNS ?? 300), seed: process.env.BIND_SEED ? Number(process.env.BIND_SEED) : undefined },
  );
  // the property is about the delta: it must have been taken, and the fallback too
  assert.ok(deltas > steps / 5, `${deltas} deltas in ${steps} edits`);
  assert.ok(fulls > cases, `${fulls} full runs in ${cases} cases`);
  console.log(`# delta property: ${cases} cases, ${steps} edits, ${deltas} delta rebinds, ${fulls} full runs`);
});

test('which keystrokes are delta rebinds, and each equals a fresh binding', () => {
  const text = 'Enum e {\n  v\n}\n\nTable a as A {\n  id int [pk]\n  name text\n}\n\nTable b {\n  id int [pk]\n  a_id int [ref: > A.id]\n}\n\nRef: b.id - a.id\n\nTableGroup g {\n  a\n}\n';
  const cases: [string, string, boolean][] = [
    // [edit description, new text, delta expected]
    ['type in a column name', text.replace('  name text', '  namex text'), true],
    ['type in the referenced column', text.replace('  id int [pk]\n  name', '  idx int [pk]\n  name'), true],
    ['type in a column type', text.replace('name text', 'name textx'), true],
    ['rename the table', text.replace('Table a as', 'Table ax as'), true],
    ['rename the table to a taken name', text.replace('Table a as', 'Table b as'), false],
    ['rename the alias', text.replace('as A {', 'as Ax {'), false],
    ['delete the inline ref', text.replace(' [ref: > A.id]', ''), false],
    ['a second table', `${text}\nTable c {\n  id int\n}\n`, false],
    ['type in a Ref', text.replace('Ref: b.id - a.id', 'Ref: b.idx - a.id'), true],
    ['type in a group member', text.replace('  a\n}', '  ax\n}'), true],
    ['type in an enum', text.replace('  v\n', '  vx\n'), false],
  ];
  for (const [what, next, expectDelta] of cases) {
    const ws = new Workspace();
    ws.setFile('file:///x.dbml', text);
    const cache = new BindCache();
    bind(ws.files(), ws.options, cache);
    ws.setFile('file:///x.dbml', next);
    const kept = bind(ws.files(), ws.options, cache);
    assert.equal(cache.stats.delta, expectDelta ? 1 : 0, what);
    const fresh = new Workspace();
    fresh.setFile('file:///x.dbml', next);
    assert.equal(view(ws.files(), kept), view(fresh.files(), fresh.binding()), what);
  }
});

test('unknown-table suggestions equal closestNames over every table name and alias', () => {
  // names of every length around the unknown ones, schema-qualified names, aliases, and non-ASCII
  // names whose lower case is longer than they are (İ), so no length filter can drop a suggestion
  const names = ['user', 'users', 'usrs', 'userss', 'user_accounts', 'u', 'us', 'core.users', 'core.user', 'İİusers', 'Users', 'orders', 'order_items', 'x'];
  const aliases = ['U', 'usr', 'İu'];
  const tables = names.map((n, i) => `Table ${n.includes('.') || /^[\w.]+$/.test(n) ? n : `"${n}"`}${aliases[i] ? ` as ${/^\w+$/.test(aliases[i]) ? aliases[i] : `"${aliases[i]}"`}` : ''} {\n  id int\n}\n`);
  const unknown = ['usr_', 'user_acounts', 'ordrs', 'core.usres', 'İusers', 'iusers', 'zzzzzzzzzzzzzzzz', 'Usrs', 'xy'];
  const refs = unknown.map((u) => `Ref: ${u.includes('.') || /^\w+$/.test(u) ? u : `"${u}"`}.id > users.id\n`);
  const ws = new Workspace();
  ws.setFile('file:///s.dbml', tables.join('\n') + refs.join(''));
  const b = ws.binding();
  const candidates = b.schema.tables.map((t) => (t.schema === 'public' ? t.name : `${t.schema}.${t.name}`)).concat(b.schema.tables.flatMap((t) => (t.alias ? [t.alias] : [])));
  const found = (ws.diagnostics('file:///s.dbml') ?? []).filter((d) => d.code === 'BIND001');
  assert.equal(found.length, unknown.length);
  for (const d of found) {
    const name = /Unknown table '(.*)'/.exec(d.message)![1];
    assert.deepEqual((d.data as { suggestions: string[] }).suggestions, closestNames(name, candidates), name);
  }
  assert.ok(found.some((d) => (d.data as { suggestions: string[] }).suggestions.length > 0));
});

test('the benchmark keystrokes (a column name, then the table name, of the middle table of a generated schema) are delta rebinds', () => {
  const { text: text0 } = generateDbml(300);
  const start = text0.search(/\nTable [\w.]*_150\b/);
  const m = /\n {2}([a-z_][a-z0-9_]*) /.exec(text0.slice(start + 1))!;
  const uri = 'file:///g.dbml';
  const ws = new Workspace();
  ws.setFile(uri, text0);
  const cache = new BindCache();
  bind(ws.files(), ws.options, cache);
  let text = text0;
  const points = [start + 1 + m.index + 3 + m[1].length, text0.indexOf(' ', start + 7)];
  for (const [p, at] of points.entries()) {
    assert.match(text.slice(at - 15, at + 1), p === 0 ? /[a-z0-9_] $/ : /_150 $/);
    // the column comes after the table's name: typing in it moves nothing before it
    let offset = at;
    for (let i = 0; i < 12; i++) {
      text = text.slice(0, offset) + 'x' + text.slice(offset);
      offset++;
      ws.setFile(uri, text);
      const kept = bind(ws.files(), ws.options, cache);
      if (i % 4 === 3) {
        const fresh = new Workspace();
        fresh.setFile(uri, text);
        assert.equal(view(ws.files(), kept), view(fresh.files(), fresh.binding()), `edit ${p}.${i}`);
      }
    }
  }
  assert.deepEqual(cache.stats, { full: 1, delta: 24 });
});
