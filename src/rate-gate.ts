import { sleep } from './internal/abort';
import { invalidOption, optionalFunction } from './internal/option-validators';
import { AdaptiveGate, GATE_DEFAULTS, GATES, type GateSettings } from './internal/rate-gate';

/** What `onRateLimit` is told when the rate gate closes after a 429, and when it lets calls through again. */
export interface RateLimitEvent {
  /** `closed`: TMDb answered 429 and every call waits; `reopened`: the pause is over, probes go first. */
  type: 'closed' | 'reopened';
  /** How long the gate stays closed (0 for `reopened`). */
  retryAfterMs: number;
  /** The rate the gate now keeps to, learnt from TMDb's answers (or `maxRequestsPerSecond`); `undefined` for none. */
  requestsPerSecond: number | undefined;
  /** How many calls are waiting at the gate. */
  waiting: number;
}

/** The limits of a rate gate: the client's own (client options) or one shared by several clients (`createRateGate`). */
export interface RateGateOptions {
  /** The most requests in flight at once; the default agents' `maxSockets` follows it. @default 20 (TMDb's connection cap per IP) */
  maxConcurrency?: number | undefined;
  /** A client-side cap on requests per second. @default undefined (none: TMDb publishes no fixed number; the gate learns from 429s) */
  maxRequestsPerSecond?: number | undefined;
  /** Called when the gate closes after a 429 and when it reopens. */
  onRateLimit?: ((event: RateLimitEvent) => void) | undefined;
}

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
    const settings = gateSettings(options);
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

/** Validates a rate gate's options and fills in the defaults. @throws {TmdbConfigurationError} */
function gateSettings(options: CreateRateGateOptions | undefined): GateSettings {
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw invalidOption('options', 'Pass an options object such as `{ maxRequestsPerSecond: 40 }`.');
  }
  const { maxConcurrency, maxRequestsPerSecond } = options ?? {};
  if (maxConcurrency !== undefined && !(Number.isInteger(maxConcurrency) && maxConcurrency >= 1)) {
    throw invalidOption('maxConcurrency', '`maxConcurrency` must be a whole number, one or more.');
  }
  const rate: unknown = maxRequestsPerSecond;
  if (rate !== undefined && !(typeof rate === 'number' && Number.isFinite(rate) && rate > 0)) {
    throw invalidOption('maxRequestsPerSecond', '`maxRequestsPerSecond` must be a finite number above zero.');
  }
  return {
    maxConcurrency: maxConcurrency ?? GATE_DEFAULTS.maxConcurrency,
    maxRequestsPerSecond: maxRequestsPerSecond ?? GATE_DEFAULTS.maxRequestsPerSecond,
    onRateLimit: optionalFunction('onRateLimit', options?.onRateLimit),
    now: optionalFunction('now', options?.now) ?? Date.now,
    sleep: optionalFunction('sleep', options?.sleep) ?? sleep,
  };
}
