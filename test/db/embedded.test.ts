/**
 * The Embedded PostgreSQL (PGlite) connection kind (issue 7): PostgreSQL's
 * errors on a schema file mapped to the statement and character; the
 * optional bundle found beside a CommonJS server bundle and a clear error
 * when it is absent; in-memory databases kept per key and leased one
 * session at a time; data directories made once from the schema file and
 * reopened as they are; introspection, migrations and drift as on any
 * PostgreSQL. One PGlite at a time (each takes ~4 s and a lot of memory).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { connect, introspect } from '../../server/src/db/index.ts';
import { PgliteUnavailableError, checkPostgresDdl, closeEmbedded, embeddedConnectionOptions, loadPglite, openEmbeddedPostgres } from '../../server/src/db/pglite.ts';
import { createdExtensions, pgDdlStatements, pgErrorDiagnostic, rowEstimate } from '../../server/src/engine/introspect/index.ts';
import { apply } from '../../server/src/migrations/index.ts';
import { parseMigrationFile } from '../../server/src/engine/history/format.ts';
import { computeDrift } from '../../server/src/engine/drift.ts';
import { Workspace } from '../../server/src/engine/workspace.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PGLITE_DIST = join(ROOT, 'node_modules', '@electric-sql', 'pglite', 'dist');

/** `text` with `⟦…⟧` marking the expected span: the text without marks, and the span. */
function marked(src: string): { text: string; span: { start: number; end: number } } {
  const start = src.indexOf('⟦');
  const end = src.indexOf('⟧') - 1;
  return { text: src.replace('⟦', '').replace('⟧', ''), span: { start, end } };
}

test('PostgreSQL error -> diagnostic on the statement, at the character it names', () => {
  const cases: { name: string; src: string; error: { message: string; position?: string | number; code?: string; hint?: string }; message: string }[] = [
    { name: 'unknown type, position in the second statement', src: 'CREATE TABLE a (id int);\nCREATE TABLE b (id int, x ⟦nosuch⟧);', error: { message: 'type "nosuch" does not exist', position: '27', code: '42704' }, message: 'PostgreSQL: type "nosuch" does not exist (42704)' },
    { name: 'a syntax error at a comma', src: 'CREATE TABLE a (id int,⟦,⟧ b int);', error: { message: 'syntax error at or near ","', position: 24 }, message: 'PostgreSQL: syntax error at or near ","' },
    { name: 'a qualified name is one span', src: 'CREATE TABLE t (v ⟦public.vector⟧(20));', error: { message: 'type "public.vector" does not exist', position: 19 }, message: 'PostgreSQL: type "public.vector" does not exist' },
    { name: 'a quoted name', src: 'CREATE TABLE t (x ⟦"Weird Type"⟧);', error: { message: 'type "Weird Type" does not exist', position: '19' }, message: 'PostgreSQL: type "Weird Type" does not exist' },
    { name: 'characters, not UTF-16 units, before the position', src: "COMMENT ON TABLE x IS '😀'; CREATE TABLE é😀 (v ⟦nosuch⟧);", error: { message: 'type "nosuch" does not exist', position: 20 }, message: 'PostgreSQL: type "nosuch" does not exist' },
    { name: 'no position: the name the message quotes', src: 'CREATE TABLE a (id int);\nCREATE INDEX missing_i ON ⟦missing⟧ (id);', error: { message: 'relation "missing" does not exist', code: '42P01', hint: 'Create it first.' }, message: 'PostgreSQL: relation "missing" does not exist (42P01)\nHint: Create it first.' },
    { name: 'no position: a quoted name keeps its quotes', src: 'ALTER TABLE ⟦"Missing"⟧ ADD COLUMN x int;', error: { message: 'relation "Missing" does not exist' }, message: 'PostgreSQL: relation "Missing" does not exist' },
    { name: 'no position, no name written: the whole statement', src: 'CREATE TABLE a (id int);\n⟦COMMIT⟧;', error: { message: 'there is no transaction in progress' }, message: 'PostgreSQL: there is no transaction in progress' },
  ];
  for (const c of cases) {
    const { text, span } = marked(c.src);
    const statements = pgDdlStatements(text);
    const failing = statements.find((s) => s.start <= span.start && span.end <= s.end)!;
    assert.ok(failing, c.name);
    const d = pgErrorDiagnostic('file:///s.sql', text, failing, c.error);
    assert.deepEqual({ span: d.span, message: d.message, code: d.code, severity: d.severity }, { span, message: c.message, code: 'PGCHECK001', severity: 'error' }, c.name);
  }
  // psql meta-command lines are not statements: never sent
  const text = '\\connect shop\nCREATE TABLE a (id int);\n\\set x 1\n';
  assert.deepEqual(pgDdlStatements(text).map((s) => text.slice(s.start, s.end)), ['CREATE TABLE a (id int)']);
});

