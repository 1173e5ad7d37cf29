/**
 * `schemasage lint <files or folders...> [--format text|json|sarif]
 * [--max-warnings N] [--dialect D] [--config FILE]`: every diagnostic of the
 * workspace, lint rules and inferred relationships included, in the text
 * format, as JSON, or as SARIF 2.1.0 for GitHub code scanning. Severities come
 * from `schemasage.config.json` (the working directory's, or `--config`).
 * Exit 1 on errors, or on more warnings than `--max-warnings`.
 */
import type * as Sarif from 'sarif';
import { Workspace } from '../../engine/workspace.js';
import { rules } from '../../engine/lint/index.js';
import { INFER_CODE } from '../../engine/analyze.js';
import { collectFiles, type Dialect } from '../files.js';
import { formatDiagnosticLine, formatGithubAnnotation, placeDiagnostic, type CliDiagnostic } from '../output.js';
import { kindOf, queryCheckerFor } from './check.js';
import type { CheckIo } from './check.js';
import type { LintSeverity } from '../../engine/lint/index.js';

export type LintFormat = 'text' | 'json' | 'sarif';

export interface LintOptions {
  paths: string[];
  format: LintFormat;
  maxWarnings?: number;
  dialect?: Dialect;
  cwd: string;
  /** severity per code, from schemasage.config.json */
  severity?: Record<string, LintSeverity>;
  version: string;
  /** also print GitHub Actions annotations (GITHUB_ACTIONS=true) */
  github?: boolean;
}

const SARIF_LEVEL: Record<CliDiagnostic['severity'], Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export async function runLint(options: LintOptions, io: CheckIo): Promise<number> {
  const files = collectFiles(options.paths, options.cwd, options.dialect);
  const workspace = new Workspace({ analysis: { severity: options.severity }, queries: await queryCheckerFor(files) });
  for (const f of files) workspace.setFile(f.uri, f.text, 0, kindOf(f.dialect));
  const diagnostics: CliDiagnostic[] = [];
  for (const f of files) {
    const source = workspace.getFile(f.uri)!;
    for (const d of workspace.diagnostics(f.uri)) diagnostics.push(placeDiagnostic(d, f.display, source.lineIndex));
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  if (options.format === 'json') io.stdout(JSON.stringify({ diagnostics }, null, 2) + '\n');
  else if (options.format === 'sarif') io.stdout(JSON.stringify(sarifLog(diagnostics, options.version), null, 2) + '\n');
  else {
    if (diagnostics.length) io.stdout(diagnostics.map(formatDiagnosticLine).join('\n') + '\n');
    // on GitHub Actions, the same problems as annotations on the pull request
    if (options.github && diagnostics.length) io.stdout(diagnostics.map(formatGithubAnnotation).join('\n') + '\n');
    io.stderr(`${files.length} file${files.length === 1 ? '' : 's'}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`);
  }
  if (errors) return 1;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    if (options.format === 'text') io.stderr(`${warnings} warnings exceed --max-warnings ${options.maxWarnings}\n`);
    return 1;
  }
  return 0;
}

/** A SARIF 2.1.0 log of the diagnostics: one run, the rules that fired, one result each. */
export function sarifLog(diagnostics: CliDiagnostic[], version: string): Sarif.Log {
  const known = new Map(rules.map((r) => [r.code, r]));
  const fired = [...new Set(diagnostics.map((d) => d.code))].sort();
  const ruleIndex = new Map(fired.map((c, i) => [c, i]));
  const driverRules: Sarif.ReportingDescriptor[] = fired.map((code) => {
    const r = known.get(code);
    const text = r ? r.title : code === INFER_CODE ? 'An undeclared relationship, inferred from names and types' : `SchemaSage ${code}`;
    const rule: Sarif.ReportingDescriptor = { id: code, shortDescription: { text } };
    if (r) {
      rule.name = r.title.replace(/[^A-Za-z0-9]+/g, ' ').trim().replace(/ (\w)/g, (_m, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase());
      rule.fullDescription = { text: r.docs.why };
      rule.defaultConfiguration = { level: SARIF_LEVEL[r.severity] };
      rule.properties = { tags: [r.family] };
    }
    return rule;
  });
  const results: Sarif.Result[] = diagnostics.map((d) => ({
    ruleId: d.code,
    ruleIndex: ruleIndex.get(d.code),
    level: SARIF_LEVEL[d.severity],
    message: { text: d.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: d.file.split('\\').join('/'), uriBaseId: '%SRCROOT%' },
          region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: Math.max(d.endColumn, d.endLine === d.line ? d.column + 1 : 1) },
        },
      },
    ],
  }));
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [{ tool: { driver: { name: 'SchemaSage', version, informationUri: 'https://example.invalid/schemasage', rules: driverRules } }, results }],
  };
}
