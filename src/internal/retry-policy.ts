// Whether a failed attempt goes again, and how long to wait first: the server's Retry-After, or capped
// exponential backoff with jitter.
import type { WireFailure } from './transport-types';

/** Statuses that say "try again": TMDb codes 9, 11, 24, 25, 43 and 46 arrive on these. 501 and 505 never heal. */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

// A 429 or 503 is a rejection in front of the origin: the request was not acted on, so even a POST may go again.
const REJECTED_UNPROCESSED_STATUSES: ReadonlySet<number> = new Set([429, 503]);

// Failures that happen before a connection exists: the server cannot have seen the request.
const CONNECTION_NEVER_MADE: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
]);

/**
 * Whether a failed attempt may be sent again. A request that changes state (POST) is resent only when TMDb
 * provably did not act on it; one that does not (GET, DELETE) whenever the failure is transient.
 */
export function mayRetry(failure: WireFailure, method: string): boolean {
  const safeToRepeat = method !== 'POST';
  switch (failure.kind) {
    case 'http':
      return (
        RETRYABLE_STATUSES.has(failure.response.status) &&
        (safeToRepeat || REJECTED_UNPROCESSED_STATUSES.has(failure.response.status))
      );
    case 'network':
      return safeToRepeat || (failure.systemCode !== undefined && CONNECTION_NEVER_MADE.has(failure.systemCode));
    case 'timeout':
      return safeToRepeat;
    // The same server would send the same oversized answer again.
    case 'too-large':
    case 'cancelled':
      return false;
  }
}

// Statuses after which TMDb may have acted on the request although it answered an error.
const MAY_HAVE_ACTED_STATUSES: ReadonlySet<number> = new Set([408, 500, 502, 504]);

/** Whether TMDb may have acted on a failed attempt: the request left, and no answer said it was not processed. */
export function mayHaveActed(failure: WireFailure): boolean {
  switch (failure.kind) {
    case 'http':
      return MAY_HAVE_ACTED_STATUSES.has(failure.response.status);
    case 'network':
      return failure.systemCode === undefined || !CONNECTION_NEVER_MADE.has(failure.systemCode);
    // Something answered a too-large one; whether it acted, its answer was too large to tell.
    case 'timeout':
    case 'too-large':
      return true;
    case 'cancelled':
      return false;
  }
}

/**
 * How long the server asked the client to wait, from `retry-after-ms` or `Retry-After` (delta seconds or an
 * HTTP date), or `undefined` when it did not say (or said something unreadable).
 */
export function retryAfterMs(headers: Readonly<Record<string, string | undefined>>, nowMs: number): number | undefined {
  const ms = headers['retry-after-ms'];
  if (ms !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(ms)) return Math.ceil(Number(ms));

  const value = headers['retry-after']?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);

  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  // An HTTP date is on the server's clock; measured against the server's own Date header, a skewed local clock
  // does not stretch or shrink the wait.
  const serverNow = headers['date'] === undefined ? Number.NaN : Date.parse(headers['date']);
  return Math.max(0, at - (Number.isNaN(serverNow) ? nowMs : serverNow));
}

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
