/**
 * The linter's plain-data types: a rule, the context it checks through, and a
 * finding. Kept apart from `index.ts` so rule files can import them without
 * importing the registry (no cycles). Nothing here touches IO.
 */
import type { Span } from '../text/span.js';
import type { DatabaseType, Schema } from '../model/schema.js';

export type LintSeverity = 'error' | 'warning' | 'info' | 'hint' | 'off';

export type LintFix =
  /** `unique`: the index must be a unique one (a junction table's pair) */
  | { kind: 'addIndex'; tableKey: string; columns: string[]; unique?: boolean }
  | { kind: 'changeType'; tableKey: string; column: string; to: string }
  | { kind: 'addNote'; tableKey: string; column?: string; note: string }
  | { kind: 'addPrimaryKey'; tableKey: string };

export interface LintFinding {
  code: string;
  severity: Exclude<LintSeverity, 'off'>;
  message: string;
  tableKey?: string;
  column?: string;
  uri?: string;
  span?: Span;
  related?: { uri: string; span: Span; message: string }[];
  /** a mechanical fix, described (the lead turns it into edits per format) */
  fix?: LintFix;
}

export type LintFamily = 'keys' | 'naming' | 'types' | 'indexes' | 'design' | 'pii';

export interface LintRule {
  code: string;
  family: LintFamily;
  severity: Exclude<LintSeverity, 'off'>;
  title: string;
  docs: { why: string; bad: string; good: string };
  check(ctx: LintContext): void;
}

export interface LintContext {
  schema: Schema;
  databaseType: DatabaseType;
  report(f: Omit<LintFinding, 'code' | 'severity'>): void;
}
