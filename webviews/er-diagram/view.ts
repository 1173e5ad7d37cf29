/**
 * The diagram itself: an SVG scene of tables, relationships, group frames and
 * sticky notes, with pan/zoom (wheel, pinch, keyboard), dragging, selection,
 * filtering and highlighting. Large schemas stay fast by shape: elements are
 * kept per table and reused across updates when the table did not change,
 * off-screen tables and edges are not displayed, and column rows are hidden
 * below a zoom level. Every name, type and note enters the DOM as text.
 */
import type { DiagramModel, DiagramRelationship, DiagramTable } from '../../server/src/engine/diagram/types.js';
import { svgEl } from '../shared/dom.js';
import { l10n } from '../shared/l10n.js';
import { type Box, HEAD_H, PAD, ROW_H, type TableMetrics, clip, edgePath, intersects, measureTable, unionBox } from './geometry.js';
import type { Point, Positions, WebviewMessage } from './protocol.js';

export interface View {
  x: number;
  y: number;
  k: number;
}

export type Filter = { kind: 'all' } | { kind: 'schema'; name: string } | { kind: 'group'; name: string };

interface TableView {
  t: DiagramTable;
  json: string;
  m: TableMetrics;
  el: SVGGElement;
  pos: Point;
  /** passes the filter and neighbourhood */
  shown: boolean;
  /** currently displayed (shown and on screen) */
  displayed: boolean;
  /** the column rows exist (see ensureColumns) */
  colsBuilt: boolean;
}

interface EdgeView {
  r: DiagramRelationship;
  path: SVGPathElement;
  hit?: SVGPathElement;
  displayed: boolean;
}

interface NoteView {
  key: string;
  el: SVGGElement;
  pos: Point;
  w: number;
  h: number;
}

interface GroupView {
  name: string;
  el: SVGGElement;
  rect: SVGRectElement;
  label: SVGTextElement;
  members: string[];
}

/** how far (screen pixels) the SVG reaches beyond the stage on each side */
const MARGIN = 500;
/** redraw this long after the view stopped moving */
const COMMIT_DELAY = 120;
const MIN_K = 0.02;
const MAX_K = 4;
const LOD_MID = 0.4;
const LOD_LOW = 0.15;
const NOTE_W = 240;
const NOTE_CHARS = 34;
const HEX6 = /^#[0-9a-fA-F]{6}$/;
const COLOR = /^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20})$/;

function markerEnd(many: boolean, optional: boolean): string {
  return `url(#mk-${many ? 'many' : 'one'}${optional ? '-opt' : ''})`;
}

/** Readable text on a custom header colour. */
function textOn(color: string): string {
  if (!HEX6.test(color)) return '#ffffff';
  const n = parseInt(color.slice(1), 16);
  const l = (0.299 * ((n >> 16) & 255) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255)) / 255;
  return l > 0.6 ? '#1f1f1f' : '#ffffff';
}

