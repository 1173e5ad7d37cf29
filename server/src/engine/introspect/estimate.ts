/**
 * Row-count estimates as the model carries them: introspection records a
 * table's estimated row count in the table setting `estimatedRows` (an
 * integer as text, absent when the database does not know), and
 * `estimatedRowsExact` = `true` when it was counted rather than estimated.
 * This module reads and writes those two settings and imports nothing, so
 * the editor client can use it without pulling in the engine.
 */

/** The table setting holding the estimated row count (integer text). */
export const ESTIMATED_ROWS = 'estimatedRows';
/** The table setting marking the count as exact (`count(*)`), not a statistic. */
export const ESTIMATED_ROWS_EXACT = 'estimatedRowsExact';

/** What a table's settings say about its size. */
export interface RowEstimate {
  rows: number;
  /** counted (`count(*)`) rather than read from statistics */
  exact: boolean;
}

/** The table's row estimate, or undefined when unknown (never analysed, no statistics, a view). */
export function rowEstimate(settings: Readonly<Record<string, string>>): RowEstimate | undefined {
  const text = settings[ESTIMATED_ROWS];
  if (text === undefined || text === '') return undefined;
  const rows = Number(text);
  if (!Number.isFinite(rows) || rows < 0) return undefined;
  return { rows: Math.round(rows), exact: settings[ESTIMATED_ROWS_EXACT] === 'true' };
}

/**
 * Records an estimate on a table's settings. Negative, non-finite or missing
 * values mean "unknown" and leave the settings without an estimate.
 */
export function setRowEstimate(settings: Record<string, string>, rows: number | undefined, exact = false): void {
  if (rows === undefined || !Number.isFinite(rows) || rows < 0) return;
  settings[ESTIMATED_ROWS] = String(Math.round(rows));
  if (exact) settings[ESTIMATED_ROWS_EXACT] = 'true';
  else delete settings[ESTIMATED_ROWS_EXACT];
}
