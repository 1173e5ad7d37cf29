/**
 * The chat webview's entry (bundled to dist/webviews/chat.js): a question
 * box, the conversation with streamed answers rendered as safe markdown, a
 * Stop button, code blocks with Copy / Insert at cursor / Open as migration
 * plan / Run in… (each only posts a message: nothing runs from here; "Run
 * in…" asks the host, which confirms with the user, and its rows come back
 * as a table under the block), the engine's diagnostics under each SQL
 * block, relationship suggestions, a proposed schema change with its plan
 * summary and hazards, and the model and token usage. Never evaluates or
 * fetches anything an answer contains.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import { adoptStyles, htmlEl } from '../shared/dom.js';
import { isSingular, l10n } from '../shared/l10n.js';
import { vscodeApi } from '../shared/vscode.js';
import { renderMarkdown, type Fence } from './markdown.js';
import type { ChatBlock, ChatChange, ChatEntry, ChatHostMessage, ChatRows, ChatWebviewMessage } from './protocol.js';
import { PAGE_CSS } from './styles.js';

interface SavedState {
  draft?: string;
}

interface TextArea extends HTMLElement {
  value: string;
}

const api = vscodeApi<ChatWebviewMessage, SavedState>();
const post = (m: ChatWebviewMessage): void => api.postMessage(m);

adoptStyles(PAGE_CSS);
const header = htmlEl('div', { id: 'header' });
const modelLabel = htmlEl('span', { id: 'model' }, l10n.t('No model yet'));
const usageLabel = htmlEl('span', { id: 'usage' });
const clearBtn = htmlEl('vscode-button', { id: 'clear', secondary: '', title: l10n.t('Clear the conversation') }, l10n.t('Clear'));
header.append(modelLabel, htmlEl('span', { class: 'grow' }), usageLabel, clearBtn);
const log = htmlEl('div', { id: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': l10n.t('Conversation') });
const empty = htmlEl('div', { id: 'empty' }, l10n.t('Ask about your schema: "which tables hold customer PII?", "write the query for monthly revenue per plan".'));
log.append(empty);
const composer = htmlEl('div', { id: 'composer' });
const input = htmlEl('vscode-textarea' as 'textarea', { id: 'question', placeholder: l10n.t('Ask about the schema (Enter to send, Shift+Enter for a new line)'), 'aria-label': l10n.t('Question'), rows: '2', resize: 'vertical' }) as unknown as TextArea;
const buttons = htmlEl('div', { class: 'buttons' });
const sendBtn = htmlEl('vscode-button', { id: 'send' }, l10n.t('Send'));
const stopBtn = htmlEl('vscode-button', { id: 'stop', secondary: '' }, l10n.t('Stop'));
stopBtn.hidden = true;
buttons.append(sendBtn, stopBtn);
composer.append(input, buttons);
document.body.append(header, log, composer);

/** Live state of the turn being streamed. */
interface Live {
  id: string;
  turn: HTMLElement;
  answerEl: HTMLElement;
  notes: HTMLElement;
  text: string;
  attempt: number;
  frame: number;
}

let live: Live | undefined;
const entries = new Map<string, ChatEntry>();
/** code of each rendered fence, by element */
const fenceCode = new WeakMap<HTMLElement, string>();
let totalTokens = 0;
/** result area of each "Run in…" waiting for its rows, by run id */
const runs = new Map<string, HTMLElement>();
let runSeq = 0;

function setBusy(busy: boolean): void {
  sendBtn.toggleAttribute('disabled', busy);
  stopBtn.hidden = !busy;
}

function scrollToEnd(): void {
  log.scrollTop = log.scrollHeight;
}

