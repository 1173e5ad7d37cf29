/**
 * node-sql-parser stays off the language server's start-up path: following
 * only static imports (not `import type`, not `import()`) from the server's
 * entry, no module reaches engine/query's parser. The editor features reach
 * the query checker through an injected function and the handlers through a
 * dynamic import (lsp/handlers/query-engine.ts); completion in queries uses
 * only token-level modules, so it is on the static path on purpose.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** The modules statically reachable from `entry`, with the first importer of each. */
function staticGraph(entry: string): Map<string, string> {
  const seen = new Map<string, string>([[entry, '']]);
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    const text = readFileSync(file, 'utf8');
    // `import x from '...'`, `import { a } from '...'`, `export { a } from '...'`, `import '...'`; not `import type` / `export type`
    for (const m of text.matchAll(/(?:^|\n)[ \t]*(import|export)(?![ \t]+type\b)\b([^'";]*?\bfrom)?[ \t]*['"]([^'"]+)['"]/g)) {
      const spec = m[3];
      // a clause of only type specifiers (`import { type A, type B } from`) is erased too
      const clause = (m[2] ?? '').replace(/\bfrom$/, '').trim();
      if (/^\{[^}]*\}$/.test(clause) && clause.slice(1, -1).split(',').every((n) => !n.trim() || /^type\s/.test(n.trim()))) continue;
      if (!spec.startsWith('.')) {
        if (!seen.has(spec)) seen.set(spec, file);
        continue;
      }
      const target = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
      if (!existsSync(target) || seen.has(target)) continue;
      seen.set(target, file);
      queue.push(target);
    }
  }
  return seen;
}

test('the server entry does not statically reach node-sql-parser or engine/query/parse.ts', () => {
  const graph = staticGraph(join(SRC, 'lsp/main.ts'));
  assert.ok(graph.size > 50, `the graph was followed (${graph.size} modules)`);
  assert.ok(graph.has(join(SRC, 'engine/ide/queries.ts')), 'the query editor features are loaded at start');
  assert.ok(graph.has(join(SRC, 'engine/query/complete.ts')), 'query completion is loaded at start');
  const chain = (m: string): string[] => {
    const out: string[] = [];
    for (let at: string | undefined = m; at; at = graph.get(at) || undefined) out.push(at.startsWith(SRC) ? relative(SRC, at) : at);
    return out.reverse();
  };
  // the walk does see static imports: from engine/query's entry the parser is reached
  assert.ok(staticGraph(join(SRC, 'engine/query/index.ts')).has('node-sql-parser/build/postgresql.js'));
  for (const heavy of ['node-sql-parser/build/postgresql.js', join(SRC, 'engine/query/parse.ts'), join(SRC, 'engine/query/index.ts')]) {
    assert.ok(!graph.has(heavy), `${heavy} is reached at start: ${chain(heavy).join(' -> ')}`);
  }
});
