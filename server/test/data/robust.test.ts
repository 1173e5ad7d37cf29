/**
 * Robustness of the profiler on arbitrary rows (fast-check): any JSON-like
 * values, odd keys, nesting, in any mix, give a result whose figures add up
 * (nulls + values = rows per column), whose DBML re-parses without errors,
 * and whose quality HTML holds no unescaped markup.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DataProfiler, renderQualityHtml } from '../../src/engine/detect/data/index.js';
import { schemaToDbml } from './print.js';
import { Workspace } from '../../src/engine/workspace.js';

const key = fc.oneof(fc.constantFrom('id', 'name', 'email', 'a b', 'x"y', '<k>', '', '_row', 'user_id', '__proto__'), fc.string({ maxLength: 6 }));
const scalar = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.double({ noNaN: false }), fc.boolean(), fc.constant(null), fc.constantFrom('2024-01-01', '2024-02-30', '10:00', 'true', '1e5', '007', '<script>'));
const value = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small' }, scalar, scalar, fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(key, tie('v'), { maxKeys: 3 })),
})).v;
const rows = fc.array(fc.tuple(fc.constantFrom('t', 'u', 'my table'), fc.dictionary(key, value, { maxKeys: 5 })), { maxLength: 30 });

test('arbitrary rows: figures add up, DBML re-parses, HTML is escaped', () => {
  fc.assert(
    fc.property(rows, fc.constantFrom<'tables' | 'json'>('tables', 'json'), (input, nested) => {
      const p = new DataProfiler({ nested, distinctCap: 5, keySetCap: 8, sampleSize: 4 });
      for (const [t, row] of input) p.add(t, row);
      const r = p.result();
      for (const tq of r.quality.tables) {
        for (const c of tq.columns) {
          assert.ok(c.nulls >= 0 && c.nulls <= tq.rows, `${tq.table}.${c.name}: ${c.nulls} nulls of ${tq.rows}`);
          assert.ok(c.distinct <= tq.rows - c.nulls, `${tq.table}.${c.name}: distinct ${c.distinct}`);
        }
      }
      const dbml = schemaToDbml(r.schema);
      const ws = new Workspace();
      ws.setFile('file:///p.dbml', dbml, 0, { language: 'dbml' });
      const errors = ws.diagnostics('file:///p.dbml').filter((d) => d.severity === 'error');
      assert.deepEqual(errors.map((d) => d.message), [], dbml);
      assert.ok(!renderQualityHtml(r.quality).includes('<script>'));
    }),
    { numRuns: 300, seed: 1 },
  );
});
