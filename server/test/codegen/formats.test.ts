/**
 * Output checked by the real tools, for every corpus schema and the keyword
 * fixture: Prisma by `@prisma/prisma-schema-wasm` (validate), JSON Schema
 * compiles with Ajv (2020-12), GraphQL SDL builds with `graphql`, DBML
 * re-parses to the same tables, columns and references, dbt YAML parses and
 * every `relationships` test points at a generated model, Terraform passes
 * `terraform fmt -check`, Mermaid and Markdown name every table.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { buildSchema } from 'graphql';
import { parse as parseYaml } from 'yaml';
import { buildViewModel, generate } from '../../src/engine/codegen/index.ts';
import { Workspace } from '../../src/engine/workspace.ts';
import { corpusSchemas, schemaOf, target, tempDir, type CorpusSchema } from './corpus.ts';

const require = createRequire(import.meta.url);
const prismaWasm = require('@prisma/prisma-schema-wasm') as { validate(params: string): void };
const schemas = corpusSchemas();

function run(id: string, s: CorpusSchema): { path: string; content: string }[] {
  const r = generate(s.schema, target(id), { dialect: s.dialect });
  assert.deepEqual(r.diagnostics, [], `${id} on ${s.file}`);
  return r.files;
}

test('prisma: every generated schema validates with prisma-schema-wasm', () => {
  const failures: string[] = [];
  for (const s of schemas) {
    const [file] = run('prisma', s);
    try {
      prismaWasm.validate(JSON.stringify({ prismaSchema: file.content, noColor: true }));
    } catch (e) {
      failures.push(`${s.file}: ${String((e as Error).message ?? e).slice(0, 600)}`);
    }
  }
  assert.deepEqual(failures, []);
});

test('json-schema: every generated document compiles with Ajv 2020-12 and checks a row', () => {
  for (const s of schemas) {
    const [file] = run('json-schema', s);
    const doc = JSON.parse(file.content) as { $id: string; $defs: Record<string, unknown> };
    const ajv = new Ajv2020({ strict: true, validateFormats: false });
    ajv.addSchema(doc);
    const vm = buildViewModel(s.schema, target('json-schema').manifest);
    assert.equal(Object.keys(doc.$defs).length, vm.tables.length + vm.enums.length, s.file);
    const t = vm.tables[0];
    const validate = ajv.getSchema(`${doc.$id}#/$defs/${t.className}`);
    assert.ok(validate, `${s.file}: $defs/${t.className}`);
    // an object with an unknown property is rejected (additionalProperties: false)
    assert.equal(validate({ '\u0000not a column': 1 }), false, s.file);
  }
});

test('graphql: every generated SDL builds with graphql-js, one object type per table', () => {
  for (const s of schemas) {
    const [file] = run('graphql', s);
    const built = buildSchema(file.content);
    const vm = buildViewModel(s.schema, target('graphql').manifest);
    for (const t of vm.tables) assert.ok(built.getType(t.className), `${s.file}: type ${t.className}`);
    assert.ok(built.getQueryType(), s.file);
  }
});

test('dbml: every generated DBML re-parses without errors to the same tables, columns and references', () => {
  for (const s of schemas) {
    const [file] = run('dbml', s);
    const ws = new Workspace();
    ws.setFile('file:///out/schema.dbml', file.content, 0, { language: 'dbml' });
    const errors = ws.diagnostics('file:///out/schema.dbml').filter((d) => d.severity === 'error');
    assert.deepEqual(errors.map((d) => `${d.code} ${d.message} @${file.content.slice(d.span.start, d.span.start + 50)}`), [], s.file);
    const back = schemaOf('file:///out/schema.dbml', file.content, 'dbml');
    const shape = (x: typeof back) => ({
      tables: x.tables.map((t) => `${t.name}(${t.columns.map((c) => `${c.name}${c.primaryKey ? '*' : ''}${c.nullable ? '?' : ''}`).join(',')})`).sort(),
      refs: x.relationships.map((r) => `${r.from.table}(${r.from.columns})>${r.to.table}(${r.to.columns})`).sort(),
    });
    const vm = buildViewModel(s.schema, target('dbml').manifest);
    const expected = {
      tables: vm.tables.map((t) => `${t.name}(${t.columns.map((c) => `${c.name}${c.primaryKey && !t.compositePk ? '*' : ''}${c.nullable ? '?' : ''}`).join(',')})`).sort(),
      refs: vm.relationships.map((r) => `${r.from.name}(${r.fromColumns.map((c) => c.name)})>${r.to.name}(${r.toColumns.map((c) => c.name)})`).sort(),
    };
    const got = shape(back);
    assert.deepEqual(got, expected, s.file);
  }
});

test('dbt: YAML parses, every model has a staging SQL file and every relationships test points at a generated model', () => {
  for (const s of schemas) {
    const files = run('dbt', s);
    const byPath = new Map(files.map((f) => [f.path, f.content]));
    const project = parseYaml(byPath.get('dbt_project.yml')!) as { name: string };
    assert.ok(project.name, s.file);
    const sources = parseYaml(byPath.get('models/staging/_sources.yml')!) as { sources: { tables: unknown[] }[] };
    const vm = buildViewModel(s.schema, target('dbt').manifest);
    assert.equal(sources.sources.reduce((n, x) => n + x.tables.length, 0), vm.tables.length, s.file);
    const models = (parseYaml(byPath.get('models/staging/_schema.yml')!) as { models: { name: string; columns: { name: string; data_tests?: unknown[] }[] }[] }).models;
    const names = new Set(models.map((m) => m.name));
    let relationships = 0;
    for (const m of models) {
      assert.ok(byPath.has(`models/staging/${m.name}.sql`), `${s.file}: ${m.name}.sql`);
      for (const c of m.columns) {
        for (const t of c.data_tests ?? []) {
          if (typeof t !== 'object' || t === null || !('relationships' in t)) continue;
          const rel = (t as { relationships: { to: string; field: string } }).relationships;
          const to = /^ref\('([^']+)'\)$/.exec(rel.to)?.[1];
          assert.ok(to && names.has(to), `${s.file}: ${m.name}.${c.name} -> ${rel.to}`);
          const target = models.find((x) => x.name === to)!;
          assert.ok(target.columns.some((x) => x.name === rel.field), `${s.file}: ${rel.to}.${rel.field}`);
          relationships++;
        }
      }
    }
    assert.equal(relationships, vm.relationships.filter((r) => r.fromColumns.length === 1).length, s.file);
  }
});

const terraform = existsSync('/usr/local/bin/terraform') ? '/usr/local/bin/terraform' : undefined;

test('terraform: output for every dialect passes terraform fmt -check', { skip: terraform ? false : 'terraform is not installed' }, () => {
  const dir = tempDir('tf');
  for (const s of schemas) {
    for (const dialect of ['postgres', 'mysql', 'mssql', 'sqlite']) {
      const r = generate(s.schema, target('terraform'), { dialect });
      assert.deepEqual(r.diagnostics, []);
      const sub = join(dir, `${s.file.replace(/[^A-Za-z0-9]+/g, '_')}_${dialect}`);
      mkdirSync(sub, { recursive: true });
      writeFileSync(join(sub, r.files[0].path), r.files[0].content);
    }
  }
  const r = spawnSync(terraform!, ['fmt', '-check', '-recursive', '-diff', dir], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test('mermaid and markdown: every table appears (an entity, a section)', () => {
  for (const s of schemas) {
    const vm = buildViewModel(s.schema, target('markdown').manifest);
    const [md] = run('markdown', s);
    for (const t of vm.tables) assert.ok(md.content.includes(`\n## ${t.name}\n`), `${s.file}: ## ${t.name}`);
    const [mmd] = run('mermaid', s);
    assert.ok(mmd.content.startsWith('erDiagram\n'));
    const entities = mmd.content.split('\n').filter((l) => /^ {4}\S+ \{$/.test(l)).length;
    assert.equal(entities, vm.tables.length, s.file);
    assert.equal(mmd.content.split('\n').filter((l) => / : "/.test(l)).length, vm.relationships.length, s.file);
  }
});