function codeBar(fence: Fence): HTMLElement {
  const bar = htmlEl('div', { class: 'code-bar' });
  bar.append(htmlEl('span', { class: 'lang' }, fence.lang || l10n.t('code')));
  bar.append(htmlEl('vscode-button', { secondary: '', 'data-action': 'copy', title: l10n.t('Copy to the clipboard') }, l10n.t('Copy')));
  bar.append(htmlEl('vscode-button', { secondary: '', 'data-action': 'insert', title: l10n.t('Insert at the cursor of the active editor') }, l10n.t('Insert at cursor')));
  if (isSql(fence)) {
    bar.append(htmlEl('vscode-button', { secondary: '', 'data-action': 'openMigrationPlan', title: l10n.t('Review as a migration plan (nothing runs by itself)') }, l10n.t('Open as migration plan')));
    bar.append(htmlEl('vscode-button', { secondary: '', 'data-action': 'runSql', title: l10n.t('Pick a connection and confirm: the statement runs only after that') }, l10n.t('Run in…')));
  }
  return bar;
}

const SQL_LANGS = new Set(['sql', 'pgsql', 'postgresql', 'postgres', 'plpgsql', 'psql', 'mysql', 'mariadb', 'sqlite', 'tsql', 'mssql', 'plsql']);
function isSql(f: Fence): boolean {
  return SQL_LANGS.has(f.lang) || (f.lang === '' && /^\s*(select|with|insert|update|delete|create|alter|drop|truncate)\b/i.test(f.code));
}

function diagnosticsList(block: ChatBlock): HTMLElement {
  const ul = htmlEl('ul', { class: 'diags' });
  if (block.diagnostics.length === 0) {
    ul.append(htmlEl('li', { class: 'ok' }, `\u2713 ${l10n.t('Checked against the schema')}`));
    return ul;
  }
  for (const d of block.diagnostics) {
    const at = block.sql.slice(d.span.start, d.span.end);
    ul.append(htmlEl('li', { class: d.severity }, `${d.severity === 'error' ? '\u2716' : '\u26A0'} ${d.code}: ${d.message}${at && !d.message.includes(at) ? ` (${at})` : ''}`));
  }
  return ul;
}

/** Renders an answer's markdown into `el`, decorating code blocks; with `entry`, adds the checks. */
function renderAnswer(el: HTMLElement, text: string, entry?: ChatEntry): void {
  const { html, fences } = renderMarkdown(text);
  // markup produced by markdown-it with html disabled: every character of the answer is escaped
  el.innerHTML = html;
  const used = new Set<number>();
  for (const box of el.querySelectorAll<HTMLElement>('.code[data-fence]')) {
    const fence = fences[Number(box.dataset.fence)];
    if (!fence) continue;
    fenceCode.set(box, fence.code);
    box.prepend(codeBar(fence));
    if (!entry || !isSql(fence)) continue;
    const i = entry.blocks.findIndex((b, k) => !used.has(k) && b.sql.trimEnd() === fence.code.trimEnd());
    if (i < 0) continue;
    used.add(i);
    box.append(diagnosticsList(entry.blocks[i]));
  }
}

function severityIcon(severity: string): string {
  return severity === 'error' ? '\u2716' : severity === 'warning' ? '\u26A0' : '\u2139';
}

/** "Migration plan (postgres): 2 statements, 1 hazard. …": one whole sentence per plural case. */
function planSize(dialect: string, statements: number, hazards: number): string {
  if (isSingular(statements)) {
    if (!hazards) return l10n.t('Migration plan ({0}): {1} statement, no hazards. Nothing has been applied.', dialect, statements);
    return isSingular(hazards)
      ? l10n.t('Migration plan ({0}): {1} statement, {2} hazard. Nothing has been applied.', dialect, statements, hazards)
      : l10n.t('Migration plan ({0}): {1} statement, {2} hazards. Nothing has been applied.', dialect, statements, hazards);
  }
  if (!hazards) return l10n.t('Migration plan ({0}): {1} statements, no hazards. Nothing has been applied.', dialect, statements);
  return isSingular(hazards)
    ? l10n.t('Migration plan ({0}): {1} statements, {2} hazard. Nothing has been applied.', dialect, statements, hazards)
    : l10n.t('Migration plan ({0}): {1} statements, {2} hazards. Nothing has been applied.', dialect, statements, hazards);
}

