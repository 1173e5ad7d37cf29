/**
 * `schemasage diff <from> <to> [--dialect D] [--json] [--rollback] [--online]
 * [--rename old=new]... [--rename table.old=new]... [--no-renames]`: the
 * migration plan that takes the `from` schema to the `to` schema, with its
 * hazards, as SQL (or JSON). Sources are files/folders, `git:REV:path`, or a
 * database URL (see ../sources.ts). Exit 0 with a plan (even an empty one),
 * 1 with `--exit-code` when there are changes, 2 when it cannot run.
 */
import { planMigration, renderPlan, type MigrationDialect } from '../../engine/migrate/index.js';
import { diffSchemas } from '../../engine/diff/index.js';
import { renderChangelog } from '../../engine/changelog.js';
import type { RenameHint } from '../../engine/diff/index.js';
import { UsageError, type Dialect } from '../files.js';
import { loadSchema } from '../sources.js';
import type { Io } from './introspect.js';

export interface DiffCliOptions {
  from: string;
  to: string;
  dialect?: string;
  json: boolean;
  rollback: boolean;
  online: boolean;
  renames: string[];
  noRenames: boolean;
  exitCode: boolean;
  /** a Markdown changelog instead of SQL (release notes) */
  markdown?: boolean;
  /** forces how the files are read (as --dialect does for check) */
  read?: Dialect;
  cwd: string;
}

const MIGRATION_DIALECTS: Record<string, MigrationDialect> = { postgres: 'postgres', postgresql: 'postgres', pg: 'postgres', mysql: 'mysql', mariadb: 'mysql', sqlite: 'sqlite', sqlite3: 'sqlite', mssql: 'mssql', sqlserver: 'mssql', tsql: 'mssql' };

/** `old=new` (a table) or `table.old=new` (a column). */
export function parseRename(text: string): RenameHint {
  const m = /^([^=]+)=([^=]+)$/.exec(text.trim());
  if (!m) throw new UsageError(`--rename needs old=new or table.old=new, not '${text}'`);
  const from = m[1]!.trim();
  const to = m[2]!.trim();
  const dot = from.lastIndexOf('.');
  if (dot > 0) return { kind: 'column', table: from.slice(0, dot), from: from.slice(dot + 1), to: to.includes('.') ? to.slice(to.lastIndexOf('.') + 1) : to };
  return { kind: 'table', from, to };
}

export async function runDiff(options: DiffCliOptions, io: Io): Promise<number> {
  const from = await loadSchema(options.from, options.cwd, options.read);
  const to = await loadSchema(options.to, options.cwd, options.read);
  for (const s of [from, to]) {
    if (s.errors.length) {
      io.stderr(`${s.errors.join('\n')}\nschemasage: ${s.label} has errors; fix them before diffing\n`);
      return 1;
    }
  }
  const named = options.dialect ? MIGRATION_DIALECTS[options.dialect.toLowerCase()] : undefined;
  if (options.dialect && !named) throw new UsageError(`unknown --dialect '${options.dialect}' for diff (postgres, mysql, sqlite, mssql)`);
  const dialect = named ?? to.dialect ?? from.dialect;
  if (!dialect) throw new UsageError('diff needs --dialect (postgres, mysql, sqlite, mssql): neither side says which SQL to write');
  const diff = diffSchemas(from.schema, to.schema, { dialect, renames: options.renames.map(parseRename), ...(options.noRenames ? { rejectRenames: true } : {}) });
  const plan = planMigration(diff, { dialect, online: options.online });
  if (options.markdown) {
    io.stdout(renderChangelog(diff, plan, { from: from.label, to: to.label }));
  } else if (options.json) {
    io.stdout(`${JSON.stringify({ from: from.label, to: to.label, ...plan }, null, 2)}\n`);
  } else {
    io.stdout(renderPlan(plan, options.rollback ? 'down' : 'up'));
    for (const r of plan.renames) {
      io.stderr(`schemasage: ${r.accepted ? 'renaming' : 'not renaming (below the threshold)'} ${r.kind} ${r.table ? `${r.table}.` : ''}${r.from} -> ${r.to} (similarity ${r.confidence.toFixed(2)})${r.accepted && !r.forced ? '; --no-renames or --rename to decide' : ''}\n`);
    }
  }
  return options.exitCode && plan.statements.length ? 1 : 0;
}
