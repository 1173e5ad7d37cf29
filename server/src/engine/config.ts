/**
 * `schemasage.config.json`: a workspace's rule severities, parsed (the CLI and
 * the language server read the file; this only reads its text).
 *
 *   { "rules": { "KEY003": "off", "PII001": "error", "INFER001": "info" } }
 *
 * Unknown codes are kept (a newer rule may know them); a severity that is not
 * one of error, warning, info, hint, off is an error with the place it is in.
 */
import type { LintSeverity } from './lint/index.js';

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

