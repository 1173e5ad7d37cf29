/** Go to definition. STUB */
import type { Workspace } from '../workspace.js';
import type { Location } from './types.js';
export function definition(ws: Workspace, uri: string, offset: number): Location[] { void ws; void uri; void offset; return []; }
