/**
 * The linter as a whole: fixes re-lint clean once applied to the model,
 * per-code severity overrides (and `off`), the dialect taken from the
 * Project, deterministic order, and the docs page covering every code.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Workspace } from '../../src/engine/workspace.js';
import type { Schema } from '../../src/engine/model/schema.js';
import { normaliseType } from '../../src/engine/model/types.js';
import { lint, rules, ruleByCode, type LintFix } from '../../src/engine/lint/index.js';
import { FIX_DESCRIPTIONS, renderLintRulesMarkdown } from '../../src/engine/lint/docs.js';

function dbml(text: string): Schema {
  const ws = new Workspace();
  ws.setFile('file:///t.dbml', text);
  return ws.binding().schema;
}

/** Applies a described fix to the model, as the lead's per-format edit would to the text. */
function applyFix(schema: Schema, fix: LintFix): void {
  const t = schema.tables.find((x) => x.key === fix.tableKey);
  assert.ok(t, `fix names table ${fix.tableKey}`);
  if (fix.kind === 'addIndex') t.indexes.push({ parts: fix.columns.map((column) => ({ column })), unique: fix.unique === true, primaryKey: false });
  else if (fix.kind === 'addPrimaryKey') {
    t.columns.unshift({ name: 'id', type: normaliseType('bigint', 'bigint', []), nullable: false, nullabilityExplicit: true, primaryKey: true, unique: false, autoIncrement: true, checks: [], settings: {} });
  } else {
    const c = t.columns.find((x) => x.name === fix.column);
    if (fix.kind === 'addNote' && !c) t.note = fix.note;
    assert.ok(c || fix.kind === 'addNote', `fix names column ${String(fix.column)}`);
    if (!c) return;
    if (fix.kind === 'addNote') c.note = fix.note;
    else {
      const m = /^([a-z ]+?)\s*(?:\((.*)\))?$/i.exec(fix.to);
      assert.ok(m, `type ${fix.to} reads`);
      c.type = normaliseType(fix.to, m[1], m[2] ? m[2].split(',').map((a) => a.trim()) : []);
    }
  }
}

const FIXABLE: { code: string; db?: 'postgres' | 'mysql'; text: string }[] = [
  { code: 'KEY001', text: 'Table events {\n  name varchar\n}' },
  { code: 'KEY003', text: 'Table users {\n  id int [pk]\n}\nTable posts {\n  id int [pk]\n  user_id int [ref: > users.id]\n}' },
  { code: 'KEY004', text: 'Table users {\n  id bigserial [pk]\n}\nTable posts {\n  id int [pk]\n  user_id int [ref: > users.id]\n}' },
  { code: 'TYPE001', text: 'Table orders {\n  id int [pk]\n  unit_price float\n}' },
  { code: 'TYPE002', db: 'postgres', text: 'Table events {\n  id int [pk]\n  at timestamp(3)\n}' },
  { code: 'TYPE003', db: 'mysql', text: 'Table users {\n  id int [pk]\n  name varchar\n}' },
  { code: 'TYPE004', text: 'Table users {\n  id int [pk]\n  last_name char(40)\n}' },
  { code: 'TYPE007', text: 'Table events {\n  id int [pk, increment]\n}' },
  { code: 'TYPE008', db: 'postgres', text: 'Table events {\n  id int [pk]\n  payload json\n}' },
  { code: 'TYPE010', db: 'postgres', text: 'Table orders {\n  id int [pk]\n  total money\n}' },
  { code: 'TYPE012', db: 'mysql', text: 'Table orders {\n  id int [pk]\n  total decimal\n}' },
  { code: 'DES004', text: 'Table a {\n  id int [pk]\n}\nTable b {\n  id int [pk]\n}\nTable a_b {\n  a_id int [ref: > a.id]\n  b_id int [ref: > b.id]\n}' },
  { code: 'PII009', text: 'Table users {\n  id int [pk]\n  phone varchar\n}' },
];

for (const c of FIXABLE) {
  test(`${c.code}: applying its fix re-lints clean`, () => {
    const schema = dbml(c.text);
    const before = lint(schema, { databaseType: c.db }).filter((f) => f.code === c.code);
    assert.ok(before.length > 0, `${c.code} fires`);
    for (const f of before) {
      assert.ok(f.fix, `${c.code} carries a fix`);
      applyFix(schema, f.fix);
    }
    // a new Schema object: the linter caches derived facts per (immutable) schema
    assert.deepEqual(lint({ ...schema }, { databaseType: c.db }).filter((f) => f.code === c.code).map((f) => f.message), []);
  });
}

test('rules that describe fixes are the ones tested above', () => {
  const schemas = FIXABLE.map((c) => lint(dbml(c.text), { databaseType: c.db }));
  const withFix = new Set(schemas.flat().filter((f) => f.fix).map((f) => f.code));
  for (const c of FIXABLE) assert.ok(withFix.has(c.code), c.code);
  assert.deepEqual(Object.keys(FIX_DESCRIPTIONS).sort(), FIXABLE.map((c) => c.code).sort());
});

const MIXED = 'Table users {\n  id int [pk]\n  email varchar\n  price float\n}\nTable posts {\n  id int [pk]\n  user_id int [ref: > users.id]\n}';

