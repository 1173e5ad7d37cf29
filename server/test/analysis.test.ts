/**
 * Analysis in the workspace (issue 5): inferred relationships and lint
 * findings arrive as diagnostics on the declaring files; quick fixes declare
 * the relationship in the file's own language or silence the code; a
 * suppression comment and a severity override silence it too.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../src/engine/workspace.js';
import { codeActions } from '../src/engine/ide/code-actions.js';
import { applyEdits } from './util/fixture.js';
import { rules as lintRules } from '../src/engine/lint/index.js';

const DBML = 'Table users {\n  id int [pk]\n  email varchar\n}\n\nTable posts {\n  id int [pk]\n  user_id int\n}\n';
const SQL = 'CREATE TABLE "Users" (\n  id integer PRIMARY KEY\n);\n\nCREATE TABLE posts (\n  id integer PRIMARY KEY,\n  user_id integer NOT NULL\n);\n';

function inferredOn(ws: Workspace, uri: string) {
  return ws.diagnostics(uri).filter((d) => d.code === 'INFER001');
}

describe('inferred relationships', () => {
  test('a DBML column named after a table is a hint with evidence, and the quick fix declares it', () => {
    const ws = new Workspace({ analysis: {} });
    const uri = 'file:///a/schema.dbml';
    ws.setFile(uri, DBML);
    const [d] = inferredOn(ws, uri);
    assert.ok(d, 'an INFER001 diagnostic');
    assert.equal(DBML.slice(d.span.start, d.span.end), 'user_id');
    assert.match(d.message, /users\.id/);
    assert.ok(d.related?.length, 'points at the target');
    const actions = codeActions(ws, uri, d.span, [d]);
    const declare = actions.find((a) => a.title === 'Declare this relationship');
    assert.ok(declare, actions.map((a) => a.title).join(', '));
    const fixed = applyEdits(DBML, declare.edit.changes[uri]);
    assert.match(fixed, /\nRef: posts\.user_id > users\.id\n$/);
    ws.setFile(uri, fixed);
    assert.deepEqual(inferredOn(ws, uri), []);
    assert.deepEqual(ws.diagnostics(uri).filter((x) => x.severity === 'error'), []);
    assert.ok(ws.binding().schema.relationships.some((r) => r.source === 'declared' && r.from.table === 'posts' && r.to.table === 'users'));
  });

  test('in SQL the quick fix is an ALTER TABLE in the dialect, with quoted names where needed', () => {
    const ws = new Workspace({ analysis: {} });
    const uri = 'file:///a/schema.sql';
    ws.setFile(uri, SQL, 0, { language: 'sql', dialect: 'postgres' });
    const [d] = inferredOn(ws, uri);
    assert.ok(d, JSON.stringify(ws.diagnostics(uri)));
    const declare = codeActions(ws, uri, d.span, [d]).find((a) => a.title === 'Declare this relationship');
    assert.ok(declare);
    const fixed = applyEdits(SQL, declare.edit.changes[uri]);
    assert.match(fixed, /ALTER TABLE posts ADD CONSTRAINT fk_posts_user_id FOREIGN KEY \(user_id\) REFERENCES "Users" \(id\);\n$/);
    ws.setFile(uri, fixed);
    assert.deepEqual(inferredOn(ws, uri), []);
    assert.deepEqual(ws.diagnostics(uri).filter((x) => x.severity === 'error'), []);
  });

  test('"Ignore" writes a suppression comment that silences the code on the next line', () => {
    const ws = new Workspace({ analysis: {} });
    const uri = 'file:///a/schema.dbml';
    ws.setFile(uri, DBML);
    const [d] = inferredOn(ws, uri);
    const ignore = codeActions(ws, uri, d.span, [d]).find((a) => a.title === 'Ignore INFER001 on this line');
    assert.ok(ignore);
    const fixed = applyEdits(DBML, ignore.edit.changes[uri]);
    assert.match(fixed, /\n  \/\/ schemasage-disable-next-line INFER001\n  user_id int\n/);
    ws.setFile(uri, fixed);
    assert.deepEqual(inferredOn(ws, uri), []);
  });

  test('a severity override turns a code off or changes its severity', () => {
    const ws = new Workspace({ analysis: { severity: { INFER001: 'warning' } } });
    ws.setFile('file:///a/schema.dbml', DBML);
    assert.equal(inferredOn(ws, 'file:///a/schema.dbml')[0]?.severity, 'warning');
    ws.setAnalysisOptions({ severity: { INFER001: 'off' } });
    assert.deepEqual(inferredOn(ws, 'file:///a/schema.dbml'), []);
    ws.setAnalysisOptions({ enabled: false });
    assert.deepEqual(ws.diagnostics('file:///a/schema.dbml'), []);
  });
});

describe('lint findings', () => {
  test('a table without a primary key gets a lint diagnostic on its name, which a comment can silence', () => {
    const ws = new Workspace({ analysis: {} });
    const uri = 'file:///a/schema.dbml';
    const text = 'Table audit_log {\n  message varchar\n}\n';
    ws.setFile(uri, text);
    const lintDiags = ws.diagnostics(uri).filter((d) => /^(KEY|NAME|TYPE|IDX|DES|PII)\d+$/.test(d.code));
    const onName = lintDiags.find((d) => text.slice(d.span.start, d.span.end) === 'audit_log' && /primary key/i.test(d.message));
    assert.ok(onName, JSON.stringify(lintDiags.map((d) => `${d.code} ${d.message}`)));
    ws.setFile(uri, `// schemasage-disable-next-line ${onName.code}\n${text}`);
    assert.ok(!ws.diagnostics(uri).some((d) => d.code === onName.code && /primary key/i.test(d.message)));
  });
});

describe('lint quick fixes', () => {
  /** Applies the preferred fix of the first diagnostic with `code` and returns the new text and whether the code is gone. */
  function fixOnce(uri: string, text: string, code: string, kind?: { language: 'sql'; dialect: 'postgres' }) {
    const ws = new Workspace({ analysis: {} });
    ws.setFile(uri, text, 0, kind ?? {});
    const d = ws.diagnostics(uri).find((x) => x.code === code);
    assert.ok(d, `${code} in ${JSON.stringify(ws.diagnostics(uri).map((x) => x.code))}`);
    const fix = codeActions(ws, uri, d.span, [d]).find((a) => a.isPreferred);
    assert.ok(fix, `a fix for ${code}`);
    const fixed = applyEdits(text, fix.edit.changes[uri]);
    ws.setFile(uri, fixed, 1, kind ?? {});
    const after = ws.diagnostics(uri);
    return { fixed, gone: !after.some((x) => x.code === code && x.span.start === d.span.start), errors: after.filter((x) => x.severity === 'error') };
  }

  test('change a money column from float to decimal (DBML and SQL)', () => {
    const dbml = fixOnce('file:///f/a.dbml', 'Table products {\n  id int [pk]\n  price float\n}\n', 'TYPE001');
    assert.match(dbml.fixed, /price decimal\(19, 4\)/);
    assert.ok(dbml.gone);
    assert.deepEqual(dbml.errors, []);
    const sql = fixOnce('file:///f/a.sql', 'CREATE TABLE products (\n  id integer PRIMARY KEY,\n  price double precision\n);\n', 'TYPE001', { language: 'sql', dialect: 'postgres' });
    assert.match(sql.fixed, /price decimal\(19, 4\)/);
    assert.ok(sql.gone);
    assert.deepEqual(sql.errors, []);
  });

  test('add the composite key a junction table lacks (DBML indexes block, SQL CREATE UNIQUE INDEX)', () => {
    const base = 'Table posts {\n  id int [pk]\n}\nTable tags {\n  id int [pk]\n}\nTable post_tags {\n  post_id int [ref: > posts.id]\n  tag_id int [ref: > tags.id]\n}\n';
    const dbml = fixOnce('file:///f/b.dbml', base, 'DES004');
    assert.match(dbml.fixed, /  indexes \{\n    \(post_id, tag_id\) \[unique\]\n  \}\n\}\n$/);
    assert.ok(dbml.gone);
    assert.deepEqual(dbml.errors, []);
    const sqlText = 'CREATE TABLE posts (id integer PRIMARY KEY);\nCREATE TABLE tags (id integer PRIMARY KEY);\nCREATE TABLE post_tags (\n  post_id integer REFERENCES posts (id),\n  tag_id integer REFERENCES tags (id)\n);\n';
    const sql = fixOnce('file:///f/b.sql', sqlText, 'DES004', { language: 'sql', dialect: 'postgres' });
    assert.match(sql.fixed, /CREATE UNIQUE INDEX post_tags_post_id_tag_id_key ON post_tags \(post_id, tag_id\);\n$/);
    assert.ok(sql.gone);
    assert.deepEqual(sql.errors, []);
  });

  test('classify a personal-data column with a note', () => {
    const dbml = fixOnce('file:///f/c.dbml', 'Table users {\n  id int [pk]\n  email varchar [not null]\n}\n', 'PII009');
    assert.match(dbml.fixed, /email varchar \[not null, note: 'PII: [^']+'\]/);
    assert.ok(dbml.gone);
    assert.deepEqual(dbml.errors, []);
  });
});

