/**
 * Relationships between inferred tables (across files) by inclusion of
 * values: a column whose distinct values all occur in another table's key is
 * a foreign-key candidate. Inclusion is tested on the column's exact distinct
 * values when it has few, else on its reservoir sample, against the key's
 * exact set or Bloom filter. The score adds the name evidence of
 * `engine/infer` (same `Evidence` format) and takes away weight for what makes
 * inclusion coincidental (tiny integer ranges, a source that is itself its
 * table's key, several equally good targets).
 */
import type { Schema, Table } from '../../model/schema.js';
import { inferRelationships, type Evidence, type InferredRelationship } from '../../infer/index.js';
import type { ColumnProfile } from './column-profile.js';
import { hashPair, secondHash } from './values.js';

export interface ProfiledTable {
  readonly name: string;
  readonly rows: number;
  readonly columns: Map<string, ColumnProfile>;
  /** the synthetic row-number column, when the profiler added one */
  readonly rowColumn: string | undefined;
}

export interface ProfiledInput {
  table: Table;
  profile: ProfiledTable;
  /** candidate key columns (unique, non-null) */
  keys: Set<string>;
}

/** Signals of value-based inference, documented with their weights. */
export const DATA_SIGNALS = {
  inclusionMany: { id: 'data:inclusion', weight: 0.45 },
  inclusionSome: { id: 'data:inclusion', weight: 0.35 },
  inclusionFew: { id: 'data:inclusion', weight: 0.15 },
  inclusionPartial: { id: 'data:inclusion-partial', weight: 0.1 },
  targetPk: { id: 'target:primary-key', weight: 0.1 },
  sourceIsKey: { id: 'data:source-is-key', weight: -0.4 },
  smallRange: { id: 'data:small-range', weight: -0.2 },
  narrowRange: { id: 'data:narrow-range', weight: -0.2 },
  ambiguous: { id: 'data:ambiguous-target', weight: -0.15 },
} as const;

type Family = 'integer' | 'uuid' | 'string';

function familyOf(t: Table, column: string): Family | undefined {
  const c = t.columns.find((x) => x.name === column);
  if (!c) return undefined;
  const f = c.type.family;
  if (f === 'integer') return 'integer';
  if (f === 'uuid') return 'uuid';
  if ((f === 'string' || f === 'text') && (c.type.length ?? 0) <= 64) return 'string';
  return undefined;
}

interface Target {
  input: ProfiledInput;
  column: string;
  profile: ColumnProfile;
  family: Family;
  primary: boolean;
}

interface Candidate {
  target: Target;
  confidence: number;
  evidence: Evidence[];
  named: boolean;
}

const round = (x: number): number => Math.round(x * 100) / 100;

