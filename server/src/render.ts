/**
 * A Schema written out as schema text (DBML, SQL DDL in a dialect, Prisma)
 * through the code generator's own targets (`templates/dbml`,
 * `templates/sql-<dialect>`, `templates/prisma`): the one printer behind
 * "Import schema from database", `schemasage introspect --format` and the
 * data-file inference output. The edge part: it finds and reads the templates.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadTargets } from './codegen-templates.js';
import { generate, type TargetTemplates } from './engine/codegen/index.js';
import type { Schema } from './engine/model/schema.js';

export type SchemaFormat = 'dbml' | 'sql' | 'prisma';
export type SqlDialectName = 'postgres' | 'mysql' | 'sqlite' | 'mssql';

let cached: { dir: string; targets: TargetTemplates[] } | undefined;

/** The extension's (or package's) `templates/` folder: next to `dist/` in a bundle, the repo's otherwise. */
export function defaultTemplatesDir(): string {
  const candidates = [typeof __dirname === 'string' ? join(__dirname, '..', 'templates') : '', join(process.cwd(), 'templates')];
  return candidates.find((d) => d && existsSync(join(d, 'dbml', 'manifest.json'))) ?? candidates[0]!;
}

function targets(dir: string): TargetTemplates[] {
  if (cached?.dir !== dir) cached = { dir, targets: loadTargets(dir) };
  return cached.targets;
}

/** The target id that writes `format` (in `dialect` for SQL). */
export function targetFor(format: SchemaFormat, dialect: SqlDialectName = 'postgres'): string {
  return format === 'sql' ? `sql-${dialect}` : format;
}

/** The schema as text in `format`; `error` when the templates are missing or fail. */
export function renderSchema(schema: Schema, format: SchemaFormat, options: { dialect?: SqlDialectName; templatesDir?: string } = {}): { text: string; warnings: string[] } | { error: string } {
  const dir = options.templatesDir ?? defaultTemplatesDir();
  const id = targetFor(format, options.dialect);
  const target = targets(dir).find((t) => t.manifest.id === id);
  if (!target) return { error: `no '${id}' target in ${dir}` };
  const result = generate(schema, target, options.dialect ? { dialect: options.dialect } : {});
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length || !result.files.length) return { error: errors.map((d) => `${d.template ?? id}${d.line ? `:${d.line}` : ''}: ${d.message}`).join('; ') || `the '${id}' target wrote nothing` };
  return { text: result.files.map((f) => f.content).join('\n'), warnings: result.diagnostics.map((d) => d.message) };
}