/** What a "Run in…" did ("shop: 2+ rows (read-only) in 12 ms — more rows not shown"), one message per case. */
function runStatus(r: ChatRows): string {
  const n = r.rows.length;
  const what =
    r.kind === 'read'
      ? r.truncated
        ? l10n.t('{0}+ rows (read-only)', n)
        : isSingular(n)
          ? l10n.t('{0} row (read-only)', n)
          : l10n.t('{0} rows (read-only)', n)
      : r.columns.length
        ? isSingular(n)
          ? l10n.t('written; {0} row returned', n)
          : l10n.t('written; {0} rows returned', n)
        : l10n.t('written');
  const where = r.connection ?? '';
  if (r.ms !== undefined) return r.truncated ? l10n.t('{0}: {1} in {2} ms — more rows not shown', where, what, r.ms) : l10n.t('{0}: {1} in {2} ms', where, what, r.ms);
  return r.truncated ? l10n.t('{0}: {1} — more rows not shown', where, what) : `${where}: ${what}`;
}

/** A proposed schema change: what it does, the plan's size and hazards, and the way to the plan view. */
function changeBox(entry: ChatEntry, c: ChatChange): HTMLElement {
  const box = htmlEl('div', { class: 'change' });
  box.append(htmlEl('div', { class: 'change-title' }, c.summary ? l10n.t('Proposed schema change: {0}', c.summary) : l10n.t('Proposed schema change')));
  const ops = htmlEl('ul', { class: 'ops' });
  for (const d of c.descriptions) ops.append(htmlEl('li', {}, d));
  box.append(ops);
  box.append(htmlEl('div', { class: 'plan-size' }, planSize(c.dialect, c.statements, c.hazards.length)));
  if (c.hazards.length) {
    const hz = htmlEl('ul', { class: 'hazards' });
    for (const h of c.hazards) hz.append(htmlEl('li', { class: h.severity }, h.dataLoss ? l10n.t('{0} {1} (data loss): {2}', severityIcon(h.severity), h.code, h.message) : `${severityIcon(h.severity)} ${h.code}: ${h.message}`));
    box.append(hz);
  }
  const details = htmlEl('details', { class: 'plan-sql' });
  details.append(htmlEl('summary', {}, l10n.t('Planned SQL')), htmlEl('pre', {}, c.sql));
  box.append(details);
  const buttons = htmlEl('div', { class: 'change-buttons' });
  buttons.append(
    htmlEl('vscode-button', { 'data-action': 'openChange', 'data-entry': entry.id, title: l10n.t('Review, rename, save as a migration file') }, l10n.t('Open as migration plan')),
    htmlEl('vscode-button', { secondary: '', 'data-action': 'applyChange', 'data-entry': entry.id, title: l10n.t('Edit the schema files; VS Code shows every edit for review first') }, l10n.t('Apply to schema file')),
  );
  box.append(buttons);
  return box;
}

/** The outcome of a "Run in…": a table of rows, what was written, or why nothing ran. */
function showRows(el: HTMLElement, r: ChatRows): void {
  el.classList.remove('pending');
  el.replaceChildren();
  if (r.error !== undefined) {
    el.append(htmlEl('div', { class: r.cancelled ? 'run-status' : 'run-status error' }, r.cancelled ? l10n.t('Not run: {0}', r.error) : r.connection ? `${r.connection}: ${r.error}` : r.error));
    return;
  }
  el.append(htmlEl('div', { class: 'run-status' }, runStatus(r)));
  if (!r.columns.length) return;
  const wrap = htmlEl('div', { class: 'rows' });
  const table = htmlEl('table', {});
  const head = htmlEl('tr', {});
  for (const c of r.columns) head.append(htmlEl('th', {}, c));
  const thead = htmlEl('thead', {});
  thead.append(head);
  table.append(thead);
  const body = htmlEl('tbody', {});
  for (const row of r.rows) {
    const tr = htmlEl('tr', {});
    for (const cell of row) tr.append(cell === null ? htmlEl('td', { class: 'null' }, 'NULL') : htmlEl('td', {}, cell));
    body.append(tr);
  }
  table.append(body);
  wrap.append(table);
  el.append(wrap);
}

