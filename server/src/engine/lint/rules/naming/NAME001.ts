/** NAME001: identifiers in another case style than most of the schema's. */
import type { LintRule } from '../../types.js';
import { at } from '../../facts.js';

type Style = 'snake_case' | 'camelCase' | 'PascalCase' | 'UPPER_CASE' | 'other';

/** The case style of a name, or undefined for a single lowercase word (fits snake and camel). */
export function caseStyle(name: string): Style | undefined {
  let lower = false;
  let upper = false;
  let underscore = false;
  let other = false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 97 && c <= 122) lower = true;
    else if (c >= 65 && c <= 90) upper = true;
    else if (c === 95) underscore = true;
    else if (!(c >= 48 && c <= 57)) other = true;
  }
  if (other) return 'other';
  if (!upper) return underscore ? 'snake_case' : undefined;
  if (!lower) return name.length > 1 ? 'UPPER_CASE' : undefined;
  if (underscore) return 'other';
  const first = name.charCodeAt(0);
  return first >= 65 && first <= 90 ? 'PascalCase' : 'camelCase';
}

/** The most common style (ties: alphabetical), when names use more than one; `other` never counts. */
function majority(styles: (Style | undefined)[]): Style | undefined {
  const counts = new Map<Style, number>();
  for (const s of styles) if (s && s !== 'other') counts.set(s, (counts.get(s) ?? 0) + 1);
  let best: Style | undefined;
  let n = 0;
  for (const [s, c] of counts) if (c > n || (c === n && best !== undefined && s < best)) (best = s), (n = c);
  return counts.size > 1 ? best : undefined;
}

export const NAME001: LintRule = {
  code: 'NAME001',
  family: 'naming',
  severity: 'info',
  title: 'Mixed case styles',
  docs: {
    why: 'A schema that mixes `snake_case`, `camelCase` and `PascalCase` makes every query a guess, and in PostgreSQL a mixed-case name must be quoted forever. Pick one style for tables and one for columns.',
    bad: 'Table users {\n  id int [pk]\n  first_name varchar\n  lastName varchar\n}',
    good: 'Table users {\n  id int [pk]\n  first_name varchar\n  last_name varchar\n}',
  },
  check(ctx) {
    // views are named by whoever wrote the query; names needing quotes are NAME004's
    const tables = ctx.schema.tables.filter((t) => !t.isView);
    const tableMajor = majority(tables.map((t) => caseStyle(t.name)));
    if (tableMajor) {
      for (const t of tables) {
        const s = caseStyle(t.name);
        if (s && s !== 'other' && s !== tableMajor) ctx.report(at(t, undefined, `Table name '${t.name}' is ${s}; most table names are ${tableMajor}.`));
      }
    }
    const colStyles: (Style | undefined)[] = [];
    for (const t of tables) for (const c of t.columns) colStyles.push(caseStyle(c.name));
    const colMajor = majority(colStyles);
    if (!colMajor) return;
    let i = 0;
    for (const t of tables) {
      for (const c of t.columns) {
        const s = colStyles[i++];
        if (s && s !== 'other' && s !== colMajor) ctx.report(at(t, c, `Column name '${t.name}.${c.name}' is ${s}; most column names are ${colMajor}.`));
      }
    }
  },
};
