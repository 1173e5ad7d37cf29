/**
 * The hazard catalogue: enough stable codes, every code the planner uses is
 * in the catalogue, and every catalogue code is documented in docs/hazards.md
 * with the same severity and aliases.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { HAZARDS } from '../../src/engine/migrate/index.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const SRC = join(ROOT, 'server', 'src', 'engine', 'migrate');
const DOC = readFileSync(join(ROOT, 'docs', 'hazards.md'), 'utf8');

test('hazards: at least 15 stable codes, each with a title, a severity and covering all four dialects together', () => {
  const list = Object.values(HAZARDS);
  assert.ok(list.length >= 15, String(list.length));
  for (const [code, h] of Object.entries(HAZARDS)) {
    assert.match(code, /^MIG\d{3}$/);
    assert.equal(h.code, code);
    assert.ok(h.title.length > 10, code);
  }
  for (const d of ['postgres', 'mysql', 'sqlite', 'mssql'] as const) assert.ok(list.filter((h) => h.dialects.includes(d)).length >= 15, d);
  assert.ok(list.filter((h) => h.aliases.length).length >= 15);
});

test('hazards: every code the planner raises is in the catalogue', () => {
  const used = new Set<string>();
  for (const f of readdirSync(SRC)) {
    if (!f.endsWith('.ts')) continue;
    for (const m of readFileSync(join(SRC, f), 'utf8').matchAll(/hazard\('(MIG\d{3})'/g)) used.add(m[1]);
  }
  assert.ok(used.size >= 20, `${used.size} codes used`);
  for (const c of used) assert.ok(HAZARDS[c], `${c} is used but not in HAZARDS`);
});

test('hazards: every code is documented in docs/hazards.md with its severity, data loss flag and aliases', () => {
  for (const h of Object.values(HAZARDS)) {
    const row = DOC.split('\n').find((l) => l.startsWith(`| ${h.code} |`));
    assert.ok(row, `${h.code} has no table row in docs/hazards.md`);
    const cells = row.split('|').map((c) => c.trim());
    assert.equal(cells[2], h.severity, `${h.code} severity`);
    assert.equal(cells[3], h.dataLoss ? 'yes' : 'no', `${h.code} data loss`);
    assert.equal(cells[6], h.aliases.join(', '), `${h.code} aliases`);
    assert.ok(DOC.includes(`### ${h.code}`) || new RegExp(`### [^\\n]*${h.code}`).test(DOC), `${h.code} has no details section`);
  }
  for (const m of DOC.matchAll(/^\| (MIG\d{3}) \|/gm)) assert.ok(HAZARDS[m[1]], `${m[1]} documented but unknown`);
});
