/** DES003: foreign keys that form a cycle between tables. */
import type { LintRule } from '../../types.js';
import { at, factsOf } from '../../facts.js';

/** Strongly connected components of the table graph (iterative Tarjan), self-loops ignored. */
function cycles(keys: string[], edges: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let next = 0;
  for (const root of keys) {
    if (index.has(root)) continue;
    const work: { v: string; i: number }[] = [{ v: root, i: 0 }];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const top = work[work.length - 1];
      const succ = edges.get(top.v) ?? [];
      if (top.i < succ.length) {
        const w = succ[top.i++];
        if (!index.has(w)) {
          index.set(w, next);
          low.set(w, next++);
          stack.push(w);
          onStack.add(w);
          work.push({ v: w, i: 0 });
        } else if (onStack.has(w)) low.set(top.v, Math.min(low.get(top.v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].v;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.v)!));
      }
      if (low.get(top.v) === index.get(top.v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== top.v);
        if (comp.length > 1) out.push(comp);
      }
    }
  }
  return out;
}

export const DES003: LintRule = {
  code: 'DES003',
  family: 'design',
  severity: 'warning',
  title: 'Circular foreign keys',
  docs: {
    why: 'When table A references B and B references A (directly or through others), neither row can be inserted first unless one key is nullable or the constraints are deferrable, and dumps must be restored with constraints disabled. Self-references are not cycles here (see KEY008).',
    bad: 'Table teams {\n  id int [pk]\n  captain_id int [not null, ref: > players.id]\n}\nTable players {\n  id int [pk]\n  team_id int [not null, ref: > teams.id]\n}',
    good: 'Table teams {\n  id int [pk]\n}\nTable players {\n  id int [pk]\n  team_id int [not null, ref: > teams.id]\n  is_captain boolean\n}',
  },
  check(ctx) {
    const facts = factsOf(ctx.schema);
    const edges = new Map<string, string[]>();
    for (const r of ctx.schema.relationships) {
      if (r.from.tableKey === r.to.tableKey || !facts.tables.has(r.from.tableKey) || !facts.tables.has(r.to.tableKey)) continue;
      // a 1-1 or n-n has no insertion order; only the FK direction matters
      let list = edges.get(r.from.tableKey);
      if (!list) edges.set(r.from.tableKey, (list = []));
      list.push(r.to.tableKey);
    }
    if (edges.size < 2) return;
    for (const comp of cycles([...edges.keys()], edges)) {
      comp.sort();
      const t = facts.tables.get(comp[0])!.table;
      const related = [];
      for (const k of comp.slice(1)) {
        const o = facts.tables.get(k)!.table;
        if (o.source) related.push({ uri: o.source.uri, span: o.source.nameSpan, message: `'${o.name}' is part of the cycle` });
      }
      const names = comp.map((k) => facts.tables.get(k)!.table.name);
      const f = at(t, undefined, `Foreign keys form a cycle between ${names.map((n) => `'${n}'`).join(', ')}.`);
      if (related.length) f.related = related;
      ctx.report(f);
    }
  },
};
