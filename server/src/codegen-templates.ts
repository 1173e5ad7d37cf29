/**
 * Loads code-generation targets from a folder (`templates/`, or a workspace's
 * `.schemasage/templates/`): each sub-folder with a valid `manifest.json` and
 * its `*.hbs` files becomes a `TargetTemplates`. The IO edge for the pure
 * `engine/codegen`; folders without a valid manifest are skipped.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseManifest } from './engine/codegen/manifest.js';
import type { TargetTemplates, TemplateFile } from './engine/codegen/types.js';

function hbsFiles(dir: string, root: string, out: TemplateFile[]): void {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) hbsFiles(p, root, out);
    else if (name.endsWith('.hbs')) out.push({ path: relative(root, p).split(sep).join('/'), text: readFileSync(p, 'utf8') });
  }
}

/** Every target under `dir`, sorted by id; problems with a manifest go to `onError` when given. */
export function loadTargets(dir: string, onError?: (folder: string, error: string) => void): TargetTemplates[] {
  if (!existsSync(dir)) return [];
  const out: TargetTemplates[] = [];
  for (const name of readdirSync(dir).sort()) {
    const folder = join(dir, name);
    const manifestPath = join(folder, 'manifest.json');
    if (!statSync(folder).isDirectory() || !existsSync(manifestPath)) continue;
    const manifest = parseManifest(readFileSync(manifestPath, 'utf8'));
    if ('error' in manifest) {
      onError?.(folder, manifest.error);
      continue;
    }
    const files: TemplateFile[] = [];
    hbsFiles(folder, folder, files);
    out.push({ manifest, files });
  }
  return out.sort((a, b) => a.manifest.id.localeCompare(b.manifest.id));
}
