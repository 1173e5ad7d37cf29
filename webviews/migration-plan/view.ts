/**
 * Renders a migration plan into DOM: the summary of hazards, the rename
 * decisions, and the statements grouped by phase (forward plan or rollback)
 * with each hazard colour-coded and explained. Text only ever goes in
 * through `textContent` (htmlEl), so names in the plan cannot inject markup.
 * Pure rendering: events are wired by main.ts through `data-*` attributes.
 */
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { htmlEl } from '../shared/dom.js';
import { isSingular, l10n } from '../shared/l10n.js';
import type { Hazard, Phase, PlannedStatement, RenameCandidate } from './protocol.js';

/** What each phase is for (its heading with the statement count, and a note), in the page's language. */
export function phaseInfo(phase: Phase, count: number): { title: string; note: string } {
  switch (phase) {
    case 'pre':
      return { title: l10n.t('Before the transaction ({0})', count), note: l10n.t('Steps that cannot run inside a transaction (enum values, session settings).') };
    case 'drop-fk':
      return { title: l10n.t('Drop foreign keys ({0})', count), note: l10n.t('Foreign keys that would block the changes below; re-added at the end.') };
    case 'drop':
      return { title: l10n.t('Drop ({0})', count), note: l10n.t('Indexes, constraints, columns, tables and views that go away.') };
    case 'rename':
      return { title: l10n.t('Rename ({0})', count), note: l10n.t('Tables and columns renamed (clients using the old names break).') };
    case 'create':
      return { title: l10n.t('Create ({0})', count), note: l10n.t('New enums and tables.') };
    case 'alter':
      return { title: l10n.t('Alter ({0})', count), note: l10n.t('Column and key changes (SQLite: table rebuilds).') };
    case 'index':
      return { title: l10n.t('Indexes ({0})', count), note: l10n.t('New indexes.') };
    case 'add-fk':
      return { title: l10n.t('Add foreign keys ({0})', count), note: l10n.t('Foreign keys, after the tables they reference exist.') };
    case 'post':
      return { title: l10n.t('After ({0})', count), note: l10n.t('Validation, comments, drops of types and checks.') };
  }
}

/** A hazard's severity as shown before its message. */
function severityLabel(sev: Hazard['severity']): string {
  return sev === 'error' ? l10n.t('error: ') : sev === 'warning' ? l10n.t('warning: ') : l10n.t('info: ');
}

const ORDER: Phase[] = ['pre', 'drop-fk', 'drop', 'rename', 'create', 'alter', 'index', 'add-fk', 'post'];
const RANK = { error: 3, warning: 2, info: 1 } as const;

function worst(hazards: readonly Hazard[]): Hazard['severity'] | undefined {
  let w: Hazard['severity'] | undefined;
  for (const h of hazards) if (!w || RANK[h.severity] > RANK[w]) w = h.severity;
  return w;
}

/** One hazard, explained: code, severity, data loss, message, the other tools' names for it. */
export function hazardEl(h: Hazard): HTMLElement {
  const el = htmlEl('div', { class: `hazard sev-${h.severity}`, 'data-code': h.code, role: 'note' });
  el.append(htmlEl('span', { class: 'code' }, h.code), htmlEl('span', { class: 'sev' }, severityLabel(h.severity)));
  if (h.dataLoss) el.append(htmlEl('span', { class: 'tag loss' }, l10n.t('data loss')), document.createTextNode(' '));
  el.append(htmlEl('span', { class: 'msg' }, h.message));
  if (h.aliases.length) el.append(htmlEl('span', { class: 'aliases', title: l10n.t('the same hazard in Atlas, squawk and pg-schema-diff') }, l10n.t('also known as {0}', h.aliases.join(', '))));
  return el;
}