test('createdExtensions: the extensions a script creates, once each', () => {
  const cases: [string, string[]][] = [
    ['CREATE EXTENSION pg_trgm;', ['pg_trgm']],
    ['create extension if not exists "uuid-ossp" with schema public;\nCREATE EXTENSION IF NOT EXISTS PGCRYPTO;', ['uuid-ossp', 'pgcrypto']],
    ['CREATE EXTENSION hstore; CREATE EXTENSION hstore;', ['hstore']],
    ['CREATE EXTENSION\n  citext;\nDROP EXTENSION cube;', ['citext']],
    ['CREATE TABLE extension (id int);', []],
  ];
  for (const [text, expected] of cases) assert.deepEqual(createdExtensions(text), expected, text);
});

test('embeddedConnectionOptions reads the schema file only when the database will be made from it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ss-embedded-opts-'));
  try {
    const reads: string[] = [];
    const read = (f: string) => (reads.push(f), 'CREATE TABLE a (id int);');
    const o = embeddedConnectionOptions({ key: 'k', schemaFile: '/w/schema.sql', dataDir: join(dir, 'db'), pgliteDir: '/opt/pglite' }, read);
    assert.deepEqual(o, { dialect: 'pglite', key: 'k', dataDir: join(dir, 'db'), moduleDir: '/opt/pglite', schema: { uri: 'file:///w/schema.sql', text: 'CREATE TABLE a (id int);' } });
    // a data directory already made (its marker present) opens as it is
    mkdirSync(join(dir, 'db'));
    writeFileSync(join(dir, 'db', 'schemasage-embedded.json'), '{}');
    const again = embeddedConnectionOptions({ key: 'k', schemaFile: '/w/schema.sql', dataDir: join(dir, 'db') }, read);
    assert.equal(again.schema, undefined);
    assert.equal(reads.length, 1);
    // unless it is to be made again
    assert.ok(embeddedConnectionOptions({ key: 'k', schemaFile: '/w/schema.sql', dataDir: join(dir, 'db'), recreate: true }, read).schema);
    assert.throws(
      () => embeddedConnectionOptions({ key: 'k', schemaFile: '/w/missing.sql' }, () => { throw new Error('ENOENT'); }),
      /cannot read the schema file \/w\/missing\.sql: ENOENT/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('no PGlite: opening says what to do instead of crashing', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'ss-no-pglite-'));
  try {
    await assert.rejects(loadPglite({ moduleDir: empty, packageFallback: false }), (e: unknown) => {
      assert.ok(e instanceof PgliteUnavailableError);
      assert.match(e.message, /Embedded PostgreSQL \(PGlite\) is not included/);
      assert.match(e.message, /schemasage\.connections\.pgliteDir/);
      assert.ok(e.looked.includes(empty));
      return true;
    });
    await assert.rejects(connect({ dialect: 'pglite', key: 'none', moduleDir: empty, packageFallback: false }), PgliteUnavailableError);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});

