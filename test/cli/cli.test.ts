/**
 * CLI: drives the built `node dist/cli.js` as a child process, the way users
 * and CI run it: exit codes, the text format, the `--json` contract, and the
 * corpus contract (every DBML file of ../shared/corpus against its manifest).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { getPostgres } from '../util/db.ts';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { generateDbml } from '../../bench/generate.mjs';
import Ajv2020 from 'ajv/dist/2020.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const CORPUS = resolve(ROOT, '..', 'shared', 'corpus');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], cwd = ROOT): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonEnd {
  schema: string | null;
  table: string;
  columns: string[];
}
interface CheckJson {
  tables: { name: string; schema: string | null; columns: { name: string; type: string; nullable: boolean; primaryKey: boolean }[] }[];
  relationships: { from: JsonEnd; to: JsonEnd; cardinality: string; source: string; confidence?: number; evidence?: unknown[] }[];
  diagnostics: { file: string; line: number; column: number; endLine: number; endColumn: number; severity: string; code: string; message: string }[];
}

function json(run: Run): CheckJson {
  try {
    return JSON.parse(run.stdout) as CheckJson;
  } catch {
    assert.fail(`stdout is not one JSON object (exit ${run.status}):\n${run.stdout.slice(0, 500)}\n${run.stderr.slice(0, 500)}`);
  }
}

/** A table or end's name as the database knows it: `schema.table` unless default. */
const qualified = (schema: string | null, name: string) => (schema ? `${schema}.${name}` : name);

const keys = (o: object) => Object.keys(o).sort();

