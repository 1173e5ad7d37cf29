/**
 * The engine stays pure (STYLE.md rule 1). Its tsconfig has no node types, so
 * node built-ins and globals fail to compile, but packages resolve through
 * node_modules whatever `types` says: this test closes that gap by allowing
 * only relative imports and the parsing library in server/src/engine.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ENGINE = fileURLToPath(new URL('../../src/engine/', import.meta.url));
const ALLOWED_PACKAGES = new Set(['chevrotain']);

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files(p, out);
    else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

test('the engine imports only its own modules and chevrotain', () => {
  const offenders: string[] = [];
  const all = files(ENGINE);
  assert.ok(all.length > 20, 'the engine sources were found');
  for (const f of all) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (spec.startsWith('.')) continue;
      if (!ALLOWED_PACKAGES.has(spec)) offenders.push(`${f.slice(ENGINE.length)}: ${spec}`);
    }
  }
  assert.deepEqual(offenders, []);
});
