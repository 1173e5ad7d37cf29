/**
 * Localisation of the extension's own messages (vscode.l10n): every
 * `l10n.t('…')` literal in client/src, and in the webviews (their
 * `webviews/shared/l10n.ts`, fed by the host with the loaded bundle), has a translation in each
 * l10n/bundle.l10n.<lang>.json, no bundle keeps a message no source uses, and
 * a translation has exactly the placeholders ({0}, {1}…), codicons and quoted
 * code of its English key. The manifest's package.nls.<lang>.json files are
 * complete (scripts/nls.mjs check) and keep setting names, `code` and command
 * links intact. The scheme is described in l10n/README.md.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
// @ts-expect-error: a plain .mjs script without types
import { check } from '../../scripts/nls.mjs';
import { l10nBlock } from '../../client/src/panels/l10n-block.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const LANGUAGES = ['de', 'fr'];
/** The webview front ends whose texts are localised (each entirely). */
const WEBVIEWS = ['migration-plan', 'data-report', 'chat', 'er-diagram'];

/** One `l10n.t(` call found in a source: its message, or why it has none we can check. */
interface Call {
  file: string;
  line: number;
  message?: string;
  problem?: string;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', 0: '\0' };

/**
 * The `l10n.t(...)` calls of one TypeScript source with their first argument
 * read as a string literal ('…', "…" or a `…` template without `${}`), the way
 * VS Code looks the message up at run time.
 */
export function scanCalls(text: string, file = '<inline>'): Call[] {
  const calls: Call[] = [];
  const re = /\bl10n\.t\(/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let i = m.index + m[0].length;
    while (i < text.length && /\s/.test(text[i]!)) i++;
    const line = text.slice(0, m.index).split('\n').length;
    const q = text[i];
    if (q !== "'" && q !== '"' && q !== '`') {
      calls.push({ file, line, problem: 'the message is not a string literal, so no bundle can be checked for it' });
      continue;
    }
    let out = '';
    let problem: string | undefined;
    let j = i + 1;
    for (; j < text.length && text[j] !== q; j++) {
      const c = text[j]!;
      if (c === '\\') {
        const e = text[++j]!;
        if (e === 'u') {
          const braced = text[j + 1] === '{';
          const hex = braced ? text.slice(j + 2, text.indexOf('}', j)) : text.slice(j + 1, j + 5);
          out += String.fromCodePoint(parseInt(hex, 16));
          j += braced ? hex.length + 2 : 4;
        } else if (e === '\n') {
          // a line continuation adds nothing
        } else out += ESCAPES[e] ?? e;
      } else if (q === '`' && c === '$' && text[j + 1] === '{') {
        problem = 'a template literal with ${…}: use {0} placeholders instead';
        out += c;
      } else if (q !== '`' && c === '\n') {
        problem = 'an unterminated string';
        break;
      } else out += c;
    }
    if (j >= text.length) problem = 'an unterminated string';
    calls.push(problem ? { file, line, problem } : { file, line, message: out });
    re.lastIndex = j;
  }
  return calls;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** The calls of the extension host (client/src) and of the webviews' front ends (webviews/): one set of bundles serves both. */
function clientCalls(): Call[] {
  return [join(ROOT, 'client', 'src'), join(ROOT, 'webviews')].flatMap((dir) => sourceFiles(dir).flatMap((f) => scanCalls(readFileSync(f, 'utf8'), relative(ROOT, f))));
}

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as Record<string, unknown>;
}

/** The translated text of a bundle entry (a string, or `{ message, comment }`). */
function translation(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && typeof (v as { message?: unknown }).message === 'string') return (v as { message: string }).message;
  return undefined;
}