describe('Prisma: declaring an inferred relationship', () => {
  test('adds the relation field after the key and the back-relation in the other model; the schema validates', () => {
    const uri = 'file:///p/schema.prisma';
    const text = 'model User {\n  id    Int    @id\n  email String\n}\n\nmodel Post {\n  id     Int @id\n  userId Int\n}\n';
    const ws = new Workspace({ analysis: {} });
    ws.setFile(uri, text);
    const d = ws.diagnostics(uri).find((x) => x.code === 'INFER001');
    assert.ok(d, JSON.stringify(ws.diagnostics(uri).map((x) => `${x.code} ${x.message}`)));
    const declare = codeActions(ws, uri, d.span, [d]).find((a) => a.title === 'Declare this relationship');
    assert.ok(declare);
    const fixed = applyEdits(text, declare.edit.changes[uri]);
    assert.match(fixed, /  userId Int\n  user User @relation\(fields: \[userId\], references: \[id\]\)\n\}/);
    assert.match(fixed, /  email String\n  posts Post\[\]\n\}/);
    ws.setFile(uri, fixed);
    assert.deepEqual(ws.diagnostics(uri).filter((x) => x.severity === 'error' || x.code === 'INFER001'), []);
    assert.ok(ws.binding().schema.relationships.some((r) => r.source === 'declared' && r.from.table === 'Post' && r.to.table === 'User'));
  });
});

