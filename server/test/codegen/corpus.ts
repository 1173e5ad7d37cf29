/**
 * Test support for code generation: the corpus files parsed through the
 * Workspace into one schema each (the first 50 tables of big ones, with the
 * relationships among them), the targets of `templates/`, and a temp folder.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Workspace, type SchemaLanguage } from '../../src/engine/workspace.ts';
import type { Schema } from '../../src/engine/model/schema.ts';
import type { SqlDialect } from '../../src/engine/syntax/sql/index.ts';
import { loadTargets } from '../../src/codegen-templates.ts';
import type { TargetTemplates } from '../../src/engine/codegen/types.ts';
import { KEYWORDS_DBML } from './fixtures.ts';

export const REPO = resolve(fileURLToPath(new URL('../../../', import.meta.url)));
export const CORPUS = resolve(REPO, '..', 'shared', 'corpus');
export const TEMPLATES = join(REPO, 'templates');
export const MAX_TABLES = 50;

export interface CorpusSchema {
  file: string;
  /** the source dialect (`postgres`, `mysql`, `sqlite`, `mssql`) or undefined for DBML without a Project */
  dialect?: string;
  schema: Schema;
}

const SQL_DIRS = new Set(['postgres', 'mysql', 'sqlite', 'mssql']);

/** Parses one schema text into its (first) unit's schema. */
export function schemaOf(uri: string, text: string, language: SchemaLanguage, dialect?: SqlDialect): Schema {
  const ws = new Workspace();
  ws.setFile(uri, text, 0, { language, dialect });
  const b = ws.binding();
  return b.parts.find((p) => p.tables.length > 0) ?? b.schema;
}

/** Keeps the first `max` tables (views left out) and the relationships among them. */
export function firstTables(schema: Schema, max = MAX_TABLES): Schema {
  const tables = schema.tables.filter((t) => !t.isView).slice(0, max);
  const keys = new Set(tables.map((t) => t.key));
  return { ...schema, tables, relationships: schema.relationships.filter((r) => keys.has(r.from.tableKey) && keys.has(r.to.tableKey)) };
}

let cached: CorpusSchema[] | undefined;

/** The keyword fixture, parsed: every target's real-tool check runs on it too. */
export function keywordSchema(): CorpusSchema {
  return { file: 'fixture/keywords.dbml', dialect: 'postgres', schema: schemaOf('file:///fixture/keywords.dbml', KEYWORDS_DBML, 'dbml') };
}

/** Every corpus file with at least one table, parsed, and the keyword fixture (first). */
export function corpusSchemas(): CorpusSchema[] {
  if (cached) return cached;
  cached = [keywordSchema()];
  const manifestPath = join(CORPUS, 'manifest.json');
  if (!existsSync(manifestPath)) return cached;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { file: string; dialect: string }[];
  for (const entry of manifest) {
    const path = join(CORPUS, entry.file);
    if (!existsSync(path)) continue;
    const text = readFileSync(path, 'utf8');
    const language: SchemaLanguage = entry.dialect === 'dbml' ? 'dbml' : entry.dialect === 'prisma' ? 'prisma' : 'sql';
    const sqlDialect = SQL_DIRS.has(entry.dialect) ? (entry.dialect as SqlDialect) : undefined;
    const schema = firstTables(schemaOf(`file:///corpus/${entry.file}`, text, language, sqlDialect));
    if (!schema.tables.length) continue;
    const dt = schema.project?.databaseType;
    const dialect = sqlDialect ?? (dt && dt !== 'generic' && dt !== 'oracle' ? dt : undefined);
    cached.push({ file: entry.file, dialect, schema });
  }
  return cached;
}

let targets: TargetTemplates[] | undefined;

/** The targets of `templates/`, by id. */
export function target(id: string): TargetTemplates {
  targets ??= loadTargets(TEMPLATES);
  const t = targets.find((x) => x.manifest.id === id);
  if (!t) throw new Error(`no target ${id} in ${TEMPLATES}`);
  return t;
}

export function allTargets(): TargetTemplates[] {
  targets ??= loadTargets(TEMPLATES);
  return targets;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `schemasage-codegen-${prefix}-`));
}
