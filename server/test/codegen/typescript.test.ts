/**
 * TypeScript, Zod, TypeORM, Drizzle and Express output, generated from every
 * corpus schema, compiles with the real `tsc --noEmit` against the installed
 * packages (one compiler run over all files). Express has no type package
 * installed here: a minimal declaration of the API the routers use stands in.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '../../src/engine/codegen/index.ts';
import { corpusSchemas, REPO, target, tempDir } from './corpus.ts';

const TARGETS = ['typescript', 'zod', 'typeorm', 'drizzle', 'express'];

const EXPRESS_STUB = `declare module 'express' {
  export interface Request { params: Record<string, string>; query: Record<string, unknown>; body: unknown }
  export interface Response { status(code: number): Response; json(body: unknown): Response; end(): Response }
  type Handler = (req: Request, res: Response) => unknown;
  export interface Router {
    get(path: string, ...handlers: Handler[]): Router;
    post(path: string, ...handlers: Handler[]): Router;
    put(path: string, ...handlers: Handler[]): Router;
    delete(path: string, ...handlers: Handler[]): Router;
    use(path: string, router: Router): Router;
  }
  export function Router(): Router;
}
`;

const schemas = corpusSchemas();

test('TypeScript targets: output of every corpus schema compiles with tsc --noEmit', { skip: schemas.length ? false : 'no corpus' }, () => {
  const dir = tempDir('ts');
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  writeFileSync(join(dir, 'express.d.ts'), EXPRESS_STUB);
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
  const r = spawnSync(join(REPO, 'node_modules', '.bin', 'tsc'), ['-p', dir], { encoding: 'utf8', timeout: 120_000 });
  const errors = (r.stdout + r.stderr).split('\n').filter((l) => /error TS/.test(l));
  assert.deepEqual(errors.slice(0, 30), [], `${errors.length} compile errors in ${dir}`);
  assert.equal(r.status, 0);
});
