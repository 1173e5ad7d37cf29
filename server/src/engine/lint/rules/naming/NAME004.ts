/** NAME004: identifiers that can only be written quoted (spaces, punctuation, leading digit). */
import type { LintRule } from '../../types.js';
import { at } from '../../facts.js';

/** True when the name is a plain identifier: a letter or `_`, then letters, digits, `_` or `$`. */
export function isPlainIdentifier(name: string): boolean {
  if (name.length === 0) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
    if (letter) continue;
    if (i > 0 && ((c >= 48 && c <= 57) || c === 36)) continue;
    return false;
  }
  return true;
}

export const NAME004: LintRule = {
  code: 'NAME004',
  family: 'naming',
  severity: 'warning',
  title: 'Identifier that needs quoting',
  docs: {
    why: 'Names with spaces, hyphens, dots or a leading digit must be quoted in every query, by every tool and ORM, in every dialect\'s own quote characters. They break generated code and copy-pasted SQL.',
    bad: 'Table "order items" {\n  "unit-price" decimal\n}',
    good: 'Table order_items {\n  unit_price decimal\n}',
  },
  check(ctx) {
    for (const t of ctx.schema.tables) {
      if (t.isView) continue;
      if (!isPlainIdentifier(t.name)) ctx.report(at(t, undefined, `Table name '${t.name}' can only be written quoted.`));
      for (const c of t.columns) {
        if (!isPlainIdentifier(c.name)) ctx.report(at(t, c, `Column name '${t.name}.${c.name}' can only be written quoted.`));
      }
    }
  },
};
