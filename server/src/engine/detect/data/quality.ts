/**
 * The data-quality report: per column null rate, distinct count, min/max, top
 * values, value patterns, mixed types, invalid dates and outliers (IQR on the
 * reservoir sample); per table row count and duplicate rows; per file rows,
 * bytes and parse errors with positions. Plain data (JSON as it is), plus a
 * self-contained HTML rendering with every value escaped and no script.
 */
import type { ColumnProfile } from './column-profile.js';
import type { ResolvedType } from './column-type.js';
import { shapeOf } from './values.js';

/** A parse error of a data file, positioned (1-based line and column). */
export interface DataParseError {
  message: string;
  line: number;
  column: number;
  /** the table (or record kind) being read, when known */
  table?: string;
}

export interface FileQuality {
  path: string;
  format: string;
  rows: number;
  bytes: number;
  errors: DataParseError[];
}

export interface ValueCount {
  value: string;
  count: number;
}

export interface Outliers {
  method: 'iqr';
  /** Tukey fences (q1 - 1.5 IQR, q3 + 1.5 IQR) on the sample */
  low: number;
  high: number;
  /** share of sampled values outside the fences */
  rate: number;
  examples: string[];
}

export interface HistogramBin {
  from: number;
  to: number;
  count: number;
}

export interface ColumnQuality {
  name: string;
  type: string;
  rows: number;
  nulls: number;
  nullRate: number;
  distinct: number;
  distinctExact: boolean;
  unique: boolean;
  min?: string;
  max?: string;
  minLength?: number;
  maxLength?: number;
  /** exact counts when the column has few distinct values, else estimated from the sample (`topValuesExact`) */
  topValues: ValueCount[];
  topValuesExact: boolean;
  /** value shapes (`Aaa-999`) in the sample, most frequent first, with their share */
  patterns: { pattern: string; share: number }[];
  /** value kinds seen with counts (more than one non-text kind, or text with other kinds: mixed) */
  kinds: Record<string, number>;
  mixedTypes: boolean;
  invalidDates: number;
  outliers?: Outliers;
  /** a small distribution for charts: numeric bins from the sample, or the top values */
  histogram?: HistogramBin[];
}

export interface TableQuality {
  table: string;
  rows: number;
  duplicateRows: number;
  /** rows checked for duplicates (all rows up to a cap) */
  duplicatesChecked: number;
  columns: ColumnQuality[];
}

export interface QualityReport {
  files: FileQuality[];
  tables: TableQuality[];
}

function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

function outliersOf(nums: number[]): Outliers | undefined {
  if (nums.length < 20) return undefined;
  const sorted = nums.slice().sort((a, b) => a - b);
  const q1 = quantile(sorted, 0.25);
  const q3 = quantile(sorted, 0.75);
  const iqr = q3 - q1;
  if (iqr === 0) return undefined;
  const low = q1 - 1.5 * iqr;
  const high = q3 + 1.5 * iqr;
  const out = sorted.filter((v) => v < low || v > high);
  if (out.length === 0) return undefined;
  return { method: 'iqr', low, high, rate: out.length / sorted.length, examples: [...new Set(out.map(String))].slice(0, 5) };
}

function histogramOf(nums: number[]): HistogramBin[] | undefined {
  if (nums.length < 2) return undefined;
  let min = Infinity;
  let max = -Infinity;
  for (const v of nums) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === max) return [{ from: min, to: max, count: nums.length }];
  const bins = 10;
  const width = (max - min) / bins;
  const out: HistogramBin[] = [];
  for (let i = 0; i < bins; i++) out.push({ from: min + i * width, to: i === bins - 1 ? max : min + (i + 1) * width, count: 0 });
  for (const v of nums) out[Math.min(bins - 1, Math.floor((v - min) / width))].count++;
  return out;
}

