/**
 * Migration planning: a SchemaDiff -> a MigrationPlan for one dialect, with
 * the forward statements, the rollback, the renames used and every hazard;
 * `renderPlan` writes it as SQL. Pure: no connection, no file.
 */
import type { Schema } from '../model/schema.js';
import { diffSchemas, reverseDiff } from '../diff/index.js';
import type { DiffOptions, SchemaDiff } from '../diff/types.js';
import { hazard, type Hazard } from './hazards.js';
import { planDrafts } from './plan.js';
import type { MigrationPlan, PlanOptions, PlannedStatement } from './types.js';

export * from './types.js';
export { HAZARDS, hazard } from './hazards.js';
export { renderPlan } from './render.js';
export { pgDefaultName, sqlType, q as quoteIdent, type MigrationDialect } from './sql.js';

/** Hazards of `list`, one per code, in first-seen order. */
function dedupe(list: PlannedStatement[]): Hazard[] {
  const seen = new Map<string, Hazard>();
  for (const s of list) for (const h of s.hazards) if (!seen.has(h.code)) seen.set(h.code, h);
  return [...seen.values()];
}

/**
 * The plan for `diff` in `options.dialect`: forward statements, and the
 * rollback (the plan of the reverse diff) with every step that recreates
 * something the forward plan destroyed marked `irreversible` with MIG012.
 */
export function planMigration(diff: SchemaDiff, options: PlanOptions): MigrationPlan {
  const up = planDrafts(diff, options);
  const down = planDrafts(reverseDiff(diff), options);
  const lost = new Set<string>();
  for (const d of up) if (d.source && d.st.hazards.some((h) => h.dataLoss)) lost.add(d.source);
  for (const d of down) {
    if (!d.target || !lost.has(d.target)) continue;
    d.st.irreversible = true;
    d.st.hazards.push(hazard('MIG012', `restores the structure only: the data the forward step removed is gone (${d.st.description})`));
  }
  const statements = up.map((d) => d.st);
  const rollback = down.map((d) => d.st);
  return { dialect: options.dialect, statements, rollback, renames: diff.renames, hazards: dedupe(statements), rollbackHazards: dedupe(rollback) };
}

/** Diff then plan: `from` -> `to` in `options.dialect` (identifier case folded as that dialect does). */
export function planFromSchemas(from: Schema, to: Schema, options: PlanOptions & DiffOptions): MigrationPlan {
  const diff = diffSchemas(from, to, { ...options, dialect: options.dialect });
  return planMigration(diff, { dialect: options.dialect, online: options.online });
}
