/**
 * The translations a webview page carries (pure, no `vscode`): the loaded
 * l10n bundle flattened to `{ English: translation }` and serialised as JSON
 * that is safe inside `<script type="application/json" id="l10n">`, which
 * webviews/shared/l10n.ts reads. The whole bundle goes in (a few KB): the one
 * list of messages stays the sources' message literals.
 */

/** A bundle entry's text (a string, or `{ message, comment }`). */
function entryText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && typeof (v as { message?: unknown }).message === 'string') return (v as { message: string }).message;
  return undefined;
}

/**
 * The block's JSON, or undefined when there is nothing to translate (English:
 * no bundle loaded). Every `<` is written `\u003c` (no `</script>` or `<!--`
 * can end or confuse the block), and U+2028/U+2029 as escapes.
 */
export function l10nBlock(bundle: Readonly<Record<string, unknown>> | undefined): string | undefined {
  if (!bundle) return undefined;
  const map: Record<string, string> = {};
  let n = 0;
  for (const [k, v] of Object.entries(bundle)) {
    const t = entryText(v);
    if (t === undefined) continue;
    map[k] = t;
    n++;
  }
  if (!n) return undefined;
  return JSON.stringify(map).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
