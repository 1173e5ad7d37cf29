/**
 * The ER diagram webview's entry (bundled to dist/webviews/er-diagram.js):
 * builds the page, answers the host's `schema` and `highlight` messages,
 * runs auto layout (at once on a shelf, then ELK in a worker), and posts
 * `ready`, `positions`, `reveal`, `export` and `error` messages back.
 */
import { adoptStyles, htmlEl } from '../shared/dom.js';
import { isSingular, l10n } from '../shared/l10n.js';
import { vscodeApi } from '../shared/vscode.js';
import { exportMermaid, exportPng, exportSvg } from './export.js';
import { unionBox } from './geometry.js';
import { ElkLayout, shelfLayout, type Sized } from './layout.js';
import { Minimap } from './minimap.js';
import type { DiagramModel, HostMessage, Positions, WebviewMessage } from './protocol.js';
import { PAGE_CSS } from './styles.js';
import { Toolbar, type ToolbarActions } from './toolbar.js';
import { Diagram, type View } from './view.js';

interface SavedState {
  view?: View;
}

const api = vscodeApi<WebviewMessage, SavedState>();
const post = (m: WebviewMessage): void => api.postMessage(m);

adoptStyles(PAGE_CSS);
const toolbarEl = htmlEl('div', { id: 'toolbar', role: 'toolbar', 'aria-label': l10n.t('Diagram tools') });
const stage = htmlEl('div', { id: 'stage', tabindex: '0' });
const tooltip = htmlEl('div', { id: 'tooltip', role: 'tooltip' });
tooltip.hidden = true;
const status = htmlEl('div', { id: 'status' });
const empty = htmlEl('div', { id: 'empty' }, l10n.t('Waiting for the schema…'));
const minimapEl = htmlEl('canvas', { id: 'minimap', 'aria-label': l10n.t('Minimap') });
document.body.append(toolbarEl, stage);

const diagram = new Diagram(stage, post, tooltip);
stage.append(minimapEl, tooltip, status, empty);
const minimap = new Minimap(minimapEl, diagram);
const elk = new ElkLayout(document.body.dataset.layoutWorker);
let generation = 0;
let firstModel = true;
/** tables whose position the user or the sidecar decided: auto layout leaves them alone */
const pinned = new Set<string>();

diagram.onChange(() => {
  minimap.draw();
  api.setState({ view: diagram.view });
});

function fail(err: unknown): void {
  post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
}

function sizesOf(): Map<string, Sized> {
  const out = new Map<string, Sized>();
  for (const [key, tv] of diagram.tables) out.set(key, { key, w: tv.m.w, h: tv.m.h });
  return out;
}

function setStatus(extra = ''): void {
  const m = diagram.model;
  if (!m) {
    status.textContent = '';
    return;
  }
  const t = m.tables.length;
  const r = m.relationships.length;
  const parts = [isSingular(t) ? l10n.t('{0} table', t) : l10n.t('{0} tables', t), isSingular(r) ? l10n.t('{0} relationship', r) : l10n.t('{0} relationships', r)];
  if (extra) parts.push(extra);
  status.textContent = parts.join(' · ');
}

/** ELK over every table not pinned; applied only if nothing changed meanwhile. */
async function autoLayout(all: boolean): Promise<void> {
  const model = diagram.model;
  if (!model || model.tables.length === 0) return;
  const gen = generation;
  setStatus(l10n.t('laying out…'));
  // the layout takes seconds on big schemas: a view the user (or the host) set meanwhile is kept
  const viewBefore = JSON.stringify(diagram.view);
  try {
    const positions = await elk.layout(model, sizesOf());
    if (!positions || gen !== generation) return;
    const movable = new Set(model.tables.map((t) => t.key).filter((k) => all || !pinned.has(k)));
    if (all) pinned.clear();
    diagram.moveTables(positions, movable);
    if (!diagram.userMoved && JSON.stringify(diagram.view) === viewBefore) diagram.fit();
  } catch (err) {
    fail(err);
  } finally {
    if (gen === generation) setStatus();
  }
}