export class Diagram {
  readonly svg: SVGSVGElement;
  private readonly vp: SVGGElement;
  private readonly groupLayer: SVGGElement;
  private readonly edgeLayer: SVGGElement;
  private readonly tableLayer: SVGGElement;
  private readonly noteLayer: SVGGElement;
  private readonly rowHl: SVGRectElement;
  model: DiagramModel | undefined;
  readonly tables = new Map<string, TableView>();
  private edges: EdgeView[] = [];
  private edgesOf = new Map<string, EdgeView[]>();
  private edgeById = new Map<string, EdgeView>();
  private notes: NoteView[] = [];
  private groups: GroupView[] = [];
  view: View = { x: 0, y: 0, k: 1 };
  /** the user moved the view since the last fit */
  userMoved = false;
  selected: string | undefined;
  filter: Filter = { kind: 'all' };
  hops = 0;
  private lod = '';
  private frame = 0;
  private framePending = false;
  private readonly listeners: Array<() => void> = [];
  private stageSize = { width: 800, height: 600 };
  private svgSize = { width: 0, height: 0 };
  /** the view the SVG content is drawn at (the layer's CSS transform makes up the difference) */
  private committed: View = { x: 0, y: 0, k: 1 };
  private commitTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: HTMLElement,
    private readonly post: (m: WebviewMessage) => void,
    private readonly tooltip: HTMLElement,
  ) {
    this.svg = svgEl('svg', { id: 'canvas', class: 'er-root', role: 'img', 'aria-label': l10n.t('Entity relationship diagram') });
    this.svg.appendChild(this.defs());
    this.vp = svgEl('g', { id: 'viewport' });
    this.groupLayer = svgEl('g', { class: 'groups' });
    this.edgeLayer = svgEl('g', { class: 'edges' });
    this.tableLayer = svgEl('g', { class: 'tables' });
    this.noteLayer = svgEl('g', { class: 'notes' });
    this.rowHl = svgEl('rect', { class: 'row-hl', height: ROW_H, visibility: 'hidden' });
    this.vp.append(this.groupLayer, this.edgeLayer, this.tableLayer, this.noteLayer);
    this.svg.appendChild(this.vp);
    this.svg.style.left = `${-MARGIN}px`;
    this.svg.style.top = `${-MARGIN}px`;
    host.appendChild(this.svg);
    this.stageSize = { width: host.clientWidth || 800, height: host.clientHeight || 600 };
    new ResizeObserver((entries) => {
      const r = entries[entries.length - 1]!.contentRect;
      if (r.width > 0 && r.height > 0) this.stageSize = { width: r.width, height: r.height };
      this.setView(this.view);
    }).observe(host);
    this.bindInput();
  }

  /** Called after every change of view or content (minimap, saved state). */
  onChange(f: () => void): void {
    this.listeners.push(f);
  }

  private defs(): SVGDefsElement {
    const defs = svgEl('defs');
    // drawn for a line arriving from the left and ending at x=18
    const mk = (id: string, many: boolean, optional: boolean): void => {
      const m = svgEl('marker', { id, viewBox: '0 0 20 20', refX: 18, refY: 10, markerWidth: 20, markerHeight: 20, markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse' });
      if (many) m.appendChild(svgEl('path', { class: 'mk', d: 'M8,10L18,3M8,10L18,17M8,10H18' }));
      else m.appendChild(svgEl('path', { class: 'mk', d: 'M13,4V16' + (optional ? '' : 'M9,4V16') }));
      if (optional) m.appendChild(svgEl('circle', { class: 'mk-dot', cx: many ? 4 : 5, cy: 10, r: 3.5 }));
      else if (many) m.appendChild(svgEl('path', { class: 'mk', d: 'M6,4V16' }));
      defs.appendChild(m);
    };
    mk('mk-one', false, false);
    mk('mk-one-opt', false, true);
    mk('mk-many', true, false);
    mk('mk-many-opt', true, true);
    return defs;
  }

  // ---- content -------------------------------------------------------------

  /**
   * Show a model. Tables keep their element when unchanged and their position
   * when known; `positions` (saved by the user) win; tables with no position
   * get `fallback` positions. Returns the keys that had no position at all.
   */
  setModel(model: DiagramModel, positions: Positions | undefined, place: (missing: DiagramTable[], sizes: Map<string, TableMetrics>) => Positions): string[] {
    this.model = model;
    const old = new Map(this.tables);
    this.tables.clear();
    const frag = document.createDocumentFragment();
    const missing: DiagramTable[] = [];
    const sizes = new Map<string, TableMetrics>();
    for (const t of model.tables) {
      if (this.tables.has(t.key)) continue;
      const json = JSON.stringify(t);
      const prev = old.get(t.key);
      old.delete(t.key);
      let tv: TableView;
      if (prev && prev.json === json) {
        tv = prev;
      } else {
        const m = measureTable(t);
        const el = this.renderTable(t, m);
        if (prev) prev.el.replaceWith(el);
        else frag.appendChild(el);
        tv = { t, json, m, el, pos: prev?.pos ?? { x: 0, y: 0 }, shown: true, displayed: true, colsBuilt: false };
        if (!prev) tv.pos = { x: NaN, y: NaN };
      }
      const saved = positions?.[t.key];
      if (saved && Number.isFinite(saved.x) && Number.isFinite(saved.y)) tv.pos = { x: saved.x, y: saved.y };
      if (!Number.isFinite(tv.pos.x)) missing.push(t);
      sizes.set(t.key, tv.m);
      this.tables.set(t.key, tv);
    }
    for (const gone of old.values()) gone.el.remove();
    this.tableLayer.appendChild(frag);
    if (missing.length) {
      const placed = place(missing, sizes);
      for (const t of missing) this.tables.get(t.key)!.pos = placed[t.key] ?? { x: 0, y: 0 };
    }
    for (const tv of this.tables.values()) tv.el.setAttribute('transform', `translate(${tv.pos.x},${tv.pos.y})`);
    this.renderEdges(model);
    this.renderNotes(model, positions);
    this.renderGroups(model);
    this.applyFilter();
    if (this.selected && !this.tables.has(this.selected)) this.selected = undefined;
    return missing.map((t) => t.key);
  }

  /** Move tables (auto layout results); `only` limits which keys may move. */
  moveTables(positions: Positions, only?: Set<string>): void {
    for (const [k, p] of Object.entries(positions)) {
      const tv = this.tables.get(k);
      if (!tv || (only && !only.has(k))) continue;
      tv.pos = { x: p.x, y: p.y };
      tv.el.setAttribute('transform', `translate(${p.x},${p.y})`);
    }
    for (const e of this.edges) this.routeEdge(e);
    this.placeNotesBeside();
    this.layoutGroups();
    this.schedule();
  }

  positions(): Positions {
    const out: Positions = {};
    for (const [k, tv] of this.tables) out[k] = { x: tv.pos.x, y: tv.pos.y };
    return out;
  }

  private renderTable(t: DiagramTable, m: TableMetrics): SVGGElement {
    const g = svgEl('g', { class: 'table', 'data-key': t.key });
    g.appendChild(svgEl('rect', { class: 't-bg', width: m.w, height: m.h, rx: 5 }));
    const head = svgEl('rect', { class: 't-head', width: m.w, height: HEAD_H, rx: 5 });
    const title = svgEl('text', { class: 't-title', x: PAD, y: 20 }, clip(t.label));
    if (t.headerColor && COLOR.test(t.headerColor)) {
      head.style.fill = t.headerColor;
      title.style.fill = textOn(t.headerColor);
    }
    // a square strip under the rounded header keeps its bottom corners straight
    const square = svgEl('rect', { class: 't-head t-head-sq', width: m.w, height: 6, y: HEAD_H - 6 });
    if (head.style.fill) square.style.fill = head.style.fill;
    g.append(head, square, title);
    g.appendChild(svgEl('line', { class: 't-sep', x1: 0, x2: m.w, y1: HEAD_H, y2: HEAD_H }));
    return g;
  }

  /**
   * Column rows are built the first time a table is displayed at a zoom that
   * shows them: a 1,000-table schema paints with a fifth of the elements.
   */
  private ensureColumns(tv: TableView): void {
    if (tv.colsBuilt) return;
    tv.colsBuilt = true;
    const { t, m } = tv;
    const cols = svgEl('g', { class: 't-cols' });
    t.columns.forEach((c, i) => {
      const y = HEAD_H + i * ROW_H + 15;
      const badge = m.badges[i]!;
      if (badge) cols.appendChild(svgEl('text', { class: c.pk ? 'c-badge' : 'c-badge fk', x: PAD, y }, badge));
      cols.appendChild(svgEl('text', { class: `c-name${c.pk ? ' pk' : ''}${c.notNull ? '' : ' nullable'}`, x: m.nameX, y, 'data-col': c.name }, clip(c.name)));
      cols.appendChild(svgEl('text', { class: 'c-type', x: m.typeX, y, 'text-anchor': 'end' }, clip(c.type)));
    });
    tv.el.appendChild(cols);
  }

  /** Build every shown table's rows (before an export). */
  ensureAllColumns(): void {
    for (const tv of this.tables.values()) if (tv.shown) this.ensureColumns(tv);
  }

  private renderEdges(model: DiagramModel): void {
    this.edgeLayer.replaceChildren();
    this.edges = [];
    this.edgesOf.clear();
    this.edgeById.clear();
    const frag = document.createDocumentFragment();
    for (const r of model.relationships) {
      if (!this.tables.has(r.from.table) || !this.tables.has(r.to.table)) continue;
      const path = svgEl('path', {
        class: r.inferred ? 'edge inferred' : 'edge',
        'data-id': r.id,
        'marker-start': markerEnd(r.from.many, r.from.optional),
        'marker-end': markerEnd(r.to.many, r.to.optional),
      });
      if (r.color && COLOR.test(r.color)) path.style.stroke = r.color;
      const e: EdgeView = { r, path, displayed: true };
      frag.appendChild(path);
      if (r.inferred) {
        e.hit = svgEl('path', { class: 'edge-hit', 'data-id': r.id });
        frag.appendChild(e.hit);
      }
      this.edges.push(e);
      this.edgeById.set(r.id, e);
      for (const k of r.from.table === r.to.table ? [r.from.table] : [r.from.table, r.to.table]) {
        let list = this.edgesOf.get(k);
        if (!list) this.edgesOf.set(k, (list = []));
        list.push(e);
      }
      this.routeEdge(e);
    }
    this.edgeLayer.appendChild(frag);
  }

  private routeEdge(e: EdgeView): void {
    const f = this.tables.get(e.r.from.table)!;
    const t = this.tables.get(e.r.to.table)!;
    const d = edgePath(e.r, f.m, f.pos, t.m, t.pos);
    e.path.setAttribute('d', d);
    e.hit?.setAttribute('d', d);
  }


  private renderNotes(model: DiagramModel, positions: Positions | undefined): void {
    const old = new Map(this.notes.map((n) => [n.key, n.pos]));
    this.noteLayer.replaceChildren();
    this.notes = [];
    for (const n of model.notes) {
      const key = `note:${n.name}`;
      const lines: string[] = [];
      for (const raw of n.content.split(/\r?\n/)) {
        let rest = raw;
        do {
          lines.push(rest.slice(0, NOTE_CHARS));
          rest = rest.slice(NOTE_CHARS);
        } while (rest.length && lines.length < 16);
      }
      const shown = lines.slice(0, 16);
      const h = 34 + shown.length * 16 + 8;
      const el = svgEl('g', { class: 'note', 'data-note': key });
      el.appendChild(svgEl('rect', { class: 'n-bg', width: NOTE_W, height: h, rx: 2 }));
      el.appendChild(svgEl('text', { class: 'n-title', x: 10, y: 20 }, clip(n.name)));
      const text = svgEl('text', { class: 'n-text', x: 10, y: 24 });
      for (const line of shown) text.appendChild(svgEl('tspan', { x: 10, dy: 16 }, line));
      el.appendChild(text);
      const saved = positions?.[key] ?? old.get(key);
      const nv: NoteView = { key, el, pos: saved ? { x: saved.x, y: saved.y } : { x: NaN, y: NaN }, w: NOTE_W, h };
      this.notes.push(nv);
      this.noteLayer.appendChild(el);
    }
    this.placeNotesBeside();
  }

  /** Notes without a position stand in a column left of the tables. */
  private placeNotesBeside(): void {
    const box = unionBox(this.tableBoxes(false)) ?? { x: 0, y: 0, w: 0, h: 0 };
    let y = box.y;
    for (const n of this.notes) {
      if (!Number.isFinite(n.pos.x) || n.el.dataset.auto === '1') {
        n.pos = { x: box.x - NOTE_W - 80, y };
        n.el.dataset.auto = '1';
      }
      y += n.h + 30;
      n.el.setAttribute('transform', `translate(${n.pos.x},${n.pos.y})`);
    }
  }

  private renderGroups(model: DiagramModel): void {
    this.groupLayer.replaceChildren();
    this.groups = [];
    for (const g of model.groups) {
      const el = svgEl('g', { class: 'group', 'data-group': g.name });
      const rect = svgEl('rect', { class: 'g-frame', rx: 8 });
      const label = svgEl('text', { class: 'g-label' }, g.name);
      // frames are outlines: a translucent fill over a large area costs a full
      // repaint per frame wherever the SVG is not a composited layer
      if (COLOR.test(g.color)) {
        rect.style.stroke = g.color;
        label.style.fill = g.color;
      }
      el.append(rect, label);
      this.groupLayer.appendChild(el);
      this.groups.push({ name: g.name, el, rect, label, members: g.tables });
    }
    this.layoutGroups();
  }

  private layoutGroups(): void {
    for (const g of this.groups) {
      const boxes: Box[] = [];
      for (const k of g.members) {
        const tv = this.tables.get(k);
        if (tv && tv.shown) boxes.push({ x: tv.pos.x, y: tv.pos.y, w: tv.m.w, h: tv.m.h });
      }
      const b = unionBox(boxes);
      if (!b) {
        g.el.style.display = 'none';
        continue;
      }
      g.el.style.display = '';
      g.rect.setAttribute('x', String(b.x - 20));
      g.rect.setAttribute('y', String(b.y - 40));
      g.rect.setAttribute('width', String(b.w + 40));
      g.rect.setAttribute('height', String(b.h + 60));
      g.label.setAttribute('x', String(b.x - 8));
      g.label.setAttribute('y', String(b.y - 16));
    }
  }

  // ---- filter, neighbourhood, selection -------------------------------------

  setFilter(f: Filter): void {
    this.filter = f;
    this.applyFilter();
  }

  setHops(n: number): void {
    this.hops = n;
    this.applyFilter();
  }

  private applyFilter(): void {
    let near: Set<string> | undefined;
    if (this.hops > 0 && this.selected && this.tables.has(this.selected)) {
      near = new Set([this.selected]);
      let frontier = [this.selected];
      for (let h = 0; h < this.hops; h++) {
        const next: string[] = [];
        for (const k of frontier)
          for (const e of this.edgesOf.get(k) ?? [])
            for (const o of [e.r.from.table, e.r.to.table])
              if (!near.has(o)) {
                near.add(o);
                next.push(o);
              }
        frontier = next;
      }
    }
    const f = this.filter;
    for (const [k, tv] of this.tables) {
      tv.shown = (!near || near.has(k)) && (f.kind === 'all' || (f.kind === 'schema' ? tv.t.schema === f.name : tv.t.group === f.name));
    }
    this.layoutGroups();
    this.cull();
    this.schedule();
  }

  select(key: string | undefined, column?: string): void {
    if (this.selected) this.tables.get(this.selected)?.el.classList.remove('selected');
    this.selected = key && this.tables.has(key) ? key : undefined;
    this.rowHl.setAttribute('visibility', 'hidden');
    for (const e of this.edges) e.path.classList.remove('hl');
    if (!this.selected) return;
    const tv = this.tables.get(this.selected)!;
    tv.el.classList.add('selected');
    for (const e of this.edgesOf.get(this.selected) ?? []) e.path.classList.add('hl');
    const row = column === undefined ? undefined : tv.m.rows.get(column);
    if (row !== undefined) {
      this.rowHl.setAttribute('y', String(HEAD_H + row * ROW_H));
      this.rowHl.setAttribute('width', String(tv.m.w));
      tv.el.insertBefore(this.rowHl, tv.el.querySelector('.t-cols'));
      this.rowHl.setAttribute('visibility', 'visible');
    }
    if (this.hops > 0) this.applyFilter();
  }

  /** Centre a table in the view (zooming in to at least `minK`). */
  focus(key: string, minK = 0.8): void {
    const tv = this.tables.get(key);
    if (!tv) return;
    const { width, height } = this.size();
    const k = Math.max(this.view.k, minK);
    this.setView({ k, x: width / 2 - (tv.pos.x + tv.m.w / 2) * k, y: height / 2 - (tv.pos.y + Math.min(tv.m.h, height / k) / 2) * k });
  }

  /** Bring a table into view only when it is not visible already. */
  reveal(key: string): void {
    const tv = this.tables.get(key);
    if (!tv) return;
    const vis = this.worldView(0);
    if (!intersects(vis, { x: tv.pos.x, y: tv.pos.y, w: tv.m.w, h: Math.min(tv.m.h, 60) })) this.focus(key, this.view.k);
  }

  /** Find a table by label or name: exact, then prefix, then substring (case-insensitive). */
  find(query: string): string | undefined {
    const q = query.trim().toLowerCase();
    if (!q) return undefined;
    let prefix: string | undefined;
    let sub: string | undefined;
    for (const [k, tv] of this.tables) {
      const a = tv.t.label.toLowerCase();
      const b = tv.t.name.toLowerCase();
      if (a === q || b === q) return k;
      if (!prefix && (a.startsWith(q) || b.startsWith(q))) prefix = k;
      if (!sub && (a.includes(q) || b.includes(q))) sub = k;
    }
    return prefix ?? sub;
  }

  // ---- view ----------------------------------------------------------------

  /** The stage's size, kept by a ResizeObserver: reading clientWidth here would force a layout of the whole SVG. */
  size(): { width: number; height: number } {
    return this.stageSize;
  }

  /**
   * Move the view. Panning and zooming first move the SVG element as a
   * compositor layer (a CSS transform: no repaint, no layout), and the SVG
   * content is redrawn at the new view ("committed") only when the move
   * stops, or when the layer no longer covers the stage or is scaled too far.
   * The SVG is larger than the stage by MARGIN on every side for that.
   */
  setView(v: View): void {
    const k = Math.min(MAX_K, Math.max(MIN_K, v.k));
    this.view = { x: v.x, y: v.y, k };
    const c = this.committed;
    const s = k / c.k;
    const tx = v.x + MARGIN - s * (c.x + MARGIN);
    const ty = v.y + MARGIN - s * (c.y + MARGIN);
    const { width, height } = this.stageSize;
    const covers = -MARGIN + tx <= 0 && -MARGIN + ty <= 0 && -MARGIN + tx + s * (width + 2 * MARGIN) >= width && -MARGIN + ty + s * (height + 2 * MARGIN) >= height;
    if (!covers || s < 0.5 || s > 2 || this.svgSize.width !== width + 2 * MARGIN || this.svgSize.height !== height + 2 * MARGIN) {
      this.commit();
    } else {
      this.svg.style.transform = s === 1 ? `translate(${tx}px,${ty}px)` : `translate(${tx}px,${ty}px) scale(${s})`;
      clearTimeout(this.commitTimer);
      this.commitTimer = setTimeout(() => this.commit(), COMMIT_DELAY);
    }
    this.schedule();
  }

  /** Redraw the SVG content at the current view and drop the layer transform. */
  private commit(): void {
    clearTimeout(this.commitTimer);
    const { x, y, k } = this.view;
    const { width, height } = this.stageSize;
    if (this.svgSize.width !== width + 2 * MARGIN || this.svgSize.height !== height + 2 * MARGIN) {
      this.svgSize = { width: width + 2 * MARGIN, height: height + 2 * MARGIN };
      this.svg.style.width = `${this.svgSize.width}px`;
      this.svg.style.height = `${this.svgSize.height}px`;
    }
    this.committed = { x, y, k };
    this.vp.setAttribute('transform', `translate(${x + MARGIN},${y + MARGIN}) scale(${k})`);
    this.svg.style.transform = '';
    const lod = k < LOD_LOW ? 'lod-mid lod-low' : k < LOD_MID ? 'lod-mid' : '';
    if (lod !== this.lod) {
      this.svg.setAttribute('class', `er-root ${lod}`.trim());
      this.lod = lod;
    }
    this.cull();
  }

  zoomAt(factor: number, sx: number, sy: number): void {
    const k = Math.min(MAX_K, Math.max(MIN_K, this.view.k * factor));
    const f = k / this.view.k;
    this.setView({ k, x: sx - (sx - this.view.x) * f, y: sy - (sy - this.view.y) * f });
  }

  panBy(dx: number, dy: number): void {
    this.setView({ k: this.view.k, x: this.view.x + dx, y: this.view.y + dy });
  }

  /** Boxes of the tables that pass the filter (or all). */
  tableBoxes(shownOnly = true): Box[] {
    const out: Box[] = [];
    for (const tv of this.tables.values()) if (!shownOnly || tv.shown) out.push({ x: tv.pos.x, y: tv.pos.y, w: tv.m.w, h: tv.m.h });
    return out;
  }

  /** Everything drawn (tables, notes, group frames) in diagram coordinates. */
  contentBox(): Box | undefined {
    const boxes = this.tableBoxes();
    for (const n of this.notes) boxes.push({ x: n.pos.x, y: n.pos.y, w: n.w, h: n.h });
    const b = unionBox(boxes);
    return b && { x: b.x - 30, y: b.y - 50, w: b.w + 60, h: b.h + 80 };
  }

  fit(): void {
    const b = this.contentBox();
    if (!b) return;
    const { width, height } = this.size();
    const k = Math.min(1.2, Math.max(MIN_K, Math.min(width / b.w, height / b.h) * 0.95));
    this.setView({ k, x: (width - b.w * k) / 2 - b.x * k, y: (height - b.h * k) / 2 - b.y * k });
    this.userMoved = false;
  }

  /** The visible part of the diagram, in diagram coordinates, grown by `margin` screen pixels. */
  worldView(margin = MARGIN + 100): Box {
    const { width, height } = this.size();
    const { x, y, k } = this.view;
    return { x: (-x - margin) / k, y: (-y - margin) / k, w: (width + 2 * margin) / k, h: (height + 2 * margin) / k };
  }

  private schedule(): void {
    if (this.framePending) return;
    this.framePending = true;
    this.frame = requestAnimationFrame(() => {
      this.framePending = false;
      for (const f of this.listeners) f();
    });
  }

  /** Display only what is near the screen. */
  private cull(): void {
    const vis = this.worldView();
    const detailed = this.lod === '';
    for (const tv of this.tables.values()) {
      const d = tv.shown && intersects(vis, { x: tv.pos.x, y: tv.pos.y, w: tv.m.w, h: tv.m.h });
      if (d && detailed && !tv.colsBuilt) this.ensureColumns(tv);
      if (d !== tv.displayed) {
        tv.displayed = d;
        tv.el.style.display = d ? '' : 'none';
      }
    }
    // an edge is drawn when one of its tables is: edges passing through the
    // view between two far tables are left out (long strokes are costly to raster)
    for (const e of this.edges) {
      const f = this.tables.get(e.r.from.table)!;
      const t = this.tables.get(e.r.to.table)!;
      const d = f.shown && t.shown && (f.displayed || t.displayed);
      if (d !== e.displayed) {
        e.displayed = d;
        e.path.style.display = d ? '' : 'none';
        if (e.hit) e.hit.style.display = d ? '' : 'none';
      }
    }
  }

  /** Both ends of the relationship pass the filter. */
  edgeShown(id: string): boolean {
    const e = this.edgeById.get(id);
    return e !== undefined && this.tables.get(e.r.from.table)!.shown && this.tables.get(e.r.to.table)!.shown;
  }

  /** Figures for tests and the benchmark. */
  stats(): { tables: number; displayedTables: number; edges: number; displayedEdges: number } {
    let dt = 0;
    for (const tv of this.tables.values()) if (tv.displayed) dt++;
    let de = 0;
    for (const e of this.edges) if (e.displayed) de++;
    return { tables: this.tables.size, displayedTables: dt, edges: this.edges.length, displayedEdges: de };
  }

  noteViews(): ReadonlyArray<{ key: string; pos: Point; w: number; h: number }> {
    return this.notes;
  }

  dispose(): void {
    cancelAnimationFrame(this.frame);
    clearTimeout(this.commitTimer);
  }

  // ---- input ---------------------------------------------------------------

  private toWorld(clientX: number, clientY: number): Point {
    const r = this.host.getBoundingClientRect();
    return { x: (clientX - r.left - this.view.x) / this.view.k, y: (clientY - r.top - this.view.y) / this.view.k };
  }

  private bindInput(): void {
    const svg = this.svg;
    svg.addEventListener(
      'wheel',
      (ev) => {
        ev.preventDefault();
        const r = this.host.getBoundingClientRect();
        const scale = ev.deltaMode === 1 ? 16 : ev.deltaMode === 2 ? 400 : 1;
        if (ev.ctrlKey || ev.metaKey) this.zoomAt(Math.exp(-ev.deltaY * scale * 0.01), ev.clientX - r.left, ev.clientY - r.top);
        else this.panBy(-ev.deltaX * scale, -ev.deltaY * scale);
        this.userMoved = true;
      },
      { passive: false },
    );

    const pointers = new Map<number, { x: number; y: number }>();
    type Drag =
      | { kind: 'pan'; sx: number; sy: number; vx: number; vy: number }
      | { kind: 'pinch'; dist: number; k: number; cx: number; cy: number; vx: number; vy: number }
      | { kind: 'item'; key: string; el: SVGGElement; start: Point; orig: Point; moved: boolean; column?: string; target: Element };
    let drag: Drag | undefined;

    svg.addEventListener('pointerdown', (ev) => {
      if (ev.button !== 0 && ev.pointerType === 'mouse') return;
      pointers.set(ev.pointerId, { x: ev.clientX, y: ev.clientY });
      svg.setPointerCapture(ev.pointerId);
      this.tooltip.hidden = true;
      if (pointers.size === 2) {
        const [a, b] = [...pointers.values()] as [Point, Point];
        const r = this.host.getBoundingClientRect();
        drag = { kind: 'pinch', dist: Math.hypot(a.x - b.x, a.y - b.y) || 1, k: this.view.k, cx: (a.x + b.x) / 2 - r.left, cy: (a.y + b.y) / 2 - r.top, vx: this.view.x, vy: this.view.y };
        return;
      }
      const target = ev.target as Element;
      const item = target.closest('.table, .note') as SVGGElement | null;
      if (item) {
        const key = item.dataset.key ?? item.dataset.note!;
        const orig = this.itemPos(key);
        if (!orig) return;
        const col = target.closest('[data-col]') as SVGElement | null;
        drag = { kind: 'item', key, el: item, start: this.toWorld(ev.clientX, ev.clientY), orig: { ...orig }, moved: false, target };
        const column = col?.dataset.col ?? this.columnAt(key, ev.clientX, ev.clientY);
        if (column !== undefined) drag.column = column;
      } else {
        drag = { kind: 'pan', sx: ev.clientX, sy: ev.clientY, vx: this.view.x, vy: this.view.y };
        svg.classList.add('panning');
      }
    });

    svg.addEventListener('pointermove', (ev) => {
      if (pointers.has(ev.pointerId)) pointers.set(ev.pointerId, { x: ev.clientX, y: ev.clientY });
      if (!drag) {
        this.hover(ev);
        return;
      }
      if (drag.kind === 'pan') {
        this.setView({ k: this.view.k, x: drag.vx + ev.clientX - drag.sx, y: drag.vy + ev.clientY - drag.sy });
        this.userMoved = true;
      } else if (drag.kind === 'pinch' && pointers.size >= 2) {
        const [a, b] = [...pointers.values()] as [Point, Point];
        const k = Math.min(MAX_K, Math.max(MIN_K, (drag.k * Math.hypot(a.x - b.x, a.y - b.y)) / drag.dist));
        const f = k / drag.k;
        this.setView({ k, x: drag.cx - (drag.cx - drag.vx) * f, y: drag.cy - (drag.cy - drag.vy) * f });
        this.userMoved = true;
      } else if (drag.kind === 'item') {
        const p = this.toWorld(ev.clientX, ev.clientY);
        const dx = p.x - drag.start.x;
        const dy = p.y - drag.start.y;
        if (!drag.moved && Math.hypot(dx, dy) * this.view.k < 4) return;
        drag.moved = true;
        drag.el.classList.add('dragging');
        this.moveItem(drag.key, { x: Math.round(drag.orig.x + dx), y: Math.round(drag.orig.y + dy) });
      }
    });

    const end = (ev: PointerEvent): void => {
      pointers.delete(ev.pointerId);
      svg.classList.remove('panning');
      const d = drag;
      if (pointers.size === 0) drag = undefined;
      if (!d || d.kind !== 'item' || ev.type === 'pointercancel') return;
      d.el.classList.remove('dragging');
      if (d.moved) {
        const p = this.itemPos(d.key)!;
        this.post({ type: 'positions', positions: { [d.key]: { x: p.x, y: p.y } } });
        for (const f of this.listeners) f();
        return;
      }
      this.click(d.key, d.column);
    };
    svg.addEventListener('pointerup', end);
    svg.addEventListener('pointercancel', end);
    svg.addEventListener('pointerleave', () => {
      this.tooltip.hidden = true;
    });
  }

  private itemPos(key: string): Point | undefined {
    return this.tables.get(key)?.pos ?? this.notes.find((n) => n.key === key)?.pos;
  }

  private moveItem(key: string, p: Point): void {
    const tv = this.tables.get(key);
    if (tv) {
      tv.pos = p;
      tv.el.setAttribute('transform', `translate(${p.x},${p.y})`);
      for (const e of this.edgesOf.get(key) ?? []) this.routeEdge(e);
      this.layoutGroups();
      return;
    }
    const n = this.notes.find((x) => x.key === key);
    if (n) {
      n.pos = p;
      delete n.el.dataset.auto;
      n.el.setAttribute('transform', `translate(${p.x},${p.y})`);
    }
  }

  /** The column under a point of a table, from the row geometry (rows have no elements of their own). */
  private columnAt(key: string, clientX: number, clientY: number): string | undefined {
    const tv = this.tables.get(key);
    if (!tv || this.lod) return undefined;
    const p = this.toWorld(clientX, clientY);
    const row = Math.floor((p.y - tv.pos.y - HEAD_H) / ROW_H);
    return row >= 0 && row < tv.t.columns.length ? tv.t.columns[row]!.name : undefined;
  }

  private click(key: string, column: string | undefined): void {
    const tv = this.tables.get(key);
    if (!tv) {
      return;
    }
    this.select(key, column);
    const src = column === undefined ? tv.t.source : tv.t.columns.find((c) => c.name === column)?.source ?? tv.t.source;
    if (src) this.post({ type: 'reveal', uri: src.uri, span: { start: src.span.start, end: src.span.end } });
  }

  private hover(ev: PointerEvent): void {
    const target = ev.target as Element;
    let text: string | undefined;
    const edgeEl = target.closest('.edge-hit, .edge') as SVGPathElement | null;
    if (edgeEl) {
      const id = edgeEl.dataset.id;
      const e = id === undefined ? undefined : this.edgeById.get(id);
      if (e) text = this.edgeText(e.r);
    } else {
      const table = target.closest('.table') as SVGGElement | null;
      if (table) {
        const tv = this.tables.get(table.dataset.key!);
        const col = target.closest('[data-col]') as SVGElement | null;
        const c = col ? tv?.t.columns.find((x) => x.name === col.dataset.col) : undefined;
        if (c) text = `${c.name}: ${c.type}${c.note ? `\n${c.note}` : ''}`;
        else if (tv && target.classList.contains('t-title')) text = `${tv.t.label}${tv.t.note ? `\n${tv.t.note}` : ''}`;
      }
    }
    if (text === undefined) {
      this.tooltip.hidden = true;
      return;
    }
    this.tooltip.textContent = text;
    this.tooltip.hidden = false;
    const r = this.host.getBoundingClientRect();
    this.tooltip.style.left = `${Math.min(ev.clientX - r.left + 14, r.width - 300)}px`;
    this.tooltip.style.top = `${ev.clientY - r.top + 14}px`;
  }

  private edgeText(r: DiagramRelationship): string {
    const side = (e: DiagramRelationship['from']): string => `${this.tables.get(e.table)?.t.label ?? e.table}(${e.columns.join(', ')})`;
    const head = `${side(r.from)} → ${side(r.to)}  ${r.cardinality}${r.name ? `  ${r.name}` : ''}`;
    if (!r.inferred) return head;
    const title = r.confidence === undefined ? l10n.t('Inferred') : l10n.t('Inferred · confidence {0}%', Math.round(r.confidence * 100));
    return `${title}\n${head}${(r.evidence ?? []).map((e) => `\n• ${e}`).join('')}`;
  }
}
