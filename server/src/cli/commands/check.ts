/**
 * `schemasage check <files or folders...> [--json] [--dialect D]`: loads every
 * file into one engine Workspace (so names resolve across files, as in the
 * editor), prints its diagnostics and returns the exit code: 1 when any
 * diagnostic is an error, 0 otherwise.
 *
 * Never parses or binds itself: everything schema-related goes through the
 * Workspace.
 */
import { Workspace, type FileKind } from '../../engine/workspace.js';
import type { QueryChecker } from '../../engine/query-diagnostics.js';
import { INFER_CODE } from '../../engine/analyze.js';
import { collectFiles, type Dialect } from '../files.js';
import { checkJson, formatDiagnosticLine, formatGithubAnnotation, formatSummary, placeDiagnostic, type CliDiagnostic } from '../output.js';

export interface CheckOptions {
  paths: string[];
  json: boolean;
  dialect?: Dialect;
  cwd: string;
  /** also print GitHub Actions annotations (GITHUB_ACTIONS=true) */
  github?: boolean;
}

export interface CheckIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export async function runCheck(options: CheckOptions, io: CheckIo): Promise<number> {
  const files = collectFiles(options.paths, options.cwd, options.dialect);
  const queries = await queryCheckerFor(files);
  // check reports what is wrong (syntax, names); lint rules are `schemasage lint`'s, inferred relationships only go
  // to --json: the text output never computes them (a sixth of the run at 5,000 tables). The analysis pass still
  // runs for the queries of SQL files.
  const analysis = options.json ? { lint: false } : { lint: false, severity: { [INFER_CODE]: 'off' as const } };
  const workspace = new Workspace({ analysis, queries });
  for (const f of files) workspace.setFile(f.uri, f.text, 0, kindOf(f.dialect));

  const binding = workspace.binding();
  const schema = binding.schema;
  const diagnostics: CliDiagnostic[] = [];
  for (const f of files) {
    const source = workspace.getFile(f.uri)!;
    for (const d of workspace.diagnostics(f.uri)) if (d.code !== INFER_CODE) diagnostics.push(placeDiagnostic(d, f.display, source.lineIndex));
  }

  if (options.json) {
    io.stdout(JSON.stringify(checkJson(binding.parts, diagnostics, workspace.analysis().inferred), null, 2) + '\n');
  } else {
    if (diagnostics.length) io.stdout(diagnostics.map(formatDiagnosticLine).join('\n') + '\n');
    // on GitHub Actions, the same problems as annotations on the pull request
    if (options.github && diagnostics.length) io.stdout(diagnostics.map(formatGithubAnnotation).join('\n') + '\n');
    io.stderr(formatSummary(files.length, schema, diagnostics) + '\n');
  }
  return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

/**
 * The query checker when some of the files are SQL (their queries are checked against the schema);
 * undefined otherwise: it is node-sql-parser, the largest module of the CLI, loaded only when needed.
 */
export async function queryCheckerFor(files: readonly { dialect: Dialect }[]): Promise<QueryChecker | undefined> {
  return files.some((f) => f.dialect !== 'dbml' && f.dialect !== 'prisma') ? (await import('../../engine/query/index.js')).checkQueries : undefined;
}

/** How the Workspace reads a file of the given (detected or forced) dialect. */
export function kindOf(d: Dialect): FileKind {
  if (d === 'dbml' || d === 'prisma') return { language: d };
  if (d === 'sql') return { language: 'sql' };
  return { language: 'sql', dialect: d };
}
