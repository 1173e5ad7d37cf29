/** Types of server.mjs (the harness server shared by the tests and bench/diagram.mjs). */
export function buildBundles(outdir: string): Promise<void>;
export function startHarness(): Promise<{ url(theme?: 'light' | 'dark'): string; close(): Promise<void> }>;
export const CHROMIUM_ARGS: string[];