/** What must survive translation unchanged: {n} placeholders, $(codicons), `code` and (command:…) links, sorted. */
function invariants(text: string): string[] {
  return [...text.matchAll(/\{\d+\}|\$\([a-z0-9~-]+\)|`[^`]*`|\(command:[^)]*\)/g)].map((m) => m[0]).sort();
}

/** Problems of one bundle against the messages the sources use. */
export function bundleProblems(bundle: Record<string, unknown>, used: Set<string>, name: string): string[] {
  const problems: string[] = [];
  for (const msg of used) {
    const t = translation(bundle[msg]);
    if (t === undefined || !t.trim()) problems.push(`${name}: missing ${JSON.stringify(msg)}`);
  }
  for (const [key, v] of Object.entries(bundle)) {
    if (!used.has(key)) {
      problems.push(`${name}: stale ${JSON.stringify(key)} (no l10n.t call uses it)`);
      continue;
    }
    const t = translation(v);
    if (t !== undefined && invariants(t).join(' ') !== invariants(key).join(' ')) {
      problems.push(`${name}: ${JSON.stringify(key)} has ${invariants(key).join(' ') || 'no placeholders'} but the translation has ${invariants(t).join(' ') || 'none'}`);
    }
  }
  return problems;
}

test('the scanner reads literals as VS Code looks them up, and flags what it cannot check', () => {
  const calls = scanCalls(
    [
      "vscode.l10n.t('Could not connect to {0}: {1}', name, e);",
      'vscode.l10n.t("Kept in VS Code\'s storage");',
      "l10n.t(\n  'It\\'s {0}\\n',\n  x);",
      'vscode.l10n.t(`Plain template`);',
      'vscode.l10n.t(`Bad ${x}`);',
      'vscode.l10n.t(message);',
      "vscode.l10n.t('\\u00e9t\\u{e9}');",
      "other.t('not l10n'); xl10n.t('not either');",
    ].join('\n'),
  );
  assert.deepEqual(
    calls.map((c) => c.message ?? `! ${c.line}`),
    ['Could not connect to {0}: {1}', "Kept in VS Code's storage", "It's {0}\n", 'Plain template', '! 7', '! 8', 'été'],
  );
});

test('bundle checks: missing, stale and placeholder mismatches are caught', () => {
  const used = new Set(['{0} table', 'Remove', 'Drift between {0} and {1}', 'Run `{0}`']);
  const problems = bundleProblems({ '{0} table': '{0} Tabelle', 'Drift between {0} and {1}': 'Drift zwischen {0} und {0}', 'Run `{0}`': '`{0}` ausführen', Old: 'Alt' }, used, 'x');
  assert.deepEqual(problems, [
    'x: missing "Remove"',
    'x: "Drift between {0} and {1}" has {0} {1} but the translation has {0} {0}',
    'x: stale "Old" (no l10n.t call uses it)',
  ]);
});

test('every l10n.t call in client/src and webviews has a literal message', () => {
  const calls = clientCalls();
  assert.deepEqual(calls.filter((c) => c.problem).map((c) => `${c.file}:${c.line}: ${c.problem}`), []);
  assert.ok(calls.filter((c) => c.file.startsWith('client')).length >= 80, 'too few l10n.t calls in client/src');
  for (const panel of WEBVIEWS) {
    const n = calls.filter((c) => c.file.startsWith(join('webviews', panel))).length;
    assert.ok(n >= 10, `webviews/${panel}: only ${n} l10n.t calls (are its texts wrapped?)`);
  }
});

test('the webviews take l10n from webviews/shared/l10n.ts, not from some other `l10n`', () => {
  const wrong: string[] = [];
  for (const panel of WEBVIEWS) {
    for (const f of sourceFiles(join(ROOT, 'webviews', panel))) {
      const text = readFileSync(f, 'utf8');
      if (/\bl10n\.t\(/.test(text) && !/import \{[^}]*\bl10n\b[^}]*\} from '\.\.\/shared\/l10n\.js'/.test(text)) wrong.push(relative(ROOT, f));
    }
  }
  assert.deepEqual(wrong, []);
});

/** webviews/shared/l10n.ts, loaded by URL (the webviews are a DOM project of their own, outside this test project). */
interface WebviewL10n {
  format(message: string, args: readonly (string | number)[]): string;
  l10n: { t(message: string, ...args: (string | number)[]): string };
}

test('webview messages: placeholders filled, English when the page carries no translation', async () => {
  const { format, l10n: webviewL10n } = (await import(pathToFileURL(join(ROOT, 'webviews', 'shared', 'l10n.ts')).href)) as WebviewL10n;
  assert.equal(format('Applying: {0} of {1} statements done', [2, 5]), 'Applying: 2 of 5 statements done');
  assert.equal(format('{1} before {0}, {2} kept', ['a', 'b']), 'b before a, {2} kept');
  assert.equal(format('No args {0}', []), 'No args {0}');
  // no document here, so no l10n block: the key itself
  assert.equal(webviewL10n.t('Saved {0}', 'migrations/x.sql'), 'Saved migrations/x.sql');
});

test('the page block: the bundle flattened, safe inside <script>, nothing in English', () => {
  assert.equal(l10nBlock(undefined), undefined);
  assert.equal(l10nBlock({}), undefined);
  const block = l10nBlock({ 'Saved {0}': '{0} gespeichert', 'Hazards': { message: 'Risiken', comment: ['heading'] }, '</script><!--': '</script><b>\u2028', odd: 3 })!;
  assert.ok(!block.includes('<'), block);
  assert.ok(!block.includes('\u2028'), 'a raw U+2028 in the block');
  assert.deepEqual(JSON.parse(block), { 'Saved {0}': '{0} gespeichert', Hazards: 'Risiken', '</script><!--': '</script><b>\u2028' });
});

test('webviews read the block the host wrote: translation, placeholders, the page language\'s plural rule', async () => {
  const g = globalThis as { document?: unknown };
  const block = l10nBlock({ 'Saved {0}': '{0} enregistré', 'Applying: {0} of {1} statements done': 'Application : {0} instructions sur {1} effectuées' })!;
  g.document = { getElementById: (id: string) => (id === 'l10n' ? { textContent: block } : null), documentElement: { lang: 'fr' } };
  try {
    const url = `${pathToFileURL(join(ROOT, 'webviews', 'shared', 'l10n.ts')).href}?page=fr`;
    const m = (await import(url)) as WebviewL10n & { isSingular(n: number): boolean };
    assert.equal(m.l10n.t('Saved {0}', 'migrations/x.sql'), 'migrations/x.sql enregistré');
    assert.equal(m.l10n.t('Applying: {0} of {1} statements done', 2, 5), 'Application : 2 instructions sur 5 effectuées');
    assert.equal(m.l10n.t('Hazards'), 'Hazards', 'a message without translation stays English');
    assert.deepEqual([0, 1, 2].map((n) => m.isSingular(n)), [true, true, false], 'French: 0 and 1 are singular');
  } finally {
    delete g.document;
  }
  // without a block (English), English plural rules
  g.document = { getElementById: () => null, documentElement: { lang: 'fr' } };
  try {
    const m = (await import(`${pathToFileURL(join(ROOT, 'webviews', 'shared', 'l10n.ts')).href}?page=en`)) as { isSingular(n: number): boolean };
    assert.deepEqual([0, 1, 2].map((n) => m.isSingular(n)), [false, true, false]);
  } finally {
    delete g.document;
  }
});

for (const lang of LANGUAGES) {
  test(`l10n/bundle.l10n.${lang}.json translates exactly the messages the sources use`, () => {
    const used = new Set(clientCalls().flatMap((c) => (c.message === undefined ? [] : [c.message])));
    const bundle = readJson(`l10n/bundle.l10n.${lang}.json`);
    assert.deepEqual(bundleProblems(bundle, used, lang), []);
  });
}

test('package.nls translations are complete and keep code, setting names and command links', () => {
  assert.deepEqual((check as () => string[])(), []);
  const nls = readJson('package.nls.json') as Record<string, string>;
  for (const lang of LANGUAGES) {
    const t = readJson(`package.nls.${lang}.json`) as Record<string, string>;
    assert.deepEqual(Object.keys(t).sort(), Object.keys(nls).sort(), lang);
    const changed = Object.keys(nls).filter((k) => invariants(nls[k]!).join(' ') !== invariants(t[k]!).join(' '));
    assert.deepEqual(changed, [], `${lang}: keys whose code, placeholders or links changed`);
  }
});
