/** Selection ranges: innermost-to-outermost spans around each offset. STUB */
import type { Workspace } from '../workspace.js';
import type { Span } from '../text/span.js';
export function selectionRanges(ws: Workspace, uri: string, offsets: number[]): Span[][] { void ws; void uri; return offsets.map(() => []); }
