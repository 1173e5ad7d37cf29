/**
 * The data-quality report webview (bundled to dist/webviews/data-report.js):
 * renders the host's `report` message as one section per file and table, a
 * row per column with its figures and a small distribution chart (numeric
 * bins or top values) drawn in SVG, and the PII findings per column. Every
 * value goes in as text (`textContent`/attributes), never as markup. Posts
 * `ready` once listening and `export` from the toolbar buttons.
 */
import { adoptStyles, htmlEl, svgEl } from '../shared/dom.js';
import { isSingular, l10n } from '../shared/l10n.js';
import { vscodeApi } from '../shared/vscode.js';
import type { HostMessage, PiiFinding, QualityReport, WebviewMessage } from './protocol.js';

type ColumnQuality = QualityReport['tables'][number]['columns'][number];

const api = vscodeApi<WebviewMessage, unknown>();

adoptStyles(`
body { font: 13px var(--vscode-font-family, system-ui); color: var(--vscode-foreground); padding: 0 1em 2em; }
table { border-collapse: collapse; margin: .4em 0 1.4em; }
th, td { border: 1px solid var(--vscode-panel-border, #8884); padding: 2px 6px; text-align: left; vertical-align: top; }
th { font-weight: 600; }
.warn { color: var(--vscode-editorWarning-foreground, #b60); }
.pii { color: var(--vscode-errorForeground, #c33); }
.chart rect { fill: var(--vscode-charts-blue, #4a7bd0); }
#toolbar { position: sticky; top: 0; padding: .5em 0; background: var(--vscode-editor-background); }
button { margin-right: .5em; }
code { font-family: var(--vscode-editor-font-family, monospace); }
`);

const toolbar = htmlEl('div', { id: 'toolbar', role: 'toolbar', 'aria-label': l10n.t('Export the report') });
for (const format of ['json', 'html'] as const) {
  const b = htmlEl('button', { type: 'button' }, format === 'json' ? l10n.t('Export JSON') : l10n.t('Export HTML'));
  b.addEventListener('click', () => api.postMessage({ type: 'export', format }));
  toolbar.append(b);
}
const content = htmlEl('div', { id: 'content' }, l10n.t('Waiting for the report…'));
document.body.append(toolbar, content);

function pct(x: number): string {
  return `${(x * 100).toFixed(x > 0 && x < 0.01 ? 2 : 1)}%`;
}

/** A bar chart of counts; each bar's label is its tooltip. */
function chart(bins: { label: string; count: number }[]): SVGSVGElement {
  const w = 10;
  const h = 36;
  const max = Math.max(1, ...bins.map((b) => b.count));
  const svg = svgEl('svg', { class: 'chart', width: bins.length * w, height: h, role: 'img', 'aria-label': l10n.t('distribution') });
  bins.forEach((b, i) => {
    const bh = Math.max(1, Math.round((b.count / max) * h));
    const rect = svgEl('rect', { x: i * w, y: h - bh, width: w - 2, height: bh });
    rect.append(svgEl('title', {}, `${b.label}: ${b.count}`));
    svg.append(rect);
  });
  return svg;
}

function chartOf(c: ColumnQuality): Node {
  if (c.histogram && c.histogram.length > 1) return chart(c.histogram.map((b) => ({ label: `${b.from.toPrecision(4)} – ${b.to.toPrecision(4)}`, count: b.count })));
  if (c.topValues.length > 1) return chart(c.topValues.map((v) => ({ label: v.value, count: v.count })));
  return document.createTextNode('');
}

function cell(...children: (Node | string)[]): HTMLTableCellElement {
  const td = htmlEl('td');
  td.append(...children);
  return td;
}

function lines(items: string[], cls?: string): HTMLDivElement {
  const div = htmlEl('div', cls ? { class: cls } : {});
  for (const s of items) div.append(htmlEl('div', {}, s));
  return div;
}

function render(title: string, report: QualityReport, pii: PiiFinding[]): void {
  const piiBy = new Map(pii.map((p) => [`${p.table}\u0000${p.column}`, p]));
  const out = htmlEl('div');
  out.append(htmlEl('h1', {}, title));
  if (report.files.length) {
    out.append(htmlEl('h2', {}, l10n.t('Files')));
    const t = htmlEl('table');
    const head = htmlEl('tr');
    for (const h of [l10n.t('File'), l10n.t('Format'), l10n.t('Rows'), l10n.t('Bytes'), l10n.t('Parse errors')]) head.append(htmlEl('th', {}, h));
    t.append(head);
    for (const f of report.files) {
      const tr = htmlEl('tr');
      tr.append(cell(htmlEl('code', {}, f.path)), cell(f.format), cell(String(f.rows)), cell(String(f.bytes)), cell(String(f.errors.length), lines(f.errors.slice(0, 20).map((e) => `${e.line}:${e.column} ${e.message}`), 'warn')));
      t.append(tr);
    }
    out.append(t);
  }
  for (const tq of report.tables) {
    out.append(htmlEl('h2', {}, tq.table), htmlEl('p', {}, l10n.t('Rows: {0} · duplicate rows: {1} (of {2} checked)', tq.rows, tq.duplicateRows, tq.duplicatesChecked)));
    const t = htmlEl('table');
    const head = htmlEl('tr');
    for (const h of [l10n.t('Column'), l10n.t('Type'), l10n.t('Nulls'), l10n.t('Distinct'), l10n.t('Min'), l10n.t('Max'), l10n.t('Top values'), l10n.t('Patterns'), l10n.t('Issues'), l10n.t('Distribution')]) head.append(htmlEl('th', {}, h));
    t.append(head);
    for (const c of tq.columns) {
      const issues: string[] = [];
      if (c.mixedTypes) issues.push(l10n.t('mixed types: {0}', Object.entries(c.kinds).map(([k, n]) => `${k} ${n}`).join(', ')));
      if (c.invalidDates) issues.push(isSingular(c.invalidDates) ? l10n.t('{0} invalid date', c.invalidDates) : l10n.t('{0} invalid dates', c.invalidDates));
      if (c.outliers) issues.push(l10n.t('outliers {0}, e.g. {1}', pct(c.outliers.rate), c.outliers.examples.join(', ')));
      const p = piiBy.get(`${tq.table}\u0000${c.name}`);
      const name = cell(c.unique ? l10n.t('{0} (unique)', c.name) : c.name);
      if (p) name.append(htmlEl('div', { class: 'pii', title: p.evidence.join('; ') }, l10n.t('PII: {0} ({1}, {2})', p.kind.replace('_', ' '), p.category, p.confidence)));
      const tr = htmlEl('tr');
      tr.append(
        name,
        cell(htmlEl('code', {}, c.type)),
        cell(`${c.nulls} (${pct(c.nullRate)})`),
        cell(`${c.distinctExact ? '' : '≈'}${c.distinct}`),
        cell(c.min ?? ''),
        cell(c.max ?? ''),
        cell(lines(c.topValues.slice(0, 5).map((v) => `${v.value} ×${v.count}`))),
        cell(lines(c.patterns.slice(0, 3).map((x) => `${x.pattern} ${pct(x.share)}`))),
        cell(lines(issues, 'warn')),
        cell(chartOf(c)),
      );
      t.append(tr);
    }
    out.append(t);
  }
  content.replaceChildren(out);
}

window.addEventListener('message', (e: MessageEvent<HostMessage>) => {
  const m = e.data;
  if (m && m.type === 'report') render(m.title, m.report, m.pii);
});
api.postMessage({ type: 'ready' });
