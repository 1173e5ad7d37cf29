/**
 * Every message between the ER diagram panel (extension host,
 * client/src/panels/ErDiagramPanel.ts) and its webview (webviews/er-diagram,
 * which re-exports this module as its protocol.ts). Types only. It lives in
 * the engine's project because both the client's and the webview's
 * TypeScript projects can already see it; nothing here does anything.
 */
import type { DiagramModel } from './types.js';
import type { Span } from '../text/span.js';

export type { DiagramModel };

export interface Point {
  x: number;
  y: number;
}

/** Table key -> top-left corner in diagram coordinates. */
export type Positions = Record<string, Point>;

/** Host -> webview: draw this model (in place when one is shown). */
export interface SchemaMessage {
  type: 'schema';
  model: DiagramModel;
  /** positions saved in `.schemasage/layout.json`: they win over auto layout */
  positions?: Positions;
  /** keep the current pan and zoom (an edit), instead of fitting the new diagram */
  keepViewport?: boolean;
}

/** Host -> webview: select and bring into view a table (and column). */
export interface HighlightMessage {
  type: 'highlight';
  tableKey: string;
  column?: string;
}

export type HostMessage = SchemaMessage | HighlightMessage;

/** Webview -> host: the front end is loaded and waits for a `schema` message. */
export interface ReadyMessage {
  type: 'ready';
}

/** Webview -> host: tables the user placed (merge into the sidecar; `reset`: replace it). */
export interface PositionsMessage {
  type: 'positions';
  positions: Positions;
  reset?: boolean;
}

/** Webview -> host: open the source and select the span. */
export interface RevealMessage {
  type: 'reveal';
  uri: string;
  span: Span;
}

export type ExportFormat = 'svg' | 'png' | 'mermaid';

/** Webview -> host: save an export (`svg`/`mermaid`: text; `png`: a `data:image/png;base64,` url). */
export interface ExportMessage {
  type: 'export';
  format: ExportFormat;
  data: string;
}

/** Webview -> host: something failed in the front end (shown in the output channel). */
export interface ErrorMessage {
  type: 'error';
  message: string;
}

export type WebviewMessage = ReadyMessage | PositionsMessage | RevealMessage | ExportMessage | ErrorMessage;
