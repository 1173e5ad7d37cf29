/** DES004: a junction (many-to-many) table without a key over its two foreign keys. */
import type { LintRule } from '../../types.js';
import { at, factsOf, sameSet } from '../../facts.js';

/** Columns a junction table may carry besides its two foreign keys. */
const EXTRA = new Set(['id', 'created_at', 'updated_at', 'createdat', 'updatedat', 'created', 'updated', 'inserted_at', 'position', 'sort_order', 'ordinal']);

export const DES004: LintRule = {
  code: 'DES004',
  family: 'design',
  severity: 'warning',
  title: 'Junction table without a composite key',
  docs: {
    why: 'A table that only links two others (post_tags: post_id, tag_id) needs a primary or unique key over both foreign keys; otherwise the same pair can be inserted twice and every many-to-many query returns duplicates.',
    bad: 'Table posts {\n  id int [pk]\n}\nTable tags {\n  id int [pk]\n}\nTable post_tags {\n  post_id int [ref: > posts.id]\n  tag_id int [ref: > tags.id]\n}',
    good: 'Table posts {\n  id int [pk]\n}\nTable tags {\n  id int [pk]\n}\nTable post_tags {\n  post_id int [ref: > posts.id]\n  tag_id int [ref: > tags.id]\n  Indexes {\n    (post_id, tag_id) [pk]\n  }\n}',
  },
  check(ctx) {
    const facts = factsOf(ctx.schema);
    for (const t of ctx.schema.tables) {
      if (t.isView) continue;
      const f = facts.tables.get(t.key);
      if (!f || f.outgoing.length !== 2) continue;
      const [a, b] = f.outgoing;
      if (a.from.columns.length !== 1 || b.from.columns.length !== 1 || a.from.columns[0] === b.from.columns[0]) continue;
      const pair = [a.from.columns[0], b.from.columns[0]];
      if (t.columns.some((c) => !pair.includes(c.name) && !EXTRA.has(c.name.toLowerCase()))) continue;
      if (f.uniqueKeys.some((k) => sameSet(k, pair))) continue;
      ctx.report(at(t, undefined, `Junction table '${t.name}' has no primary or unique key over (${pair.join(', ')}).`, { kind: 'addIndex', tableKey: t.key, columns: pair, unique: true }));
    }
  },
};
