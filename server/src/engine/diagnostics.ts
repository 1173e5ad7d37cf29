/**
 * Engine diagnostics: plain data with a span into one file, a severity, and a
 * stable code (documented in docs/rules.md). Converted to LSP or CLI output at
 * the edges. Every phase returns values plus diagnostics; none throws.
 */
import type { Span } from './text/span.js';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface RelatedInfo {
  uri: string;
  span: Span;
  message: string;
}

/** What a quick fix needs to act on a diagnostic; survives the round trip through the editor. */
export interface DiagnosticData {
  suggestions?: string[];
  /** INFER001: the relationship to declare (from = the column holding the key) */
  inferred?: { from: { schema: string; table: string; columns: string[]; tableKey: string }; to: { schema: string; table: string; columns: string[]; tableKey: string }; cardinality: string };
  /** a lint rule's mechanical fix, as the rule describes it */
  fix?: { kind: string; tableKey: string; columns?: string[]; unique?: boolean; column?: string; to?: string; note?: string };
}

export interface Diagnostic {
  /** file the span belongs to */
  uri: string;
  span: Span;
  severity: Severity;
  /** stable code, e.g. DBML001 (syntax) or BIND002 (unknown table) */
  code: string;
  message: string;
  related?: RelatedInfo[];
  /** code-action payload: did-you-mean candidates, an inferred relationship to declare, a lint fix */
  data?: DiagnosticData;
  /** unnecessary / deprecated tags for the editor */
  tags?: ('unnecessary' | 'deprecated')[];
}

/** Severities from the most severe (0) to the least. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2, hint: 3 };

/** How many diagnostics there are of each severity. */
export type SeverityCounts = Record<Severity, number>;

/**
 * The `max` most severe diagnostics of a list, in the list's order: all of every rank more severe
 * than the least severe one kept, and of that rank the first ones. The list itself when it fits
 * (or `max` is 0). An editor shows a file's problems this way (the server's per-file limit); the
 * workspace keeps an analysis's diagnostics this way (`AnalysisOptions.keepPerFile`): the two agree,
 * as a diagnostic among the most severe of a merged list is among the most severe of its own list.
 */
export function mostSevere<D extends Diagnostic>(list: readonly D[], max: number): readonly D[] {
  if (!max || list.length <= max) return list;
  const perRank = [0, 0, 0, 0];
  for (const d of list) perRank[SEVERITY_RANK[d.severity] ?? 0]++;
  // the least severe rank that still fits (partly): ranks above it are kept whole, it keeps `room` in order
  let rank = 0;
  let room = max;
  while (rank < 3 && perRank[rank] <= room) room -= perRank[rank++];
  const out: D[] = [];
  for (const d of list) {
    const r = SEVERITY_RANK[d.severity] ?? 0;
    if (r < rank || (r === rank && room-- > 0)) out.push(d);
  }
  return out;
}

/** Counts per severity of a list, added to `into` when given. */
export function severityCounts(list: readonly Diagnostic[], into: SeverityCounts = { error: 0, warning: 0, info: 0, hint: 0 }): SeverityCounts {
  for (const d of list) into[d.severity]++;
  return into;
}

/** How many diagnostics counts count. */
export function severityTotal(c: Readonly<SeverityCounts>): number {
  return c.error + c.warning + c.info + c.hint;
}
