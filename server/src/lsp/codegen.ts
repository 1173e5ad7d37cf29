/**
 * Code generation for the editor: the targets (the extension's `templates/`,
 * plus each workspace folder's `.schemasage/templates/` only when the client
 * says the workspace is trusted) and the generated files for the schema of a
 * file's unit or of the workspace. Writing them is the client's (after a
 * preview).
 */
import { join } from 'node:path';
import { RequestType, type Connection } from './lsp.js';
import { loadTargets } from '../codegen-templates.js';
import { CONVERT_DIALECTS, convertReport, generate, reportMarkdown, type ConvertDialect, type TargetTemplates } from '../engine/codegen/index.js';
import { defaultTemplatesDir } from '../render.js';
import { ConvertRequest, GenerateRequest, TargetsRequest, type ConvertParams, type ConvertResponse, type GenerateParams, type GenerateResponse, type TargetInfo, type TargetsParams } from './protocol.js';
import type { ServerState } from './state.js';

export class Codegen {
  constructor(private readonly state: ServerState) {}

  /** Built-in targets, then the workspace's (trusted only), a workspace target replacing a built-in one of the same id. */
  targets(trusted: boolean): { target: TargetTemplates; origin: TargetInfo['origin'] }[] {
    const out = new Map<string, { target: TargetTemplates; origin: TargetInfo['origin'] }>();
    for (const t of loadTargets(defaultTemplatesDir(), (folder, error) => this.state.log(`template ${folder}: ${error}`))) out.set(t.manifest.id, { target: t, origin: 'built-in' });
    if (trusted) {
      for (const folder of this.state.folders) {
        for (const t of loadTargets(join(folder, '.schemasage', 'templates'), (f, error) => this.state.log(`workspace template ${f}: ${error}`))) out.set(t.manifest.id, { target: t, origin: 'workspace' });
      }
    }
    return [...out.values()];
  }

  /** The schema of `uri`'s unit (the workspace's without one) and the file's SQL dialect. */
  private schemaOf(uri: string | undefined): { schema: ReturnType<ServerState['ws']['binding']>['schema']; dialect?: string } {
    const ws = this.state.wsFor(uri);
    const binding = ws.binding();
    let schema = binding.schema;
    if (uri) {
      const part = binding.parts.find((p) => p.tables.some((t) => t.source?.uri === uri));
      if (part) schema = part;
    }
    const dialect = uri ? ws.getFile(uri)?.dialect : undefined;
    return { schema, ...(dialect ? { dialect } : {}) };
  }

  generate(params: GenerateParams): GenerateResponse {
    const found = this.targets(params.trusted).find((t) => t.target.manifest.id === params.target);
    if (!found) return { ok: false, error: `no target '${params.target}'${params.trusted ? '' : ' (workspace templates are off in an untrusted workspace)'}` };
    const { schema, dialect } = this.schemaOf(params.uri);
    const r = generate(schema, found.target, { ...(params.tables?.length ? { tables: params.tables } : {}), ...(dialect ? { dialect } : {}) });
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length) return { ok: false, error: errors.map((d) => `${d.template ?? params.target}${d.line ? `:${d.line}` : ''}: ${d.message}`).join('; ') };
    return { ok: true, files: r.files, warnings: r.diagnostics.map((d) => d.message) };
  }

  /** "Convert Schema to…": the built-in `sql-<to>` target (told the source dialect) and the report from the same functions. */
  convert(params: ConvertParams): ConvertResponse {
    const to = String(params.to ?? '').toLowerCase() as ConvertDialect;
    if (!CONVERT_DIALECTS.includes(to)) return { ok: false, error: `cannot convert to '${params.to}' (${CONVERT_DIALECTS.join(', ')})` };
    const found = this.targets(false).find((t) => t.target.manifest.id === `sql-${to}`);
    if (!found) return { ok: false, error: `no 'sql-${to}' target` };
    const { schema, dialect } = this.schemaOf(params.uri);
    if (!schema.tables.length) return { ok: false, error: 'the schema has no tables' };
    const r = generate(schema, found.target, dialect ? { dialect } : {});
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length || !r.files.length) return { ok: false, error: errors.map((d) => d.message).join('; ') || `the 'sql-${to}' target wrote nothing` };
    const report = convertReport(schema, to);
    return { ok: true, sql: r.files.map((f) => f.content).join('\n'), report, markdown: reportMarkdown(report, `Conversion to ${found.target.manifest.name}`) };
  }

  register(connection: Connection): void {
    connection.onRequest(new RequestType<TargetsParams, TargetInfo[], void>(TargetsRequest), async (params: TargetsParams): Promise<TargetInfo[]> => {
      await this.state.ready;
      try {
        return this.targets(!!params?.trusted).map(({ target, origin }) => ({ id: target.manifest.id, name: target.manifest.name, description: target.manifest.description, language: target.manifest.language, origin }));
      } catch (err) {
        this.state.logError('targets failed', err);
        return [];
      }
    });
    connection.onRequest(new RequestType<GenerateParams, GenerateResponse, void>(GenerateRequest), async (params: GenerateParams): Promise<GenerateResponse> => {
      await this.state.ready;
      this.state.sync();
      try {
        return this.generate(params);
      } catch (err) {
        this.state.logError('generate failed', err);
        return { ok: false, error: 'internal error (see the SchemaSage log)' };
      }
    });
    connection.onRequest(new RequestType<ConvertParams, ConvertResponse, void>(ConvertRequest), async (params: ConvertParams): Promise<ConvertResponse> => {
      await this.state.ready;
      this.state.sync();
      try {
        return this.convert(params);
      } catch (err) {
        this.state.logError('convert failed', err);
        return { ok: false, error: 'internal error (see the SchemaSage log)' };
      }
    });
  }
}