/**
 * ELK over the tables shown only (a neighbourhood, a schema, a group): the
 * result is placed where those tables were (same top-left corner), the
 * others do not move, and the new positions are saved like dragged ones.
 */
async function layoutShown(): Promise<void> {
  const model = diagram.model;
  if (!model) return;
  const keys = new Set([...diagram.tables].filter(([, tv]) => tv.shown).map(([k]) => k));
  if (!keys.size) return;
  if (keys.size === model.tables.length) return void actions.layout();
  const gen = generation;
  const sub: DiagramModel = {
    ...model,
    tables: model.tables.filter((t) => keys.has(t.key)),
    relationships: model.relationships.filter((r) => keys.has(r.from.table) && keys.has(r.to.table)),
    groups: [],
  };
  const sizes = new Map([...sizesOf()].filter(([k]) => keys.has(k)));
  const current = diagram.positions();
  let x0 = Infinity;
  let y0 = Infinity;
  for (const k of keys) {
    const p = current[k];
    if (p) {
      x0 = Math.min(x0, p.x);
      y0 = Math.min(y0, p.y);
    }
  }
  setStatus(l10n.t('laying out…'));
  try {
    const laid = await elk.layout(sub, sizes);
    if (!laid || gen !== generation) return;
    let lx = Infinity;
    let ly = Infinity;
    for (const p of Object.values(laid)) {
      lx = Math.min(lx, p.x);
      ly = Math.min(ly, p.y);
    }
    const moved: Positions = {};
    for (const [k, p] of Object.entries(laid)) moved[k] = { x: p.x - lx + (Number.isFinite(x0) ? x0 : 0), y: p.y - ly + (Number.isFinite(y0) ? y0 : 0) };
    diagram.moveTables(moved, keys);
    for (const k of keys) pinned.add(k);
    post({ type: 'positions', positions: moved });
  } catch (err) {
    fail(err);
  } finally {
    if (gen === generation) setStatus();
  }
}

let pendingSchema: (HostMessage & { type: 'schema' }) | undefined;

/**
 * The toolbar's selects read layout when their options change: refill them
 * first and build the diagram a task later, so that read happens before the
 * SVG is dirty (otherwise it forces a layout of every table).
 */
function receiveSchema(m: HostMessage & { type: 'schema' }): void {
  const first = pendingSchema === undefined;
  pendingSchema = m;
  if (!first) return;
  if (!toolbar.setModel(m.model)) {
    pendingSchema = undefined;
    onSchema(m);
    return;
  }
  setTimeout(() => {
    const latest = pendingSchema!;
    pendingSchema = undefined;
    try {
      toolbar.setModel(latest.model);
      onSchema(latest);
    } catch (err) {
      fail(err);
    }
  }, 0);
}

function onSchema(msg: HostMessage & { type: 'schema' }): void {
  generation++;
  const saved = msg.positions ?? {};
  for (const k of Object.keys(saved)) pinned.add(k);
  const before = unionBox(diagram.tableBoxes(false));
  const wasFirst = firstModel;
  const missing = diagram.setModel(msg.model, saved, (tables, sizes) => {
    const sub = { ...msg.model, tables, groups: msg.model.groups };
    const s = new Map<string, Sized>();
    for (const t of tables) s.set(t.key, { key: t.key, w: sizes.get(t.key)!.w, h: sizes.get(t.key)!.h });
    // new tables of a shown diagram go below what is there; a new diagram starts at 0,0
    return shelfLayout(sub, s, before ? { x: before.x, y: before.y + before.h + 120 } : { x: 0, y: 0 });
  });
  firstModel = false;
  empty.hidden = msg.model.tables.length > 0;
  empty.textContent = l10n.t('No tables in this schema.');
  setStatus();
  const restored = wasFirst ? api.getState()?.view : undefined;
  if (msg.keepViewport && !wasFirst) diagram.setView(diagram.view);
  else if (restored && msg.keepViewport) diagram.setView(restored);
  else diagram.fit();
  requestAnimationFrame(() => {
    performance.mark(`er:painted:${generation}`);
    document.body.dataset.painted = String(generation);
  });
  if (wasFirst && missing.length > 0) void autoLayout(false);
}

