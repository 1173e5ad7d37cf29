/**
 * Reading `schemasage.config.json` for the CLI (the parsing is the engine's,
 * shared with the language server).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LintSeverity } from '../engine/lint/index.js';
import { CONFIG_FILE, ConfigError, parseConfig } from '../engine/config.js';

export { CONFIG_FILE, ConfigError };

/** The severities of `file`, or of `schemasage.config.json` in `dir` when there is one. */
export function readConfig(dir: string, file?: string): Record<string, LintSeverity> | undefined {
  const path = file ?? join(dir, CONFIG_FILE);
  if (!file && !existsSync(path)) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  return parseConfig(text, path);
}
