/**
 * The schema linter: the registry of rules (one file per rule under
 * `rules/<family>/<CODE>.ts`, listed once below) and `lint()`, which runs the
 * enabled rules over a bound Schema and returns findings sorted
 * deterministically. Pure: no IO, never throws on odd schemas; turning
 * findings into diagnostics, quick-fix edits, config and suppressions is the
 * shells' job.
 */
import type { DatabaseType, Schema } from '../model/schema.js';
import type { LintFinding, LintRule, LintSeverity } from './types.js';
import { runSteps, type Steps } from '../steps.js';
import { releaseFacts } from './facts.js';
import { releasePiiColumns } from './rules/pii/classify.js';
import { DES001 } from './rules/design/DES001.js';
import { DES002 } from './rules/design/DES002.js';
import { DES003 } from './rules/design/DES003.js';
import { DES004 } from './rules/design/DES004.js';
import { DES005 } from './rules/design/DES005.js';
import { DES006 } from './rules/design/DES006.js';
import { DES007 } from './rules/design/DES007.js';
import { DES008 } from './rules/design/DES008.js';
import { IDX001 } from './rules/indexes/IDX001.js';
import { IDX002 } from './rules/indexes/IDX002.js';
import { IDX003 } from './rules/indexes/IDX003.js';
import { IDX004 } from './rules/indexes/IDX004.js';
import { IDX005 } from './rules/indexes/IDX005.js';
import { IDX006 } from './rules/indexes/IDX006.js';
import { KEY001 } from './rules/keys/KEY001.js';
import { KEY002 } from './rules/keys/KEY002.js';
import { KEY003 } from './rules/keys/KEY003.js';
import { KEY004 } from './rules/keys/KEY004.js';
import { KEY005 } from './rules/keys/KEY005.js';
import { KEY006 } from './rules/keys/KEY006.js';
import { KEY007 } from './rules/keys/KEY007.js';
import { KEY008 } from './rules/keys/KEY008.js';
import { NAME001 } from './rules/naming/NAME001.js';
import { NAME002 } from './rules/naming/NAME002.js';
import { NAME003 } from './rules/naming/NAME003.js';
import { NAME004 } from './rules/naming/NAME004.js';
import { NAME005 } from './rules/naming/NAME005.js';
import { NAME006 } from './rules/naming/NAME006.js';
import { PII001 } from './rules/pii/PII001.js';
import { PII002 } from './rules/pii/PII002.js';
import { PII003 } from './rules/pii/PII003.js';
import { PII004 } from './rules/pii/PII004.js';
import { PII005 } from './rules/pii/PII005.js';
import { PII006 } from './rules/pii/PII006.js';
import { PII007 } from './rules/pii/PII007.js';
import { PII008 } from './rules/pii/PII008.js';
import { PII009 } from './rules/pii/PII009.js';
import { TYPE001 } from './rules/types/TYPE001.js';
import { TYPE002 } from './rules/types/TYPE002.js';
import { TYPE003 } from './rules/types/TYPE003.js';
import { TYPE004 } from './rules/types/TYPE004.js';
import { TYPE005 } from './rules/types/TYPE005.js';
import { TYPE006 } from './rules/types/TYPE006.js';
import { TYPE007 } from './rules/types/TYPE007.js';
import { TYPE008 } from './rules/types/TYPE008.js';
import { TYPE009 } from './rules/types/TYPE009.js';
import { TYPE010 } from './rules/types/TYPE010.js';
import { TYPE011 } from './rules/types/TYPE011.js';
import { TYPE012 } from './rules/types/TYPE012.js';

export type { LintContext, LintFamily, LintFinding, LintFix, LintRule, LintSeverity } from './types.js';

/** Every rule, in code order. Codes are stable: never renumber, only add. */
export const rules: readonly LintRule[] = [
  KEY001,
  KEY002,
  KEY003,
  KEY004,
  KEY005,
  KEY006,
  KEY007,
  KEY008,
  NAME001,
  NAME002,
  NAME003,
  NAME004,
  NAME005,
  NAME006,
  TYPE001,
  TYPE002,
  TYPE003,
  TYPE004,
  TYPE005,
  TYPE006,
  TYPE007,
  TYPE008,
  TYPE009,
  TYPE010,
  TYPE011,
  TYPE012,
  IDX001,
  IDX002,
  IDX003,
  IDX004,
  IDX005,
  IDX006,
  DES001,
  DES002,
  DES003,
  DES004,
  DES005,
  DES006,
  DES007,
  DES008,
  PII001,
  PII002,
  PII003,
  PII004,
  PII005,
  PII006,
  PII007,
  PII008,
  PII009,
];

/** A rule by its code. */
export function ruleByCode(code: string): LintRule | undefined {
  return rules.find((r) => r.code === code);
}

export interface LintOptions {
  /** the dialect rules judge by; defaults to the schema's Project setting, then `generic` */
  databaseType?: DatabaseType;
  /** per-code severity overrides; `off` disables a rule */
  severity?: Record<string, LintSeverity>;
}

function compareFindings(a: LintFinding, b: LintFinding): number {
  const ua = a.uri ?? '';
  const ub = b.uri ?? '';
  if (ua !== ub) return ua < ub ? -1 : 1;
  const sa = a.span ? a.span.start : -1;
  const sb = b.span ? b.span.start : -1;
  if (sa !== sb) return sa - sb;
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  const ta = a.tableKey ?? '';
  const tb = b.tableKey ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  const ca = a.column ?? '';
  const cb = b.column ?? '';
  if (ca !== cb) return ca < cb ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/**
 * Runs every enabled rule over a schema. Findings are sorted by uri, span
 * start, code, table, column and message, so equal inputs give equal output.
 */
export function lint(schema: Schema, options: LintOptions = {}): LintFinding[] {
  return runSteps(lintSteps(schema, options));
}

/** `lint` in steps: one rule a step (at 5,000 tables the slowest takes about 10 ms). */
export function* lintSteps(schema: Schema, options: LintOptions = {}): Steps<LintFinding[]> {
  const databaseType = options.databaseType ?? schema.project?.databaseType ?? 'generic';
  const out: LintFinding[] = [];
  for (const rule of rules) {
    const severity = options.severity?.[rule.code] ?? rule.severity;
    if (severity === 'off') continue;
    const code = rule.code;
    rule.check({
      schema,
      databaseType,
      report(f) {
        // findings from the helpers in facts.ts already have the two fields: fill them in place
        const full = f as LintFinding;
        full.code = code;
        full.severity = severity;
        out.push(full);
      },
    });
    yield;
  }
  // the rules' shared facts served this run only: a schema is kept for its whole life (hover, the diagram, the
  // next run's reuse), its facts would be too
  releaseFacts(schema);
  releasePiiColumns(schema);
  return out.sort(compareFindings);
}