function newTurn(id: string, question: string): Live {
  empty.remove();
  const turn = htmlEl('div', { class: 'turn', 'data-id': id });
  const q = htmlEl('div', { class: 'question' }, question);
  const answerEl = htmlEl('div', { class: 'answer' });
  const notes = htmlEl('div', { class: 'notes' });
  turn.append(q, answerEl, notes);
  log.append(turn);
  return { id, turn, answerEl, notes, text: '', attempt: 0, frame: 0 };
}

function finishTurn(turn: HTMLElement, answerEl: HTMLElement, notes: HTMLElement, entry: ChatEntry): void {
  turn.classList.remove('streaming');
  renderAnswer(answerEl, entry.answer, entry);
  notes.replaceChildren();
  if (entry.attempts > 1) notes.append(htmlEl('div', { class: 'notice' }, l10n.t('The first answer used names the schema does not have; it was sent back once with the errors. This is the corrected answer.')));
  for (const s of entry.suggestions) {
    const index = entry.suggestions.indexOf(s);
    const box = htmlEl('div', { class: 'suggestion' });
    box.append(htmlEl('div', {}, l10n.t('Suggested relationship {0} → {1} ({2}, confidence {3}%)', `${s.from.table}.${s.from.columns.join(', ')}`, `${s.to.table}.${s.to.columns.join(', ')}`, s.cardinality, Math.round(s.confidence * 100))));
    const ev = htmlEl('ul', { class: 'evidence' });
    for (const e of s.evidence) ev.append(htmlEl('li', {}, `${e.weight >= 0 ? '+' : ''}${e.weight} ${e.signal}: ${e.detail}`));
    box.append(ev, htmlEl('vscode-button', { secondary: '', 'data-action': 'declare', 'data-entry': entry.id, 'data-index': String(index) }, l10n.t('Declare this relationship')));
    notes.append(box);
  }
  if (entry.change) notes.append(changeBox(entry, entry.change));
  for (const n of entry.notices) notes.append(htmlEl('div', { class: 'notice' }, n));
  if (entry.stopped) notes.append(htmlEl('div', { class: 'notice' }, l10n.t('Stopped.')));
  if (entry.error) notes.append(htmlEl('div', { class: 'notice error' }, entry.error));
  const meta: string[] = [];
  if (entry.model) meta.push(`${entry.provider ? `${entry.provider} \u00b7 ` : ''}${entry.model}`);
  if (entry.usage) meta.push(l10n.t('{0} tokens ({1} in, {2} out)', entry.usage.totalTokens, entry.usage.promptTokens, entry.usage.completionTokens));
  if (meta.length) notes.append(htmlEl('div', { class: 'meta' }, meta.join(' \u00b7 ')));
}

function addEntry(entry: ChatEntry): void {
  entries.set(entry.id, entry);
  const t = newTurn(entry.id, entry.question);
  finishTurn(t.turn, t.answerEl, t.notes, entry);
  if (entry.usage) totalTokens += entry.usage.totalTokens;
}

function showUsage(): void {
  usageLabel.textContent = totalTokens ? l10n.t('{0} tokens this session', totalTokens) : '';
}

/** Re-renders the streaming answer at most once per frame. */
function scheduleRender(l: Live): void {
  if (l.frame) return;
  l.frame = requestAnimationFrame(() => {
    l.frame = 0;
    renderAnswer(l.answerEl, l.text);
    scrollToEnd();
  });
}

