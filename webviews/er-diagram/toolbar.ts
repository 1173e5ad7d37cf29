/**
 * The toolbar, built from `@vscode-elements/elements` (only the components
 * used are imported): find a table, filter by schema or group, neighbourhood
 * hops around the selected table, fit, auto layout and the exports. Options
 * are built from the model with `textContent`, never from markup.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import type { DiagramModel } from '../../server/src/engine/diagram/types.js';
import { htmlEl } from '../shared/dom.js';
import { l10n } from '../shared/l10n.js';
import type { Filter } from './view.js';

export interface ToolbarActions {
  find(query: string): void;
  filter(f: Filter): void;
  hops(n: number): void;
  fit(): void;
  layout(): void;
  /** lay out only the tables shown (the selection's neighbourhood, a filtered schema or group) */
  layoutShown(): void;
  export(what: 'svg' | 'svg-view' | 'png' | 'png-view' | 'mermaid'): void;
}

type ValueElement = HTMLElement & { value: string };

function button(id: string, label: string, title: string, onClick: () => void): HTMLElement {
  const b = htmlEl('vscode-button', { id, title, secondary: '' }, label);
  b.addEventListener('click', onClick);
  return b;
}

function option(value: string, label: string): HTMLElement {
  return htmlEl('vscode-option', { value }, label);
}

export class Toolbar {
  private readonly filterSelect: ValueElement;
  private filterKey = '';

  constructor(root: HTMLElement, actions: ToolbarActions) {
    const search = htmlEl('vscode-textfield', { id: 'search', placeholder: l10n.t('Find table…'), 'aria-label': l10n.t('Find table') }) as ValueElement;
    search.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter') actions.find(search.value);
      ev.stopPropagation();
    });
    search.addEventListener('change', () => actions.find(search.value));

    this.filterSelect = htmlEl('vscode-single-select', { id: 'filter', 'aria-label': l10n.t('Filter by schema or group') }) as ValueElement;
    this.filterSelect.appendChild(option('all', l10n.t('All tables')));
    this.filterSelect.addEventListener('change', () => {
      const v = this.filterSelect.value;
      const colon = v.indexOf(':');
      actions.filter(v === 'all' || colon < 0 ? { kind: 'all' } : { kind: v.slice(0, colon) === 'schema' ? 'schema' : 'group', name: v.slice(colon + 1) });
    });

    const hops = htmlEl('vscode-single-select', { id: 'hops', 'aria-label': l10n.t('Neighbourhood of the selected table') }) as ValueElement;
    hops.append(option('0', l10n.t('All neighbours')), option('1', l10n.t('{0} hop', 1)), option('2', l10n.t('{0} hops', 2)), option('3', l10n.t('{0} hops', 3)));
    hops.addEventListener('change', () => actions.hops(Number(hops.value) || 0));

    const sep = (): HTMLElement => htmlEl('span', { class: 'sep' });
    root.append(
      search,
      this.filterSelect,
      hops,
      sep(),
      button('fit', l10n.t('Fit'), l10n.t('Fit to view (F)'), actions.fit),
      button('relayout', l10n.t('Auto layout'), l10n.t('Lay out every table again (drops saved positions)'), actions.layout),
      button('relayout-shown', l10n.t('Lay out shown'), l10n.t('Lay out only the tables shown (the neighbourhood or filter); the others stay where they are'), actions.layoutShown),
      sep(),
      button('export-svg', 'SVG', l10n.t('Export the whole diagram as SVG'), () => actions.export('svg')),
      button('export-png', 'PNG', l10n.t('Export the whole diagram as PNG'), () => actions.export('png')),
      button('export-view-svg', l10n.t('View SVG'), l10n.t('Export the visible part as SVG'), () => actions.export('svg-view')),
      button('export-view', l10n.t('View PNG'), l10n.t('Export the visible part as PNG'), () => actions.export('png-view')),
      button('export-mermaid', 'Mermaid', l10n.t('Export as Mermaid erDiagram'), () => actions.export('mermaid')),
    );
  }

  /** Refill the filter choices when the model's schemas or groups change; true when they did. */
  setModel(model: DiagramModel): boolean {
    const key = JSON.stringify([model.schemas, model.groups.map((g) => g.name)]);
    if (key === this.filterKey) return false;
    this.filterKey = key;
    const current = this.filterSelect.value;
    this.filterSelect.replaceChildren(option('all', l10n.t('All tables')));
    if (model.schemas.length > 1) for (const s of model.schemas) this.filterSelect.appendChild(option(`schema:${s}`, l10n.t('Schema {0}', s)));
    for (const g of model.groups) this.filterSelect.appendChild(option(`group:${g.name}`, l10n.t('Group {0}', g.name)));
    if (current) this.filterSelect.value = current;
    return true;
  }
}