const actions: ToolbarActions = {
  find(q) {
    const key = diagram.find(q);
    if (!key) return;
    diagram.select(key);
    diagram.focus(key);
    diagram.userMoved = true;
  },
  filter(f) {
    diagram.setFilter(f);
    diagram.fit();
  },
  hops(n) {
    diagram.setHops(n);
    if (n > 0) diagram.fit();
  },
  fit: () => diagram.fit(),
  layout() {
    post({ type: 'positions', positions: {}, reset: true });
    diagram.userMoved = false;
    void autoLayout(true);
  },
  export(what) {
    const scope = what.endsWith('-view') ? 'view' : 'all';
    if (what === 'mermaid') post({ type: 'export', format: 'mermaid', data: exportMermaid(diagram) });
    else if (what.startsWith('svg')) post({ type: 'export', format: 'svg', data: exportSvg(diagram, scope).svg });
    else exportPng(diagram, scope).then((data) => post({ type: 'export', format: 'png', data }), fail);
  },
  layoutShown: () => void layoutShown(),
};
const toolbar = new Toolbar(toolbarEl, actions);

window.addEventListener('message', (ev: MessageEvent) => {
  const msg = ev.data as HostMessage | null;
  if (!msg || typeof msg !== 'object') return;
  try {
    if (msg.type === 'schema' && msg.model && Array.isArray(msg.model.tables)) receiveSchema(msg);
    else if (msg.type === 'highlight' && typeof msg.tableKey === 'string') {
      const apply = (): void => {
        diagram.select(msg.tableKey, msg.column);
        diagram.reveal(msg.tableKey);
      };
      // after a schema that is still being received
      if (pendingSchema) setTimeout(apply, 0);
      else apply();
    }
  } catch (err) {
    fail(err);
  }
});

document.addEventListener('keydown', (ev) => {
  const t = ev.target as HTMLElement | null;
  if (t && (t.tagName === 'INPUT' || t.tagName.startsWith('VSCODE-'))) return;
  const { width, height } = diagram.size();
  const step = ev.shiftKey ? 200 : 60;
  const handled: Record<string, () => void> = {
    ArrowLeft: () => diagram.panBy(step, 0),
    ArrowRight: () => diagram.panBy(-step, 0),
    ArrowUp: () => diagram.panBy(0, step),
    ArrowDown: () => diagram.panBy(0, -step),
    '+': () => diagram.zoomAt(1.2, width / 2, height / 2),
    '=': () => diagram.zoomAt(1.2, width / 2, height / 2),
    '-': () => diagram.zoomAt(1 / 1.2, width / 2, height / 2),
    '0': () => diagram.fit(),
    f: () => diagram.fit(),
    Escape: () => diagram.select(undefined),
  };
  const f = handled[ev.key];
  if (!f || ev.ctrlKey || ev.metaKey || ev.altKey) return;
  ev.preventDefault();
  f();
  if (ev.key !== 'Escape' && ev.key !== '0' && ev.key !== 'f') diagram.userMoved = true;
});

new ResizeObserver(() => minimap.draw()).observe(stage);
// VS Code swaps the body's theme class (vscode-light, vscode-dark, ...) when the theme changes
new MutationObserver(() => minimap.themeChanged()).observe(document.body, { attributes: true, attributeFilter: ['class'] });

/** A handle for tests and the benchmark (read figures, drive the view). */
(window as unknown as { __erDiagram: unknown }).__erDiagram = {
  stats: () => diagram.stats(),
  view: () => ({ ...diagram.view }),
  setView: (v: View) => diagram.setView(v),
  panBy: (dx: number, dy: number) => diagram.panBy(dx, dy),
  positions: (): Positions => diagram.positions(),
  fit: () => diagram.fit(),
};

post({ type: 'ready' });
