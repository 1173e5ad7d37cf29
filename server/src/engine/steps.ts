/**
 * Work done in steps: a generator that yields between units of work (a lint
 * rule, a batch of tables) and returns its result. The engine never decides
 * when to pause; a caller that must stay responsive (the language server
 * between two keystrokes) runs a few steps at a time, and everyone else runs
 * them all at once with `runSteps`.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs every step; returns the result. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
