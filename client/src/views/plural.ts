/**
 * Choosing between the singular and the plural message of a count ("{0} table"
 * / "{0} tables") by the display language's own rule: French says "0 table",
 * English and German "0 tables". Each form is its own `vscode.l10n.t` message;
 * this only picks which one (see l10n/README.md).
 */
import * as vscode from 'vscode';

let rules: { language: string; rules: Intl.PluralRules } | undefined;

/**
 * Whether `n` takes the singular form in VS Code's display language; English
 * rules when no bundle of that language is loaded (the messages are English then).
 */
export function isSingular(n: number): boolean {
  const language = vscode.l10n.bundle ? vscode.env.language : 'en';
  if (rules?.language !== language) {
    let r: Intl.PluralRules;
    try {
      r = new Intl.PluralRules(language);
    } catch {
      r = new Intl.PluralRules('en');
    }
    rules = { language, rules: r };
  }
  return rules.rules.select(n) === 'one';
}
