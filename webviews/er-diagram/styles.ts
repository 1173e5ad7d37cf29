/**
 * The diagram's stylesheet. Colours come from VS Code's theme variables
 * (light, dark, high contrast) through `--er-*` aliases, so an exported SVG
 * can carry the resolved values of the same aliases and look the same.
 */

/** The aliases an exported SVG resolves (name -> the theme expression). */
export const THEME_VARS: Record<string, string> = {
  '--er-bg': 'var(--vscode-editor-background, #ffffff)',
  '--er-fg': 'var(--vscode-editor-foreground, #1f1f1f)',
  '--er-muted': 'var(--vscode-descriptionForeground, #6b6b6b)',
  '--er-table-bg': 'var(--vscode-editorWidget-background, #f3f3f3)',
  '--er-border': 'var(--vscode-contrastBorder, var(--vscode-editorWidget-border, #c8c8c8))',
  '--er-head-bg': 'var(--vscode-button-background, #0e639c)',
  '--er-head-fg': 'var(--vscode-button-foreground, #ffffff)',
  '--er-edge': 'var(--vscode-editorLineNumber-foreground, #8a8a8a)',
  '--er-edge-hl': 'var(--vscode-focusBorder, #0078d4)',
  '--er-accent': 'var(--vscode-textLink-foreground, #0066bf)',
  '--er-key': 'var(--vscode-charts-yellow, #b89500)',
  '--er-fk': 'var(--vscode-charts-blue, #1a85ff)',
  '--er-select': 'var(--vscode-focusBorder, #0078d4)',
  '--er-row-hl': 'var(--vscode-list-hoverBackground, rgba(128,128,128,0.18))',
  '--er-note-bg': 'var(--vscode-editorWarning-foreground, #e9c46a)',
  '--er-note-fg': '#1f1f1f',
  '--er-font': 'var(--vscode-editor-font-family, Menlo, Consolas, "DejaVu Sans Mono", monospace)',
};

/** Rules that style the SVG itself (also embedded in exports). */
export const SVG_CSS = `
.er-root { font-family: var(--er-font); font-size: 12px; text-rendering: optimizeSpeed; }
.er-root text { fill: var(--er-fg); }
.t-bg { fill: var(--er-table-bg); stroke: var(--er-border); stroke-width: 1; }
.t-head { fill: var(--er-head-bg); }
.er-root .t-title { fill: var(--er-head-fg); font-weight: 600; font-size: 13px; }
.er-root .c-type { fill: var(--er-muted); }
.er-root .c-badge { fill: var(--er-key); font-size: 9px; font-weight: 700; }
.er-root .c-badge.fk { fill: var(--er-fk); }
.er-root .c-name.pk { font-weight: 700; }
.er-root .c-name.nullable { font-style: italic; }
.t-sep { stroke: var(--er-border); stroke-width: 1; }
.edge { fill: none; stroke: var(--er-edge); stroke-width: 1.5; }
.edge.inferred { stroke-dasharray: 6 4; }
.edge.hl { stroke: var(--er-edge-hl); stroke-width: 2.5; }
.edge-hit { fill: none; stroke: transparent; stroke-width: 12; }
.mk { fill: none; stroke: var(--er-edge); stroke-width: 1.5; }
.mk-dot { fill: var(--er-table-bg); stroke: var(--er-edge); stroke-width: 1.5; }
.g-frame { stroke-width: 2; fill: none; stroke-opacity: 0.8; }
.er-root .g-label { font-weight: 700; font-size: 14px; }
.n-bg { fill: var(--er-note-bg); stroke: var(--er-border); }
.er-root .n-text { fill: var(--er-note-fg); }
.er-root .n-title { fill: var(--er-note-fg); font-weight: 700; }
`;

/** Rules for the page around the SVG (toolbar, minimap, tooltip, states). */
export const PAGE_CSS = `
:root { ${Object.entries(THEME_VARS).map(([k, v]) => `${k}: ${v};`).join(' ')} }
html, body { margin: 0; padding: 0; height: 100%; overflow: hidden; background: var(--er-bg); color: var(--er-fg); }
body { display: flex; flex-direction: column; font-family: var(--vscode-font-family, sans-serif); font-size: var(--vscode-font-size, 13px); }
#toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; padding: 6px 8px; border-bottom: 1px solid var(--er-border); }
#toolbar .sep { width: 1px; align-self: stretch; background: var(--er-border); margin: 0 2px; }
#toolbar vscode-textfield { width: 180px; }
#toolbar vscode-single-select { width: 150px; }
#stage { position: relative; flex: 1; overflow: hidden; outline: none; }
#stage:focus-visible { outline: 1px solid var(--er-select); outline-offset: -1px; }
#canvas { position: absolute; transform-origin: 0 0; will-change: transform; touch-action: none; user-select: none; cursor: grab; }
#canvas.panning { cursor: grabbing; }
.table, .note { cursor: pointer; }
.table.dragging, .note.dragging { cursor: move; }
.table.selected .t-bg { stroke: var(--er-select); stroke-width: 3; }
.table.hl .t-bg { stroke: var(--er-select); stroke-width: 3; }
.row-hl { fill: var(--er-row-hl); }
.lod-mid .t-cols, .lod-mid .t-sep { display: none; }
.lod-low .t-head-sq, .lod-low .t-title, .lod-low .g-label, .lod-low .n-text, .lod-low .n-title { display: none; }
.lod-mid .edge.inferred { stroke-dasharray: none; stroke-opacity: 0.55; }
.lod-low .edge { stroke-width: 4; marker-start: none; marker-end: none; }
.lod-low .t-bg { stroke: none; }
/* anti-aliasing a few thousand long strokes is most of a software repaint; at this size it is not seen */
.lod-low .edge, .lod-low .t-bg, .lod-low .t-head { shape-rendering: optimizeSpeed; }
#minimap { position: absolute; right: 10px; bottom: 10px; width: 200px; height: 140px; border: 1px solid var(--er-border); background: var(--er-table-bg); opacity: 0.92; cursor: crosshair; }
#tooltip { position: absolute; pointer-events: none; max-width: 420px; padding: 6px 8px; white-space: pre-wrap; z-index: 10;
  background: var(--vscode-editorHoverWidget-background, var(--er-table-bg)); color: var(--vscode-editorHoverWidget-foreground, var(--er-fg));
  border: 1px solid var(--vscode-editorHoverWidget-border, var(--er-border)); box-shadow: 0 2px 8px rgba(0,0,0,0.3); font-size: 12px; }
#tooltip[hidden] { display: none; }
#status { position: absolute; left: 10px; bottom: 8px; color: var(--er-muted); font-size: 11px; pointer-events: none; }
#empty { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center; color: var(--er-muted); pointer-events: none; }
#empty[hidden] { display: none; }
body.vscode-high-contrast .t-bg, body.vscode-high-contrast-light .t-bg { stroke-width: 2; }
body.vscode-high-contrast .edge, body.vscode-high-contrast-light .edge { stroke-width: 2; }
${SVG_CSS}
`;
