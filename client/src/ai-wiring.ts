/**
 * What the AI assistant gets from the rest of the extension: the schema (the
 * active file's unit, or the workspace) with its inferred relationships and
 * the SQL dialect answers should use, from the language server; the engine's
 * query checker for the SQL in answers; "Open as migration plan"; the
 * Connections view's profiles for "Run in…" and the server's
 * `schemasage/db/query` / `schemasage/db/samples` requests (passwords from
 * SecretStorage for that request only).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { SqlChecker } from '../../server/src/engine/ai/index.js';

/**
 * The query checker, required on first use from its own bundle beside this one (dist/query.js, built by
 * esbuild.mjs): it holds node-sql-parser, which would double the client bundle VS Code loads at activation.
 */
type QueryEngine = typeof import('../../server/src/engine/query/index.js');
let queryEngine: QueryEngine | undefined;
const QUERY_BUNDLE = 'query.js';
const queries = (): QueryEngine => (queryEngine ??= require(`${__dirname}/${QUERY_BUNDLE}`) as QueryEngine);
import type { SchemaModel } from '../../server/src/lsp/handlers/outline.js';
import { registerAi } from './ai/index.js';
import { FileInfoRequest, SchemaModelRequest, type FileInfo } from './protocol.js';
import { DbQueryRequest, DbSamplesRequest, type DbQueryResult, type DbSamplesResult } from '../../server/src/engine/ai/db-requests.js';
import { ConnectionStore, describeProfile, type ConnectionProfile } from './connections/profiles.js';

/**
 * The connection sample rows come from: the one profile linked to schema
 * files (`schemaFiles`), or the only profile; none when that is ambiguous.
 */
function sampleProfile(store: ConnectionStore): ConnectionProfile | undefined {
  const all = store.list();
  const linked = all.filter((p) => p.schemaFiles?.length);
  if (linked.length === 1) return linked[0];
  return all.length === 1 ? all[0] : undefined;
}

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
  const store = new ConnectionStore(context.secrets);
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
      return (sql) => queries().checkQueries(schema, sql, dialect as 'postgres' | 'mysql' | 'sqlite' | 'mssql').diagnostics;
    },
    connections() {
      return store.list().map((p) => ({ name: p.name, dialect: p.dialect, description: describeProfile(p) }));
    },
    async runQuery(name, params) {
      const profile = store.get(name);
      if (!profile) return { ok: false, error: vscode.l10n.t('The connection {0} is gone.', name) };
      if (!client.isRunning()) return { ok: false, error: vscode.l10n.t('The SchemaSage language server is not running.') };
      return client.sendRequest<DbQueryResult>(DbQueryRequest, { ...params, connection: await store.params(profile) });
    },
    async sampleRows(params) {
      const profile = sampleProfile(store);
      if (!profile || !client.isRunning()) {
        output.info('[ai] sample rows: no single connection linked to the schema (set schemaFiles on one connection)');
        return undefined;
      }
      return client.sendRequest<DbSamplesResult>(DbSamplesRequest, { ...params, connection: await store.params(profile) });
    },
    async openMigrationPlan(sql) {
      // the SQL as a new editor in the file's dialect: a migration file to review, never run by itself
      const doc = await vscode.workspace.openTextDocument({ language: 'sql', content: `-- Suggested by the SchemaSage assistant: review before running.\n${sql.endsWith('\n') ? sql : `${sql}\n`}` });
      await vscode.window.showTextDocument(doc, { preview: false });
    },
  });
}