let tmp: string;
before(() => {
  if (!existsSync(CLI)) {
    const b = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(b.status, 0, b.stderr);
  }
  tmp = mkdtempSync(join(tmpdir(), 'schemasage-cli-'));
});
after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Writes files under a fresh folder of the temp dir; returns the folder. */
function fixture(name: string, files: Record<string, string>): string {
  const dir = join(tmp, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const USERS = 'Table users {\n  id int [pk, increment]\n  email varchar(255) [not null, unique]\n  nickname varchar\n}\n';
const ORDERS = 'Table core.orders {\n  id bigint [pk]\n  user_id int [not null, ref: > users.id]\n  total decimal(10,2)\n}\n';

describe('cli: usage', () => {
  it('--version prints the package version', () => {
    const r = cli(['--version']);
    assert.equal(r.status, 0);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(r.stdout.trim(), pkg.version);
  });

  it('--help prints usage and exits 0', () => {
    for (const args of [['--help'], ['-h'], ['check', '--help']]) {
      const r = cli(args);
      assert.equal(r.status, 0, args.join(' '));
      assert.match(r.stdout, /Usage:/);
      assert.match(r.stdout, /check <files or folders/);
    }
  });

  it('usage errors exit 2 with a clear message', () => {
    const cases: [string[], RegExp][] = [
      [[], /Usage:/],
      [['frobnicate'], /unknown command 'frobnicate'/],
      [['check'], /at least one file or folder/],
      [['check', '--bogus', 'x.dbml'], /--bogus/],
      [['check', 'no/such/file.dbml'], /cannot read 'no\/such\/file\.dbml': no such file or directory/],
      [['check', '--dialect', 'cobol', 'x.dbml'], /unsupported dialect 'cobol'/],
      [['check', '--dialect'], /dialect/],
    ];
    for (const [args, message] of cases) {
      const r = cli(args);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message, args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
    }
  });

  it('a file with an unknown extension needs --dialect', () => {
    const dir = fixture('ext', { 'schema.txt': USERS });
    const r = cli(['check', 'schema.txt'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--dialect/);
    const ok = cli(['check', '--dialect', 'dbml', 'schema.txt', '--json'], dir);
    assert.equal(ok.status, 0, ok.stderr);
    assert.deepEqual(json(ok).tables.map((t) => t.name), ['users']);
  });

  it('a folder without schema files is a usage error', () => {
    const dir = fixture('empty', { 'README.md': '# nothing\n' });
    const r = cli(['check', dir]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no schema files/);
  });
});

describe('cli: check', () => {
  it('binds every file of a folder as one workspace, skipping node_modules and .git', () => {
    const dir = fixture('clean', {
      'users.dbml': USERS,
      'nested/orders.dbml': ORDERS,
      'node_modules/pkg/broken.dbml': 'Table {{{\n',
      '.git/broken.dbml': 'Ref: a.b > nowhere.id\n',
    });
    const r = cli(['check', '.'], dir);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^2 files, 2 tables, 1 relationship: 0 errors, 0 warnings\n$/);
  });

  it('--json prints exactly the contract', () => {
    const dir = fixture('json', { 'users.dbml': USERS, 'nested/orders.dbml': ORDERS });
    const r = cli(['check', dir, '--json']);
    assert.equal(r.status, 0, r.stderr);
    const out = json(r);
    assert.deepEqual(Object.keys(out), ['tables', 'relationships', 'diagnostics']);
    const byName = new Map(out.tables.map((t) => [qualified(t.schema, t.name), t]));
    assert.deepEqual([...byName.keys()].sort(), ['core.orders', 'users']);
    const users = byName.get('users')!;
    assert.deepEqual(keys(users), ['columns', 'name', 'schema']);
    assert.equal(users.schema, null);
    assert.deepEqual(users.columns, [
      { name: 'id', type: 'int', nullable: false, primaryKey: true },
      { name: 'email', type: 'varchar(255)', nullable: false, primaryKey: false },
      { name: 'nickname', type: 'varchar', nullable: true, primaryKey: false },
    ]);
    assert.equal(byName.get('core.orders')!.schema, 'core');
    assert.deepEqual(keys(byName.get('core.orders')!.columns[0]), ['name', 'nullable', 'primaryKey', 'type']);
    assert.deepEqual(out.relationships, [
      {
        from: { schema: 'core', table: 'orders', columns: ['user_id'] },
        to: { schema: null, table: 'users', columns: ['id'] },
        cardinality: 'n-1',
        source: 'declared',
      },
    ]);
    assert.deepEqual(out.diagnostics, []);
  });

  it('reports errors as file:line:col severity code message, relative to the cwd, and exits 1', () => {
    const bad = 'Table users {\n  id int [pk]\n}\n\nRef: posts.user_id > users.id\n';
    const dir = fixture('errors', { 'a/users.dbml': USERS, 'b/bad.dbml': bad });
    const r = cli(['check', 'a', 'b'], dir);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.ok(lines.length >= 1);
    for (const line of lines) assert.match(line, /^(a\/users|b\/bad)\.dbml:\d+:\d+ (error|warning|info|hint) \S+ \S.*$/);
    // The duplicate table and the unknown `posts` are errors in bad.dbml.
    assert.ok(lines.some((l) => l.startsWith('b/bad.dbml:5:6 error ') && l.includes('posts')), lines.join('\n'));
    assert.ok(lines.some((l) => /^b\/bad\.dbml:1:\d+ error /.test(l) || /^a\/users\.dbml:1:\d+ error /.test(l)), `duplicate table not reported:\n${lines.join('\n')}`);
    assert.match(r.stderr, /^2 files, .*: \d+ errors?, 0 warnings\n$/);

    const j = cli(['check', 'a', 'b', '--json'], dir);
    assert.equal(j.status, 1);
    const out = json(j);
    const d = out.diagnostics.find((x) => x.file === 'b/bad.dbml' && x.line === 5 && x.message.includes('posts'));
    assert.ok(d, JSON.stringify(out.diagnostics));
    assert.deepEqual(keys(d), ['code', 'column', 'endColumn', 'endLine', 'file', 'line', 'message', 'severity']);
    assert.deepEqual([d.line, d.column, d.endLine, d.endColumn, d.severity], [5, 6, 5, 11, 'error']);
    assert.equal(typeof d.code, 'string');
  });

  it('a syntax error exits 1 and the rest of the file still binds', () => {
    const text = 'Table a {\n  id int [pk\n}\n\nTable b {\n  id int [pk]\n}\n';
    const dir = fixture('syntax', { 's.dbml': text });
    const r = cli(['check', 's.dbml', '--json'], dir);
    assert.equal(r.status, 1);
    const out = json(r);
    // The missing `]` is found at the end of line 2 or at the `}` that follows it.
    assert.ok(out.diagnostics.some((d) => d.severity === 'error' && (d.line === 2 || d.line === 3)), JSON.stringify(out.diagnostics));
    assert.ok(out.tables.some((t) => t.name === 'b'));
  });

  it('checks a generated 100-table schema without errors', () => {
    const g = generateDbml(100);
    const dir = fixture('generated', { 'gen.dbml': g.text });
    const r = cli(['check', 'gen.dbml', '--json'], dir);
    const out = json(r);
    assert.deepEqual(out.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.equal(r.status, 0);
    assert.deepEqual(out.tables.map((t) => qualified(t.schema, t.name)).sort(), [...g.tableNames].sort());
    assert.equal(out.relationships.filter((x) => x.source === 'declared').length, g.refs);
  });
});

interface ManifestEntry {
  file: string;
  dialect: string;
  tables: number;
  table_names: string[];
  foreign_keys: number;
  fk_list: { from_table: string; from_columns: string[]; to_table: string; to_columns: string[] }[];
  parse_ok?: { dbml: boolean; dbmlv2: boolean };
}

const manifestPath = join(CORPUS, 'manifest.json');
const dbmlEntries: ManifestEntry[] = existsSync(manifestPath)
  ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as ManifestEntry[]).filter((e) => e.dialect === 'dbml')
  : [];

/** The error-recovery files: the reference (@dbml/parse) rejects them. */
const REJECTED_LINE: Record<string, number> = { 'dbml/syntax-error-ecommerce.dbml': 17 };

describe('cli: corpus contract', { skip: dbmlEntries.length ? false : 'no corpus manifest' }, () => {
  for (const entry of dbmlEntries) {
    const path = join(CORPUS, entry.file);
    const rejected = entry.parse_ok ? !entry.parse_ok.dbmlv2 : entry.file in REJECTED_LINE;
    if (rejected) {
      it(`${entry.file}: exits 1 with an error on the reference's line and still returns the schema`, () => {
        const r = cli(['check', path, '--json']);
        assert.equal(r.status, 1, r.stderr);
        const out = json(r);
        const line = REJECTED_LINE[entry.file];
        assert.ok(line, `no expected error line recorded for ${entry.file}`);
        assert.ok(
          out.diagnostics.some((d) => d.severity === 'error' && d.line === line),
          `no error on line ${line}: ${JSON.stringify(out.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`))}`,
        );
        assert.ok(out.tables.length > 0, 'recovery should still return the tables around the error');
      });
      continue;
    }
    it(`${entry.file}: ${entry.tables} tables and ${entry.foreign_keys} foreign keys as the manifest says`, () => {
      const r = cli(['check', path, '--json']);
      const out = json(r);
      const names = out.tables.map((t) => qualified(t.schema, t.name));
      assert.equal(names.length, entry.tables, 'table count');
      assert.deepEqual([...names].sort(), [...entry.table_names].sort(), 'table names');
      const fk = (from: string, fc: string[], to: string, tc: string[]) => `${from}(${fc.join(',')}) -> ${to}(${tc.join(',')})`;
      const got = out.relationships.filter((x) => x.source === 'declared').map((x) => fk(qualified(x.from.schema, x.from.table), x.from.columns, qualified(x.to.schema, x.to.table), x.to.columns));
      const want = entry.fk_list.map((x) => fk(x.from_table, x.from_columns, x.to_table, x.to_columns));
      assert.equal(got.length, entry.foreign_keys, 'foreign key count');
      assert.deepEqual([...got].sort(), [...want].sort(), 'foreign keys (from = many side)');
      for (const rel of out.relationships) assert.ok(rel.source === 'declared' || rel.source === 'inferred');
    });
    it(`${entry.file}: accepted by the reference, so no errors and exit 0`, () => {
      const r = cli(['check', path]);
      assert.equal(r.status, 0, `errors:\n${r.stdout.split('\n').filter((l) => / error /.test(l)).slice(0, 10).join('\n')}`);
    });
  }
});

describe('cli: the whole corpus folder at once', { skip: dbmlEntries.length ? false : 'no corpus manifest' }, () => {
  it('`check <corpus>/dbml --json` holds every manifest table and foreign key; the only errors are the rejected file\'s', () => {
    const r = cli(['check', join(CORPUS, 'dbml'), '--json']);
    assert.equal(r.status, 1, 'the folder holds the file the reference rejects');
    const out = json(r);
    const names = new Set(out.tables.map((t) => qualified(t.schema, t.name)));
    for (const e of dbmlEntries) for (const n of e.table_names) assert.ok(names.has(n), `missing table ${n} of ${e.file}`);
    const fk = (from: string, fc: string[], to: string, tc: string[]) => `${from}(${fc.join(',')}) -> ${to}(${tc.join(',')})`;
    const got = new Set(out.relationships.filter((x) => x.source === 'declared').map((x) => fk(qualified(x.from.schema, x.from.table), x.from.columns, qualified(x.to.schema, x.to.table), x.to.columns)));
    for (const e of dbmlEntries) for (const x of e.fk_list) assert.ok(got.has(fk(x.from_table, x.from_columns, x.to_table, x.to_columns)), `missing foreign key of ${e.file}`);
    const manifestTables = dbmlEntries.reduce((n, e) => n + e.tables, 0);
    const manifestFks = dbmlEntries.reduce((n, e) => n + e.foreign_keys, 0);
    // the rejected file's tables and keys are recovered on top of the manifest's (which counts 0 for it)
    assert.ok(out.tables.length > manifestTables, `${out.tables.length} tables vs ${manifestTables} in the manifest`);
    const declared = out.relationships.filter((x) => x.source === 'declared').length;
    assert.ok(declared > manifestFks, `${declared} foreign keys vs ${manifestFks}`);
    const errors = out.diagnostics.filter((d) => d.severity === 'error');
    assert.deepEqual(
      errors.map((d) => `${d.file.split('/').pop()}:${d.line}`),
      ['syntax-error-ecommerce.dbml:17'],
    );
  });
});

const sqlEntries = (existsSync(join(CORPUS, 'manifest.json')) ? (JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8')) as ManifestEntry[]) : []).filter((e) =>
  ['postgres', 'mysql', 'sqlite', 'mssql', 'prisma'].includes(e.dialect),
);

describe('cli: SQL and Prisma with the same JSON contract', { skip: sqlEntries.length ? false : 'no corpus manifest' }, () => {
  for (const entry of sqlEntries) {
    it(`${entry.file}: the tables and foreign keys the real engine reports`, () => {
      // the folder's dialect is the file's: pass it, as a user of a plain .sql file would
      const args = ['check', join(CORPUS, entry.file), '--json'];
      if (entry.dialect !== 'prisma') args.push('--dialect', entry.dialect);
      const out = json(cli(args));
      const dbNames = entry.dialect === 'prisma' ? (entry as ManifestEntry & { table_db_names: string[] }).table_db_names : entry.table_names;
      const names = out.tables.map((t) => qualified(t.schema, t.name));
      assert.deepEqual([...names].sort(), [...dbNames].sort(), 'table names');
      const fks = entry.dialect === 'prisma' ? (entry as ManifestEntry & { fk_list_db_names: ManifestEntry['fk_list'] }).fk_list_db_names : entry.fk_list;
      const fk = (from: string, fc: string[], to: string, tc: string[]) => `${from}(${fc.join(',')}) -> ${to}(${tc.join(',')})`;
      // an implicit many-to-many Prisma relation is a relationship without a foreign key of its own
      const got = out.relationships.filter((x) => x.source === 'declared' && x.cardinality !== 'n-n').map((x) => fk(qualified(x.from.schema, x.from.table), x.from.columns, qualified(x.to.schema, x.to.table), x.to.columns));
      assert.deepEqual([...got].sort(), fks.map((x) => fk(x.from_table, x.from_columns, x.to_table, x.to_columns)).sort(), 'foreign keys');
    });
  }

  it('reads .sql by content and .prisma by extension in one run, each with its own default schema', () => {
    const dir = fixture('mixed', {
      'db/schema.sql': 'CREATE TABLE `users` (id int AUTO_INCREMENT PRIMARY KEY, email varchar(200) NOT NULL);\n',
      'prisma/schema.prisma': 'model Post {\n  id Int @id\n  authorId Int\n  author Author @relation(fields: [authorId], references: [id])\n}\nmodel Author {\n  id Int @id\n}\n',
    });
    const r = cli(['check', dir, '--json']);
    const out = json(r);
    assert.deepEqual(out.tables.map((t) => qualified(t.schema, t.name)).sort(), ['Author', 'Post', 'users']);
    assert.deepEqual(out.relationships.filter((x) => x.source === 'declared').map((x) => `${x.from.table}.${x.from.columns} -> ${x.to.table}.${x.to.columns}`), ['Post.authorId -> Author.id']);
  });

  it('rejects an unknown dialect with exit 2', () => {
    const r = cli(['check', 'x.sql', '--dialect', 'oracle']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unsupported dialect 'oracle'/);
  });
});

describe('cli: lint', () => {
  const NO_KEY = 'Table audit_log {\n  message varchar\n  created_at timestamp\n}\n\nTable users {\n  id int [pk]\n  email varchar\n}\n\nTable posts {\n  id int [pk]\n  user_id int\n}\n';

  it('reports lint findings and inferred relationships; SARIF output validates against the SARIF 2.1.0 schema', async () => {
    const dir = fixture('lint-sarif', { 'schema.dbml': NO_KEY });
    const text = cli(['lint', dir]);
    assert.ok(/INFER001/.test(text.stdout), text.stdout);
    const codes = new Set(text.stdout.split('\n').filter(Boolean).map((l) => l.split(' ')[2]));
    assert.ok([...codes].some((c) => /^(KEY|NAME|TYPE|IDX|DES|PII)\d+$/.test(c)), `no lint code in ${[...codes].join(', ')}`);

    const r = cli(['lint', dir, '--format', 'sarif']);
    const log = JSON.parse(r.stdout) as { version: string; runs: { tool: { driver: { name: string; rules: { id: string }[] } }; results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
    const schemaPath = join(ROOT, 'node_modules', '@microsoft', 'sarif-multitool-linux', 'sarif-2.1.0.json');
    if (!existsSync(schemaPath)) assert.fail('the SARIF schema (optional dependency @microsoft/sarif-multitool-linux) is not installed');
    const ajv = new Ajv2020.default({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5), null, 1));
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs[0].tool.driver.name, 'SchemaSage');
    const results = log.runs[0].results;
    assert.ok(results.length >= 2);
    for (const res of results) {
      assert.ok(log.runs[0].tool.driver.rules.some((x) => x.id === res.ruleId), `rule ${res.ruleId} is described`);
      assert.ok(res.locations[0].physicalLocation.region.startLine >= 1);
    }
  });

  it('a config file turns codes off; --max-warnings decides the exit code', () => {
    const dir = fixture('lint-config', { 'schema.dbml': NO_KEY });
    const all = json(cli(['lint', dir, '--format', 'json']));
    const warnings = all.diagnostics.filter((d) => d.severity === 'warning');
    assert.ok(warnings.length > 0, 'the fixture has warnings');
    assert.equal(cli(['lint', dir, '--max-warnings', String(warnings.length)]).status, 0);
    assert.equal(cli(['lint', dir, '--max-warnings', String(warnings.length - 1)]).status, 1);
    const off = Object.fromEntries([...new Set(all.diagnostics.map((d) => d.code))].map((c) => [c, 'off']));
    writeFileSync(join(dir, 'schemasage.config.json'), JSON.stringify({ rules: off }));
    const quiet = json(cli(['lint', dir, '--format', 'json'], dir));
    assert.deepEqual(quiet.diagnostics, []);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ rules: { KEY001: 'loud' } }));
    const bad = cli(['lint', dir, '--config', join(dir, 'bad.json')]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /"KEY001": "loud" is not one of/);
  });

  it('check --json lists inferred relationships with their confidence and evidence', () => {
    const dir = fixture('check-inferred', { 'schema.dbml': NO_KEY });
    const out = json(cli(['check', dir, '--json']));
    const inferred = out.relationships.filter((r) => r.source === 'inferred');
    assert.ok(inferred.some((r) => r.from.table === 'posts' && r.from.columns[0] === 'user_id' && r.to.table === 'users'), JSON.stringify(inferred));
    for (const r of inferred) {
      assert.ok(typeof r.confidence === 'number' && r.confidence > 0 && r.confidence <= 1);
      assert.ok(Array.isArray(r.evidence) && r.evidence.length > 0);
    }
    assert.ok(!out.diagnostics.some((d) => d.code === 'INFER001'), 'check prints no inference diagnostics');
  });
});

describe('schemasage introspect', () => {
  it('reads a SQLite database into the model (the examples\' demo database)', () => {
    const r = cli(['introspect', '--url', 'sqlite:examples/demo/shop.sqlite']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { schema: { tables: { name: string }[]; relationships: { from: { table: string }; to: { table: string } }[] } };
    assert.deepEqual(out.schema.tables.map((t) => t.name).sort(), ['customers', 'order_items', 'orders', 'products', 'reviews']);
    assert.deepEqual(out.schema.relationships.map((x) => `${x.from.table}->${x.to.table}`).sort(), ['order_items->orders', 'order_items->products', 'orders->customers']);
  });

  it('a server it cannot reach: exit 2, the reason, and never the password', () => {
    const r = cli(['introspect', '--url', 'postgres://app:hunter2-secret@127.0.0.1:1/shop']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /cannot connect to postgres:\/\/app:\*\*\*@127\.0\.0\.1:1\/shop: .*ECONNREFUSED/);
    assert.ok(!(r.stdout + r.stderr).includes('hunter2'));
  });

  it('usage errors: no --url, an unknown scheme, files given', () => {
    assert.equal(cli(['introspect']).status, 2);
    assert.match(cli(['introspect', '--url', 'redis://h']).stderr, /--url must be/);
    assert.match(cli(['introspect', 'schema.sql', '--url', 'sqlite:x.db']).stderr, /takes no files/);
  });
});

describe('GitHub Actions annotations', () => {
  it('GITHUB_ACTIONS=true adds one escaped annotation per problem; without it, none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schemasage-gh-'));
    try {
      writeFileSync(join(dir, 'a.dbml'), 'Table a {\n  id int [pk]\n}\nRef: a.id > nowhere, here.id\n');
      const plain = cli(['check', 'a.dbml'], dir);
      assert.equal(plain.status, 1);
      assert.ok(!plain.stdout.includes('::error'), plain.stdout);
      const r = spawnSync(process.execPath, [CLI, 'check', 'a.dbml'], { cwd: dir, encoding: 'utf8', env: { ...process.env, GITHUB_ACTIONS: 'true' } });
      assert.equal(r.status, 1);
      const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::'));
      assert.ok(annotations.length >= 1, r.stdout);
      assert.match(annotations[0]!, /^::error file=a\.dbml,line=4,col=\d+,endLine=4,endColumn=\d+,title=SchemaSage [A-Z]+\d+::/);
      const lines = r.stdout.split('\n').filter((l) => /^a\.dbml:4:/.test(l));
      assert.equal(lines.length, annotations.length, 'the text lines stay');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('schemasage drift', () => {
  const demo = join(ROOT, 'examples', 'demo');
  it('in sync: exit 0', () => {
    const r = cli(['drift', join(demo, 'shop.sql'), '--url', `sqlite:${join(demo, 'shop.sqlite')}`]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stderr, /in sync: 1 file and .*shop\.sqlite \(5 tables\)/);
  });

  it('a column only the file has: exit 1, the line on the column, JSON with the difference', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schemasage-drift-'));
    try {
      const text = readFileSync(join(demo, 'shop.sql'), 'utf8').replace('  body TEXT\n', '  body TEXT,\n  extra INTEGER\n');
      writeFileSync(join(dir, 'shop.sql'), text);
      const r = cli(['drift', 'shop.sql', '--url', `sqlite:${join(demo, 'shop.sqlite')}`], dir);
      assert.equal(r.status, 1);
      const line = text.split('\n').findIndex((l) => l.includes('extra INTEGER')) + 1;
      assert.match(r.stdout, new RegExp(`^shop\\.sql:${line}:3 warning DRIFT003 Column 'reviews\\.extra' is not in the database`, 'm'));
      const j = cli(['drift', 'shop.sql', '--json', '--url', `sqlite:${join(demo, 'shop.sqlite')}`], dir);
      assert.equal(j.status, 1);
      assert.deepEqual((JSON.parse(j.stdout) as { differences: { code: string }[] }).differences.map((d) => d.code), ['DRIFT003']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('schemasage introspect --format', () => {
  it('dbml, sql and prisma: schema text that check reads without errors, with the five tables', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schemasage-introspect-'));
    try {
      for (const [format, file] of [['dbml', 'a.dbml'], ['sql', 'b.sqlite'], ['prisma', 'c.prisma']] as const) {
        const r = cli(['introspect', '--url', `sqlite:${join(ROOT, 'examples', 'demo', 'shop.sqlite')}`, '--format', format, '-o', join(dir, file)]);
        assert.equal(r.status, 0, r.stderr);
        assert.match(r.stderr, /5 tables .* written to/);
        const check = cli(['check', file, '--json'], dir);
        assert.equal(check.status, 0, check.stdout + check.stderr);
        assert.equal((JSON.parse(check.stdout) as CheckJson).tables.length, 5, format);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('schemasage diff', () => {
  const A = 'Table users {\n  id int [pk]\n  name varchar(40)\n}\n';
  const B = 'Table users {\n  id int [pk]\n  name varchar(40)\n  email text\n}\nTable posts {\n  id int [pk]\n  user_id int [ref: > users.id]\n}\n';

  it('files: the plan as SQL in the dialect, JSON with statements and hazards, the rollback', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schemasage-diff-'));
    try {
      writeFileSync(join(dir, 'a.dbml'), A);
      writeFileSync(join(dir, 'b.dbml'), B);
      const sql = cli(['diff', 'a.dbml', 'b.dbml', '--dialect', 'postgres'], dir);
      assert.equal(sql.status, 0, sql.stderr);
      assert.match(sql.stdout, /CREATE TABLE "posts"/);
      assert.match(sql.stdout, /ALTER TABLE "users" ADD COLUMN "email" text;/);
      assert.match(sql.stdout, /FOREIGN KEY \("user_id"\) REFERENCES "users" \("id"\)/);
      const json = JSON.parse(cli(['diff', 'a.dbml', 'b.dbml', '--dialect', 'mysql', '--json'], dir).stdout) as { dialect: string; statements: { sql: string; phase: string }[]; rollback: { sql: string; hazards: { code: string; dataLoss: boolean }[] }[] };
      assert.equal(json.dialect, 'mysql');
      assert.ok(json.statements.some((s) => s.sql.startsWith('CREATE TABLE `posts`')), JSON.stringify(json.statements));
      assert.ok(json.rollback.some((s) => s.hazards.some((h) => h.dataLoss)), 'dropping posts and email loses data');
      const down = cli(['diff', 'a.dbml', 'b.dbml', '--dialect', 'postgres', '--rollback'], dir);
      assert.match(down.stdout, /DROP TABLE "posts"/);
      assert.equal(cli(['diff', 'a.dbml', 'b.dbml', '--dialect', 'postgres', '--exit-code'], dir).status, 1);
      assert.equal(cli(['diff', 'a.dbml', 'a.dbml', '--dialect', 'postgres', '--exit-code'], dir).status, 0);
      const md = cli(['diff', 'a.dbml', 'b.dbml', '--dialect', 'postgres', '--markdown'], dir).stdout;
      assert.match(md, /^# Schema changes: `a\.dbml` → `b\.dbml`/);
      assert.match(md, /### `posts`\n\n- new table with 2 columns: `id`, `user_id`/);
      assert.match(md, /### `users`\n\n- added column `email` `text`/);
      assert.match(cli(['diff', 'a.dbml', 'a.dbml', '--dialect', 'postgres', '--markdown'], dir).stdout, /No changes\./);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('git:REV:path against the working copy', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schemasage-diff-git-'));
    try {
      const git = (...args: string[]) => spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: dir, encoding: 'utf8' });
      git('init', '-q');
      writeFileSync(join(dir, 'schema.dbml'), A);
      git('add', '.');
      git('commit', '-qm', 'one');
      writeFileSync(join(dir, 'schema.dbml'), B);
      const r = cli(['diff', 'git:HEAD:schema.dbml', 'schema.dbml', '--dialect', 'sqlite'], dir);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /CREATE TABLE "posts"/);
      assert.match(cli(['diff', 'git:nope:schema.dbml', 'schema.dbml', '--dialect', 'sqlite'], dir).stderr, /git ls-tree/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a database against a file: what the file adds to the demo database', () => {
    const demo = join(ROOT, 'examples', 'demo');
    const dir = mkdtempSync(join(tmpdir(), 'schemasage-diff-db-'));
    try {
      writeFileSync(join(dir, 'shop.sql'), readFileSync(join(demo, 'shop.sql'), 'utf8').replace('  body TEXT\n', '  body TEXT,\n  helpful INTEGER NOT NULL DEFAULT 0\n'));
      const r = cli(['diff', `sqlite:${join(demo, 'shop.sqlite')}`, 'shop.sql'], dir);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /ALTER TABLE "reviews" ADD COLUMN "helpful" INTEGER NOT NULL DEFAULT 0;/);
      assert.doesNotMatch(r.stdout, /CREATE TABLE/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('usage: one source, an unknown dialect, no dialect for DBML', () => {
    assert.equal(cli(['diff', 'a.dbml']).status, 2);
    const dir = mkdtempSync(join(tmpdir(), 'schemasage-diff-u-'));
    try {
      writeFileSync(join(dir, 'a.dbml'), A);
      assert.match(cli(['diff', 'a.dbml', 'a.dbml', '--dialect', 'oracle'], dir).stderr, /unknown --dialect 'oracle'/);
      assert.match(cli(['diff', 'a.dbml', 'a.dbml'], dir).stderr, /diff needs --dialect/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('schemasage infer', () => {
  const FIX = join(ROOT, 'server', 'test', 'data', 'fixtures');
  it('data files -> DBML with keys, relationships and PII notes; check reads it without errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schemasage-infer-'));
    try {
      const r = cli(['infer', join(FIX, 'customers.csv'), join(FIX, 'orders.tsv'), '-o', 'inferred.dbml', '--report', 'report.json'], dir);
      assert.equal(r.status, 1, 'customers.csv has a broken row');
      assert.match(r.stderr, /customers\.csv:7:\d+ error DATA001 /);
      const check = cli(['check', 'inferred.dbml', '--json'], dir);
      assert.equal(check.status, 0, check.stdout + check.stderr);
      const j = JSON.parse(check.stdout) as CheckJson;
      assert.deepEqual(j.tables.map((t) => t.name).sort(), ['customers', 'orders']);
      assert.ok(j.relationships.some((x) => x.source === 'declared' && x.from.table === 'orders' && x.from.columns[0] === 'customer_id' && x.to.table === 'customers'), JSON.stringify(j.relationships));
      const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { pii: { column: string; kind: string }[] };
      assert.ok(report.pii.some((p) => p.column === 'email' && p.kind === 'email'), JSON.stringify(report.pii));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sql:sqlite output loads as SQLite text; an unknown format is a usage error', () => {
    const r = cli(['infer', join(FIX, 'users.json'), '--format', 'sql:sqlite']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /CREATE TABLE users \(/);
    assert.equal(cli(['infer', join(FIX, 'users.json'), '--format', 'xml']).status, 2);
    const ts = cli(['infer', join(FIX, 'users.json'), '--format', 'typescript']);
    assert.equal(ts.status, 0, ts.stderr);
    assert.match(ts.stdout, /export interface User \{/);
  });
});

describe('schemasage migrate', () => {
  it('status, apply with hazards refused then allowed, rollback, against the PostgreSQL server', async (t) => {
    const db = await getPostgres(t);
    if (!db) return;
    if (db.backend !== 'server' || !db.options) return t.skip('PGlite runs inside the test process: the CLI cannot reach it');
    const o = db.options;
    const url = `postgres://${o.user ?? 'postgres'}@${o.host}:${o.port}/${o.database}`;
    const dir = mkdtempSync(join(tmpdir(), 'schemasage-migrate-'));
    try {
      mkdirSync(join(dir, 'migrations'));
      writeFileSync(join(dir, 'migrations', '20260101000000_init.sql'), '-- schemasage:up\nCREATE TABLE teams (id int PRIMARY KEY, name text);\n-- schemasage:down\nDROP TABLE teams;\n');
      writeFileSync(join(dir, 'migrations', '20260102000000_drop_name.sql'), '-- hazard MIG002 (error, data loss): drops column name of teams\n-- schemasage:up\nALTER TABLE teams DROP COLUMN name;\n-- schemasage:down\nALTER TABLE teams ADD COLUMN name text;\n');
      const before = cli(['migrate', 'status', '--url', url], dir);
      assert.equal(before.status, 1, before.stderr);
      assert.match(before.stdout, /^pending\s+20260101000000_init/m);
      const refused = cli(['migrate', 'apply', '--url', url], dir);
      assert.equal(refused.status, 1);
      assert.match(refused.stdout + refused.stderr, /MIG002/);
      const applied = cli(['migrate', 'apply', '--url', url, '--allow-hazards', 'MIG002'], dir);
      assert.equal(applied.status, 0, applied.stderr);
      assert.match(applied.stdout, /applied 20260102000000_drop_name/);
      const cols = await db.conn.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'teams' ORDER BY ordinal_position");
      assert.deepEqual(cols.map((r) => r['column_name']), ['id']);
      const now = cli(['migrate', 'status', '--url', url, '--json'], dir);
      assert.equal(now.status, 0, now.stderr);
      assert.deepEqual((JSON.parse(now.stdout) as { entries: { state: string }[] }).entries.map((e) => e.state), ['applied', 'applied']);
      const back = cli(['migrate', 'rollback', '--url', url], dir);
      assert.equal(back.status, 0, back.stderr);
      assert.match(back.stdout, /rolled back 20260102000000_drop_name/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('schemasage generate and convert', () => {
  it('generate a target to stdout and to --out; an unknown target lists the targets', () => {
    const r = cli(['generate', 'zod', join(ROOT, 'examples', 'dbml')]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /import \{ z \} from "zod"|import \{ z \} from 'zod'/);
    const dir = mkdtempSync(join(tmpdir(), 'schemasage-gen-'));
    try {
      const w = cli(['generate', 'dbt', join(ROOT, 'examples', 'dbml'), '--out', 'out'], dir);
      assert.equal(w.status, 0, w.stderr);
      assert.ok(existsSync(join(dir, 'out', 'models', 'staging', 'sources.yml')) || /wrote .*sources\.yml/.test(w.stderr), w.stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const bad = cli(['generate', 'cobol', join(ROOT, 'examples', 'dbml')]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /unknown target 'cobol'; targets in .*typescript/);
  });

  it('convert to MySQL prints DDL; to BigQuery reports lossy conversions as JSON', () => {
    const my = cli(['convert', join(ROOT, 'examples', 'dbml'), '--to', 'mysql']);
    assert.equal(my.status, 0, my.stderr);
    assert.match(my.stdout, /CREATE TABLE `?users`? \(/);
    const bq = cli(['convert', join(ROOT, 'examples', 'dbml'), '--to', 'bigquery', '--report', 'json']);
    assert.equal(bq.status, 0, bq.stderr);
    const report = JSON.parse(bq.stdout) as { toDialect: string; lossy: number; columns: { issues: { code: string }[] }[] };
    assert.equal(report.toDialect, 'bigquery');
    assert.ok(report.lossy > 0 && report.columns.some((c) => c.issues.some((i) => i.code === 'IDENTITY')));
    assert.match(cli(['convert', join(ROOT, 'examples', 'dbml'), '--to', 'oracle']).stderr, /convert needs --to/);
  });
});
