/**
 * Every message between the data-report panel (extension host) and this
 * webview. The report type is the engine's (`QualityReport`), plain JSON.
 */
import type { QualityReport } from '../../server/src/engine/detect/data/quality.js';
import type { PiiFinding } from '../../server/src/engine/detect/data/pii.js';

export type { PiiFinding, QualityReport };

/** host -> webview */
export type HostMessage = { type: 'report'; title: string; report: QualityReport; pii: PiiFinding[] };

/** webview -> host: `ready` once listening; `export` asks the host to save the report */
export type WebviewMessage = { type: 'ready' } | { type: 'export'; format: 'json' | 'html' };
