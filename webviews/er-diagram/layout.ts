/**
 * Automatic layout. `shelfLayout` places tables at once (groups together,
 * related tables next to each other) so the first paint never waits;
 * `ElkLayout` runs ELK's layered algorithm in a Web Worker started from a
 * Blob URL (CSP `worker-src blob:`) and its result replaces the provisional
 * positions of the tables the user has not placed.
 */
import * as elkApi from 'elkjs/lib/elk-api.js';
import type { ELK, ELKConstructorArguments, ElkNode, ElkExtendedEdge } from 'elkjs/lib/elk-api.js';

// elk-api is a UMD/CommonJS module: its constructor is the default export or the module itself.
const ElkConstructor = ((elkApi as unknown as { default?: unknown }).default ?? elkApi) as new (args?: ELKConstructorArguments) => ELK;
import type { DiagramModel } from '../../server/src/engine/diagram/types.js';
import type { Point, Positions } from './protocol.js';

export interface Sized {
  key: string;
  w: number;
  h: number;
}

const GAP_X = 60;
const HIERARCHY_LIMIT = 250;
const GAP_Y = 50;

/** Order: by group, then breadth-first over relationships, so neighbours land on the same shelf. */
function order(model: DiagramModel): string[] {
  const adj = new Map<string, string[]>();
  for (const t of model.tables) adj.set(t.key, []);
  for (const r of model.relationships) {
    adj.get(r.from.table)?.push(r.to.table);
    adj.get(r.to.table)?.push(r.from.table);
  }
  const groupOfKey = new Map<string, string>();
  for (const t of model.tables) groupOfKey.set(t.key, t.group ?? '');
  const groupRank = new Map<string, number>();
  model.groups.forEach((g, i) => groupRank.set(g.name, i));
  const tables = [...model.tables].sort((a, b) => (groupRank.get(a.group ?? '') ?? 1e9) - (groupRank.get(b.group ?? '') ?? 1e9));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of tables) {
    if (seen.has(t.key)) continue;
    seen.add(t.key);
    const queue = [t.key];
    for (let qi = 0; qi < queue.length; qi++) {
      const k = queue[qi]!;
      out.push(k);
      for (const n of adj.get(k) ?? []) {
        if (seen.has(n)) continue;
        // stay inside the group while walking
        if (groupOfKey.get(n) !== (t.group ?? '')) continue;
        seen.add(n);
        queue.push(n);
      }
    }
  }
  return out;
}

/** Rows of tables about as wide as the layout is tall. */
export function shelfLayout(model: DiagramModel, sizes: Map<string, Sized>, origin: Point = { x: 0, y: 0 }): Positions {
  const keys = order(model);
  let area = 0;
  for (const k of keys) {
    const s = sizes.get(k)!;
    area += (s.w + GAP_X) * (s.h + GAP_Y);
  }
  const width = Math.max(800, Math.sqrt(area) * 1.4);
  const out: Positions = {};
  let x = 0;
  let y = 0;
  let rowH = 0;
  for (const k of keys) {
    const s = sizes.get(k)!;
    if (x > 0 && x + s.w > width) {
      x = 0;
      y += rowH + GAP_Y;
      rowH = 0;
    }
    out[k] = { x: origin.x + x, y: origin.y + y };
    x += s.w + GAP_X;
    rowH = Math.max(rowH, s.h);
  }
  return out;
}

const ELK_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.spacing.nodeNode': '40',
  'elk.layered.spacing.nodeNodeBetweenLayers': '90',
  'elk.spacing.componentComponent': '80',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.cycleBreaking.strategy': 'GREEDY',
  'elk.separateConnectedComponents': 'true',
  'elk.aspectRatio': '1.6',
  'elk.padding': '[top=40,left=20,bottom=20,right=20]',
};

/** ELK in a worker; `layout` resolves to absolute positions of every table it was given. */
export class ElkLayout {
  private elk: ELK | undefined;
  private failed = false;

  constructor(private readonly workerScriptUrl: string | undefined) {}

  private async instance(): Promise<ELK | undefined> {
    if (this.elk || this.failed) return this.elk;
    if (!this.workerScriptUrl) {
      this.failed = true;
      return undefined;
    }
    // A webview cannot start a worker from its resource origin: fetch the
    // script and start it from a Blob URL instead.
    const res = await fetch(this.workerScriptUrl);
    if (!res.ok) throw new Error(`layout worker: HTTP ${res.status}`);
    const blobUrl = URL.createObjectURL(new Blob([await res.text()], { type: 'text/javascript' }));
    this.elk = new ElkConstructor({ workerUrl: blobUrl, workerFactory: (url?: string) => new Worker(url ?? blobUrl) });
    return this.elk;
  }

  /** Absolute positions for `tables`; undefined when no worker is available. */
  async layout(model: DiagramModel, sizes: Map<string, Sized>): Promise<Positions | undefined> {
    const elk = await this.instance();
    if (!elk) return undefined;
    const groupOf = new Map<string, string>();
    for (const t of model.tables) if (t.group !== undefined) groupOf.set(t.key, t.group);
    const root: ElkNode = { id: '__root', layoutOptions: { ...ELK_OPTIONS }, children: [], edges: [] };
    const frames = new Map<string, ElkNode>();
    // nested layout costs ~7x the flat one: above this size groups are only drawn, not laid out together
    if (model.tables.length <= HIERARCHY_LIMIT) for (const g of model.groups) {
      if (!g.tables.some((k) => groupOf.get(k) === g.name)) continue;
      const frame: ElkNode = { id: `group:${g.name}`, layoutOptions: { ...ELK_OPTIONS, 'elk.padding': '[top=44,left=24,bottom=24,right=24]' }, children: [] };
      frames.set(g.name, frame);
      root.children!.push(frame);
    }
    for (const t of model.tables) {
      const s = sizes.get(t.key)!;
      const node: ElkNode = { id: t.key, width: s.w, height: s.h };
      const frame = t.group !== undefined ? frames.get(t.group) : undefined;
      (frame ? frame.children! : root.children!).push(node);
    }
    const edges: ElkExtendedEdge[] = [];
    model.relationships.forEach((r, i) => {
      if (r.from.table !== r.to.table) edges.push({ id: `e${i}`, sources: [r.to.table], targets: [r.from.table] });
    });
    root.edges = edges;
    if (frames.size) root.layoutOptions!['elk.hierarchyHandling'] = 'INCLUDE_CHILDREN';
    const out = await elk.layout(root);
    const positions: Positions = {};
    const walk = (n: ElkNode, ox: number, oy: number): void => {
      for (const c of n.children ?? []) {
        const x = ox + (c.x ?? 0);
        const y = oy + (c.y ?? 0);
        if (c.children && c.children.length) walk(c, x, y);
        else if (!c.id.startsWith('group:')) positions[c.id] = { x: Math.round(x), y: Math.round(y) };
      }
    };
    walk(out, 0, 0);
    return positions;
  }

  dispose(): void {
    this.elk?.terminateWorker();
  }
}
