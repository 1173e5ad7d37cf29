/** IDX001: two indexes on the same parts (the later one is redundant). */
import type { LintRule } from '../../types.js';
import { indexLabel, atIndex, partKeys, sameKind } from './index-parts.js';
import { sameList } from '../../facts.js';

export const IDX001: LintRule = {
  code: 'IDX001',
  family: 'indexes',
  severity: 'warning',
  title: 'Duplicate index',
  docs: {
    why: 'Two indexes on the same columns in the same order cost two writes on every insert and update and twice the space, and the planner uses one of them. A plain index repeating a primary key or unique constraint is also a duplicate.',
    bad: 'Table users {\n  id int [pk]\n  email varchar\n  Indexes {\n    email\n    email [name: \'users_email_idx2\']\n  }\n}',
    good: 'Table users {\n  id int [pk]\n  email varchar\n  Indexes {\n    email\n  }\n}',
  },
  check(ctx) {
    for (const t of ctx.schema.tables) {
      if (t.isView) continue;
      if (t.indexes.length < 2) continue;
      const keys = t.indexes.map(partKeys);
      const reported = new Set<number>();
      for (let i = 1; i < t.indexes.length; i++) {
        const ix = t.indexes[i];
        if (keys[i].length === 0) continue;
        for (let j = 0; j < i; j++) {
          const other = t.indexes[j];
          if (!sameList(keys[i], keys[j]) || !sameKind(ix, other)) continue;
          // a plain index next to a unique one is the redundant one, whichever comes first
          const redundant = !ix.unique && !ix.primaryKey ? ix : !other.unique && !other.primaryKey ? other : ix;
          const kept = redundant === ix ? other : ix;
          const at_ = redundant === ix ? i : j;
          if (reported.has(at_)) break;
          reported.add(at_);
          ctx.report(atIndex(t, redundant, `Index ${indexLabel(redundant)} on '${t.name}' duplicates ${indexLabel(kept)}.`));
          break;
        }
      }
    }
  },
};
