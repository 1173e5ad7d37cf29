/**
 * `schemasage generate <target> <schema paths…> [--out DIR] [--tables a,b]
 * [--templates DIR]` and `schemasage convert <schema paths…> --to DIALECT
 * [--report json] [-o file]`: code from the schema through the Handlebars
 * targets of `templates/` (or a folder of your own), and the schema in
 * another SQL dialect with the report of every lossy or approximate type
 * conversion. Generated files are written under --out (default: printed).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadTargets } from '../../codegen-templates.js';
import { CONVERT_DIALECTS, convertReport, generate, type ConvertDialect } from '../../engine/codegen/index.js';
import { defaultTemplatesDir } from '../../render.js';
import { UsageError, type Dialect } from '../files.js';
import { loadSchema } from '../sources.js';
import type { Io } from './introspect.js';

export interface GenerateCliOptions {
  target: string;
  paths: string[];
  out?: string;
  tables?: string;
  templates?: string;
  read?: Dialect;
  cwd: string;
}

async function schemaOf(paths: string[], cwd: string, read: Dialect | undefined, io: Io) {
  if (paths.length !== 1) throw new UsageError('give one schema file or folder (a folder is read as one schema)');
  const loaded = await loadSchema(paths[0]!, cwd, read);
  if (loaded.errors.length) {
    io.stderr(`${loaded.errors.join('\n')}\nschemasage: ${loaded.label} has errors; fix them first\n`);
    return undefined;
  }
  return loaded;
}

export async function runGenerate(options: GenerateCliOptions, io: Io): Promise<number> {
  const dir = options.templates ? resolve(options.cwd, options.templates) : defaultTemplatesDir();
  const problems: string[] = [];
  const targets = loadTargets(dir, (folder, error) => problems.push(`${folder}: ${error}`));
  const target = targets.find((t) => t.manifest.id === options.target);
  if (!target) {
    throw new UsageError(`unknown target '${options.target}'; targets in ${dir}: ${targets.map((t) => t.manifest.id).join(', ')}${problems.length ? `\n${problems.join('\n')}` : ''}`);
  }
  const loaded = await schemaOf(options.paths, options.cwd, options.read, io);
  if (!loaded) return 1;
  const tables = options.tables ? options.tables.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
  const result = generate(loaded.schema, target, { ...(tables ? { tables } : {}), ...(loaded.dialect ? { dialect: loaded.dialect } : {}) });
  for (const d of result.diagnostics) io.stderr(`schemasage: ${d.severity}: ${d.template ? `${d.template}${d.line ? `:${d.line}` : ''}: ` : ''}${d.message}\n`);
  if (result.diagnostics.some((d) => d.severity === 'error')) return 1;
  if (options.out) {
    const out = resolve(options.cwd, options.out);
    for (const f of result.files) {
      const path = join(out, f.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.content);
      io.stderr(`wrote ${join(options.out, f.path)}\n`);
    }
  } else {
    for (const f of result.files) io.stdout(result.files.length > 1 ? `// ---- ${f.path}\n${f.content}\n` : f.content);
  }
  return 0;
}

export interface ConvertCliOptions {
  paths: string[];
  to?: string;
  report?: string;
  out?: string;
  read?: Dialect;
  cwd: string;
}

export async function runConvert(options: ConvertCliOptions, io: Io): Promise<number> {
  const to = (options.to ?? '').toLowerCase() as ConvertDialect;
  if (!CONVERT_DIALECTS.includes(to)) throw new UsageError(`convert needs --to ${CONVERT_DIALECTS.join('|')}`);
  if (options.report && options.report !== 'json') throw new UsageError(`unknown --report '${options.report}' (json)`);
  const loaded = await schemaOf(options.paths, options.cwd, options.read, io);
  if (!loaded) return 1;
  const report = convertReport(loaded.schema, to);
  if (options.report === 'json') {
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  }
  // the `sql-<dialect>` target, told the source dialect (types written in the target's own dialect are kept as written only when they come from it)
  const dir = defaultTemplatesDir();
  const target = loadTargets(dir).find((t) => t.manifest.id === `sql-${to}`);
  if (!target) {
    io.stderr(`schemasage: no 'sql-${to}' target in ${dir}\n`);
    return 2;
  }
  const r = generate(loaded.schema, target, loaded.dialect ? { dialect: loaded.dialect } : {});
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length || !r.files.length) {
    io.stderr(`schemasage: ${errors.map((d) => d.message).join('; ') || `the 'sql-${to}' target wrote nothing`}\n`);
    return 2;
  }
  const text = r.files.map((f) => f.content).join('\n');
  if (options.out) writeFileSync(resolve(options.cwd, options.out), text);
  else io.stdout(text.endsWith('\n') ? text : `${text}\n`);
  for (const c of report.columns) {
    for (const i of c.issues) io.stderr(`${c.table}.${c.column}: ${i.kind} ${i.code} ${i.message}\n`);
  }
  for (const t of report.tables) {
    for (const i of t.issues) io.stderr(`${t.table}: ${i.kind} ${i.code} ${i.message}\n`);
  }
  io.stderr(`${report.columns.length} columns: ${report.lossy} lossy, ${report.approximate} approximate conversions to ${to}\n`);
  return 0;
}
