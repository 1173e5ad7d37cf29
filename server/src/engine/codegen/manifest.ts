/**
 * Target manifests (`templates/<target>/manifest.json`): parsing with
 * validation that reports the first problem instead of throwing.
 */
import type { TargetManifest, TargetOption } from './types.js';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringList(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
}

/** Parses a manifest's JSON text; the manifest, or the first problem found. */
export function parseManifest(json: string): TargetManifest | { error: string } {
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch (e) {
    return { error: `manifest is not JSON: ${(e as Error).message}` };
  }
  if (!isRecord(v)) return { error: 'manifest must be a JSON object' };
  for (const k of ['id', 'name', 'output', 'language'] as const) {
    if (typeof v[k] !== 'string' || !(v[k] as string).length) return { error: `manifest needs a non-empty string "${k}"` };
  }
  if (!/^[a-z0-9][a-z0-9-]*$/.test(v.id as string)) return { error: `manifest "id" must be lower-case letters, digits and "-": ${JSON.stringify(v.id)}` };
  const m: TargetManifest = {
    id: v.id as string,
    name: v.name as string,
    description: typeof v.description === 'string' ? v.description : '',
    output: v.output as string,
    language: v.language as string,
  };
  if (v.perTable !== undefined) {
    if (typeof v.perTable !== 'boolean') return { error: 'manifest "perTable" must be a boolean' };
    m.perTable = v.perTable;
  }
  if (v.entry !== undefined) {
    if (typeof v.entry !== 'string') return { error: 'manifest "entry" must be a string' };
    m.entry = v.entry;
  }
  if (v.dialect !== undefined) {
    if (typeof v.dialect !== 'string') return { error: 'manifest "dialect" must be a string' };
    m.dialect = v.dialect;
  }
  for (const k of ['reserved', 'reservedFields'] as const) {
    if (v[k] === undefined) continue;
    const list = stringList(v[k]);
    if (!list) return { error: `manifest "${k}" must be a list of strings` };
    m[k] = list;
  }
  if (v.outputs !== undefined) {
    if (!Array.isArray(v.outputs)) return { error: 'manifest "outputs" must be a list' };
    m.outputs = [];
    for (const o of v.outputs) {
      if (!isRecord(o) || typeof o.template !== 'string' || typeof o.output !== 'string') return { error: 'each of manifest "outputs" needs "template" and "output" strings' };
      m.outputs.push({ template: o.template, output: o.output, perTable: o.perTable === true });
    }
  }
  if (v.options !== undefined) {
    if (!isRecord(v.options)) return { error: 'manifest "options" must be an object' };
    const options: Record<string, TargetOption> = {};
    for (const [k, o] of Object.entries(v.options)) {
      if (!isRecord(o) || (o.type !== 'string' && o.type !== 'boolean')) return { error: `option "${k}" needs "type": "string" or "boolean"` };
      if (o.default !== undefined && typeof o.default !== o.type) return { error: `option "${k}" has a default that is no ${o.type}` };
      options[k] = { type: o.type, default: o.default ?? (o.type === 'boolean' ? false : ''), description: typeof o.description === 'string' ? o.description : '' };
    }
    m.options = options;
  }
  return m;
}

/** What a target picker shows: one entry per target, sorted by name. */
export function listTargets(targets: readonly { manifest: TargetManifest }[]): { id: string; name: string; description: string; language: string }[] {
  return targets
    .map((t) => ({ id: t.manifest.id, name: t.manifest.name, description: t.manifest.description, language: t.manifest.language }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
