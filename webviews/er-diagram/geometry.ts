/**
 * Sizes and routes in diagram coordinates: table boxes from a fixed
 * monospace metric (no text measuring, so 1,000 tables size in a millisecond),
 * column row centres, and relationship paths that leave and enter at the
 * rows of the columns they join, with horizontal stubs so the crow's-foot
 * markers sit level.
 */
import type { DiagramRelationship, DiagramTable } from '../../server/src/engine/diagram/types.js';
import type { Point } from './protocol.js';

export const FONT_SIZE = 12;
export const CHAR_W = 7.3;
export const HEAD_H = 30;
export const ROW_H = 22;
export const PAD = 10;
export const BADGE_CHAR_W = 6;
export const STUB = 22;
/** longest name or type drawn in full; longer ones are cut with an ellipsis */
export const MAX_CHARS = 36;

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface TableMetrics {
  w: number;
  h: number;
  /** x of the column name */
  nameX: number;
  /** x where the type ends (right aligned) */
  typeX: number;
  /** row index per column name */
  rows: Map<string, number>;
  badges: string[];
}

export function clip(s: string): string {
  return s.length > MAX_CHARS ? `${s.slice(0, MAX_CHARS - 1)}…` : s;
}

export function badgesOf(c: { pk: boolean; fk: boolean; unique: boolean; notNull: boolean }): string {
  const b: string[] = [];
  if (c.pk) b.push('PK');
  if (c.fk) b.push('FK');
  if (c.unique && !c.pk) b.push('UQ');
  if (c.notNull && !c.pk) b.push('NN');
  return b.join(' ');
}

export function measureTable(t: DiagramTable): TableMetrics {
  let nameChars = 0;
  let typeChars = 0;
  let badgeChars = 0;
  const rows = new Map<string, number>();
  const badges: string[] = [];
  t.columns.forEach((c, i) => {
    if (!rows.has(c.name)) rows.set(c.name, i);
    nameChars = Math.max(nameChars, Math.min(c.name.length, MAX_CHARS));
    typeChars = Math.max(typeChars, Math.min(c.type.length, MAX_CHARS));
    const b = badgesOf(c);
    badges.push(b);
    badgeChars = Math.max(badgeChars, b.length);
  });
  const badgeW = badgeChars ? badgeChars * BADGE_CHAR_W + 8 : 0;
  const headW = Math.min(t.label.length, MAX_CHARS + 10) * (CHAR_W + 0.5) + PAD * 2 + 8;
  const bodyW = PAD + badgeW + nameChars * CHAR_W + 24 + typeChars * CHAR_W + PAD;
  const w = Math.ceil(Math.max(140, headW, bodyW));
  return { w, h: HEAD_H + Math.max(1, t.columns.length) * ROW_H + 4, nameX: PAD + badgeW, typeX: w - PAD, rows, badges };
}

/** y of a column row's centre (the header's when the column is unknown). */
export function rowY(m: TableMetrics, pos: Point, column: string | undefined): number {
  const i = column === undefined ? undefined : m.rows.get(column);
  return i === undefined ? pos.y + HEAD_H / 2 : pos.y + HEAD_H + i * ROW_H + ROW_H / 2;
}

/** The SVG path of a relationship between two placed tables. */
export function edgePath(r: DiagramRelationship, fm: TableMetrics, fp: Point, tm: TableMetrics, tp: Point): string {
  const sy = rowY(fm, fp, r.from.columns[0]);
  const ty = rowY(tm, tp, r.to.columns[0]);
  if (r.from.table === r.to.table) {
    // self reference: a loop on the right side
    const x = fp.x + fm.w;
    const out = x + STUB + 30;
    return `M${x},${sy}H${x + STUB}C${out},${sy} ${out},${ty} ${x + STUB},${ty}H${x}`;
  }
  const fc = fp.x + fm.w / 2;
  const tc = tp.x + tm.w / 2;
  let sx: number;
  let tx: number;
  let sd: number;
  let td: number;
  if (fp.x + fm.w + STUB * 2 <= tp.x) {
    sx = fp.x + fm.w; sd = 1; tx = tp.x; td = -1;
  } else if (tp.x + tm.w + STUB * 2 <= fp.x) {
    sx = fp.x; sd = -1; tx = tp.x + tm.w; td = 1;
  } else if (fc <= tc) {
    // overlapping columns: both on the left, looping out
    sx = fp.x; sd = -1; tx = tp.x; td = -1;
  } else {
    sx = fp.x + fm.w; sd = 1; tx = tp.x + tm.w; td = 1;
  }
  const a = sx + sd * STUB;
  const b = tx + td * STUB;
  const bend = Math.max(40, Math.abs(b - a) / 2);
  return `M${sx},${sy}H${a}C${a + sd * bend},${sy} ${b + td * bend},${ty} ${b},${ty}H${tx}`;
}

export function unionBox(boxes: Iterable<Box>): Box | undefined {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const b of boxes) {
    if (b.x < x0) x0 = b.x;
    if (b.y < y0) y0 = b.y;
    if (b.x + b.w > x1) x1 = b.x + b.w;
    if (b.y + b.h > y1) y1 = b.y + b.h;
  }
  return x0 === Infinity ? undefined : { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

export function intersects(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}