test('severity overrides change the severity; off removes the rule', () => {
  const base = lint(dbml(MIXED));
  assert.equal(base.find((f) => f.code === 'KEY003')?.severity, 'warning');
  assert.ok(base.some((f) => f.code === 'PII009'));
  const over = lint(dbml(MIXED), { severity: { KEY003: 'error', PII009: 'off', TYPE001: 'hint' } });
  assert.equal(over.find((f) => f.code === 'KEY003')?.severity, 'error');
  assert.equal(over.find((f) => f.code === 'TYPE001')?.severity, 'hint');
  assert.ok(!over.some((f) => f.code === 'PII009'));
  assert.equal(over.length, base.length - base.filter((f) => f.code === 'PII009').length);
  const none = lint(dbml(MIXED), { severity: Object.fromEntries(rules.map((r) => [r.code, 'off' as const])) });
  assert.deepEqual(none, []);
});

test('half-written schemas lint: unknown references and broken blocks are skipped, the rest is checked', () => {
  const text = 'Table posts {\n  id int [pk]\n  user_id int [ref: > users.id]\n  author_id int [ref: > posts.nope]\n  price float\n}\nTable broken {\n  id int [pk\n  x\n}\nRef: posts.(id) > ghosts.(a, b)\nEnum e {\n}';
  const found = lint(dbml(text));
  assert.ok(found.some((f) => f.code === 'TYPE001' && f.tableKey === 'public.posts' && f.column === 'price'));
  for (const f of found) assert.ok(ruleByCode(f.code), f.code);
  const schema = dbml(text);
  // a relationship whose ends name no table or columns at all
  schema.relationships.push({ from: { schema: 'x', table: 'y', columns: [], tableKey: 'x.y' }, to: { schema: 'x', table: 'z', columns: ['q'], tableKey: 'x.z' }, cardinality: 'n-1', source: 'declared' });
  schema.tables.push({ key: 'public.bare', schema: 'public', name: 'bare', columns: [], indexes: [{ parts: [], unique: true, primaryKey: true }], checks: [], settings: {} });
  const again = lint(schema);
  assert.ok(again.some((f) => f.code === 'DES006' && f.tableKey === 'public.bare' && f.uri === undefined));
});

test('the dialect comes from the Project unless given', () => {
  const text = "Project p {\n  database_type: 'PostgreSQL'\n}\nTable events {\n  id int [pk]\n  at timestamp\n}";
  assert.ok(lint(dbml(text)).some((f) => f.code === 'TYPE002'));
  assert.ok(!lint(dbml(text), { databaseType: 'mysql' }).some((f) => f.code === 'TYPE002'));
  assert.ok(!lint(dbml('Table events {\n  id int [pk]\n  at timestamp\n}')).some((f) => f.code === 'TYPE002'));
});

test('findings come sorted by position, then code, and are the same on every run', () => {
  const a = lint(dbml(MIXED));
  for (let i = 1; i < a.length; i++) {
    const p = a[i - 1];
    const q = a[i];
    assert.ok(p.span!.start < q.span!.start || (p.span!.start === q.span!.start && p.code <= q.code), `${p.code}@${p.span!.start} before ${q.code}@${q.span!.start}`);
  }
  assert.deepEqual(lint(dbml(MIXED)).map((f) => `${f.code} ${f.message}`), a.map((f) => `${f.code} ${f.message}`));
});

test('findings point at the name that was written', () => {
  const text = MIXED;
  const f = lint(dbml(text)).find((x) => x.code === 'TYPE001');
  assert.ok(f?.span);
  assert.equal(text.slice(f.span.start, f.span.end), 'price');
  assert.equal(f.uri, 'file:///t.dbml');
  const rel = lint(dbml(text)).find((x) => x.code === 'KEY003');
  assert.ok(rel?.span);
  assert.match(text.slice(rel.span.start, rel.span.end), /users\.id/);
});

/** Tagging rules fire on documented columns too: their good example must only satisfy PII009. */
const TAGS = new Set(['PII001', 'PII002', 'PII003', 'PII004', 'PII005', 'PII006', 'PII007']);

test("each rule's documented bad example fires it and its good example does not", () => {
  for (const r of rules) {
    if (r.code === 'KEY002') continue; // front ends normalise key columns to NOT NULL: no text example can show it
    const run = (text: string) => {
      const ws = new Workspace();
      ws.setFile('file:///doc.dbml', text);
      const errors = ws.diagnostics('file:///doc.dbml').filter((d) => d.severity === 'error');
      return { codes: lint(ws.binding().schema).map((f) => f.code), errors: errors.length };
    };
    const bad = run(r.docs.bad);
    const good = run(r.docs.good);
    assert.ok(bad.codes.includes(r.code), `${r.code}: bad example fires`);
    if (r.code !== 'DES006') assert.equal(bad.errors, 0, `${r.code}: bad example parses`); // DBML rejects an empty table body: that is the point
    assert.equal(good.errors, 0, `${r.code}: good example parses`);
    assert.ok(!good.codes.includes(TAGS.has(r.code) ? 'PII009' : r.code), `${r.code}: good example is clean`);
  }
});

test('every rule has complete docs, and docs/lint-rules.md has a section per code', () => {
  const md = readFileSync(fileURLToPath(new URL('../../../docs/lint-rules.md', import.meta.url)), 'utf8');
  for (const r of rules) {
    assert.ok(r.title && r.docs.why && r.docs.bad && r.docs.good, r.code);
    assert.ok(md.includes(`## ${r.code}: ${r.title}`), `docs section for ${r.code}`);
  }
  // regenerate with renderLintRulesMarkdown() when a rule changes
  assert.equal(md, renderLintRulesMarkdown());
  assert.equal(ruleByCode('KEY001')?.family, 'keys');
  assert.equal(ruleByCode('NOPE'), undefined);
});
