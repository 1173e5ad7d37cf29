/**
 * The layout sidecar (`.schemasage/layout.json`): positions the user placed,
 * kept diff-friendly (keys sorted, 2-space JSON, integer coordinates, one
 * trailing newline). Pure: the panel (client/src/panels/ErDiagramPanel.ts)
 * reads and writes the file.
 */
import type { Point, Positions } from './protocol.js';

export interface LayoutFile {
  version: 1;
  positions: Positions;
}

/** Read the sidecar's text; anything malformed yields what could be read (never throws). */
export function parseLayout(text: string | undefined): Positions {
  if (!text) return {};
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return {};
  }
  const raw = (data as { positions?: unknown } | null)?.positions;
  if (!raw || typeof raw !== 'object') return {};
  const out: Positions = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    const p = v as Partial<Point> | null;
    if (p && typeof p.x === 'number' && typeof p.y === 'number' && Number.isFinite(p.x) && Number.isFinite(p.y)) out[k] = { x: Math.round(p.x), y: Math.round(p.y) };
  }
  return out;
}

/** Merge (or, with `reset`, replace) positions. */
export function mergeLayout(current: Positions, update: Positions, reset = false): Positions {
  return reset ? { ...update } : { ...current, ...update };
}

/** The sidecar's text: sorted keys, `{ "x": .., "y": .. }` per table. */
export function serializeLayout(positions: Positions): string {
  const keys = Object.keys(positions).sort();
  const sorted: Positions = {};
  for (const k of keys) sorted[k] = { x: Math.round(positions[k]!.x), y: Math.round(positions[k]!.y) };
  const file: LayoutFile = { version: 1, positions: sorted };
  return `${JSON.stringify(file, null, 2)}\n`;
}
