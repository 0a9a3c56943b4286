import { AdaptiveGate, GATES } from './internal/rate-gate';
import { resolveRateGateOptions } from './internal/resolve-options';
import type { RateGateOptions } from './options';

/** Options of {@link createRateGate}: the gate's limits, and the clock and sleep it waits with (for tests). */
export interface CreateRateGateOptions extends RateGateOptions {
  /** The clock, in milliseconds since the epoch (for tests). @default Date.now */
  now?: (() => number) | undefined;
  /** How the gate waits (for tests); must reject when its signal aborts. @default a setTimeout-based sleep */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
}

/**
 * A rate gate to share between clients in one process (pass it as their `rateGate` option): a 429 on any of
 * them holds the calls of all of them, and `maxConcurrency` counts the requests of all of them.
 */
export class RateGate {
  /** The most requests in flight at once, over every client sharing the gate. */
  readonly maxConcurrency: number;
  /** The client-side cap on requests per second, when one is set. */
  readonly maxRequestsPerSecond: number | undefined;

  /** Use {@link createRateGate}. @internal */
  constructor(options: CreateRateGateOptions | undefined) {
    const settings = resolveRateGateOptions(options);
    this.maxConcurrency = settings.maxConcurrency;
    this.maxRequestsPerSecond = settings.maxRequestsPerSecond;
    GATES.set(this, new AdaptiveGate(settings));
  }
}

/**
 * Creates a rate gate that several clients can share, for apps that build a client per request with one key.
 *
 * @example
 * const gate = createRateGate({ onRateLimit: (e) => log.warn('TMDb rate limit', e) });
 * app.use((req) => { req.tmdb = new TmdbAuthClient({ apiKey, rateGate: gate }); });
 * @throws {TmdbConfigurationError} when a limit is unusable.
 */
export function createRateGate(options?: CreateRateGateOptions): RateGate {
  return new RateGate(options);
}
