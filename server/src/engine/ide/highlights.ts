/** Document highlights of the symbol under the cursor. STUB */
import type { Workspace } from '../workspace.js';
import type { DocumentHighlight } from './types.js';
export function documentHighlights(ws: Workspace, uri: string, offset: number): DocumentHighlight[] { void ws; void uri; void offset; return []; }
