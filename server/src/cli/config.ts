/**
 * `schemasage.config.json`: the workspace's rule severities, read by the CLI
 * (and by the language server from each workspace folder).
 *
 *   { "rules": { "KEY003": "off", "PII001": "error", "INFER001": "info" } }
 *
 * Unknown codes are kept (a newer rule may know them); a severity that is
 * not one of error, warning, info, hint, off is a usage error.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LintSeverity } from '../engine/lint/index.js';

export const CONFIG_FILE = 'schemasage.config.json';
const SEVERITIES = new Set(['error', 'warning', 'info', 'hint', 'off']);

export class ConfigError extends Error {}

/** The severities of a config file's text; throws ConfigError with what is wrong. */
export function parseConfig(text: string, where: string): Record<string, LintSeverity> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${where}: not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const rules = (json as { rules?: unknown })?.rules;
  if (rules === undefined) return {};
  if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) throw new ConfigError(`${where}: "rules" must be an object of code -> severity`);
  const out: Record<string, LintSeverity> = {};
  for (const [code, sev] of Object.entries(rules)) {
    if (typeof sev !== 'string' || !SEVERITIES.has(sev)) throw new ConfigError(`${where}: "${code}": "${String(sev)}" is not one of error, warning, info, hint, off`);
    out[code.toUpperCase()] = sev as LintSeverity;
  }
  return out;
}

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