test('the optional bundle: a CommonJS server bundle loads dist/pglite beside it, and reports its absence', { timeout: 120_000 }, async () => {
  const out = mkdtempSync(join(tmpdir(), 'ss-pglite-bundle-'));
  try {
    // the layout esbuild.mjs writes: dist/<server>.js and dist/pglite/{index.js, pglite.wasm, pglite.data, initdb.wasm}
    await esbuild.build({ bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'error', entryPoints: [join(PGLITE_DIST, 'index.cjs')], outfile: join(out, 'pglite', 'index.js'), external: ['ws'] });
    for (const f of ['pglite.wasm', 'pglite.data', 'initdb.wasm', 'pg_trgm.tar.gz']) copyFileSync(join(PGLITE_DIST, f), join(out, 'pglite', f));
    mkdirSync(join(out, 'pglite', 'contrib'));
    copyFileSync(join(PGLITE_DIST, 'contrib', 'pg_trgm.cjs'), join(out, 'pglite', 'contrib', 'pg_trgm.cjs'));
    const entry = join(out, 'entry.ts');
    writeFileSync(
      entry,
      `import { connect, introspect, closeAllEmbedded, type EmbeddedConnection } from ${JSON.stringify(join(ROOT, 'server/src/db/index.ts'))};
      void (async () => {
        try {
          const c = (await connect({ dialect: 'pglite', key: 'b', schema: { uri: 'file:///s.sql', text: 'CREATE EXTENSION pg_trgm;\\nCREATE TABLE a (id int PRIMARY KEY, s text);\\nCREATE INDEX a_s ON a USING gin (s gin_trgm_ops);\\nCREATE TABLE b (x nosuch);' } })) as EmbeddedConnection;
          const s = await introspect(c);
          console.log(JSON.stringify({ ok: true, tables: s.tables.map((t) => t.name), failed: c.schemaLoad?.failed }));
          await c.close();
          await closeAllEmbedded();
        } catch (e) {
          console.log(JSON.stringify({ ok: false, name: (e as Error).name }));
        }
      })();`,
    );
    await esbuild.build({ bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'error', entryPoints: [entry], outfile: join(out, 'server.js') });
    writeFileSync(join(out, 'package.json'), '{ "type": "commonjs" }\n');
    const env = { ...process.env, SCHEMASAGE_PGLITE_DIR: '' };
    const run = () => JSON.parse(spawnSync(process.execPath, [join(out, 'server.js')], { encoding: 'utf8', env, timeout: 90_000 }).stdout.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
    assert.deepEqual(run(), { ok: true, tables: ['a'], failed: 1 });
    // the packaging left it out: the server bundle (which never inlines PGlite) reports it, with no node_modules to fall back on
    renameSync(join(out, 'pglite'), join(out, 'pglite-absent'));
    assert.deepEqual(run(), { ok: false, name: 'PgliteUnavailableError' });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

const SCHEMA = `-- the shop
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION pgstattuple;
CREATE TABLE customers (id serial PRIMARY KEY, email text NOT NULL UNIQUE);
CREATE INDEX customers_email_trgm ON customers USING gin (email gin_trgm_ops);
CREATE TABLE orders (
  id serial PRIMARY KEY,
  customer_id int NOT NULL REFERENCES customers (id),
  total numeric(10,2) NOT NULL DEFAULT 0
);
CREATE TABLE broken (id int, kind no_such_type);
CREATE INDEX orders_customer ON orders (customer_id);
CREATE INDEX on_missing ON nowhere (id);
`;

test('in memory: made from the schema file once per key, leased one session at a time, migrations and drift as on PostgreSQL', { timeout: 120_000 }, async () => {
  const uri = 'file:///work/shop.sql';
  const options = { dialect: 'pglite' as const, key: 'shop', schema: { uri, text: SCHEMA } };
  try {
    const first = await openEmbeddedPostgres(options);
    assert.equal(first.created, true);
    assert.equal(first.dialect, 'postgres');
    const load = first.schemaLoad!;
    assert.deepEqual({ statements: load.statements, failed: load.failed }, { statements: 8, failed: 3 });
    // pg_trgm is one of PGlite's extensions (started with the database, so its operator class works); pgstattuple is not
    assert.deepEqual(
      load.diagnostics.map((d) => [SCHEMA.slice(d.span.start, d.span.end), d.code, d.message.split('\n')[0]]),
      [
        ['pgstattuple', 'PGCHECK001', 'PostgreSQL: extension "pgstattuple" is not available (0A000)'],
        ['no_such_type', 'PGCHECK001', 'PostgreSQL: type "no_such_type" does not exist (42704)'],
        ['nowhere', 'PGCHECK001', 'PostgreSQL: relation "nowhere" does not exist (42P01)'],
      ],
    );
    await first.exec("INSERT INTO customers (email) VALUES ('a@x'), ('b@x'); ANALYZE customers");

    // the second lease waits for the first to close: PGlite has one session
    let secondOpen = false;
    const pending = openEmbeddedPostgres(options).then((c) => ((secondOpen = true), c));
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(secondOpen, false);
    await first.exec('BEGIN'); // left open: closing the lease rolls it back
    await first.close();
    const second = await pending;
    assert.equal(second.created, false);
    assert.equal(second.schemaLoad?.failed, 3);
    assert.deepEqual(await second.query('SELECT count(*)::int AS n FROM customers'), [{ n: 2 }]);

    // introspection as any PostgreSQL, estimates included
    const schema = await introspect(second);
    assert.deepEqual(schema.tables.map((t) => t.name).sort(), ['customers', 'orders']);
    assert.deepEqual(rowEstimate(schema.tables.find((t) => t.name === 'customers')!.settings), { rows: 2, exact: false });

    // drift against the same file: in sync (the rejected table is neither side)
    const ws = new Workspace();
    ws.setFile(uri, SCHEMA.replace('CREATE TABLE broken (id int, kind no_such_type);', '').replace('CREATE INDEX on_missing ON nowhere (id);', ''), 0, { language: 'sql', dialect: 'postgres' });
    const files = ws.binding().schema;
    assert.deepEqual(computeDrift(files, schema, { database: 'shop', dialect: 'postgres' }).items, []);

    // a migration applies as on a server, then the database has drifted from the file
    const { migration } = parseMigrationFile('001_add_notes.sql', '-- schemasage:up\nALTER TABLE orders ADD COLUMN notes text;\n-- schemasage:down\nALTER TABLE orders DROP COLUMN notes;\n');
    const run = await apply(second, [migration]);
    assert.equal(run.ok, true, JSON.stringify(run));
    assert.deepEqual(run.done, ['001_add_notes']);
    const after = await introspect(second);
    assert.ok(after.tables.find((t) => t.name === 'orders')!.columns.some((c) => c.name === 'notes'));
    const drift = computeDrift(files, after, { database: 'shop', dialect: 'postgres' }).items;
    // (drift also lists the migrations' own history table today: not a difference of the schema)
    assert.deepEqual(drift.filter((d) => d.table !== 'public.schemasage_migrations').map((d) => `${d.code} ${d.message}`), ["DRIFT004 The database shop has a column 'orders.notes' (text) that the schema files do not declare."]);
    await second.close();
  } finally {
    await closeEmbedded(options);
  }
});

test('on disk: made once from the schema file, reopened with its data, recreated on request', { timeout: 180_000 }, async () => {
  const root = mkdtempSync(join(tmpdir(), 'ss-embedded-disk-'));
  const dataDir = join(root, 'pglite', 'shop');
  const schema = { uri: 'file:///work/shop.sql', text: SCHEMA };
  try {
    const a = await openEmbeddedPostgres({ dialect: 'pglite', dataDir, schema });
    assert.equal(a.created, true);
    await a.exec("INSERT INTO customers (email) VALUES ('kept@x')");
    await a.close();
    await closeEmbedded({ dataDir });
    assert.ok(existsSync(join(dataDir, 'schemasage-embedded.json')));

    const b = await openEmbeddedPostgres({ dialect: 'pglite', dataDir, schema: { uri: schema.uri, text: 'CREATE TABLE never_run (id int);' } });
    assert.equal(b.created, false);
    assert.equal(b.schemaLoad?.failed, 3, 'the first load is remembered with the directory');
    assert.deepEqual(await b.query('SELECT email FROM customers'), [{ email: 'kept@x' }]);
    // the extension the file created is started again with the reopened database
    assert.deepEqual(await b.query("SELECT similarity('kept@x', 'kept@x') AS s"), [{ s: 1 }]);
    assert.deepEqual(await b.query("SELECT to_regclass('never_run') IS NULL AS absent"), [{ absent: true }]);
    await b.close();

    const c = await openEmbeddedPostgres({ dialect: 'pglite', dataDir, schema, recreate: true });
    assert.equal(c.created, true);
    assert.deepEqual(await c.query('SELECT count(*)::int AS n FROM customers'), [{ n: 0 }]);
    await c.close();
  } finally {
    await closeEmbedded({ dataDir });
    rmSync(root, { recursive: true, force: true });
  }
});

test('checkPostgresDdl on any PostgreSQL connection: resets what a pg_dump header changes', { timeout: 120_000 }, async () => {
  const options = { dialect: 'pglite' as const, key: 'check' };
  const conn = await openEmbeddedPostgres(options);
  try {
    const [before] = await conn.query('SHOW search_path');
    const text = "SELECT pg_catalog.set_config('search_path', '', false);\nCREATE TABLE public.t (id int);\n\\connect other\nBEGIN;\nCREATE TABLE public.u (id int REFERENCES public.nope);\n";
    const r = await checkPostgresDdl(conn, 'file:///dump.sql', text);
    assert.deepEqual({ statements: r.statements, failed: r.failed }, { statements: 4, failed: 1 });
    assert.equal(text.slice(r.diagnostics[0]!.span.start, r.diagnostics[0]!.span.end), 'public.nope');
    assert.deepEqual(await conn.query('SHOW search_path'), [before]);
    assert.deepEqual(await conn.query("SELECT to_regclass('t') IS NOT NULL AS found"), [{ found: true }]);
  } finally {
    await conn.close();
    await closeEmbedded(options);
  }
});
