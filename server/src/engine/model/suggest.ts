/**
 * Edit distance for did-you-mean suggestions: a small Damerau-Levenshtein
 * (optimal string alignment) distance and a ranking of candidate names.
 * Pure string work; knows nothing about schemas. The binder attaches these to
 * unknown-name diagnostics and the quick fixes offer them.
 */

/** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev2: number[] = [];
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur.push(d);
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length];
}

/**
 * The candidates close enough to `name` to be a likely typo, best first.
 * Case differences cost nothing extra beyond a small tie-breaker; the
 * threshold grows with the name's length (1 edit for short names, up to a third).
 */
export function closestNames(name: string, candidates: Iterable<string>, limit = 3): string[] {
  const lower = name.toLowerCase();
  const maxDistance = Math.max(1, Math.floor(name.length / 3));
  const scored: { name: string; score: number }[] = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    if (c === name || seen.has(c)) continue;
    seen.add(c);
    const d = editDistance(lower, c.toLowerCase());
    const caseOnly = d === 0;
    if (!caseOnly && d > maxDistance) continue;
    // prefer case-only fixes, then fewer edits, then shared prefix
    const prefixBonus = c.toLowerCase().startsWith(lower.slice(0, 1)) ? 0 : 0.5;
    scored.push({ name: c, score: caseOnly ? 0.1 : d + prefixBonus });
  }
  scored.sort((x, y) => x.score - y.score || x.name.localeCompare(y.name));
  return scored.slice(0, limit).map((s) => s.name);
}
