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
import type { Hazard, Phase, PlannedStatement, RenameCandidate } from './protocol.js';

/** What each phase is for, in the order phases run. */
export const PHASE_INFO: Record<Phase, { title: string; note: string }> = {
  pre: { title: 'Before the transaction', note: 'Steps that cannot run inside a transaction (enum values, session settings).' },
  'drop-fk': { title: 'Drop foreign keys', note: 'Foreign keys that would block the changes below; re-added at the end.' },
  drop: { title: 'Drop', note: 'Indexes, constraints, columns, tables and views that go away.' },
  rename: { title: 'Rename', note: 'Tables and columns renamed (clients using the old names break).' },
  create: { title: 'Create', note: 'New enums and tables.' },
  alter: { title: 'Alter', note: 'Column and key changes (SQLite: table rebuilds).' },
  index: { title: 'Indexes', note: 'New indexes.' },
  'add-fk': { title: 'Add foreign keys', note: 'Foreign keys, after the tables they reference exist.' },
  post: { title: 'After', note: 'Validation, comments, drops of types and checks.' },
};

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
  el.append(htmlEl('span', { class: 'code' }, h.code), htmlEl('span', { class: 'sev' }, `${h.severity}: `));
  if (h.dataLoss) el.append(htmlEl('span', { class: 'tag loss' }, 'data loss'), document.createTextNode(' '));
  el.append(htmlEl('span', { class: 'msg' }, h.message));
  if (h.aliases.length) el.append(htmlEl('span', { class: 'aliases', title: 'the same hazard in Atlas, squawk and pg-schema-diff' }, `also known as ${h.aliases.join(', ')}`));
  return el;
}

function statementEl(s: PlannedStatement, index: number): HTMLElement {
  const sev = worst(s.hazards);
  const el = htmlEl('div', { class: `stmt${sev ? ` sev-${sev}` : ''}`, 'data-index': String(index), 'data-phase': s.phase });
  const desc = htmlEl('div', { class: 'desc' });
  desc.append(htmlEl('span', { class: 'n' }, `${index + 1}.`), htmlEl('span', { class: 'text' }, s.description));
  if (s.irreversible) desc.append(htmlEl('span', { class: 'tag irrev', title: 'rollback cannot restore the data' }, 'irreversible'));
  if (s.manual) desc.append(htmlEl('span', { class: 'tag manual' }, 'manual step'));
  else if (!s.transactional) desc.append(htmlEl('span', { class: 'tag notx', title: 'runs outside the transaction' }, 'outside transaction'));
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
    section.append(htmlEl('h3', {}, `${PHASE_INFO[phase].title} (${group.length})`), htmlEl('p', { class: 'phase-note' }, PHASE_INFO[phase].note));
    for (const { s, i } of group) section.append(statementEl(s, i));
    root.append(section);
  }
  return root;
}

/** Counts per severity and data loss, as badges. */
export function summaryEl(statements: number, hazards: readonly Hazard[]): HTMLElement {
  const el = htmlEl('div', { class: 'summary' });
  el.append(htmlEl('span', { class: 'count' }, `${statements} statement${statements === 1 ? '' : 's'}`));
  for (const sev of ['error', 'warning', 'info'] as const) {
    const n = hazards.filter((h) => h.severity === sev).length;
    if (!n) continue;
    const c = htmlEl('span', { class: `count sev-${sev}` });
    const badge = htmlEl('vscode-badge', { variant: 'counter' }, String(n));
    const label = sev === 'error' ? 'dangerous' : sev === 'warning' ? (n === 1 ? 'warning' : 'warnings') : n === 1 ? 'note' : 'notes';
    c.append(badge, document.createTextNode(` ${label}`));
    el.append(c);
  }
  if (hazards.some((h) => h.dataLoss)) el.append(htmlEl('span', { class: 'tag loss' }, 'loses data'));
  return el;
}

/** The detected renames, each with its decision button. */
export function renamesEl(renames: readonly RenameCandidate[]): HTMLElement {
  const table = htmlEl('table', { class: 'renames' });
  renames.forEach((r, i) => {
    const tr = htmlEl('tr', { 'data-rename': String(i) });
    const what = r.kind === 'column' && r.table ? `${r.table}.${r.from} → ${r.table}.${r.to}` : `${r.from} → ${r.to}`;
    const state = r.accepted ? 'accepted' : 'rejected';
    const button = htmlEl('vscode-button', { secondary: '', 'data-rename-index': String(i), 'data-accept': r.accepted ? 'false' : 'true' }, r.accepted ? 'Reject rename' : 'Accept rename');
    tr.append(
      htmlEl('td', {}, r.kind),
      htmlEl('td', { class: 'what' }, what),
      htmlEl('td', {}, r.forced ? 'forced' : `${Math.round(r.confidence * 100)}% similar`),
      htmlEl('td', { class: `state-${state}` }, r.accepted ? 'renamed' : 'drop and add'),
      htmlEl('td', {}),
    );
    tr.lastElementChild!.append(button);
    table.append(tr);
  });
  return table;
}
