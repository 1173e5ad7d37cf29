/**
 * Exports of what the diagram shows: a standalone SVG (the whole diagram or
 * the current view) with the theme's resolved colours embedded, a PNG drawn
 * from that SVG on a canvas, and Mermaid text from the model. The results go
 * to the host as `export` messages; nothing here touches the file system.
 */
import { diagramToMermaid } from '../../server/src/engine/diagram/mermaid.js';
import type { Box } from './geometry.js';
import { SVG_CSS, THEME_VARS } from './styles.js';
import type { Diagram } from './view.js';

/** Largest PNG side and area (Chromium's canvas limits, with margin). */
const PNG_MAX_SIDE = 8000;
const PNG_MAX_AREA = 40_000_000;

function resolvedVars(from: Element): string {
  const cs = getComputedStyle(from);
  return Object.keys(THEME_VARS)
    .map((k) => `${k}: ${cs.getPropertyValue(k).trim() || 'initial'};`)
    .join(' ');
}

/** A standalone SVG document of the diagram (`view`: only what is on screen). */
export function exportSvg(diagram: Diagram, scope: 'all' | 'view'): { svg: string; box: Box } {
  const box = scope === 'view' ? diagram.worldView(0) : diagram.contentBox() ?? { x: 0, y: 0, w: 100, h: 100 };
  diagram.ensureAllColumns();
  const clone = diagram.svg.cloneNode(true) as SVGSVGElement;
  clone.removeAttribute('style');
  clone.removeAttribute('id');
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('class', 'er-root');
  clone.setAttribute('viewBox', `${box.x} ${box.y} ${box.w} ${box.h}`);
  clone.setAttribute('width', String(Math.ceil(box.w)));
  clone.setAttribute('height', String(Math.ceil(box.h)));
  const vp = clone.querySelector('#viewport');
  vp?.removeAttribute('transform');
  vp?.removeAttribute('id');
  // culled tables and edges are shown again; filtered-out ones are dropped
  for (const el of clone.querySelectorAll<SVGElement>('.table, .edge')) {
    const key = el.dataset.key;
    const shown = key !== undefined ? diagram.tables.get(key)?.shown === true : diagram.edgeShown(el.dataset.id ?? '');
    if (!shown) el.remove();
    else el.style.removeProperty('display');
  }
  for (const el of clone.querySelectorAll('.edge-hit')) el.remove();
  const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
  style.textContent = `svg { ${resolvedVars(document.documentElement)} }\n${SVG_CSS}`;
  clone.insertBefore(style, clone.firstChild);
  const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  for (const [k, v] of Object.entries({ x: box.x, y: box.y, width: box.w, height: box.h })) bg.setAttribute(k, String(v));
  bg.setAttribute('fill', getComputedStyle(document.documentElement).getPropertyValue('--er-bg').trim() || '#ffffff');
  clone.insertBefore(bg, style.nextSibling);
  return { svg: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`, box };
}

/** A PNG (as a data URL) of the SVG export, at up to 2x, within canvas limits. */
export async function exportPng(diagram: Diagram, scope: 'all' | 'view'): Promise<string> {
  const { svg, box } = exportSvg(diagram, scope);
  let scale = Math.min(2, PNG_MAX_SIDE / box.w, PNG_MAX_SIDE / box.h);
  if (box.w * box.h * scale * scale > PNG_MAX_AREA) scale = Math.sqrt(PNG_MAX_AREA / (box.w * box.h));
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.decoding = 'async';
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the SVG export did not load as an image'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(box.w * scale));
    canvas.height = Math.max(1, Math.round(box.h * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return canvas.toDataURL('image/png');
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function exportMermaid(diagram: Diagram): string {
  return diagram.model ? diagramToMermaid(diagram.model) : 'erDiagram\n';
}
