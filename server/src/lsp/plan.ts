/**
 * Migration plans in the editor: `schemasage/plan` compares the schema of a
 * file's unit (the desired state) with the same files at a git revision, a
 * connection's last introspected schema, or the replayed migrations folder
 * ("the missing migration"), and answers the plan with its hazards;
 * `schemasage/migrate/apply` runs a folder's pending migrations against a
 * connection (the client confirmed every hazard first) and records history.
 * Code lenses offer "Generate migration (N changes)" when a migrations
 * folder exists and the unit differs from it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { CodeLensRequest, RequestType, type CodeLens, type Connection } from './lsp.js';
import { diffSchemas } from '../engine/diff/index.js';
import { readMigrationFolder, type FolderEntry } from '../engine/history/index.js';
import { planMigration, type MigrationDialect } from '../engine/migrate/index.js';
import type { Schema } from '../engine/model/schema.js';
import { Workspace } from '../engine/workspace.js';
import { apply, status } from '../migrations/index.js';
import { connectFor, type LiveDatabases } from './db.js';
import { uriToPath } from './disk.js';
import { toLspRange } from './convert.js';
import {
  MigrateApplyRequest,
  MigrateProgressNotification,
  MigrateStatusRequest,
  type MigrateStatusParams,
  type MigrateStatusResult,
  PlanRequest,
  type MigrateApplyParams,
  type MigrateApplyResult,
  type PlanParams,
  type PlanResult,
} from './protocol.js';
import type { ServerState } from './state.js';

const DEFAULT_FOLDER = 'migrations';

function dialectOf(schema: Schema, files: { dialect?: string }[]): MigrationDialect | undefined {
  const sql = files.map((f) => f.dialect).find((d) => d === 'postgres' || d === 'mysql' || d === 'sqlite' || d === 'mssql');
  if (sql) return sql as MigrationDialect;
  const t = `${schema.project?.databaseTypeRaw ?? schema.project?.databaseType ?? ''}`.toLowerCase();
  if (t.includes('postgres')) return 'postgres';
  if (t.includes('mysql') || t.includes('maria')) return 'mysql';
  if (t.includes('sqlite')) return 'sqlite';
  if (t.includes('sql server') || t.includes('mssql')) return 'mssql';
  return undefined;
}

export class Plans {
  constructor(
    private readonly state: ServerState,
    private readonly dbs: LiveDatabases,
  ) {}

  /** The unit holding `uri`: its schema and files. */
  private unit(uri: string): { schema: Schema; uris: string[] } | undefined {
    const binding = this.state.ws.binding();
    const part = binding.parts.find((p) => p.tables.some((t) => t.source?.uri === uri) || p.enums.some((e) => e.source?.uri === uri));
    if (!part) return undefined;
    const uris = new Set<string>();
    for (const t of part.tables) if (t.source) uris.add(t.source.uri);
    for (const e of part.enums) if (e.source) uris.add(e.source.uri);
    return { schema: part, uris: [...uris] };
  }

  /** The migrations folder for `uri`: the setting's folder under the file's workspace folder. */
  migrationsFolder(uri: string, folder = this.state.migrationsFolder || DEFAULT_FOLDER): string | undefined {
    const path = uriToPath(uri);
    if (!path) return undefined;
    const root = this.state.folders.find((f) => path.startsWith(f)) ?? dirname(path);
    return join(root, folder);
  }

  private migrationsSchema(folder: string, dialect: MigrationDialect): Schema | { error: string } {
    if (!existsSync(folder) || !statSync(folder).isDirectory()) return { error: `no migrations folder at ${folder}` };
    const entries: FolderEntry[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.toLowerCase().endsWith('.sql')) entries.push({ path: relative(folder, p).split('\\').join('/'), text: readFileSync(p, 'utf8') });
      }
    };
    walk(folder);
    const { migrations } = readMigrationFolder(entries);
    const ws = new Workspace();
    const uri = 'schemasage-migrations:///replayed.sql';
    ws.setFile(uri, migrations.map((m) => m.up).join(';\n'), 0, { language: 'sql', dialect: dialect === 'mssql' ? 'mssql' : dialect });
    return ws.binding().parts.find((p) => p.tables.some((t) => t.source?.uri === uri)) ?? { ...ws.binding().schema, tables: [] };
  }

  private gitSchema(uris: string[], rev: string): Schema | { error: string } {
    const ws = new Workspace();
    let any = false;
    for (const uri of uris) {
      const path = uriToPath(uri);
      if (!path) continue;
      try {
        const top = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: dirname(path), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
        const rel = relative(top, path).split('\\').join('/');
        const text = execFileSync('git', ['show', `${rev}:${rel}`], { cwd: top, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
        const f = this.state.ws.getFile(uri);
        ws.setFile(uri, text, 0, { language: f?.language, ...(f?.dialect ? { dialect: f.dialect } : {}) });
        any = true;
      } catch {
        // a file new since `rev`: absent there
      }
    }
    if (!any) return { error: `none of the schema's files exist at ${rev} (or this is not a git repository)` };
    const b = ws.binding();
    return b.parts.find((p) => p.tables.length) ?? b.schema;
  }

  plan(params: PlanParams): PlanResult {
    const unit = this.unit(params.uri);
    if (!unit) return { ok: false, error: 'this file declares no tables' };
    const files = unit.uris.map((u) => this.state.ws.getFile(u)).filter((f): f is NonNullable<typeof f> => !!f);
    const linked = params.against.kind === 'connection' ? this.dbs.linked.get(params.against.id) : undefined;
    const dialect = params.dialect ?? dialectOf(unit.schema, files) ?? linked?.dialect ?? 'postgres';
    let from: Schema | { error: string };
    let fromLabel: string;
    const folder = this.migrationsFolder(params.uri, params.against.kind === 'migrations' ? params.against.folder : undefined) ?? DEFAULT_FOLDER;
    if (params.against.kind === 'git') {
      from = this.gitSchema(unit.uris, params.against.rev);
      fromLabel = `${params.against.rev}`;
    } else if (params.against.kind === 'connection') {
      from = linked ? linked.schema : { error: `'${params.against.id}' has not been read yet: expand or refresh it first` };
      fromLabel = params.against.id;
    } else {
      from = this.migrationsSchema(folder, dialect);
      fromLabel = relative(this.state.folders[0] ?? '', folder) || folder;
    }
    if ('error' in from) return { ok: false, error: from.error };
    const diff = diffSchemas(from, unit.schema, { dialect, ...(params.renames ? { renames: params.renames } : {}), ...(params.rejectRenames ? { rejectRenames: params.rejectRenames } : {}) });
    const plan = planMigration(diff, { dialect, online: !!params.online });
    const toLabel = unit.uris.map((u) => this.state.relativePath(u) ?? u).join(', ');
    return { ok: true, plan, from: fromLabel, to: toLabel, changes: diff.changes.length, folder };
  }

  /** The migration files of a folder (empty when it does not exist). */
  private readFolder(folder: string): ReturnType<typeof readMigrationFolder>['migrations'] {
    const entries: FolderEntry[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.toLowerCase().endsWith('.sql')) entries.push({ path: relative(folder, p).split('\\').join('/'), text: readFileSync(p, 'utf8') });
      }
    };
    if (existsSync(folder)) walk(folder);
    return readMigrationFolder(entries).migrations;
  }

  async folderStatus(params: MigrateStatusParams): Promise<MigrateStatusResult> {
    const migrations = this.readFolder(params.folder);
    const c = await connectFor(params.connection);
    if (!c.ok) return { ok: false, error: c.error };
    const db = c.db;
    try {
      const report = await status(db, migrations);
      return {
        ok: true,
        ...(report.current ? { current: report.current } : {}),
        entries: report.entries.map((e) => ({ name: e.name, state: e.state === 'failed' ? 'failed' : e.state, message: e.message, ...(e.file ? { path: join(params.folder, e.file.path) } : {}) })),
      };
    } finally {
      await db.close().catch(() => undefined);
    }
  }

  async applyFolder(params: MigrateApplyParams, connection: Connection): Promise<MigrateApplyResult> {
    if (!existsSync(params.folder)) return { ok: false, done: [], error: `no migrations folder at ${params.folder}` };
    const migrations = this.readFolder(params.folder);
    const c = await connectFor(params.connection);
    if (!c.ok) return { ok: false, done: [], error: c.error };
    const db = c.db;
    try {
      const r = await apply(db, migrations, {
        allowHazards: params.allowHazards,
        onProgress: (p) => void connection.sendNotification(MigrateProgressNotification, { id: params.id, ...p }),
      });
      if (params.connection.dialect === 'sqlite' && params.connection.file && r.ok) {
        const { writeFileSync } = await import('node:fs');
        writeFileSync(params.connection.file, (db as unknown as { exportBytes(): Uint8Array }).exportBytes());
      }
      return { ok: r.ok, done: r.done, ...(r.failed ? { error: `${r.failed.name} failed at statement ${r.failed.statement}: ${r.failed.error}` } : r.error ? { error: r.error } : {}) };
    } finally {
      await db.close().catch(() => undefined);
    }
  }

  /** "Generate migration (N changes)" on the first table of a unit that differs from its migrations folder. */
  codeLenses(uri: string): CodeLens[] {
    const folder = this.migrationsFolder(uri);
    if (!folder || !existsSync(folder)) return [];
    const unit = this.unit(uri);
    if (!unit) return [];
    // a migrations folder is not compared with itself
    const path = uriToPath(uri);
    if (path && path.startsWith(folder)) return [];
    const first = unit.schema.tables.find((t) => t.source?.uri === uri);
    if (!first?.source) return [];
    const r = this.plan({ uri, against: { kind: 'migrations' } });
    if (!r.ok || !r.changes) return [];
    return [
      {
        range: toLspRange(this.state.ws, uri, first.source.nameSpan),
        command: { title: `Generate migration (${r.changes} change${r.changes === 1 ? '' : 's'})`, command: 'schemasage.showMigrationPlan', arguments: [uri, { kind: 'migrations' }] },
      },
    ];
  }

  register(connection: Connection): void {
    connection.onRequest(new RequestType<PlanParams, PlanResult, void>(PlanRequest), async (params: PlanParams): Promise<PlanResult> => {
      await this.state.ready;
      this.state.sync();
      try {
        return this.plan(params);
      } catch (err) {
        this.state.logError('plan failed', err);
        return { ok: false, error: 'internal error (see the SchemaSage log)' };
      }
    });
    connection.onRequest(new RequestType<MigrateApplyParams, MigrateApplyResult, void>(MigrateApplyRequest), async (params: MigrateApplyParams): Promise<MigrateApplyResult> => {
      try {
        return await this.applyFolder(params, connection);
      } catch (err) {
        this.state.logError('apply failed', new Error(String((err as Error).message ?? err).split(params.connection.password ?? '\u0000').join('***')));
        return { ok: false, done: [], error: 'internal error (see the SchemaSage log)' };
      }
    });
    connection.onRequest(new RequestType<MigrateStatusParams, MigrateStatusResult, void>(MigrateStatusRequest), async (params: MigrateStatusParams): Promise<MigrateStatusResult> => {
      try {
        return await this.folderStatus(params);
      } catch (err) {
        this.state.logError('migration status failed', new Error(String((err as Error).message ?? err).split(params.connection.password ?? '\u0000').join('***')));
        return { ok: false, error: 'internal error (see the SchemaSage log)' };
      }
    });
    connection.onRequest(CodeLensRequest.type, async (params) => {
      await this.state.ready;
      this.state.sync();
      try {
        return this.codeLenses(params.textDocument.uri);
      } catch (err) {
        this.state.logError('code lens failed', err);
        return [];
      }
    });
  }
}
