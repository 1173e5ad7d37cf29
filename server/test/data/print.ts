/**
 * The inferred schema as text, through the product's one printer (the code
 * generator's dbml and sql-<dialect> targets, server/src/render.ts).
 */
import { join } from 'node:path';
import type { Schema } from '../../src/engine/model/schema.js';
import { renderSchema, type SqlDialectName } from '../../src/render.js';

const TEMPLATES = join(import.meta.dirname, '..', '..', '..', 'templates');

function text(r: ReturnType<typeof renderSchema>): string {
  if ('error' in r) throw new Error(r.error);
  return r.text;
}

export function schemaToDbml(schema: Schema): string {
  return text(renderSchema(schema, 'dbml', { templatesDir: TEMPLATES }));
}

export function schemaToSql(schema: Schema, dialect: SqlDialectName): string {
  return text(renderSchema(schema, 'sql', { dialect, templatesDir: TEMPLATES }));
}
