/**
 * What the AI assistant gets from the rest of the extension: the schema (the
 * active file's unit, or the workspace) with its inferred relationships and
 * the SQL dialect answers should use, from the language server; the engine's
 * query checker for the SQL in answers; and "Open as migration plan".
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { checkQueries } from '../../server/src/engine/query/index.js';
import type { SqlChecker } from '../../server/src/engine/ai/index.js';
import type { SchemaModel } from '../../server/src/lsp/handlers/outline.js';
import { registerAi } from './ai/index.js';
import { FileInfoRequest, SchemaModelRequest, type FileInfo } from './protocol.js';

const SCHEMA_LANGUAGES = new Set(['dbml', 'sql', 'prisma']);
const DIALECTS = new Set(['postgres', 'mysql', 'sqlite', 'mssql']);

function dialectOfDatabaseType(t: string | undefined): string | undefined {
  if (!t) return undefined;
  const s = t.toLowerCase();
  if (s.includes('postgres')) return 'postgres';
  if (s.includes('mysql') || s.includes('maria')) return 'mysql';
  if (s.includes('sqlite')) return 'sqlite';
  if (s.includes('sql server') || s.includes('mssql')) return 'mssql';
  return undefined;
}

export function wireAi(context: vscode.ExtensionContext, client: LanguageClient, output: vscode.LogOutputChannel): void {
  registerAi(context, {
    output,
    async getSchema() {
      if (!client.isRunning()) return undefined;
      const doc = vscode.window.activeTextEditor?.document;
      const uri = doc && SCHEMA_LANGUAGES.has(doc.languageId) ? doc.uri.toString() : undefined;
      const model = (uri ? await client.sendRequest<SchemaModel | null>(SchemaModelRequest, { uri }) : null) ?? (await client.sendRequest<SchemaModel | null>(SchemaModelRequest, {}));
      if (!model || !model.schema.tables.length) return undefined;
      let dialect = dialectOfDatabaseType(model.schema.project?.databaseTypeRaw ?? model.schema.project?.databaseType);
      if (uri) {
        const info = await client.sendRequest<FileInfo>(FileInfoRequest, { uri });
        if (info.dialect) dialect = info.dialect;
      }
      return { schema: model.schema, inferred: model.inferred, dialect: dialect ?? 'postgres' };
    },
    checker(schema, dialect): SqlChecker | undefined {
      if (!DIALECTS.has(dialect)) return undefined;
      return (sql) => checkQueries(schema, sql, dialect as 'postgres' | 'mysql' | 'sqlite' | 'mssql').diagnostics;
    },
    async openMigrationPlan(sql) {
      // the SQL as a new editor in the file's dialect: a migration file to review, never run by itself
      const doc = await vscode.workspace.openTextDocument({ language: 'sql', content: `-- Suggested by the SchemaSage assistant: review before running.\n${sql.endsWith('\n') ? sql : `${sql}\n`}` });
      await vscode.window.showTextDocument(doc, { preview: false });
    },
  });
}
