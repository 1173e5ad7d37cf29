/**
 * The migration plan's data: statements in phases, each with its hazards,
 * and the options that shape a plan. Plain data for the CLI, the LSP and the
 * plan webview.
 */
import type { RenameCandidate } from '../diff/types.js';
import type { Hazard } from './hazards.js';
import type { MigrationDialect } from './sql.js';

/**
 * Phases in the order they run: `pre` (non-transactional enum additions),
 * `drop-fk`, `drop` (indexes, constraints, columns, tables, views: source
 * names), `rename`, `create` (enums, tables), `alter` (columns, keys,
 * SQLite rebuilds), `index`, `add-fk`, `post` (validation, comments, drops
 * of types, checks).
 */
export type Phase = 'pre' | 'drop-fk' | 'drop' | 'rename' | 'create' | 'alter' | 'index' | 'add-fk' | 'post';

export const PHASES: readonly Phase[] = ['pre', 'drop-fk', 'drop', 'rename', 'create', 'alter', 'index', 'add-fk', 'post'];

export interface PlannedStatement {
  /** one statement (a few for dynamic constraint look-ups), without the trailing `;` */
  sql: string;
  phase: Phase;
  /** may run inside the plan's transaction */
  transactional: boolean;
  description: string;
  hazards: Hazard[];
  /** the statement loses data (forward), or cannot bring it back (rollback) */
  irreversible?: boolean;
  /** not SQL to run: a note for a step that needs a person (the `sql` is a comment) */
  manual?: boolean;
}

export interface PlanOptions {
  dialect: MigrationDialect;
  /** PostgreSQL: CREATE INDEX CONCURRENTLY, constraints NOT VALID + VALIDATE; SQL Server: ONLINE = ON */
  online?: boolean;
}

export interface MigrationPlan {
  dialect: MigrationDialect;
  statements: PlannedStatement[];
  rollback: PlannedStatement[];
  renames: RenameCandidate[];
  /** every hazard of the forward plan, one per code */
  hazards: Hazard[];
  /** every hazard of the rollback, one per code */
  rollbackHazards: Hazard[];
}

export type { Hazard, HazardInfo, HazardSeverity } from './hazards.js';
export type { MigrationDialect } from './sql.js';
