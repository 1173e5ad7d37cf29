/**
 * Localisation of the extension's own messages (vscode.l10n): every
 * `l10n.t('…')` literal in client/src has a translation in each
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
// @ts-expect-error: a plain .mjs script without types
import { check } from '../../scripts/nls.mjs';

const ROOT = join(import.meta.dirname, '..', '..');
const LANGUAGES = ['de', 'fr'];

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

function clientCalls(): Call[] {
  return sourceFiles(join(ROOT, 'client', 'src')).flatMap((f) => scanCalls(readFileSync(f, 'utf8'), relative(ROOT, f)));
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

test('every l10n.t call in client/src has a literal message', () => {
  const calls = clientCalls();
  assert.deepEqual(calls.filter((c) => c.problem).map((c) => `${c.file}:${c.line}: ${c.problem}`), []);
  assert.ok(calls.length >= 80, `only ${calls.length} l10n.t calls found`);
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
