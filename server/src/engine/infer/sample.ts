/**
 * Data evidence for relationship inference, the pure half: for an inferred
 * candidate, the read-only, LIMITed SQL (PostgreSQL, MySQL/MariaDB, SQLite)
 * that measures inclusion, i.e. how many of up to N sampled non-null values
 * of the referencing column(s) exist in the referenced key; and the rule that
 * turns those two counts into an `Evidence` (`data:inclusion`) that raises or
 * lowers the candidate's confidence.
 *
 * It never runs a query: `server/src/db/sample.ts` runs these statements in
 * a read-only transaction with a statement timeout. Every identifier is
 * quoted for its dialect; values never appear in the SQL (the limit is an
 * integer the function clamps), so the text is safe to send as is.
 */
import type { RelationshipEnd } from '../model/schema.js';
import { quoteIdent } from '../codegen/quote.js';
import type { Evidence, InferredRelationship } from './index.js';

export type SampleDialect = 'postgres' | 'mysql' | 'sqlite';

/** The signal id of data evidence (docs/inference.md). */
export const DATA_INCLUSION = 'data:inclusion';

/** Default and ceiling of the number of sampled rows. */
export const DEFAULT_SAMPLE_LIMIT = 1000;
const MAX_SAMPLE_LIMIT = 100_000;

/** What an inclusion query returns (column labels of its one row). */
export interface InclusionCounts {
  /** non-null values sampled from the referencing column(s) (at most the limit) */
  sampled: number;
  /** of those, how many exist in the referenced key */
  found: number;
}

/**
 * Weight of the evidence by the share of sampled values found in the target
 * key, first matching row wins; scaled down when fewer than `FULL_STRENGTH_AT`
 * values were sampled. A real reference may have a few orphans (no
 * constraint kept them out), so 95% still counts for it; below half the
 * column plainly holds something else.
 */
export const INCLUSION_WEIGHTS: readonly { atLeast: number; weight: number; reading: string }[] = [
  { atLeast: 1, weight: 0.3, reading: 'every sampled value is a key of the target: the data confirms it' },
  { atLeast: 0.95, weight: 0.1, reading: 'nearly every sampled value is a key of the target (a few orphans)' },
  { atLeast: 0.8, weight: -0.15, reading: 'many sampled values are not keys of the target' },
  { atLeast: 0.5, weight: -0.35, reading: 'a large share of sampled values are not keys of the target' },
  { atLeast: 0, weight: -0.6, reading: 'most sampled values are not keys of the target: the data refutes it' },
];
/** Samples of this many values or more weigh fully; fewer weigh proportionally. */
export const FULL_STRENGTH_AT = 20;

function qualified(end: RelationshipEnd, dialect: SampleDialect, defaultSchema: string | undefined): string {
  const t = quoteIdent(end.table, dialect, true);
  return end.schema && end.schema !== defaultSchema ? `${quoteIdent(end.schema, dialect, true)}.${t}` : t;
}

/**
 * The one statement that measures inclusion for `rel`: one row with
 * `sampled` and `found`. Reads at most `limit` rows of the referencing table
 * (non-null in every referencing column, in storage order) and probes the
 * referenced key once per sampled row. Tables in `defaultSchema` are named
 * without a schema (the connection's own); others are qualified.
 */
export function inclusionQuery(rel: Pick<InferredRelationship, 'from' | 'to'>, dialect: SampleDialect, limit = DEFAULT_SAMPLE_LIMIT, defaultSchema?: string): string {
  const n = Math.max(1, Math.min(MAX_SAMPLE_LIMIT, Math.floor(Number.isFinite(limit) ? limit : DEFAULT_SAMPLE_LIMIT)));
  const q = (name: string) => quoteIdent(name, dialect, true);
  const from = rel.from.columns;
  const to = rel.to.columns;
  const cols = from.map((c, i) => `${q(c)} AS ${q(`v${i}`)}`).join(', ');
  const notNull = from.map((c) => `${q(c)} IS NOT NULL`).join(' AND ');
  const match = to.map((c, i) => `k.${q(c)} = s.${q(`v${i}`)}`).join(' AND ');
  return (
    `SELECT COUNT(*) AS sampled, ` +
    `COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM ${qualified(rel.to, dialect, defaultSchema)} k WHERE ${match}) THEN 1 ELSE 0 END), 0) AS found ` +
    `FROM (SELECT ${cols} FROM ${qualified(rel.from, dialect, defaultSchema)} WHERE ${notNull} LIMIT ${n}) s`
  );
}

/** Reads the counts from the query's row (drivers return bigint/decimal as strings); undefined when unreadable. */
export function readCounts(row: Record<string, unknown> | undefined): InclusionCounts | undefined {
  if (!row) return undefined;
  const sampled = Number(row['sampled']);
  const found = Number(row['found']);
  if (!Number.isFinite(sampled) || !Number.isFinite(found) || sampled < 0 || found < 0 || found > sampled) return undefined;
  return { sampled, found };
}

function endText(e: RelationshipEnd): string {
  return `${e.table}.${e.columns.length === 1 ? e.columns[0] : `(${e.columns.join(', ')})`}`;
}

/** The evidence the counts give for `rel`: positive when the sample confirms it, negative when it refutes it, 0 without data. */
export function inclusionEvidence(rel: Pick<InferredRelationship, 'from' | 'to'>, counts: InclusionCounts): Evidence {
  const { sampled, found } = counts;
  const where = `${endText(rel.from)} -> ${endText(rel.to)}`;
  if (sampled === 0) return { signal: DATA_INCLUSION, weight: 0, detail: `${where}: no non-null values to sample` };
  const share = found / sampled;
  const row = INCLUSION_WEIGHTS.find((w) => share >= w.atLeast) ?? INCLUSION_WEIGHTS[INCLUSION_WEIGHTS.length - 1];
  const strength = Math.min(1, sampled / FULL_STRENGTH_AT);
  const weight = Math.round(row.weight * strength * 1000) / 1000;
  const small = strength < 1 ? ` (small sample: weight scaled by ${sampled}/${FULL_STRENGTH_AT})` : '';
  return { signal: DATA_INCLUSION, weight, detail: `${where}: ${found} of ${sampled} sampled values found; ${row.reading}${small}` };
}

/**
 * `rel` with `evidence` added (replacing earlier data evidence) and its
 * confidence recomputed as inference computes it: the sum of the evidence
 * weights, clamped to [0, 1]. A new object; the input is not changed.
 */
export function withDataEvidence(rel: InferredRelationship, evidence: Evidence): InferredRelationship {
  const kept = rel.evidence.filter((e) => e.signal !== DATA_INCLUSION);
  kept.push(evidence);
  let sum = 0;
  for (const e of kept) sum += e.weight;
  return { ...rel, confidence: Math.round(Math.min(1, Math.max(0, sum)) * 1000) / 1000, evidence: kept };
}