function onHost(m: ChatHostMessage): void {
  switch (m.type) {
    case 'init':
      for (const el of log.querySelectorAll('.turn')) el.remove();
      entries.clear();
      totalTokens = 0;
      for (const e of m.history) addEntry(e);
      if (m.history.length === 0) log.append(empty);
      if (m.model) modelLabel.textContent = m.model;
      showUsage();
      setBusy(m.busy);
      scrollToEnd();
      break;
    case 'start':
      live = newTurn(m.id, m.question);
      live.turn.classList.add('streaming');
      setBusy(true);
      scrollToEnd();
      break;
    case 'model':
      modelLabel.textContent = `${m.provider} \u00b7 ${m.model}`;
      break;
    case 'delta':
      if (!live || live.id !== m.id) return;
      if (m.attempt !== live.attempt) {
        live.attempt = m.attempt;
        live.text = '';
      }
      live.text += m.text;
      scheduleRender(live);
      break;
    case 'retry':
      if (!live || live.id !== m.id) return;
      live.notes.replaceChildren(htmlEl('div', { class: 'notice' }, l10n.t('Checking the SQL against the schema found problems; asking the model to correct them…')));
      break;
    case 'done': {
      const l = live && live.id === m.entry.id ? live : newTurn(m.entry.id, m.entry.question);
      if (l.frame) cancelAnimationFrame(l.frame);
      entries.set(m.entry.id, m.entry);
      finishTurn(l.turn, l.answerEl, l.notes, m.entry);
      if (m.entry.usage) totalTokens += m.entry.usage.totalTokens;
      showUsage();
      live = undefined;
      setBusy(false);
      scrollToEnd();
      break;
    }
    case 'notice':
      log.append(htmlEl('div', { class: 'notice' }, m.message));
      scrollToEnd();
      break;
    case 'rows': {
      const el = runs.get(m.result.runId);
      if (!el) return;
      runs.delete(m.result.runId);
      showRows(el, m.result);
      scrollToEnd();
      break;
    }
    case 'cleared':
      runs.clear();
      for (const el of log.querySelectorAll('.turn, .notice')) el.remove();
      entries.clear();
      totalTokens = 0;
      showUsage();
      log.append(empty);
      break;
  }
}

function send(): void {
  const question = input.value.trim();
  if (!question || live) return;
  post({ type: 'ask', question });
  input.value = '';
  api.setState({ draft: '' });
}

sendBtn.addEventListener('click', send);
stopBtn.addEventListener('click', () => post({ type: 'stop' }));
clearBtn.addEventListener('click', () => post({ type: 'clear' }));
input.addEventListener('keydown', (e: KeyboardEvent) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    send();
  }
});
input.addEventListener('input', () => api.setState({ draft: input.value }));
log.addEventListener('click', (e) => {
  const target = (e.target as HTMLElement | null)?.closest<HTMLElement>('[data-action]');
  if (!target) return;
  const action = target.dataset.action;
  if (action === 'declare') {
    post({ type: 'declareRelationship', entryId: target.dataset.entry ?? '', index: Number(target.dataset.index) });
    return;
  }
  if (action === 'openChange' || action === 'applyChange') {
    post({ type: action === 'openChange' ? 'openChangePlan' : 'applyChangeToFile', entryId: target.dataset.entry ?? '' });
    return;
  }
  const box = target.closest<HTMLElement>('.code');
  const code = box ? fenceCode.get(box) : undefined;
  if (code === undefined) return;
  if (action === 'copy' || action === 'insert' || action === 'openMigrationPlan') post({ type: action, code });
  else if (action === 'runSql' && box) {
    const runId = `run-${++runSeq}`;
    let result = box.querySelector<HTMLElement>(':scope > .run-result');
    if (!result) {
      result = htmlEl('div', { class: 'run-result' });
      box.append(result);
    }
    result.classList.add('pending');
    result.replaceChildren(htmlEl('div', { class: 'run-status' }, l10n.t('Choose a connection and confirm in VS Code…')));
    runs.set(runId, result);
    post({ type: 'runSql', code, runId });
  }
});
window.addEventListener('message', (e: MessageEvent<ChatHostMessage>) => {
  if (e.data && typeof e.data === 'object' && typeof e.data.type === 'string') onHost(e.data);
});

const draft = api.getState()?.draft;
if (draft) input.value = draft;
post({ type: 'ready' });
