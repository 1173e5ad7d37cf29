/**
 * Input minimisation for fuzz findings (delta debugging): removes chunks of
 * lines, then of characters, while `stillFails` holds, within a time budget.
 * Returns the smallest failing text found.
 */
import { performance } from 'node:perf_hooks';

export function minimise(text: string, stillFails: (t: string) => boolean, budgetMs = 10_000): string {
  const deadline = performance.now() + budgetMs;
  let cur = text;
  const pass = (split: (t: string) => string[]): void => {
    let parts = split(cur);
    let n = 2;
    while (parts.length >= 1 && performance.now() < deadline) {
      const size = Math.ceil(parts.length / n);
      let reduced = false;
      for (let i = 0; i < parts.length && performance.now() < deadline; i += size) {
        const candidate = [...parts.slice(0, i), ...parts.slice(i + size)];
        const t = candidate.join('');
        if (t !== cur && safe(stillFails, t)) {
          cur = t;
          parts = candidate;
          n = Math.max(n - 1, 2);
          reduced = true;
          break;
        }
      }
      if (!reduced) {
        if (size <= 1) break;
        n = Math.min(n * 2, parts.length);
      }
    }
  };
  pass((t) => t.split(/(?<=\n)/));
  pass((t) => [...t]);
  return cur;
}

function safe(f: (t: string) => boolean, t: string): boolean {
  try {
    return f(t);
  } catch {
    return false;
  }
}
