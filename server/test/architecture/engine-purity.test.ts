/**
 * The engine stays pure (STYLE.md rule 1). Its tsconfig has no node types, so
 * node built-ins and globals fail to compile, but packages resolve through
 * node_modules whatever `types` says: this test closes that gap by allowing
 * only relative imports and the pure libraries the engine is built on in
 * server/src/engine: chevrotain (parsing), handlebars (code generation) and
 * node-sql-parser (checking queries). None of them touches I/O.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ENGINE = fileURLToPath(new URL('../../src/engine/', import.meta.url));
const ALLOWED_PACKAGES = new Set(['chevrotain', 'handlebars', 'node-sql-parser']);

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files(p, out);
    else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

test('the engine imports only its own modules and its pure libraries (chevrotain, handlebars, node-sql-parser)', () => {
  const offenders: string[] = [];
  const all = files(ENGINE);
  assert.ok(all.length > 20, 'the engine sources were found');
  for (const f of all) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (spec.startsWith('.')) continue;
      // a package's own sub-paths (node-sql-parser/build/postgresql.js) count as the package
      const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
      if (!ALLOWED_PACKAGES.has(pkg)) offenders.push(`${f.slice(ENGINE.length)}: ${spec}`);
    }
  }
  assert.deepEqual(offenders, []);
});
