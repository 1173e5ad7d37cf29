/**
 * Migration status: the migrations folder against the history table. Each
 * migration is pending, applied, edited after it was applied (checksum
 * mismatch: an error), or failed at statement N (a run that recorded
 * progress and stopped: resumable, or to roll back); history rows without a
 * file are reported too. Pure: rows come from the edge.
 */
import type { MigrationFile } from './format.js';
import type { HistoryRow } from './table.js';

export type MigrationState = 'pending' | 'applied' | 'edited' | 'failed' | 'missing-file';

export interface MigrationStatusEntry {
  name: string;
  state: MigrationState;
  file?: MigrationFile;
  row?: HistoryRow;
  /** failed: the 1-based statement it stopped at (the first one not done) */
  failedAt?: number;
  /** pending, but an older-named migration than the last applied one */
  outOfOrder?: boolean;
  /** one line for people */
  message: string;
}

export interface MigrationStatusReport {
  entries: MigrationStatusEntry[];
  /** migrations apply would run, in order (failed ones first: they resume) */
  pending: MigrationFile[];
  /** the applied migrations in order */
  applied: MigrationFile[];
  /** edited-after-apply and failed migrations (apply refuses while any is edited) */
  problems: MigrationStatusEntry[];
  /** the last applied migration's name */
  current?: string;
}

/**
 * The status of every migration in `files` (apply order) given the history
 * table's `rows`. A row still `running` is a run that died (killed, crashed)
 * and counts as failed at its next statement.
 */
export function migrationStatus(files: readonly MigrationFile[], rows: readonly HistoryRow[]): MigrationStatusReport {
  const byName = new Map(rows.map((r) => [r.name, r]));
  const entries: MigrationStatusEntry[] = [];
  const pending: MigrationFile[] = [];
  const applied: MigrationFile[] = [];
  const problems: MigrationStatusEntry[] = [];
  let lastApplied = -1;
  files.forEach((f, i) => {
    if (byName.get(f.name)?.status === 'applied') lastApplied = i;
  });
  files.forEach((f, i) => {
    const row = byName.get(f.name);
    byName.delete(f.name);
    let e: MigrationStatusEntry;
    if (!row) {
      e = { name: f.name, state: 'pending', file: f, message: 'pending' };
      if (i < lastApplied) {
        e.outOfOrder = true;
        e.message = `pending, older than the last applied migration ${files[lastApplied]!.name}`;
      }
      pending.push(f);
    } else if (row.status === 'applied') {
      if (row.checksum !== f.checksum) {
        e = { name: f.name, state: 'edited', file: f, row, message: `edited after it was applied (checksum ${row.checksum.slice(0, 12)}… in the database, ${f.checksum.slice(0, 12)}… in the file)` };
        problems.push(e);
      } else {
        e = { name: f.name, state: 'applied', file: f, row, message: `applied${row.appliedAt ? ` at ${row.appliedAt}` : ''}${row.appliedBy ? ` by ${row.appliedBy}` : ''}` };
      }
      applied.push(f);
    } else {
      const failedAt = row.statementsDone + 1;
      const total = row.statementsTotal !== undefined ? ` of ${row.statementsTotal}` : '';
      e = {
        name: f.name,
        state: 'failed',
        file: f,
        row,
        failedAt,
        message: `failed at statement ${failedAt}${total}${row.status === 'running' ? ' (the run was interrupted)' : ''}${row.error ? `: ${row.error}` : ''}`,
      };
      problems.push(e);
      pending.push(f);
    }
    entries.push(e);
  });
  for (const row of byName.values()) {
    const e: MigrationStatusEntry = { name: row.name, state: 'missing-file', row, message: `in the history table (${row.status}) but no file has this name` };
    entries.push(e);
  }
  const report: MigrationStatusReport = { entries, pending, applied, problems };
  const current = [...applied].pop();
  if (current) report.current = current.name;
  return report;
}
