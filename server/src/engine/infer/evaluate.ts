/**
 * Scoring relationship inference against declared foreign keys: strip a
 * schema's declared relationships (kept as the ground truth), infer, and count
 * matches; the same for the naive baseline (`<singular table>_id -> table.id`)
 * so every figure has a reference point. Used by scripts/eval-infer.ts and the
 * tests; pure (the caller loads the schema).
 *
 * A prediction matches a declared relationship when it joins the same columns
 * of the same tables, in either direction (a 1-1 read the other way round is
 * the same relationship, which is also how inference treats declared ones).
 */
import type { Relationship, Schema } from '../model/schema.js';
import { inferRelationships, type InferenceOptions } from './index.js';
import { singular, tokens } from './names.js';

export interface Score {
  /** declared relationships (distinct column pairs) */
  truth: number;
  predicted: number;
  truePositives: number;
  /** truePositives / predicted (1 when nothing was predicted) */
  precision: number;
  /** truePositives / truth (1 when nothing was declared) */
  recall: number;
}

export interface Evaluation {
  inferred: Score;
  baseline: Score;
  /**
   * inference scored only on source tables that declare at least one foreign key: where a
   * table declares none, its author declared no constraints there and an inferred one may
   * well be real; a secondary figure, the strict one is `inferred`
   */
  inferredOnDeclaringTables: Score;
  /** declared relationships inference missed, as `from.table(cols) -> to.table(cols)` */
  missed: string[];
  /** inferred relationships that were not declared */
  extra: string[];
}

function end(table: string, columns: readonly string[]): string {
  return `${table}(${columns.join(',')})`;
}

/** Direction-insensitive identity of a relationship: its two column lists. */
export function relationshipKey(r: Relationship): string {
  const a = end(r.from.tableKey, r.from.columns);
  const b = end(r.to.tableKey, r.to.columns);
  return a < b ? `${a}=${b}` : `${b}=${a}`;
}

export function describe(r: Relationship): string {
  return `${end(r.from.tableKey, r.from.columns)} -> ${end(r.to.tableKey, r.to.columns)}`;
}

/** The baseline: a column named `<singular table name>_id` references that table's `id` column. */
export function baselineRelationships(schema: Schema): Relationship[] {
  const byName = new Map<string, { key: string; schema: string; table: string; id: string }>();
  for (const t of schema.tables) {
    if (t.isView) continue;
    const id = t.columns.find((c) => c.name.toLowerCase() === 'id');
    if (!id) continue;
    const words = tokens(t.name);
    if (!words.length) continue;
    const name = `${words.slice(0, -1).map((w) => `${w}_`).join('')}${singular(words[words.length - 1])}_id`;
    if (!byName.has(name)) byName.set(name, { key: t.key, schema: t.schema, table: t.name, id: id.name });
  }
  const out: Relationship[] = [];
  for (const t of schema.tables) {
    if (t.isView) continue;
    for (const c of t.columns) {
      const target = byName.get(c.name.toLowerCase());
      if (!target) continue;
      out.push({
        from: { schema: t.schema, table: t.name, columns: [c.name], tableKey: t.key },
        to: { schema: target.schema, table: target.table, columns: [target.id], tableKey: target.key },
        cardinality: 'n-1',
        source: 'inferred',
      });
    }
  }
  return out;
}

function score(truth: Map<string, Relationship>, predicted: Relationship[]): { score: Score; hits: Set<string>; extra: string[] } {
  const hits = new Set<string>();
  const extra: string[] = [];
  const seen = new Set<string>();
  for (const p of predicted) {
    const k = relationshipKey(p);
    if (seen.has(k)) continue;
    seen.add(k);
    if (truth.has(k)) hits.add(k);
    else extra.push(describe(p));
  }
  const predictedCount = seen.size;
  return {
    score: {
      truth: truth.size,
      predicted: predictedCount,
      truePositives: hits.size,
      precision: predictedCount ? hits.size / predictedCount : 1,
      recall: truth.size ? hits.size / truth.size : 1,
    },
    hits,
    extra,
  };
}

/** Strips the declared relationships, infers, and scores inference and the baseline against them. */
export function evaluateSchema(schema: Schema, options?: InferenceOptions): Evaluation {
  const truth = new Map<string, Relationship>();
  for (const r of schema.relationships) if (r.source === 'declared') truth.set(relationshipKey(r), r);
  const stripped: Schema = { ...schema, relationships: [] };
  const predicted = inferRelationships(stripped, options);
  const inferred = score(truth, predicted);
  const baseline = score(truth, baselineRelationships(stripped));
  const declaring = new Set<string>();
  for (const r of truth.values()) declaring.add(r.from.tableKey);
  const onDeclaring = score(truth, predicted.filter((r) => declaring.has(r.from.tableKey)));
  const missed: string[] = [];
  for (const [k, r] of truth) if (!inferred.hits.has(k)) missed.push(describe(r));
  return { inferred: inferred.score, baseline: baseline.score, inferredOnDeclaringTables: onDeclaring.score, missed, extra: inferred.extra };
}

/** Sums scores (micro-average: every relationship counts once, whichever file it is in). */
export function sumScores(scores: readonly Score[]): Score {
  let truth = 0;
  let predicted = 0;
  let tp = 0;
  for (const s of scores) {
    truth += s.truth;
    predicted += s.predicted;
    tp += s.truePositives;
  }
  return { truth, predicted, truePositives: tp, precision: predicted ? tp / predicted : 1, recall: truth ? tp / truth : 1 };
}
