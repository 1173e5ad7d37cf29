/**
 * Where a schema comes from, for `diff` and friends: files or folders (any mix
 * of DBML, SQL, Prisma), the same paths at a git revision (`git:REV:path`, read
 * with `git show`; the engine only ever gets text), or a live database URL
 * (`postgres://`, `mysql://`, `mariadb://`, `sqlite:<file>`).
 */
import { execFileSync } from 'node:child_process';
import { resolve, relative, dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { connect, describeConnection, introspectWithWarnings } from '../db/index.js';
import type { Schema } from '../engine/model/schema.js';
import { Workspace } from '../engine/workspace.js';
import { kindOf } from './commands/check.js';
import { connectionFromUrl } from './commands/introspect.js';
import { collectFiles, detectDialect, UsageError, type Dialect } from './files.js';

export interface LoadedSchema {
  schema: Schema;
  /** what to call it in messages */
  label: string;
  /** the SQL dialect the source speaks, when it says */
  dialect?: 'postgres' | 'mysql' | 'sqlite' | 'mssql';
  /** error diagnostics of the files, as `file:line:col message` */
  errors: string[];
}

const DB_URL = /^(postgres(ql)?|mysql|mariadb):\/\/|^sqlite:/i;

function git(args: string[], cwd: string): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const stderr = String((err as { stderr?: string }).stderr ?? (err as Error).message).trim();
    throw new UsageError(`git ${args.join(' ')}: ${stderr.split('\n')[0]}`);
  }
}

/** The schema files of `path` (file or folder) at git revision `rev`, as text. */
function filesAtRevision(rev: string, path: string, cwd: string): { path: string; text: string }[] {
  const abs = resolve(cwd, path);
  const top = git(['rev-parse', '--show-toplevel'], dirname(abs)).trim();
  const rel = relative(top, abs).split('\\').join('/');
  const listed = git(['ls-tree', '-r', '--name-only', rev, '--', rel || '.'], top).split('\n').filter(Boolean);
  const wanted = listed.filter((p) => detectDialect(p) !== undefined);
  if (!wanted.length) throw new UsageError(`no schema files at ${rev}:${rel || '.'}`);
  return wanted.map((p) => ({ path: resolve(top, p), text: git(['show', `${rev}:${p}`], top) }));
}

function fromWorkspace(files: { uri: string; text: string; dialect: Dialect; display: string }[], label: string): LoadedSchema {
  const ws = new Workspace();
  for (const f of files) ws.setFile(f.uri, f.text, 0, kindOf(f.dialect));
  const binding = ws.binding();
  const uris = new Set(files.map((f) => f.uri));
  const parts = binding.parts.filter((p) => p.tables.some((t) => t.source && uris.has(t.source.uri)) || p.enums.some((e) => e.source && uris.has(e.source.uri)));
  const schema = parts.length === 1 ? parts[0]! : binding.schema;
  const errors: string[] = [];
  for (const f of files) {
    const source = ws.getFile(f.uri)!;
    for (const d of ws.diagnostics(f.uri)) {
      if (d.severity !== 'error') continue;
      const p = source.lineIndex.position(d.span.start);
      errors.push(`${f.display}:${p.line + 1}:${p.character + 1} ${d.code} ${d.message}`);
    }
  }
  const sqlDialects = new Set(files.map((f) => ws.getFile(f.uri)?.dialect).filter((d): d is 'postgres' | 'mysql' | 'sqlite' | 'mssql' => !!d));
  const dialect = sqlDialects.size === 1 ? [...sqlDialects][0] : undefined;
  return { schema, label, errors, ...(dialect ? { dialect } : {}) };
}

/** Reads one source spec (see the module header). */
export async function loadSchema(spec: string, cwd: string, forced?: Dialect): Promise<LoadedSchema> {
  if (DB_URL.test(spec) || /\.(sqlite3?|db3?)$/i.test(spec)) {
    const conn = connectionFromUrl(spec, cwd);
    const password = conn.dialect === 'sqlite' ? undefined : conn.password;
    let db;
    try {
      db = await connect(conn);
    } catch (err) {
      const message = String((err as Error).message ?? err);
      throw new UsageError(`cannot connect to ${describeConnection(conn)}: ${password ? message.split(password).join('***') : message}`);
    }
    try {
      const { schema } = await introspectWithWarnings(db);
      return { schema, label: conn.dialect === 'sqlite' ? spec : describeConnection(conn), dialect: conn.dialect, errors: [] };
    } finally {
      await db.close().catch(() => undefined);
    }
  }
  const git = /^git:([^:]+):(.*)$/.exec(spec);
  if (git) {
    const [, rev, path] = git as unknown as [string, string, string];
    const files = filesAtRevision(rev, path || '.', cwd).map((f) => {
      const dialect = forced ?? detectDialect(f.path)!;
      return { uri: `${pathToFileURL(f.path).href}?rev=${encodeURIComponent(rev)}`, text: f.text, dialect, display: `${rev}:${relative(cwd, f.path) || f.path}` };
    });
    return fromWorkspace(files, spec);
  }
  return fromWorkspace(collectFiles([spec], cwd, forced), spec);
}
