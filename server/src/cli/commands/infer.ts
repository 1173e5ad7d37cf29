/**
 * `schemasage infer <data files or folders…> [--format dbml|sql:DIALECT|json|<generate target>]
 * [--report report.json|report.html] [-o schema file]`: reads data files
 * (JSON, JSON Lines, CSV/TSV, YAML, XML) as streams, infers a relational
 * schema with keys, relationships and PII, and writes it (DBML by default)
 * plus an optional data-quality report. Rows that do not parse are reported
 * as `file:line:col error DATA001 message` on stderr; the rest is read.
 * Exit 0, or 1 when a file had rows that could not be read.
 */
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { isDataPath, profileDataFiles } from '../../data/index.js';
import { renderQualityHtml } from '../../engine/detect/data/index.js';
import { defaultTemplatesDir, renderSchema, type SqlDialectName } from '../../render.js';
import { loadTargets } from '../../codegen-templates.js';
import { generate } from '../../engine/codegen/index.js';
import { UsageError } from '../files.js';
import type { Io } from './introspect.js';

export interface InferCliOptions {
  paths: string[];
  format: string;
  report?: string;
  out?: string;
  cwd: string;
}

const SQL_DIALECTS: Record<string, SqlDialectName> = { postgres: 'postgres', postgresql: 'postgres', mysql: 'mysql', mariadb: 'mysql', sqlite: 'sqlite', mssql: 'mssql', sqlserver: 'mssql' };

function walk(dir: string, out: string[]): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile() && isDataPath(p)) out.push(p);
  }
}

export async function runInfer(options: InferCliOptions, io: Io): Promise<number> {
  const format = options.format;
  const sql = /^sql:(.+)$/i.exec(format);
  const dialect = sql ? SQL_DIALECTS[sql[1]!.toLowerCase()] : undefined;
  // any other format is a code generation target (typescript, zod, prisma, sqlalchemy, …)
  const target = !['dbml', 'json'].includes(format) && !dialect ? loadTargets(defaultTemplatesDir()).find((t) => t.manifest.id === format) : undefined;
  if (!['dbml', 'json'].includes(format) && !dialect && !target) throw new UsageError(`unknown --format '${format}' for infer (dbml, sql:postgres|mysql|sqlite|mssql, json, or a generate target such as typescript, zod, prisma)`);
  if (options.report && !/\.(json|html?)$/i.test(options.report)) throw new UsageError('--report needs a .json or .html file name');
  const paths: string[] = [];
  for (const arg of options.paths) {
    const p = resolve(options.cwd, arg);
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch (err) {
      throw new UsageError(`cannot read '${arg}': ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    if (isDir) {
      const found: string[] = [];
      walk(p, found);
      if (!found.length) throw new UsageError(`no data files (.json, .jsonl, .ndjson, .csv, .tsv, .yaml, .yml, .xml) in '${arg}'`);
      paths.push(...found.sort());
    } else paths.push(p);
  }
  const started = performance.now();
  const { inference, files } = await profileDataFiles(paths);
  const ms = Math.round(performance.now() - started);
  let failed = false;
  for (const f of files) {
    const display = relative(options.cwd, f.path) || f.path;
    for (const e of f.errors) {
      failed = true;
      io.stderr(`${display}:${e.line ?? 0}:${e.column ?? 0} error DATA001 ${e.message}\n`);
    }
  }
  let text: string;
  if (format === 'json') text = `${JSON.stringify(inference, null, 2)}\n`;
  else if (target) {
    const g = generate(inference.schema, target);
    const errors = g.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length) {
      io.stderr(`schemasage: cannot write ${format}: ${errors.map((d) => d.message).join('; ')}\n`);
      return 2;
    }
    text = g.files.map((f) => (g.files.length > 1 ? `// ---- ${f.path}\n${f.content}` : f.content)).join('\n');
  } else {
    const r = renderSchema(inference.schema, dialect ? 'sql' : 'dbml', dialect ? { dialect } : {});
    if ('error' in r) {
      io.stderr(`schemasage: cannot write ${format}: ${r.error}\n`);
      return 2;
    }
    text = r.text.endsWith('\n') ? r.text : `${r.text}\n`;
  }
  if (options.out) writeFileSync(resolve(options.cwd, options.out), text);
  else io.stdout(text);
  if (options.report) {
    const report = /\.json$/i.test(options.report) ? `${JSON.stringify({ quality: inference.quality, pii: inference.pii, candidateKeys: inference.candidateKeys }, null, 2)}\n` : renderQualityHtml(inference.quality);
    writeFileSync(resolve(options.cwd, options.report), report);
  }
  const rows = files.reduce((n, f) => n + f.rows, 0);
  io.stderr(`${files.length} file${files.length === 1 ? '' : 's'}, ${rows} rows: ${inference.schema.tables.length} tables, ${inference.relationships.length} relationships, ${inference.pii.length} PII columns (${ms} ms)\n`);
  return failed ? 1 : 0;
}
