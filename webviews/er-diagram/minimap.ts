/**
 * The minimap: every shown table as a rectangle on a small canvas and the
 * visible area as a frame; click or drag on it to move the view there.
 * Canvas, not SVG, so redrawing 1,000 tables per frame costs a millisecond.
 */
import { unionBox } from './geometry.js';
import type { Diagram } from './view.js';

export class Minimap {
  private readonly ctx: CanvasRenderingContext2D | null;
  private map = { x: 0, y: 0, s: 1 };
  /** theme colours, read once per theme (getComputedStyle per frame would force a style pass over the SVG) */
  private colors: { fill: string; frame: string } | undefined;

  constructor(private readonly canvas: HTMLCanvasElement, private readonly diagram: Diagram) {
    this.ctx = canvas.getContext('2d');
    const go = (ev: PointerEvent): void => {
      const r = canvas.getBoundingClientRect();
      const wx = (ev.clientX - r.left - this.map.x) / this.map.s;
      const wy = (ev.clientY - r.top - this.map.y) / this.map.s;
      const { width, height } = diagram.size();
      const k = diagram.view.k;
      diagram.setView({ k, x: width / 2 - wx * k, y: height / 2 - wy * k });
      diagram.userMoved = true;
    };
    canvas.addEventListener('pointerdown', (ev) => {
      canvas.setPointerCapture(ev.pointerId);
      go(ev);
    });
    canvas.addEventListener('pointermove', (ev) => {
      if (canvas.hasPointerCapture(ev.pointerId)) go(ev);
    });
  }

  /** Forget the theme colours (VS Code changed theme). */
  themeChanged(): void {
    this.colors = undefined;
    this.draw();
  }

  draw(): void {
    const ctx = this.ctx;
    if (!ctx) return;
    // the CSS size is fixed (styles.ts); reading clientWidth would force a layout
    const w = 200;
    const h = 140;
    if (this.canvas.width !== w || this.canvas.height !== h) {
      this.canvas.width = w;
      this.canvas.height = h;
    }
    ctx.clearRect(0, 0, w, h);
    const boxes = this.diagram.tableBoxes();
    const view = this.diagram.worldView(0);
    const all = unionBox([...boxes, view]);
    if (!all || boxes.length === 0) return;
    const s = Math.min((w - 8) / all.w, (h - 8) / all.h);
    this.map = { s, x: (w - all.w * s) / 2 - all.x * s, y: (h - all.h * s) / 2 - all.y * s };
    if (!this.colors) {
      const style = getComputedStyle(this.canvas);
      this.colors = { fill: style.getPropertyValue('--er-head-bg').trim() || '#0e639c', frame: style.getPropertyValue('--er-select').trim() || '#0078d4' };
    }
    ctx.fillStyle = this.colors.fill;
    for (const b of boxes) ctx.fillRect(this.map.x + b.x * s, this.map.y + b.y * s, Math.max(1, b.w * s), Math.max(1, b.h * s));
    ctx.strokeStyle = this.colors.frame;
    ctx.lineWidth = 1.5;
    ctx.strokeRect(this.map.x + view.x * s, this.map.y + view.y * s, view.w * s, view.h * s);
  }
}
