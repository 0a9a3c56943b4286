import type { Server } from 'node:http';
import type { TmdbEmulatorFault } from './faults';

/**
 * A request rate the emulator enforces per client address, as TMDb's CDN does per IP: a token bucket that refills
 * continuously. A request that finds it empty is answered 429 with TMDb's code 25.
 */
export interface TmdbEmulatorRateLimit {
  /** Requests per second, per client address. */
  requestsPerSecond: number;
  /** How many requests the bucket holds when full. @default requestsPerSecond (one second's worth) */
  burst?: number | undefined;
  /** Whether a 429 says when to come back, as `Retry-After` in whole seconds (TMDb's own is unconfirmed). @default true */
  retryAfter?: boolean | undefined;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** The token buckets, one per client address. */
export class RequestLimiter {
  readonly #rate: number;
  readonly #burst: number;
  readonly #retryAfter: boolean;
  readonly #now: () => number;
  readonly #buckets = new Map<string, Bucket>();

  constructor(limit: TmdbEmulatorRateLimit, now: () => number) {
    const burst = limit.burst ?? limit.requestsPerSecond;
    if (!(Number.isFinite(limit.requestsPerSecond) && limit.requestsPerSecond > 0)) {
      throw new TypeError('`rateLimit.requestsPerSecond` must be a finite number above zero.');
    }
    if (!(Number.isFinite(burst) && burst >= 1)) throw new TypeError('`rateLimit.burst` must be 1 or more.');
    this.#rate = limit.requestsPerSecond;
    this.#burst = burst;
    this.#retryAfter = limit.retryAfter ?? true;
    this.#now = now;
  }

  /** The 429 for this request, when its client's bucket is empty; takes a token otherwise. */
  check(client: string): TmdbEmulatorFault | undefined {
    const now = this.#now();
    const bucket = this.#buckets.get(client) ?? { tokens: this.#burst, at: now };
    bucket.tokens = Math.min(this.#burst, bucket.tokens + ((now - bucket.at) * this.#rate) / 1000);
    bucket.at = now;
    this.#buckets.set(client, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    const retryAfterSeconds = Math.max(1, Math.ceil((1 - bucket.tokens) / this.#rate));
    return { type: 'rate-limit', retryAfterSeconds: this.#retryAfter ? retryAfterSeconds : undefined };
  }
}

/**
 * Caps the connections open at once, as TMDb's CDN does (about 20 per IP): one past the cap is closed at once,
 * and the client sees a reset. Returns the count of connections refused so far.
 */
export function capConnections(server: Server, max: number): () => number {
  if (!(Number.isInteger(max) && max >= 1)) throw new TypeError('`maxConnections` must be a whole number, 1 or more.');
  let refused = 0;
  server.maxConnections = max;
  server.on('drop', () => {
    refused += 1;
  });
  return () => refused;
}
