/**
 * Localisation in the webviews: the host writes the display language's
 * translations into the page (`<script type="application/json" id="l10n">`,
 * see client/src/panels/webview-page.ts) and `l10n.t` (message, args) looks a
 * message up there, falling back to the English key (no block, or a message
 * without translation). Messages follow the extension's rules (l10n/README.md):
 * a string literal first argument, `{0}` placeholders, one message per plural
 * form chosen with `isSingular`. test/package/l10n.test.ts scans these calls
 * like the client's, so the bundles must hold every webview message.
 */

let table: Record<string, string> | undefined;
let plural: Intl.PluralRules | undefined;

function translations(): Record<string, string> {
  if (table) return table;
  table = {};
  const text = typeof document === 'undefined' ? null : document.getElementById('l10n')?.textContent;
  if (text) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object') {
        for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) if (typeof v === 'string') table[k] = v;
      }
    } catch {
      // a broken block: English it is
    }
  }
  return table;
}

/** `{0}`, `{1}`… replaced by the arguments (a placeholder without argument stays as is). */
export function format(message: string, args: readonly (string | number)[]): string {
  if (!args.length) return message;
  return message.replace(/\{(\d+)\}/g, (m, i: string) => {
    const v = args[Number(i)];
    return v === undefined ? m : String(v);
  });
}

/** The webview's translation API, shaped like `vscode.l10n` so the same scanner checks both. */
export const l10n = {
  t(message: string, ...args: (string | number)[]): string {
    return format(translations()[message] ?? message, args);
  },
};

/** Whether `n` takes the singular form in the page's language (`<html lang>`, English without translations). */
export function isSingular(n: number): boolean {
  if (!plural) {
    const lang = Object.keys(translations()).length && typeof document !== 'undefined' ? document.documentElement.lang || 'en' : 'en';
    try {
      plural = new Intl.PluralRules(lang);
    } catch {
      plural = new Intl.PluralRules('en');
    }
  }
  return plural.select(n) === 'one';
}

/** Forget the cached translations (tests that rewrite the page). */
export function resetL10n(): void {
  table = undefined;
  plural = undefined;
}