/** Quality figures of one column from its profile and resolved type. */
export function columnQuality(p: ColumnProfile, resolved: ResolvedType, tableRows: number, unique: boolean): ColumnQuality {
  const nulls = tableRows - p.nonNull;
  const exact = p.exactDistinct;
  const numeric = resolved.type.family === 'integer' || resolved.type.family === 'decimal' || resolved.type.family === 'float';
  const q: ColumnQuality = {
    name: p.name,
    type: resolved.type.raw,
    rows: tableRows,
    nulls,
    nullRate: tableRows === 0 ? 0 : nulls / tableRows,
    distinct: p.distinct,
    distinctExact: exact !== undefined,
    unique,
    topValues: [],
    topValuesExact: p.counts !== undefined,
    patterns: [],
    kinds: resolved.kinds,
    mixedTypes: resolved.mixed,
    invalidDates: p.invalidDates,
  };
  if (p.nonNull > 0) {
    if (numeric && Number.isFinite(p.numMin)) {
      q.min = String(p.numMin);
      q.max = String(p.numMax);
    } else {
      q.min = p.strMin;
      q.max = p.strMax;
    }
    q.minLength = p.minLength;
    q.maxLength = p.maxLength;
  }
  const sample = p.sample.items;
  const exactCounts = p.valueCounts();
  if (exactCounts !== undefined) {
    q.topValues = exactCounts.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 10).map(([value, count]) => ({ value, count }));
  } else {
    const c = new Map<string, number>();
    for (const v of sample) c.set(v, (c.get(v) ?? 0) + 1);
    const scale = p.nonNull / Math.max(sample.length, 1);
    q.topValues = [...c].filter(([, n]) => n > 1).sort((a, b) => b[1] - a[1]).slice(0, 10).map(([value, n]) => ({ value, count: Math.round(n * scale) }));
  }
  const shapes = new Map<string, number>();
  for (const v of sample) {
    const s = shapeOf(v);
    shapes.set(s, (shapes.get(s) ?? 0) + 1);
  }
  q.patterns = [...shapes].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([pattern, n]) => ({ pattern, share: n / Math.max(sample.length, 1) }));
  if (numeric) {
    const nums: number[] = [];
    for (const v of sample) {
      const x = +v;
      if (Number.isFinite(x)) nums.push(x);
    }
    const o = outliersOf(nums);
    if (o) q.outliers = o;
    q.histogram = histogramOf(nums);
  }
  return q;
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** HTML-escapes any value (text content and attribute values alike). */
export function escapeHtml(v: unknown): string {
  return String(v).replace(/[&<>"']/g, (c) => ESC[c]);
}

function pct(x: number): string {
  return `${(x * 100).toFixed(x > 0 && x < 0.01 ? 2 : 1)}%`;
}

function bars(bins: { label: string; count: number }[]): string {
  const max = Math.max(1, ...bins.map((b) => b.count));
  const w = 12;
  const h = 40;
  const parts = bins.map((b, i) => {
    const bh = Math.max(1, Math.round((b.count / max) * h));
    return `<rect x="${i * w}" y="${h - bh}" width="${w - 2}" height="${bh}"><title>${escapeHtml(b.label)}: ${b.count}</title></rect>`;
  });
  return `<svg class="chart" width="${bins.length * w}" height="${h}" viewBox="0 0 ${bins.length * w} ${h}" role="img" aria-label="distribution">${parts.join('')}</svg>`;
}

function chartOf(c: ColumnQuality): string {
  if (c.histogram && c.histogram.length > 1) return bars(c.histogram.map((b) => ({ label: `${b.from.toPrecision(4)} – ${b.to.toPrecision(4)}`, count: b.count })));
  if (c.topValues.length > 1) return bars(c.topValues.map((v) => ({ label: v.value, count: v.count })));
  return '';
}

/**
 * The report as one self-contained HTML page: inline CSS, inline SVG bar
 * charts, no script, every value escaped.
 */
export function renderQualityHtml(report: QualityReport, title = 'Data quality report'): string {
  const out: string[] = [];
  out.push(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>${escapeHtml(title)}</title>`);
  out.push('<style>body{font:13px system-ui,sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}th{background:#f3f3f3}.warn{color:#a40}.chart rect{fill:#4a7bd0}code{font-size:12px}</style></head><body>');
  out.push(`<h1>${escapeHtml(title)}</h1>`);
  if (report.files.length) {
    out.push('<h2>Files</h2><table><tr><th>File</th><th>Format</th><th>Rows</th><th>Bytes</th><th>Parse errors</th></tr>');
    for (const f of report.files) {
      const errs = f.errors.slice(0, 20).map((e) => `<div class="warn">${escapeHtml(`${e.line}:${e.column}`)} ${escapeHtml(e.message)}</div>`).join('');
      const more = f.errors.length > 20 ? `<div>… ${f.errors.length - 20} more</div>` : '';
      out.push(`<tr><td><code>${escapeHtml(f.path)}</code></td><td>${escapeHtml(f.format)}</td><td>${f.rows}</td><td>${f.bytes}</td><td>${f.errors.length}${errs}${more}</td></tr>`);
    }
    out.push('</table>');
  }
  for (const t of report.tables) {
    out.push(`<h2>${escapeHtml(t.table)}</h2><p>${t.rows} rows; ${t.duplicateRows} duplicate rows (of ${t.duplicatesChecked} checked)</p>`);
    out.push('<table><tr><th>Column</th><th>Type</th><th>Nulls</th><th>Distinct</th><th>Min</th><th>Max</th><th>Top values</th><th>Patterns</th><th>Issues</th><th>Distribution</th></tr>');
    for (const c of t.columns) {
      const issues: string[] = [];
      if (c.mixedTypes) issues.push(`mixed types: ${Object.entries(c.kinds).map(([k, n]) => `${k} ${n}`).join(', ')}`);
      if (c.invalidDates) issues.push(`${c.invalidDates} invalid dates`);
      if (c.outliers) issues.push(`outliers ${pct(c.outliers.rate)} outside [${c.outliers.low.toPrecision(4)}, ${c.outliers.high.toPrecision(4)}], e.g. ${c.outliers.examples.join(', ')}`);
      const top = c.topValues.slice(0, 5).map((v) => `<div><code>${escapeHtml(v.value)}</code> ×${v.count}</div>`).join('');
      const pats = c.patterns.slice(0, 3).map((p) => `<div><code>${escapeHtml(p.pattern)}</code> ${pct(p.share)}</div>`).join('');
      out.push(
        `<tr><td>${escapeHtml(c.name)}${c.unique ? ' <small>(unique)</small>' : ''}</td><td><code>${escapeHtml(c.type)}</code></td><td>${c.nulls} (${pct(c.nullRate)})</td><td>${c.distinctExact ? '' : '≈'}${c.distinct}</td><td>${escapeHtml(c.min ?? '')}</td><td>${escapeHtml(c.max ?? '')}</td><td>${top}</td><td>${pats}</td><td class="warn">${issues.map(escapeHtml).join('<br>')}</td><td>${chartOf(c)}</td></tr>`,
      );
    }
    out.push('</table>');
  }
  out.push('</body></html>');
  return out.join('\n');
}
