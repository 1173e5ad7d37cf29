/**
 * Timing (printed, not asserted): checking a 1,000-query file against a
 * 500-table schema: cold (every statement parsed and bound), unchanged
 * (every statement's result cached) and with one statement added, as after
 * a keystroke. The
 * assertions only check that the run found what was planted in it. Not part
 * of the unit suite (it takes seconds): run it with
 * `node --import tsx --test server/test/query/measure.ts` (or from `npm run bench`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkQueries } from '../../src/engine/query/index.js';
import { bigSchema } from './fixtures.js';

function queries(n: number, tables: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const a = (i * 7) % tables;
    const b = a === 0 ? 1 : a - 1;
    switch (i % 5) {
      case 0:
        out.push(`SELECT x.name, sum(y.amount) AS total FROM t${a} x JOIN t${b} y ON y.id = x.parent_id WHERE x.created_at > now() - interval '${i} days' GROUP BY x.name ORDER BY total DESC LIMIT 20;`);
        break;
      case 1:
        out.push(`WITH r AS (SELECT id, amount FROM t${a} WHERE flag) SELECT r.id, rank() OVER (ORDER BY r.amount DESC) AS k FROM r WHERE r.amount > ${i};`);
        break;
      case 2:
        out.push(`INSERT INTO t${a} (id, name, amount, created_at) VALUES (${i}, 'n${i}', ${i}.5, now()) ON CONFLICT (id) DO UPDATE SET amount = EXCLUDED.amount;`);
        break;
      case 3:
        out.push(`UPDATE t${a} SET amount = amount * 1.1 WHERE parent_id IN (SELECT id FROM t${b} WHERE name LIKE 'a%');`);
        break;
      default:
        // every 5th query has one unknown column
        out.push(`DELETE FROM t${a} WHERE created_at < now() - interval '1 year' AND amout IS NULL;`);
    }
  }
  return out.join('\n');
}

test('measure: 1,000 queries against a 500-table schema', () => {
  const { schema } = bigSchema(500);
  assert.equal(schema.tables.length, 500);
  const text = queries(1000, 500);
  const t0 = performance.now();
  const cold = checkQueries(schema, text, 'postgres');
  const t1 = performance.now();
  const warm = checkQueries(schema, text, 'postgres');
  const t2 = performance.now();
  // a keystroke: one statement in the middle changes
  const at = text.indexOf('DELETE FROM', text.length >> 1);
  const edited = text.slice(0, at) + 'DELETE FROM t1 WHERE name = 1;\n' + text.slice(at);
  const t3 = performance.now();
  const one = checkQueries(schema, edited, 'postgres');
  const t4 = performance.now();
  assert.equal(one.statements.length, 1001);
  assert.equal(cold.statements.length, 1000);
  assert.deepEqual(cold.statements.filter((s) => !s.parsed).length, 0);
  assert.equal(cold.diagnostics.length, 200);
  assert.ok(cold.diagnostics.every((d) => d.code === 'QRY002' && text.slice(d.span.start, d.span.end) === 'amout'));
  assert.equal(warm.diagnostics.length, 200);
  const mb = text.length / 1e6;
  console.log(
    `# query check: ${text.length} chars, 1000 statements, 500 tables: cold ${(t1 - t0).toFixed(0)} ms (${(mb / ((t1 - t0) / 1000)).toFixed(2)} MB/s), ` +
      `unchanged re-check ${(t2 - t1).toFixed(0)} ms, one statement added ${(t4 - t3).toFixed(0)} ms, ${cold.references.length} references`,
  );
});
