/** Hover: markdown for the name under the cursor (type, constraints, note, relationships). STUB */
import type { Workspace } from '../workspace.js';
import type { Hover } from './types.js';
export function hover(ws: Workspace, uri: string, offset: number): Hover | null { void ws; void uri; void offset; return null; }
