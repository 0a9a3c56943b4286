/** How long to wait before retry number `retry` (1 for the first), when the server did not say. */
export interface BackoffSettings {
  retryDelayMs: number;
  maxRetryDelayMs: number;
  random: () => number;
}

// Up to a quarter off each delay, so clients that failed together do not all come back together.
const JITTER = 0.25;

/** Capped exponential backoff with jitter: `min(retryDelayMs * 2^(retry-1), maxRetryDelayMs)`, less up to 25%. */
export function backoffDelayMs(retry: number, { retryDelayMs, maxRetryDelayMs, random }: BackoffSettings): number {
  const exponential = Math.min(retryDelayMs * 2 ** (retry - 1), maxRetryDelayMs);
  return Math.round(exponential * (1 - JITTER * random()));
}
