/**
 * Applies and rolls back migration files against a live database through a
 * `DbConnection` (the IO edge over engine/history), with the history table
 * `schemasage_migrations` and a database lock so two applies never run at
 * once (`pg_advisory_lock`, MySQL/MariaDB `GET_LOCK`, SQLite `BEGIN
 * IMMEDIATE`).
 *
 * How a migration runs:
 * - atomic (PostgreSQL, SQLite, when every statement may run in one
 *   transaction, session settings aside): BEGIN, the statements, the history
 *   row as `applied`, COMMIT. A failure or a killed connection leaves the
 *   database at the previous version and no history row.
 * - with progress (MySQL/MariaDB, whose DDL commits implicitly; PostgreSQL
 *   migrations with a statement that must run outside a transaction): a
 *   `running` row first, then `statements_done` updated after each statement
 *   (after each transactional run on PostgreSQL), `applied` at the end,
 *   `failed` with the error on failure. A killed run leaves `running` with
 *   the count done, which status reports as failed at the next statement;
 *   apply resumes from there.
 *
 * Never throws for database errors: results say what happened.
 */
import type { DbConnection } from '../db/connection.js';
import {
  historySql,
  migrationStatements,
  migrationStatus,
  parseHistoryRows,
  type HistoryRow,
  type MigrationFile,
  type MigrationStatement,
  type MigrationStatusReport,
} from '../engine/history/index.js';

/** Progress of a run, after each statement and before the first. */
export interface MigrationProgress {
  /** the migration being run */
  migration: string;
  /** statements done so far over the whole run */
  done: number;
  /** statements in the whole run */
  total: number;
  /** the statement about to run (or just run, when done === total) */
  statement: string;
}

export interface RunOptions {
  onProgress?(p: MigrationProgress): void;
  /** stops between statements (the current migration is rolled back or recorded as failed) */
  signal?: AbortSignal;
  /** hazard codes accepted (`-- hazard CODE` in the file); `true` accepts every hazard */
  allowHazards?: readonly string[] | true;
  /** how long to wait for another run's lock, in ms (default 30000; 0: fail at once) */
  lockTimeoutMs?: number;
  /** recorded in `applied_by` (default: the database user, or `schemasage` on SQLite) */
  appliedBy?: string;
}

export interface ApplyOptions extends RunOptions {
  /** apply only up to and including this migration name */
  to?: string;
}

export interface RollbackOptions extends RunOptions {
  /** roll back every migration after this one (it stays applied); default: only the last */
  to?: string;
}

export interface MigrationRunResult {
  ok: boolean;
  /** migrations fully applied (apply) or rolled back (rollback) by this run */
  done: string[];
  /** a migration resumed after an earlier failure, and the statement it resumed at (1-based) */
  resumed?: { name: string; from: number };
  /** the migration that failed, the 1-based statement and the error */
  failed?: { name: string; statement: number; sql: string; error: string };
  /** why nothing ran (lock, hazards, edited files, missing down section) */
  error?: string;
  /** rollback of a partly applied migration: down statements that failed and were skipped */
  skipped?: { name: string; statement: number; error: string }[];
}

/** Thrown inside a run to stop it; never escapes this module. */
class Stop extends Error {}

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

const LOCK_KEY = '7318964213379642881'; // a fixed 64-bit advisory lock key for schemasage_migrations

