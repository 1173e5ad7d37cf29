/**
 * Python output (SQLAlchemy 2.0, Pydantic v2, dataclasses, Django, FastAPI),
 * generated from every corpus schema and the keyword fixture, passes
 * `python3 -m py_compile` (one Python run over all files).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '../../src/engine/codegen/index.ts';
import { corpusSchemas, target, tempDir } from './corpus.ts';

const TARGETS = ['sqlalchemy', 'pydantic', 'dataclasses', 'django', 'fastapi'];
const python = spawnSync('python3', ['--version'], { encoding: 'utf8' });
const schemas = corpusSchemas();

test('Python targets: output of every corpus schema passes py_compile', { skip: python.status === 0 ? false : 'python3 is not installed' }, () => {
  const dir = tempDir('py');
  const paths: string[] = [];
  for (const id of TARGETS) {
    for (const s of schemas) {
      const r = generate(s.schema, target(id), { dialect: s.dialect });
      assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), [], `${id} on ${s.file}`);
      const sub = join(dir, id, s.file.replace(/[^A-Za-z0-9]+/g, '_'));
      mkdirSync(sub, { recursive: true });
      for (const f of r.files) {
        const p = join(sub, f.path);
        writeFileSync(p, f.content);
        paths.push(p);
      }
    }
  }
  assert.equal(paths.length, TARGETS.length * schemas.length);
  // one interpreter for every file; each failure printed as "path: error"
  const script = `import py_compile, sys
bad = 0
for p in sys.argv[1:]:
    try:
        py_compile.compile(p, doraise=True)
    except py_compile.PyCompileError as e:
        bad += 1
        print(p + ": " + str(e.msg).strip().splitlines()[-1])
sys.exit(1 if bad else 0)`;
  const r = spawnSync('python3', ['-c', script, ...paths], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.stdout.trim(), '', r.stderr);
  assert.equal(r.status, 0, r.stderr);
});
