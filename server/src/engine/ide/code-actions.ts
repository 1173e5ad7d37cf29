/** Code actions: did-you-mean quick fixes for unknown names. STUB */
import type { Workspace } from '../workspace.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Span } from '../text/span.js';
import type { CodeAction } from './types.js';
export function codeActions(ws: Workspace, uri: string, range: Span, diagnostics: Diagnostic[]): CodeAction[] { void ws; void uri; void range; void diagnostics; return []; }
