/**
 * Markdown for answers, rendered safely: markdown-it with raw HTML off (an
 * HTML payload in an answer shows as text), images off (no fetches), links
 * only to http(s) and mailto, and fenced code rendered as an escaped block
 * the page decorates with its Copy / Insert / Migration plan buttons. The
 * output is markup made only by markdown-it's escaping renderer.
 */
import MarkdownIt from 'markdown-it';

export interface Fence {
  lang: string;
  code: string;
}

const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });
md.disable(['image']);
md.validateLink = (url: string): boolean => /^(https?:\/\/|mailto:)/i.test(url.trim());

let fences: Fence[] = [];

md.renderer.rules.fence = (tokens, idx) => {
  const t = tokens[idx];
  const lang = (t.info.trim().split(/\s+/, 1)[0] ?? '').toLowerCase().replace(/[^a-z0-9_+-]/g, '');
  const code = t.content.endsWith('\n') ? t.content.slice(0, -1) : t.content;
  const index = fences.length;
  fences.push({ lang, code });
  return `<div class="code" data-fence="${index}"><pre><code${lang ? ` class="language-${lang}"` : ''}>${md.utils.escapeHtml(code)}</code></pre></div>\n`;
};
md.renderer.rules.code_block = md.renderer.rules.fence;

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx].attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** The answer as safe markup plus its code fences in order. */
export function renderMarkdown(text: string): { html: string; fences: Fence[] } {
  fences = [];
  const html = md.render(text);
  const out = fences;
  fences = [];
  return { html, fences: out };
}