export function inclusionRelationships(schema: Schema, inputs: readonly ProfiledInput[], skip: ReadonlySet<string>, minConfidence: number): InferredRelationship[] {
  // name evidence from the schema-level inference (low floor: data decides)
  const named = new Map<string, InferredRelationship[]>();
  for (const r of inferRelationships(schema, { minConfidence: 0.2 })) {
    if (r.from.columns.length !== 1) continue;
    const k = `${r.from.tableKey}\u0000${r.from.columns[0]}`;
    const list = named.get(k) ?? [];
    list.push(r);
    named.set(k, list);
  }
  const targets: Target[] = [];
  for (const input of inputs) {
    for (const k of input.keys) {
      // a nesting foreign key repeats its parent's key: reference the parent instead
      if (skip.has(`${input.table.key}\u0000${k}`)) continue;
      const family = familyOf(input.table, k);
      const profile = input.profile.columns.get(k);
      if (!family || !profile) continue;
      const col = input.table.columns.find((c) => c.name === k)!;
      targets.push({ input, column: k, profile, family, primary: col.primaryKey });
    }
  }
  const out: InferredRelationship[] = [];
  for (const input of inputs) {
    for (const col of input.table.columns) {
      if (col.name === input.profile.rowColumn || skip.has(`${input.table.key}\u0000${col.name}`)) continue;
      const family = familyOf(input.table, col.name);
      const p = input.profile.columns.get(col.name);
      if (!family || !p || p.nonNull === 0) continue;
      const values = p.counts ? [...p.counts.keys()] : [...new Set(p.sample.items)];
      if (values.length === 0) continue;
      const hashes = values.map((v) => [hashPair(v), secondHash()] as const);
      const names = named.get(`${input.table.key}\u0000${col.name}`) ?? [];
      const candidates: Candidate[] = [];
      for (const t of targets) {
        if (t.family !== family || (t.input === input && t.column === col.name)) continue;
        const tp = t.profile;
        if (family === 'integer' && (p.numMin < tp.numMin || p.numMax > tp.numMax)) {
          // a range outside the key's: some values cannot be included (orphans are allowed only when named)
          if (!names.some((r) => r.to.tableKey === t.input.table.key)) continue;
        }
        let included = 0;
        for (let i = 0; i < values.length; i++) if (tp.contains(values[i], hashes[i][0], hashes[i][1])) included++;
        const f = included / values.length;
        if (f < 0.9) continue;
        const evidence: Evidence[] = [];
        const d = p.distinct;
        const how = `${p.counts ? 'all' : 'sampled'} ${values.length} distinct values`;
        const where = `${t.input.table.name}.${t.column}${tp.exactMembership ? '' : ' (Bloom filter)'}`;
        if (f >= 0.999) {
          const s = d >= 50 ? DATA_SIGNALS.inclusionMany : d >= 10 ? DATA_SIGNALS.inclusionSome : DATA_SIGNALS.inclusionFew;
          evidence.push({ signal: s.id, weight: s.weight, detail: `${how} of ${input.table.name}.${col.name} occur in ${where}` });
        } else {
          const s = DATA_SIGNALS.inclusionPartial;
          evidence.push({ signal: s.id, weight: s.weight, detail: `${Math.round(f * 1000) / 10}% of ${how} of ${input.table.name}.${col.name} occur in ${where} (orphans)` });
        }
        const name = names.find((r) => r.to.tableKey === t.input.table.key && r.to.columns[0] === t.column) ?? names.find((r) => r.to.tableKey === t.input.table.key);
        if (name) {
          const w = round(Math.min(0.45, name.confidence));
          const first = name.evidence.find((e) => e.signal.startsWith('name:') || e.signal === 'polymorphic');
          evidence.push({ signal: first?.signal ?? 'name', weight: w, detail: first?.detail ?? `the names suggest ${input.table.name}.${col.name} -> ${t.input.table.name}.${t.column}` });
        }
        if (t.primary) evidence.push({ signal: DATA_SIGNALS.targetPk.id, weight: DATA_SIGNALS.targetPk.weight, detail: `${where} is the primary key` });
        if (!name && (col.primaryKey || (input.keys.has(col.name) && /(^|_)id$/i.test(col.name)))) {
          evidence.push({ signal: DATA_SIGNALS.sourceIsKey.id, weight: DATA_SIGNALS.sourceIsKey.weight, detail: `${input.table.name}.${col.name} is its own table's key: inclusion may be coincidence` });
        }
        if (!name && family === 'integer' && p.numMax - Math.min(p.numMin, 0) <= 31) {
          evidence.push({ signal: DATA_SIGNALS.smallRange.id, weight: DATA_SIGNALS.smallRange.weight, detail: `the values lie in a small range (${p.numMin}..${p.numMax}), which many keys include` });
        }
        if (!name && family === 'integer' && p.numMax - p.numMin < 0.5 * (tp.numMax - tp.numMin)) {
          evidence.push({ signal: DATA_SIGNALS.narrowRange.id, weight: DATA_SIGNALS.narrowRange.weight, detail: `the values span ${p.numMin}..${p.numMax}, a narrow part of ${where}'s ${tp.numMin}..${tp.numMax}` });
        }
        const confidence = evidence.reduce((s, e) => s + e.weight, 0);
        candidates.push({ target: t, confidence, evidence, named: !!name });
      }
      if (candidates.length === 0) continue;
      candidates.sort((a, b) => b.confidence - a.confidence || Number(b.named) - Number(a.named));
      const best = candidates[0];
      const rivals = candidates.filter((c) => c !== best && c.confidence >= best.confidence - 0.05).length;
      if (rivals > 0 && !best.named) {
        const s = DATA_SIGNALS.ambiguous;
        best.evidence.push({ signal: s.id, weight: s.weight, detail: `${rivals + 1} keys include these values equally well` });
        best.confidence += s.weight;
      }
      const confidence = round(Math.max(0, Math.min(1, best.confidence)));
      if (confidence < minConfidence) continue;
      const oneToOne = p.uniqueness !== false && p.nonNull === input.profile.rows;
      if (oneToOne) best.evidence.push({ signal: 'cardinality:one-to-one', weight: 0, detail: `${input.table.name}.${col.name} is unique` });
      out.push({
        from: { schema: input.table.schema, table: input.table.name, columns: [col.name], tableKey: input.table.key },
        to: { schema: best.target.input.table.schema, table: best.target.input.table.name, columns: [best.target.column], tableKey: best.target.input.table.key },
        cardinality: oneToOne ? '1-1' : 'n-1',
        source: 'inferred',
        confidence,
        evidence: best.evidence,
      });
    }
  }
  return out;
}