async function sleep(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

/** Takes the migration lock or reports why not. SQLite's lock is each migration's BEGIN IMMEDIATE. */
async function lock(conn: DbConnection, timeoutMs: number): Promise<string | undefined> {
  if (conn.dialect === 'sqlite') return undefined;
  if (conn.dialect === 'mysql') {
    const rows = await conn.query(`SELECT GET_LOCK(CONCAT('schemasage_migrations:', COALESCE(DATABASE(), '')), ?) AS got`, [Math.ceil(timeoutMs / 1000)]);
    return Number(rows[0]?.got) === 1 ? undefined : `another migration run holds the lock on this database (waited ${timeoutMs} ms)`;
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await conn.query(`SELECT pg_try_advisory_lock(${LOCK_KEY}) AS got`);
    if (rows[0]?.got === true) return undefined;
    if (Date.now() >= deadline) return `another migration run holds the lock on this database (waited ${timeoutMs} ms)`;
    await sleep(Math.min(200, Math.max(10, deadline - Date.now())));
  }
}

async function unlock(conn: DbConnection): Promise<void> {
  try {
    if (conn.dialect === 'mysql') await conn.query(`SELECT RELEASE_LOCK(CONCAT('schemasage_migrations:', COALESCE(DATABASE(), '')))`);
    else if (conn.dialect === 'postgres') await conn.query(`SELECT pg_advisory_unlock(${LOCK_KEY})`);
  } catch {
    // a dead connection has released its locks
  }
}

async function readHistory(conn: DbConnection): Promise<HistoryRow[]> {
  const sql = historySql(conn.dialect);
  try {
    return parseHistoryRows(await conn.query(sql.select));
  } catch {
    return []; // no history table yet
  }
}

/** The status of `files` (apply order, from `readMigrationFolder`) against the database's history table. */
export async function status(conn: DbConnection, files: readonly MigrationFile[]): Promise<MigrationStatusReport> {
  return migrationStatus(files, await readHistory(conn));
}

async function whoAmI(conn: DbConnection, given: string | undefined): Promise<string> {
  if (given) return given;
  try {
    if (conn.dialect === 'postgres') return String((await conn.query('SELECT current_user AS u'))[0]?.u ?? 'postgres');
    if (conn.dialect === 'mysql') return String((await conn.query('SELECT CURRENT_USER() AS u'))[0]?.u ?? 'mysql');
  } catch {
    // fall through
  }
  return 'schemasage';
}

function disallowed(codes: readonly string[], allow: RunOptions['allowHazards']): string[] {
  if (allow === true) return [];
  const ok = new Set((allow ?? []).map((c) => c.toUpperCase()));
  return codes.filter((c) => !ok.has(c));
}

/** A migration runs atomically when every statement but leading/trailing session settings may run in one transaction. */
function split(statements: MigrationStatement[]): { pre: MigrationStatement[]; body: MigrationStatement[]; post: MigrationStatement[] } | undefined {
  let a = 0;
  while (a < statements.length && !statements[a]!.transactional && statements[a]!.setting) a++;
  let b = statements.length;
  while (b > a && !statements[b - 1]!.transactional && statements[b - 1]!.setting) b--;
  const body = statements.slice(a, b);
  if (body.some((s) => !s.transactional)) return undefined;
  return { pre: statements.slice(0, a), body, post: statements.slice(b) };
}

async function begin(conn: DbConnection): Promise<void> {
  await conn.exec(conn.dialect === 'sqlite' ? 'BEGIN IMMEDIATE' : 'BEGIN');
}

async function rollbackTx(conn: DbConnection): Promise<void> {
  try {
    await conn.exec('ROLLBACK');
  } catch {
    // no transaction open, or the connection is gone
  }
}

interface Job {
  file: MigrationFile;
  statements: MigrationStatement[];
  /** statements already done (resume) */
  from: number;
  /** a history row exists (failed/running) */
  hasRow: boolean;
}

class Runner {
  done = 0;
  constructor(
    readonly conn: DbConnection,
    readonly total: number,
    readonly options: RunOptions,
  ) {}

  progress(name: string, sql: string): void {
    this.options.onProgress?.({ migration: name, done: this.done, total: this.total, statement: sql });
  }

  checkAbort(): void {
    if (this.options.signal?.aborted) throw new Stop('cancelled');
  }

  /** Runs one statement, reporting progress before it. */
  async run(name: string, s: MigrationStatement): Promise<void> {
    this.checkAbort();
    this.progress(name, s.sql);
    await this.conn.exec(s.sql);
    this.done++;
  }
}

/**
 * The frame apply and rollback share: take the migration lock, make sure the
 * history table exists, read the status, run `work`, and release the lock
 * whatever happens; a thrown error becomes the result's `error`.
 */
async function underLock(
  conn: DbConnection,
  files: readonly MigrationFile[],
  options: RunOptions,
  work: (result: MigrationRunResult, h: ReturnType<typeof historySql>, report: ReturnType<typeof migrationStatus>) => Promise<MigrationRunResult>,
): Promise<MigrationRunResult> {
  const result: MigrationRunResult = { ok: false, done: [] };
  const h = historySql(conn.dialect);
  let locked = false;
  try {
    const lockError = await lock(conn, options.lockTimeoutMs ?? 30_000);
    if (lockError) return { ...result, error: lockError };
    locked = true;
    await conn.exec(h.create);
    return await work(result, h, migrationStatus(files, await readHistory(conn)));
  } catch (e) {
    return { ...result, error: errText(e) };
  } finally {
    if (locked) await unlock(conn);
  }
}

/**
 * Applies every pending migration of `files` in order (resuming a failed one
 * where it stopped), under the migration lock. Refuses, running nothing, when
 * an applied file was edited, or when a pending migration has a hazard not
 * in `allowHazards`.
 */
export async function apply(conn: DbConnection, files: readonly MigrationFile[], options: ApplyOptions = {}): Promise<MigrationRunResult> {
  return underLock(conn, files, options, async (result, h, report) => {
    const edited = report.problems.filter((p) => p.state === 'edited');
    if (edited.length) return { ...result, error: `refusing to apply: ${edited.map((e) => `${e.name} was ${e.message}`).join('; ')}` };
    let pending = report.pending;
    if (options.to !== undefined) {
      const stop = files.findIndex((f) => f.name === options.to);
      if (stop < 0) return { ...result, error: `no migration named ${options.to}` };
      const allowed = new Set(files.slice(0, stop + 1).map((f) => f.name));
      pending = pending.filter((f) => allowed.has(f.name));
    }
    const blocked = pending.map((f) => ({ f, codes: disallowed(f.hazards, options.allowHazards) })).filter((x) => x.codes.length);
    if (blocked.length) {
      return { ...result, error: `refusing to apply: hazards not allowed: ${blocked.map((b) => `${b.f.name} (${b.codes.join(', ')})`).join('; ')}; allow them with allowHazards` };
    }
    const rows = new Map(report.entries.filter((e) => e.row).map((e) => [e.name, e.row!]));
    const jobs: Job[] = pending.map((file) => {
      const row = rows.get(file.name);
      return { file, statements: migrationStatements(file.up, conn.dialect), from: row ? row.statementsDone : 0, hasRow: !!row };
    });
    const runner = new Runner(conn, jobs.reduce((n, j) => n + j.statements.length - Math.min(j.from, j.statements.length), 0), options);
    const by = await whoAmI(conn, options.appliedBy);
    for (const job of jobs) {
      if (job.hasRow) result.resumed = { name: job.file.name, from: job.from + 1 };
      const failure = await applyOne(conn, job, runner, by);
      if (failure) {
        result.failed = failure;
        result.error = `${job.file.name} failed at statement ${failure.statement}: ${failure.error}`;
        return result;
      }
      result.done.push(job.file.name);
    }
    if (jobs.length) runner.progress(jobs[jobs.length - 1]!.file.name, '');
    result.ok = true;
    return result;
  });
}

/** Runs one migration; the failure, or undefined when it is applied. */
async function applyOne(conn: DbConnection, job: Job, runner: Runner, by: string): Promise<MigrationRunResult['failed']> {
  const h = historySql(conn.dialect);
  const { file, statements } = job;
  const started = Date.now();
  const atomic = conn.dialect !== 'mysql' && !job.hasRow ? split(statements) : undefined;
  let index = job.from;
  if (atomic) {
    let inTx = false;
    try {
      for (const s of atomic.pre) {
        await runner.run(file.name, s);
        index++;
      }
      await begin(conn);
      inTx = true;
      for (const s of atomic.body) {
        await runner.run(file.name, s);
        index++;
      }
      runner.checkAbort();
      await conn.query(h.insert, [file.name, file.checksum, by, 'applied', statements.length, statements.length]);
      await conn.query(h.finish, [file.checksum, Date.now() - started, statements.length, file.name]);
      await conn.exec('COMMIT');
      inTx = false;
      for (const s of atomic.post) {
        await runner.run(file.name, s);
        index++;
      }
      return undefined;
    } catch (e) {
      if (inTx) await rollbackTx(conn);
      // put session settings back (SQLite: foreign_keys) after a failed body
      for (const s of atomic.post) await conn.exec(s.sql).catch(() => undefined);
      return { name: file.name, statement: Math.min(index + 1, statements.length), sql: statements[index]?.sql ?? '', error: errText(e) };
    }
  }
  // with progress: the row first, then statement by statement (transactional runs grouped on PostgreSQL/SQLite)
  try {
    if (job.hasRow) await conn.query(h.restart, [file.checksum, statements.length, file.name]);
    else await conn.query(h.insert, [file.name, file.checksum, by, 'running', 0, statements.length]);
  } catch (e) {
    return { name: file.name, statement: index + 1, sql: statements[index]?.sql ?? '', error: errText(e) };
  }
  const grouped = conn.dialect !== 'mysql';
  while (index < statements.length) {
    const runStart = index;
    let inTx = false;
    try {
      if (grouped && statements[index]!.transactional) {
        await begin(conn);
        inTx = true;
        while (index < statements.length && statements[index]!.transactional) {
          await runner.run(file.name, statements[index]!);
          index++;
        }
        await conn.query(h.progress, [index, file.name]);
        await conn.exec('COMMIT');
        inTx = false;
      } else {
        await runner.run(file.name, statements[index]!);
        index++;
        await conn.query(h.progress, [index, file.name]);
      }
    } catch (e) {
      if (inTx) {
        await rollbackTx(conn);
        runner.done -= index - runStart;
        index = runStart;
      }
      const error = errText(e);
      await conn.query(h.fail, [index, error, file.name]).catch(() => undefined);
      return { name: file.name, statement: index + 1, sql: statements[index]?.sql ?? '', error };
    }
  }
  try {
    await conn.query(h.finish, [file.checksum, Date.now() - started, statements.length, file.name]);
  } catch (e) {
    return { name: file.name, statement: statements.length, sql: '', error: errText(e) };
  }
  return undefined;
}

/**
 * Rolls back the last applied migration, or every one after `options.to`,
 * newest first, by running each down section (atomically with the removal
 * of its history row where the dialect allows). A failed (partly applied)
 * migration is rolled back too: its down statements that fail are skipped
 * and listed, since the up may not have created what they undo. Refuses when
 * a migration has no down section, its file was edited, or a down hazard is
 * not allowed.
 */
export async function rollback(conn: DbConnection, files: readonly MigrationFile[], options: RollbackOptions = {}): Promise<MigrationRunResult> {
  return underLock(conn, files, options, async (result, h, report) => {
    const inDb = report.entries.filter((e) => e.file && (e.state === 'applied' || e.state === 'failed' || e.state === 'edited'));
    let targets: typeof inDb;
    if (options.to !== undefined) {
      const keep = files.findIndex((f) => f.name === options.to);
      if (keep < 0) return { ...result, error: `no migration named ${options.to}` };
      const after = new Set(files.slice(keep + 1).map((f) => f.name));
      targets = inDb.filter((e) => after.has(e.name));
    } else {
      targets = inDb.slice(-1);
    }
    targets.reverse();
    for (const t of targets) {
      if (t.state === 'edited') return { ...result, error: `refusing to roll back ${t.name}: ${t.message}` };
      if (t.file!.down === undefined || !migrationStatements(t.file!.down, conn.dialect).length) return { ...result, error: `refusing to roll back ${t.name}: it has no down migration` };
    }
    const blocked = targets.map((t) => ({ t, codes: disallowed(t.file!.downHazards, options.allowHazards) })).filter((x) => x.codes.length);
    if (blocked.length) return { ...result, error: `refusing to roll back: hazards not allowed: ${blocked.map((b) => `${b.t.name} (${b.codes.join(', ')})`).join('; ')}` };
    const jobs = targets.map((t) => ({ entry: t, statements: migrationStatements(t.file!.down!, conn.dialect) }));
    const runner = new Runner(conn, jobs.reduce((n, j) => n + j.statements.length, 0), options);
    for (const { entry, statements } of jobs) {
      const name = entry.name;
      const partial = entry.state === 'failed';
      const atomic = conn.dialect !== 'mysql' && !partial ? split(statements) : undefined;
      let index = 0;
      if (atomic) {
        let inTx = false;
        try {
          for (const s of atomic.pre) {
            await runner.run(name, s);
            index++;
          }
          await begin(conn);
          inTx = true;
          for (const s of atomic.body) {
            await runner.run(name, s);
            index++;
          }
          runner.checkAbort();
          await conn.query(h.remove, [name]);
          await conn.exec('COMMIT');
          inTx = false;
          for (const s of atomic.post) {
            await runner.run(name, s);
            index++;
          }
        } catch (e) {
          if (inTx) await rollbackTx(conn);
          for (const s of atomic.post) await conn.exec(s.sql).catch(() => undefined);
          result.failed = { name, statement: index + 1, sql: statements[index]?.sql ?? '', error: errText(e) };
          result.error = `rollback of ${name} failed at statement ${index + 1}: ${errText(e)}`;
          return result;
        }
      } else {
        for (; index < statements.length; index++) {
          const s = statements[index]!;
          try {
            await runner.run(name, s);
          } catch (e) {
            if (e instanceof Stop) throw e;
            if (partial) {
              (result.skipped ??= []).push({ name, statement: index + 1, error: errText(e) });
              runner.done++;
              continue;
            }
            const error = `rollback failed at down statement ${index + 1}: ${errText(e)}`;
            await conn.query(h.fail, [entry.row?.statementsDone ?? 0, error, name]).catch(() => undefined);
            result.failed = { name, statement: index + 1, sql: s.sql, error: errText(e) };
            result.error = `rollback of ${name} failed at statement ${index + 1}: ${errText(e)}`;
            return result;
          }
        }
        await conn.query(h.remove, [name]);
      }
      result.done.push(name);
    }
    result.ok = true;
    return result;
  });
}