function statementEl(s: PlannedStatement, index: number): HTMLElement {
  const sev = worst(s.hazards);
  const el = htmlEl('div', { class: `stmt${sev ? ` sev-${sev}` : ''}`, 'data-index': String(index), 'data-phase': s.phase });
  const desc = htmlEl('div', { class: 'desc' });
  desc.append(htmlEl('span', { class: 'n' }, `${index + 1}.`), htmlEl('span', { class: 'text' }, s.description));
  if (s.irreversible) desc.append(htmlEl('span', { class: 'tag irrev', title: l10n.t('rollback cannot restore the data') }, l10n.t('irreversible')));
  if (s.manual) desc.append(htmlEl('span', { class: 'tag manual' }, l10n.t('manual step')));
  else if (!s.transactional) desc.append(htmlEl('span', { class: 'tag notx', title: l10n.t('runs outside the transaction') }, l10n.t('outside transaction')));
  el.append(desc, htmlEl('pre', { class: 'sql' }, `${s.sql}${s.manual ? '' : ';'}`));
  for (const h of s.hazards) el.append(hazardEl(h));
  return el;
}

/** The statements of a plan side grouped by phase, in run order. */
export function statementsEl(list: readonly PlannedStatement[], emptyText: string): HTMLElement {
  const root = htmlEl('div', { class: 'phases' });
  if (!list.length) {
    root.append(htmlEl('p', { class: 'empty' }, emptyText));
    return root;
  }
  const byPhase = new Map<Phase, { s: PlannedStatement; i: number }[]>();
  list.forEach((s, i) => {
    let group = byPhase.get(s.phase);
    if (!group) byPhase.set(s.phase, (group = []));
    group.push({ s, i });
  });
  for (const phase of ORDER) {
    const group = byPhase.get(phase);
    if (!group) continue;
    const section = htmlEl('section', { class: 'phase', 'data-phase': phase });
    const info = phaseInfo(phase, group.length);
    section.append(htmlEl('h3', {}, info.title), htmlEl('p', { class: 'phase-note' }, info.note));
    for (const { s, i } of group) section.append(statementEl(s, i));
    root.append(section);
  }
  return root;
}

/** Counts per severity and data loss, as badges. */
export function summaryEl(statements: number, hazards: readonly Hazard[]): HTMLElement {
  const el = htmlEl('div', { class: 'summary' });
  el.append(htmlEl('span', { class: 'count' }, isSingular(statements) ? l10n.t('{0} statement', statements) : l10n.t('{0} statements', statements)));
  for (const sev of ['error', 'warning', 'info'] as const) {
    const n = hazards.filter((h) => h.severity === sev).length;
    if (!n) continue;
    const c = htmlEl('span', { class: `count sev-${sev}` });
    const badge = htmlEl('vscode-badge', { variant: 'counter' }, String(n));
    const one = isSingular(n);
    const label = sev === 'error' ? l10n.t('dangerous') : sev === 'warning' ? (one ? l10n.t('warning') : l10n.t('warnings')) : one ? l10n.t('note') : l10n.t('notes');
    c.append(badge, document.createTextNode(` ${label}`));
    el.append(c);
  }
  if (hazards.some((h) => h.dataLoss)) el.append(htmlEl('span', { class: 'tag loss' }, l10n.t('loses data')));
  return el;
}

/** The detected renames, each with its decision button. */
export function renamesEl(renames: readonly RenameCandidate[]): HTMLElement {
  const table = htmlEl('table', { class: 'renames' });
  renames.forEach((r, i) => {
    const tr = htmlEl('tr', { 'data-rename': String(i) });
    const what = r.kind === 'column' && r.table ? `${r.table}.${r.from} → ${r.table}.${r.to}` : `${r.from} → ${r.to}`;
    const state = r.accepted ? 'accepted' : 'rejected';
    const button = htmlEl('vscode-button', { secondary: '', 'data-rename-index': String(i), 'data-accept': r.accepted ? 'false' : 'true' }, r.accepted ? l10n.t('Reject rename') : l10n.t('Accept rename'));
    tr.append(
      htmlEl('td', {}, r.kind === 'column' ? l10n.t('column') : l10n.t('table')),
      htmlEl('td', { class: 'what' }, what),
      htmlEl('td', {}, r.forced ? l10n.t('forced') : l10n.t('{0}% similar', Math.round(r.confidence * 100))),
      htmlEl('td', { class: `state-${state}` }, r.accepted ? l10n.t('renamed') : l10n.t('drop and add')),
      htmlEl('td', {}),
    );
    tr.lastElementChild!.append(button);
    table.append(tr);
  });
  return table;
}
