/**
 * Analysis on top of binding: relationship inference (`infer/`) and the linter
 * (`lint/`) over each bound unit's schema, turned into engine diagnostics on
 * the files that declare the tables. Suppression comments
 * (`-- schemasage-disable-next-line CODE` in SQL, `// …` in DBML and Prisma, on
 * the line before) and per-code severities (settings, `schemasage.config.json`)
 * apply here. Pure; computed once per binding.
 */
import type { Diagnostic, Severity, SeverityCounts } from './diagnostics.js';
import type { Binding } from './model/bind.js';
import type { DatabaseType, Schema, Table } from './model/schema.js';
import type { Span } from './text/span.js';
import { inferSchemaSteps, type InferredRelationship } from './infer/index.js';
import { lintSteps, type LintSeverity } from './lint/index.js';
import { runSteps, type Steps } from './steps.js';

/** The inference diagnostic's code (documented in docs/rules.md). */
export const INFER_CODE = 'INFER001';

export interface AnalysisOptions {
  /** off: no inference and no lint */
  enabled?: boolean;
  /** false: inference only */
  lint?: boolean;
  /** per-code severity overrides (`off` silences a code) */
  severity?: Record<string, LintSeverity>;
  /** inferred relationships below this confidence are not reported (default 0.5) */
  minConfidence?: number;
  /**
   * Most diagnostics a Workspace keeps of an analysis per file, the most severe first (`mostSevere`);
   * the others are counted (`Workspace.omittedDiagnostics`). For a shell that shows no more than that
   * per file (the language server's `schemasage.diagnostics.maxPerFile`): at 5,000 tables lint finds
   * 24,000 problems, 7 MB kept for a thousand shown. 0 or absent: all.
   */
  keepPerFile?: number;
}

export interface Analysis {
  inferred: { part: Schema; relationship: InferredRelationship }[];
  /**
   * How many lint findings there were (before suppressions). The findings themselves are kept only as
   * diagnostics: at 5,000 tables a second list of 24,000 objects is 2.2 MB.
   */
  findings: number;
  /** both as diagnostics, per file, suppressions applied */
  diagnosticsByUri: Map<string, Diagnostic[]>;
  /** per file, how many diagnostics of each severity a Workspace did not keep (`keepPerFile`) */
  omitted?: Map<string, SeverityCounts>;
}

/** What reading a file's text tells about suppressions: line -> codes silenced on the next line. */
export type SuppressionLookup = (uri: string, offset: number) => ReadonlySet<string> | undefined;

const SEVERITY: Record<Exclude<LintSeverity, 'off'>, Severity> = { error: 'error', warning: 'warning', info: 'info', hint: 'hint' };

function tableByKey(schema: Schema): Map<string, Table> {
  return new Map(schema.tables.map((t) => [t.key, t]));
}

function describeEnd(schema: Schema, e: { schema: string; table: string; columns: string[] }): string {
  const t = e.schema && e.schema !== schema.defaultSchema ? `${e.schema}.${e.table}` : e.table;
  return e.columns.length === 1 ? `${t}.${e.columns[0]}` : `${t}.(${e.columns.join(', ')})`;
}

/** Findings turned into diagnostics per step of `analysisSteps` */
const FINDINGS_PER_STEP = 2000;

/** Infers and lints every unit of the binding. */
export function analyze(b: Binding, options: AnalysisOptions, suppressed: SuppressionLookup): Analysis {
  return runSteps(analysisSteps(b, options, suppressed));
}

/**
 * `analyze` in steps (a few ms each at 5,000 tables): inference a batch of tables
 * at a time, then lint a rule at a time, then the findings' diagnostics in batches.
 */
export function* analysisSteps(b: Binding, options: AnalysisOptions, suppressed: SuppressionLookup): Steps<Analysis> {
  const out: Analysis = { inferred: [], findings: 0, diagnosticsByUri: new Map() };
  if (options.enabled === false) return out;
  const push = (d: Diagnostic) => {
    const codes = suppressed(d.uri, d.span.start);
    if (codes && (codes.has(d.code) || codes.has('*'))) return;
    // A message built from pieces is a tree of strings in V8 (32 bytes a piece, 4-6 pieces a message).
    // Reading a character makes it flat, and the collector then drops the tree: at 5,000 tables the
    // analysis's 24,000 findings keep 2.3 MB less.
    d.message.charCodeAt(0);
    let l = out.diagnosticsByUri.get(d.uri);
    if (!l) out.diagnosticsByUri.set(d.uri, (l = []));
    l.push(d);
  };
  const inferSeverity = options.severity?.[INFER_CODE];
  for (const part of b.parts) {
    if (!part.tables.length) continue;
    const databaseType: DatabaseType = part.project?.databaseType ?? b.databaseType;
    // inference
    if (inferSeverity !== 'off') {
      const tables = tableByKey(part);
      const { relationships } = yield* inferSchemaSteps(part, { minConfidence: options.minConfidence ?? 0.5 });
      for (const r of relationships) {
        out.inferred.push({ part, relationship: r });
        const from = tables.get(r.from.tableKey);
        const col = from?.columns.find((c) => c.name === r.from.columns[0]);
        const src = col?.source ?? from?.source;
        if (!src) continue;
        const to = tables.get(r.to.tableKey);
        const target = to?.columns.find((c) => c.name === r.to.columns[0])?.source ?? to?.source;
        const why = r.evidence.map((e) => `${e.detail} (${e.weight >= 0 ? '+' : ''}${e.weight.toFixed(2)})`).join('; ');
        push({
          uri: src.uri,
          span: src.nameSpan,
          severity: inferSeverity ? SEVERITY[inferSeverity] : 'hint',
          code: INFER_CODE,
          message: `Looks like a relationship to ${describeEnd(part, r.to)} (confidence ${Math.round(r.confidence * 100)}%): ${why}`,
          related: target ? [{ uri: target.uri, span: target.nameSpan, message: `the inferred target ${describeEnd(part, r.to)}` }] : undefined,
          data: { inferred: { from: r.from, to: r.to, cardinality: r.cardinality } },
        });
      }
    }
    // lint
    if (options.lint === false) continue;
    yield;
    const findings = yield* lintSteps(part, { databaseType, severity: options.severity });
    for (let i = 0; i < findings.length; i++) {
      if (i && i % FINDINGS_PER_STEP === 0) yield;
      const f = findings[i];
      out.findings++;
      if (!f.uri || !f.span) continue;
      push({
        uri: f.uri,
        span: f.span as Span,
        severity: SEVERITY[f.severity],
        code: f.code,
        message: f.message,
        related: f.related,
        data: f.fix ? { fix: f.fix } : undefined,
      });
    }
  }
  return out;
}

const SUPPRESS = /(?:--|\/\/|#)\s*schemasage-disable-next-line\b([^\r\n]*)/g;

/**
 * The suppression comments of a text: for each line that follows a
 * `schemasage-disable-next-line [CODE ...]` comment, the codes it silences
 * (`*` when none are named).
 */
export function suppressionsOf(text: string): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  if (!text.includes('schemasage-disable-next-line')) return out;
  SUPPRESS.lastIndex = 0;
  for (let m = SUPPRESS.exec(text); m; m = SUPPRESS.exec(text)) {
    let line = 0;
    for (let i = text.indexOf('\n', 0); i >= 0 && i < m.index; i = text.indexOf('\n', i + 1)) line++;
    const codes = m[1].split(/[\s,]+/).map((c) => c.trim().toUpperCase()).filter((c) => /^[A-Z]+\d+$/.test(c));
    out.set(line + 1, new Set(codes.length ? codes : ['*']));
  }
  return out;
}
