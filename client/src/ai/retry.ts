/**
 * Retry policy for model requests: exponential backoff with jitter on 429
 * and 5xx (and timeouts and dropped connections), honouring the server's
 * `Retry-After` / `retry-after-ms`, capped so a user never waits minutes.
 * Sleeping is cancellable. No vscode import.
 */
import { ProviderError } from './types.js';

export interface RetryPolicy {
  /** retries after the first attempt (default 2) */
  maxRetries: number;
  /** first backoff in ms (default 500), doubled per retry */
  baseDelayMs: number;
  /** longest wait between attempts (default 20 s); a longer Retry-After fails instead */
  maxDelayMs: number;
  /** 0..1 share of the delay that is random (default 0.2) */
  jitter: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 2, baseDelayMs: 500, maxDelayMs: 20_000, jitter: 0.2 };

/**
 * Milliseconds a `Retry-After` (seconds or an HTTP date) or `retry-after-ms`
 * header asks for; undefined when absent or unreadable.
 */
export function parseRetryAfter(retryAfter: string | null | undefined, retryAfterMs?: string | null, now = Date.now()): number | undefined {
  if (retryAfterMs) {
    const ms = Number(retryAfterMs);
    if (Number.isFinite(ms) && ms >= 0) return ms;
  }
  if (!retryAfter) return undefined;
  const s = Number(retryAfter);
  if (Number.isFinite(s) && s >= 0) return s * 1000;
  const date = Date.parse(retryAfter);
  if (!Number.isNaN(date)) return Math.max(0, date - now);
  return undefined;
}

/**
 * How long to wait before retry number `attempt` (0-based) after `error`, or
 * undefined when the error should not be retried (or the server asks for a
 * wait longer than the policy allows).
 */
export function retryDelay(policy: RetryPolicy, attempt: number, error: ProviderError, random = Math.random): number | undefined {
  if (!error.retryable || attempt >= policy.maxRetries) return undefined;
  if (error.retryAfterMs !== undefined) return error.retryAfterMs <= policy.maxDelayMs ? error.retryAfterMs : undefined;
  const base = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(base * (1 - policy.jitter + policy.jitter * random()));
}

/** Resolves after `ms`, or rejects with a `cancelled` ProviderError when `signal` aborts first. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new ProviderError('cancelled', 'Cancelled.'));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new ProviderError('cancelled', 'Cancelled.'));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
