/** Folding ranges: blocks, multi-line strings, comment runs. STUB */
import type { Workspace } from '../workspace.js';
import type { FoldingRange } from './types.js';
export function foldingRanges(ws: Workspace, uri: string): FoldingRange[] { void ws; void uri; return []; }
