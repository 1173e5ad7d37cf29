/**
 * The migration plan webview: shows the plan the host sends (statements by
 * phase with their hazards, the rollback in its own tab, the rename
 * decisions) and posts the user's choices back (rename accept/reject, copy,
 * save, apply); during an apply it shows the host's progress and result.
 * Never applies or saves anything itself; every text goes in as textContent.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import { adoptStyles, htmlEl } from '../shared/dom.js';
import { l10n } from '../shared/l10n.js';
import { vscodeApi } from '../shared/vscode.js';
import type { PlanHostMessage, PlanMessage, PlanWebviewMessage } from './protocol.js';
import { CSS } from './styles.js';
import { hazardEl, renamesEl, statementsEl, summaryEl } from './view.js';

interface State {
  tab: number;
}

const api = vscodeApi<PlanWebviewMessage, State>();
let current: PlanMessage | undefined;
let applying = false;
let tab = api.getState()?.tab ?? 0;

adoptStyles(CSS);
const root = htmlEl('main', { id: 'root' });
const status = htmlEl('div', { class: 'status', id: 'status', role: 'status', 'aria-live': 'polite' });
document.body.append(root);

function post(m: PlanWebviewMessage): void {
  api.postMessage(m);
}

function button(id: string, label: string, secondary: boolean, disabled = false): HTMLElement {
  const b = htmlEl('vscode-button', { id });
  if (secondary) b.setAttribute('secondary', '');
  if (disabled) b.setAttribute('disabled', '');
  b.textContent = label;
  return b;
}

function render(m: PlanMessage): void {
  const { plan } = m;
  root.replaceChildren();
  root.append(htmlEl('h1', { id: 'title' }, m.title));
  root.append(htmlEl('div', { class: 'sub', id: 'from-to' }, `${m.from} → ${m.to} · ${plan.dialect}`));
  root.append(summaryEl(plan.statements.length, plan.hazards));

  const bar = htmlEl('div', { class: 'toolbar', role: 'toolbar', 'aria-label': l10n.t('Migration plan actions') });
  const empty = plan.statements.length === 0;
  bar.append(
    button('copy', l10n.t('Copy SQL'), true, empty),
    button('save', l10n.t('Save as migration file'), true, empty),
    button('apply', l10n.t('Apply…'), false, empty || applying),
  );
  root.append(bar, status);

  if (plan.hazards.length) {
    const all = htmlEl('section', { id: 'hazards' });
    all.append(htmlEl('h2', {}, l10n.t('Hazards')));
    for (const h of plan.hazards) all.append(hazardEl(h));
    root.append(all);
  }

  if (plan.renames.length) {
    const r = htmlEl('section', { id: 'renames' });
    r.append(htmlEl('h2', {}, l10n.t('Renames')), htmlEl('p', { class: 'phase-note' }, l10n.t('A rename keeps the data; rejecting it drops the old and adds the new (data loss).')), renamesEl(plan.renames));
    root.append(r);
  }

  // vscode-tabs assigns its own ids to headers and panels: ours are data attributes
  const tabs = htmlEl('vscode-tabs', { id: 'tabs', 'selected-index': String(tab) });
  const upHead = htmlEl('vscode-tab-header', { slot: 'header', 'data-tab': 'up' }, l10n.t('Migration ({0})', plan.statements.length));
  const downHead = htmlEl('vscode-tab-header', { slot: 'header', 'data-tab': 'down' }, l10n.t('Rollback ({0})', plan.rollback.length));
  const upPanel = htmlEl('vscode-tab-panel', { 'data-panel': 'up' });
  upPanel.append(statementsEl(plan.statements, l10n.t('The schemas are the same: nothing to migrate.')));
  const downPanel = htmlEl('vscode-tab-panel', { 'data-panel': 'down' });
  if (plan.rollbackHazards.some((h) => h.dataLoss)) {
    downPanel.append(htmlEl('p', { class: 'phase-note', id: 'rollback-loss' }, l10n.t('Some rollback steps restore the structure only: the data the migration removed cannot come back (marked irreversible).')));
  }
  downPanel.append(statementsEl(plan.rollback, l10n.t('Nothing to roll back.')));
  tabs.append(upHead, upPanel, downHead, downPanel);
  // the select event does not bubble: listen on the element
  tabs.addEventListener('vsc-tabs-select', (e) => {
    tab = (e as CustomEvent<{ selectedIndex: number }>).detail.selectedIndex;
    api.setState({ tab });
  });
  root.append(tabs);
}

function showProgress(done: number, total: number, statement: string): void {
  status.replaceChildren();
  const bar = htmlEl('vscode-progress-bar', { id: 'progress', max: String(Math.max(total, 1)), value: String(done), 'aria-label': l10n.t('applying the migration') });
  status.append(htmlEl('div', { id: 'progress-text' }, l10n.t('Applying: {0} of {1} statements done', done, total)), bar);
  if (statement) status.append(htmlEl('div', { class: 'stmt-now', id: 'progress-statement' }, statement));
}

function showResult(ok: boolean, error: string | undefined): void {
  status.replaceChildren(ok ? htmlEl('div', { class: 'ok', id: 'result' }, l10n.t('Applied.')) : htmlEl('div', { class: 'err', id: 'result' }, l10n.t('Not applied: {0}', error ?? l10n.t('failed'))));
}

function setApplyEnabled(on: boolean): void {
  const b = document.getElementById('apply');
  if (!b) return;
  if (on && current?.plan.statements.length) b.removeAttribute('disabled');
  else b.setAttribute('disabled', '');
}

root.addEventListener('click', (e) => {
  const target = (e.target as HTMLElement).closest('vscode-button');
  if (!target || target.hasAttribute('disabled') || !current) return;
  if (target.id === 'copy') post({ type: 'copy', which: tab === 1 ? 'down' : 'up' });
  else if (target.id === 'save') post({ type: 'save' });
  else if (target.id === 'apply') {
    applying = true;
    setApplyEnabled(false);
    status.replaceChildren(htmlEl('div', { id: 'progress-text' }, l10n.t('Waiting for confirmation…')));
    post({ type: 'apply' });
  } else if (target.dataset.renameIndex !== undefined) {
    const r = current.plan.renames[Number(target.dataset.renameIndex)];
    if (!r) return;
    for (const b of root.querySelectorAll('[data-rename-index]')) b.setAttribute('disabled', '');
    const m: PlanWebviewMessage = { type: 'rename', kind: r.kind, from: r.from, to: r.to, accept: target.dataset.accept === 'true' };
    if (r.table !== undefined) m.table = r.table;
    post(m);
  }
});

window.addEventListener('message', (e: MessageEvent<PlanHostMessage>) => {
  const m = e.data;
  if (!m || typeof m !== 'object') return;
  switch (m.type) {
    case 'plan':
      current = m;
      render(m);
      break;
    case 'progress':
      applying = true;
      setApplyEnabled(false);
      showProgress(m.done, m.total, m.statement);
      break;
    case 'result':
      applying = false;
      showResult(m.ok, m.error);
      setApplyEnabled(true);
      break;
    case 'saved':
      status.replaceChildren(htmlEl('div', { class: 'ok', id: 'saved' }, l10n.t('Saved {0}', m.path)));
      break;
  }
});

post({ type: 'ready' });
