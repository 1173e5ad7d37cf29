/**
 * Helpers for the diff and planner tests: a DBML text as a Schema, and a
 * plan's statements as plain lines for assertions.
 */
import type { Schema } from '../../src/engine/model/schema.ts';
import { Workspace } from '../../src/engine/workspace.ts';
import type { MigrationPlan, PlannedStatement } from '../../src/engine/migrate/index.ts';

export function dbml(text: string): Schema {
  const ws = new Workspace();
  ws.setFile('file:///t.dbml', text, 0, { language: 'dbml' });
  return ws.binding().schema;
}

/** The statements' SQL, one string each. */
export function sqls(list: PlannedStatement[]): string[] {
  return list.map((s) => s.sql);
}

/** Every hazard code of a plan's forward statements, sorted, deduplicated. */
export function codes(plan: MigrationPlan): string[] {
  return plan.hazards.map((h) => h.code).sort();
}

/** Index of the first statement matching `re` (-1 when none). */
export function indexOf(list: PlannedStatement[], re: RegExp): number {
  return list.findIndex((s) => re.test(s.sql));
}
