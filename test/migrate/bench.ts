/**
 * Measures diff + plan (forward and rollback) of the largest corpus schema
 * (benchmark-18k.dbml, 704 tables) against a copy with 100 random changes,
 * per dialect. Run: node --import tsx test/migrate/bench.ts
 * Prints wall and CPU time (CPU time is what a loaded machine does not inflate);
 * asserts nothing (the target is under 200 ms).
 */
import { readFileSync } from 'node:fs';
import { diffSchemas } from '../../server/src/engine/diff/index.ts';
import { planMigration, type MigrationDialect } from '../../server/src/engine/migrate/index.ts';
import { MUTATION_NAMES, mutate } from '../util/mutate-schema.ts';
import { dbml } from './harness.ts';

const a = dbml(readFileSync('/work/shared/corpus/dbml/benchmark-18k.dbml', 'utf8'));
let seed = 12345;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
// random mutations until 100 of them changed something (some draws are no-ops)
const steps: [string, number][] = [];
let b = mutate(a, steps);
while (b.steps.length < 100) {
  steps.push([MUTATION_NAMES[rnd() % MUTATION_NAMES.length], rnd() % (1 << 20)]);
  if (b.steps.length + (steps.length - b.steps.length) >= 100) b = mutate(a, steps);
}
console.log(`A: ${a.tables.length} tables, ${a.relationships.length} relationships; ${b.steps.length} changes applied`);
const DIALECTS: MigrationDialect[] = ['postgres', 'mysql', 'sqlite', 'mssql'];
// warm-up: JIT and heap growth land here, not in the first dialect's figures
for (const dialect of DIALECTS) for (let i = 0; i < 3; i++) planMigration(diffSchemas(a, b.schema, { dialect, renames: b.renames }), { dialect });
for (const dialect of DIALECTS) {
  const times: number[] = [];
  const cpu: number[] = [];
  let statements = 0;
  let changes = 0;
  for (let i = 0; i < 15; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const diff = diffSchemas(a, b.schema, { dialect, renames: b.renames });
    const plan = planMigration(diff, { dialect });
    times.push(performance.now() - t0);
    const c1 = process.cpuUsage(c0);
    cpu.push((c1.user + c1.system) / 1000);
    statements = plan.statements.length + plan.rollback.length;
    changes = diff.changes.length;
  }
  times.sort((x, y) => x - y);
  cpu.sort((x, y) => x - y);
  console.log(`${dialect}: diff + plan + rollback: wall ${times[7].toFixed(1)} ms median (min ${times[0].toFixed(1)}), CPU ${cpu[7].toFixed(1)} ms median (min ${cpu[0].toFixed(1)}); ${changes} changes, ${statements} statements (forward + rollback)`);
}
