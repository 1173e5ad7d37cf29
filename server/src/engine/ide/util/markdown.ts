/**
 * Markdown building blocks for hovers: escaping of user text (notes, names)
 * and inline code spans that survive backticks in names.
 */

/** Escapes characters that Markdown or embedded HTML would interpret. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+!|<>~]/g, (c) => '\\' + c)
    .replace(/&/g, '&amp;')
    .replace(/^(\s*)([-=]{1,})/gm, (_m, ws: string, run: string) => ws + run.replace(/./g, (c) => '\\' + c))
    .replace(/^(\s*\d+)\./gm, '$1\\.');
}

/** An inline code span that holds any text, backticks included. */
export function inlineCode(text: string): string {
  const runs = text.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced code block in the given language. */
export function codeBlock(language: string, text: string): string {
  const runs = text.match(/`{3,}/g) ?? [];
  const fence = '`'.repeat(Math.max(3, ...runs.map((r) => r.length + 1)));
  return `${fence}${language}\n${text}\n${fence}`;
}