describe('every lint rule with a fix: the quick fix applied to its documented bad example', () => {
  for (const rule of lintRules) {
    const ws = new Workspace({ analysis: {} });
    const uri = `file:///fix/${rule.code}.dbml`;
    ws.setFile(uri, rule.docs.bad);
    const withFix = ws.diagnostics(uri).filter((d) => d.code === rule.code && d.data?.fix);
    if (!withFix.length) continue;
    test(`${rule.code} (${rule.title}): the fix re-lints clean`, () => {
      const d = withFix[0];
      const fix = codeActions(ws, uri, d.span, [d]).find((a) => a.isPreferred);
      assert.ok(fix, `no quick fix for ${rule.code} (${d.data?.fix?.kind})`);
      const fixed = applyEdits(rule.docs.bad, fix.edit.changes[uri]);
      const again = new Workspace({ analysis: {} });
      again.setFile(uri, fixed);
      const after = again.diagnostics(uri);
      assert.deepEqual(after.filter((x) => x.severity === 'error' && !/^(KEY|NAME|TYPE|IDX|DES|PII)\d+$/.test(x.code)), [], `the fixed text parses and binds:\n${fixed}`);
      assert.ok(after.filter((x) => x.code === rule.code).length < withFix.length || !after.some((x) => x.code === rule.code), `${rule.code} still fires after the fix:\n${fixed}`);
    });
  }
});
