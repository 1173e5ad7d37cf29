#!/usr/bin/env node
// The manifest's user-facing strings live in package.nls.json (English) and
// package.nls.<lang>.json (translations); package.json holds %keys%.
//   node scripts/nls.mjs extract   moves every literal title/description of package.json into package.nls.json
//   node scripts/nls.mjs check     exits 1 when a %key% is missing in package.nls.json or a translation lacks a key
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const read = (f) => JSON.parse(readFileSync(join(root, f), 'utf8'));
const write = (f, v) => writeFileSync(join(root, f), JSON.stringify(v, null, 2) + '\n');

/** Every localisable string of the manifest: [key, holder object, property]. */
export function strings(pkg) {
  const out = [];
  const add = (key, obj, prop) => {
    if (obj && typeof obj[prop] === 'string') out.push([key, obj, prop]);
  };
  add('displayName', pkg, 'displayName');
  add('description', pkg, 'description');
  const c = pkg.contributes ?? {};
  for (const cmd of c.commands ?? []) {
    add(`command.${cmd.command}.title`, cmd, 'title');
    add('command.category', cmd, 'category');
  }
  const conf = c.configuration ?? {};
  add('configuration.title', conf, 'title');
  for (const [name, p] of Object.entries(conf.properties ?? {})) {
    add(`config.${name}.description`, p, 'description');
    add(`config.${name}.markdownDescription`, p, 'markdownDescription');
    (p.enumDescriptions ?? []).forEach((_, i) => add(`config.${name}.enumDescriptions.${i}`, p.enumDescriptions, i));
  }
  for (const vc of c.viewsContainers?.activitybar ?? []) add(`viewsContainer.${vc.id}.title`, vc, 'title');
  for (const views of Object.values(c.views ?? {})) {
    for (const v of views) {
      add(`view.${v.id}.name`, v, 'name');
      add(`view.${v.id}.contextualTitle`, v, 'contextualTitle');
    }
  }
  for (const w of c.viewsWelcome ?? []) add(`viewsWelcome.${w.view}.contents`, w, 'contents');
  for (const w of c.walkthroughs ?? []) {
    add(`walkthrough.${w.id}.title`, w, 'title');
    add(`walkthrough.${w.id}.description`, w, 'description');
    for (const s of w.steps ?? []) {
      add(`walkthrough.${w.id}.step.${s.id}.title`, s, 'title');
      add(`walkthrough.${w.id}.step.${s.id}.description`, s, 'description');
    }
  }
  for (const p of c.chatParticipants ?? []) {
    add(`chatParticipant.${p.id}.description`, p, 'description');
    add(`chatParticipant.${p.id}.fullName`, p, 'fullName');
  }
  return out;
}

function extract() {
  const pkg = read('package.json');
  const nls = read('package.nls.json');
  let moved = 0;
  for (const [key, obj, prop] of strings(pkg)) {
    const v = obj[prop];
    if (/^%[^%]+%$/.test(v)) continue;
    if (nls[key] !== undefined && nls[key] !== v && key !== 'command.category') throw new Error(`${key}: package.nls.json already has another text`);
    nls[key] = v;
    obj[prop] = `%${key}%`;
    moved++;
  }
  write('package.json', pkg);
  write('package.nls.json', Object.fromEntries(Object.entries(nls).sort(([a], [b]) => a.localeCompare(b))));
  console.log(`${moved} strings moved into package.nls.json`);
}

export function check() {
  const pkg = read('package.json');
  const nls = read('package.nls.json');
  const problems = [];
  for (const [key, obj, prop] of strings(pkg)) {
    const v = obj[prop];
    const m = /^%([^%]+)%$/.exec(v);
    if (!m) problems.push(`${key}: a literal in package.json ("${v.slice(0, 40)}"); run node scripts/nls.mjs extract`);
    else if (nls[m[1]] === undefined) problems.push(`${m[1]}: missing in package.nls.json`);
  }
  const keys = Object.keys(nls);
  for (const f of readdirSync(root).filter((f) => /^package\.nls\.[a-z-]+\.json$/i.test(f))) {
    const t = read(f);
    for (const k of keys) if (typeof t[k] !== 'string' || !t[k].trim()) problems.push(`${f}: missing ${k}`);
    for (const k of Object.keys(t)) if (!(k in nls)) problems.push(`${f}: ${k} is not in package.nls.json`);
  }
  return problems;
}

const mode = process.argv[2];
if (mode === 'extract') extract();
else if (mode === 'check') {
  const problems = check();
  for (const p of problems) console.error(p);
  process.exit(problems.length ? 1 : 0);
} else if (mode) {
  console.error('usage: node scripts/nls.mjs extract|check');
  process.exit(2);
}
