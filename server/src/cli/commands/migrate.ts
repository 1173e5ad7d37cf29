/**
 * `schemasage migrate status|apply|rollback [folder] --url URL
 * [--allow-hazards CODE,…] [--to NAME] [--json]`: the migrations folder
 * (SchemaSage `<timestamp>_<name>.sql` with up/down sections, Flyway,
 * Prisma or golang-migrate layouts) against a database's history table
 * `schemasage_migrations`. apply refuses hazards not allowed by
 * `--allow-hazards` (or `--allow-hazards all`), and an applied file that was
 * edited. Exit 0 when done (status: everything applied), 1 when something
 * is pending, failed or refused, 2 when it cannot run.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

import { readMigrationFolder, type FolderEntry } from '../../engine/history/index.js';
import { apply, rollback, status } from '../../migrations/index.js';
import { UsageError } from '../files.js';
import { connectOrReport, connectionFromUrl, type Io } from './introspect.js';

export interface MigrateCliOptions {
  action: string;
  folder: string;
  url: string | undefined;
  allowHazards?: string;
  to?: string;
  json: boolean;
  cwd: string;
}

function readFolder(dir: string, root: string, out: FolderEntry[]): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) readFolder(p, root, out);
    else if (e.isFile() && e.name.toLowerCase().endsWith('.sql')) out.push({ path: relative(root, p).split('\\').join('/'), text: readFileSync(p, 'utf8') });
  }
}

export async function runMigrate(options: MigrateCliOptions, io: Io): Promise<number> {
  if (!['status', 'apply', 'rollback'].includes(options.action)) throw new UsageError(`migrate needs status, apply or rollback, not '${options.action}'`);
  if (!options.url) throw new UsageError('migrate needs --url');
  const folder = resolve(options.cwd, options.folder);
  try {
    if (!statSync(folder).isDirectory()) throw new Error('not a folder');
  } catch {
    throw new UsageError(`cannot read the migrations folder '${options.folder}'`);
  }
  const entries: FolderEntry[] = [];
  readFolder(folder, folder, entries);
  const read = readMigrationFolder(entries);
  for (const d of read.diagnostics) io.stderr(`${relative(options.cwd, join(folder, d.uri)) || d.uri}: ${d.severity} ${d.code} ${d.message}\n`);
  const conn = connectionFromUrl(options.url, options.cwd);
  if (conn.dialect === 'sqlite' && options.action !== 'status') throw new UsageError('migrate apply/rollback on SQLite needs a server database URL (the CLI does not write SQLite files yet)');
  const password = conn.dialect === 'sqlite' ? undefined : conn.password;
  const db = await connectOrReport(conn, io);
  if (!db) return 2;
  try {
    if (options.action === 'status') {
      const report = await status(db, read.migrations);
      if (options.json) io.stdout(`${JSON.stringify({ current: report.current ?? null, entries: report.entries.map((e) => ({ name: e.name, state: e.state, failedAt: e.failedAt, outOfOrder: e.outOfOrder, message: e.message })) }, null, 2)}\n`);
      else for (const e of report.entries) io.stdout(`${e.state.padEnd(10)} ${e.name}${e.message ? `  ${e.message}` : ''}\n`);
      return report.pending.length || report.problems.length ? 1 : 0;
    }
    const allow = options.allowHazards === 'all' ? true : (options.allowHazards ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const onProgress = (p: { migration: string; done: number; total: number }) => {
      if (!options.json) io.stderr(`${p.migration}: ${p.done}/${p.total}\n`);
    };
    const result = options.action === 'apply' ? await apply(db, read.migrations, { allowHazards: allow, onProgress, ...(options.to ? { to: options.to } : {}) }) : await rollback(db, read.migrations, { allowHazards: allow, onProgress, ...(options.to ? { to: options.to } : {}) });
    if (options.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else {
      for (const name of result.done) io.stdout(`${options.action === 'apply' ? 'applied' : 'rolled back'} ${name}\n`);
      if (result.failed) io.stderr(`schemasage: ${result.failed.name} failed at statement ${result.failed.statement}: ${result.failed.error}\n`);
      else if (result.error) io.stderr(`schemasage: ${password ? result.error.split(password).join('***') : result.error}\n`);
      else if (!result.done.length) io.stderr('schemasage: nothing to do\n');
    }
    return result.ok ? 0 : 1;
  } finally {
    await db.close().catch(() => undefined);
  }
}
