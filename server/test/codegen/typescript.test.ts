/**
 * TypeScript, Zod, TypeORM, Drizzle and Express output, generated from every
 * corpus schema, compiles with the real `tsc --noEmit` against the installed
 * packages (one compiler run over all files). Express routers are checked
 * against the real `express` 5 and `@types/express` 5 packages (no stub).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '../../src/engine/codegen/index.ts';
import { corpusSchemas, REPO, target, tempDir } from './corpus.ts';

const TARGETS = ['typescript', 'zod', 'typeorm', 'drizzle', 'express'];

const schemas = corpusSchemas();

test('TypeScript targets: output of every corpus schema compiles with tsc --noEmit', { skip: schemas.length ? false : 'no corpus' }, () => {
  const dir = tempDir('ts');
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', noEmit: true, skipLibCheck: true, types: [], experimentalDecorators: true, emitDecoratorMetadata: true, lib: ['ES2022'] },
      include: ['**/*.ts'],
      exclude: ['node_modules'],
    }),
  );
  let files = 0;
  for (const id of TARGETS) {
    for (const s of schemas) {
      const r = generate(s.schema, target(id), { dialect: s.dialect });
      assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), [], `${id} on ${s.file}`);
      const sub = join(dir, id, s.file.replace(/[^A-Za-z0-9]+/g, '_'));
      mkdirSync(sub, { recursive: true });
      for (const f of r.files) {
        writeFileSync(join(sub, f.path), f.content);
        files++;
      }
    }
  }
  assert.equal(files, TARGETS.length * schemas.length);
  // a control file misusing Express: it must fail, which shows the real types (not an `any` module) are checked
  mkdirSync(join(dir, 'control'));
  writeFileSync(join(dir, 'control', 'express-misuse.ts'), "import { Router } from 'express';\nRouter().get('/', (_req, res) => { res.status('404'); });\n");
  const r = spawnSync(join(REPO, 'node_modules', '.bin', 'tsc'), ['-p', dir], { encoding: 'utf8', timeout: 600_000 });
  assert.equal(r.signal, null, `tsc did not finish (${r.signal}): ${r.stderr}`);
  const all = (r.stdout + r.stderr).split('\n').filter((l) => /error TS/.test(l));
  const errors = all.filter((l) => !l.includes('/control/'));
  assert.deepEqual(errors.slice(0, 30), [], `${errors.length} compile errors in ${dir}`);
  assert.deepEqual(all.filter((l) => l.includes('/control/')).map((l) => /error (TS\d+)/.exec(l)?.[1]), ['TS2345'], 'the Express control file must fail on its one misuse');
  assert.notEqual(r.status, 0);
});
