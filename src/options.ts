import type { AxiosInstance } from 'axios';
import type { TmdbError } from './errors';
import { GATE_DEFAULTS } from './internal/rate-gate';
import type { RateGate, RateGateOptions } from './rate-gate';

/** What `onRetry` is told before each wait. */
export interface RetryInfo {
  /** The number of the attempt that just failed: 1 for the first. */
  attempt: number;
  /** How long the client will wait before the next attempt. */
  delayMs: number;
  /** Why the attempt failed (already redacted). */
  error: TmdbError;
}

/**
 * How a call retries and times out: set for every call on the client, or for one call as its last argument.
 *
 * Every duration is in milliseconds and at most 2147483647 (2^31 - 1, about 24.8 days), the longest wait a
 * JavaScript timer keeps; a longer one is refused with `TmdbConfigurationError`, since a timer would fire at once.
 * `deadlineMs` and `maxRetryAfterMs` also take `Infinity`, meaning no limit.
 */
export interface RetryOptions {
  /** Retries after the first attempt, for failures that may heal: a whole number, 0 or more. @default 2 */
  maxRetries?: number | undefined;
  /**
   * Limit for one attempt, the whole answer included (headers and body): the attempt ends when it runs out, on
   * every runtime. More than 0, at most 2147483647.
   * @default 10000
   */
  timeoutMs?: number | undefined;
  /**
   * Limit for a whole call, retries, waits and the answer in flight (body included) counted; no wait is started
   * that would end past it, and the attempt in flight when it comes ends then. More than 0,
   * at most 2147483647; `Infinity` means none (for one call, it lifts the client's deadline).
   * @default undefined (none)
   */
  deadlineMs?: number | undefined;
  /** The first backoff delay; it doubles on each retry, less up to 25% jitter. From 0 to 2147483647. @default 500 */
  retryDelayMs?: number | undefined;
  /** The longest backoff delay. From 0 to 2147483647. @default 8000 */
  maxRetryDelayMs?: number | undefined;
  /**
   * The longest `Retry-After` the client waits out; a longer one fails the call at once with `TmdbRateLimitError`.
   * From 0 to 2147483647; `Infinity` means any wait a timer can keep (it is clamped to 2147483647).
   * @default 60000
   */
  maxRetryAfterMs?: number | undefined;
}

/** Options of {@link TmdbAuthClient}. Give exactly one of `apiKey` and `accessToken`. */
export interface TmdbAuthClientOptions extends RetryOptions, RateGateOptions {
  /** The v3 API key (32 hexadecimal characters), sent as the `api_key` query parameter. */
  apiKey?: string | undefined;
  /** The API Read Access Token (a JWT, "v4 token"), sent as `Authorization: Bearer`. */
  accessToken?: string | undefined;
  /** TMDb's API root. Must be HTTPS, except on loopback (for tests and the emulator). @default 'https://api.themoviedb.org/3' */
  baseUrl?: string | undefined;
  /**
   * TMDb's v4 API root, for `tmdb.v4`. Must be HTTPS, except on loopback.
   * @default `baseUrl` with its trailing `/3` replaced by `/4` (none when `baseUrl` does not end in `/3`: v4 calls then fail with TmdbConfigurationError)
   */
  v4BaseUrl?: string | undefined;
  /** Where users approve request tokens; `approvalUrl` and `v4.approvalUrl` build on it. @default 'https://www.themoviedb.org' */
  approvalBaseUrl?: string | undefined;
  /** How much life a cached request token must have left for `getValidRequestToken` to hand it out. From 0 to 2147483647. @default 60000 */
  requestTokenMarginMs?: number | undefined;
  /** Called before each wait between attempts. */
  onRetry?: ((info: RetryInfo) => void) | undefined;
  /**
   * The rate gate every attempt passes through: when one call meets a 429, all wait. Pass one from
   * `createRateGate()` to share it between clients (then set the limits and `onRateLimit` on it, not here), or
   * `false` to turn it off (each call then waits out its own 429s).
   * @default a gate of the client's own, with `maxConcurrency` and `maxRequestsPerSecond`
   */
  rateGate?: RateGate | false | undefined;
  /**
   * The largest answer the client reads, in bytes of the decoded body (after gzip, deflate or br), whatever its
   * status: past it, reading stops and the call fails with `TmdbResponseError`. TMDb's answers are a few hundred
   * bytes. A whole number, 1 or more; `Infinity` means no limit.
   * @default 1048576 (1 MiB)
   */
  maxResponseBytes?: number | undefined;
  /**
   * The axios instance to send requests with. Whatever its defaults, every request is sent with redirects not
   * followed, the client's own time limits, and `maxResponseBytes`.
   * @default an instance with keep-alive and no redirects
   */
  axios?: AxiosInstance | undefined;
  /** The clock, in milliseconds since the epoch (for tests). @default Date.now */
  now?: (() => number) | undefined;
  /** How to wait between attempts (for tests); must reject when the signal aborts. @default a setTimeout-based sleep */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  /** The source of jitter, in [0, 1) (for tests). @default Math.random */
  random?: (() => number) | undefined;
}

/** The last argument of every method that calls TMDb; overrides the client's options for that call. */
export interface TmdbRequestOptions extends RetryOptions {
  /** Aborts the call: the request in flight and any wait between attempts end at once. */
  signal?: AbortSignal | undefined;
}

/** The argument of `getValidRequestToken`. */
export interface RequestTokenOptions {
  /**
   * Whose token: the id of the user, or of the browser session, the redirect flow is for. Callers with the same
   * key share one token (and one request for it); callers with different keys never do. Leave it out only in a
   * program with a single user (a CLI, a desktop app): then the client has one token for every caller.
   */
  key?: string | undefined;
  /** Stops this caller's wait; the shared request goes on for the others. */
  signal?: AbortSignal | undefined;
}

/**
 * The defaults, in one place. Frozen: a client built later must not pick up a default changed at run time (a
 * changed `baseUrl` would send its credentials elsewhere); pass options to the client instead.
 */
export const DEFAULT_OPTIONS = Object.freeze({
  baseUrl: 'https://api.themoviedb.org/3',
  approvalBaseUrl: 'https://www.themoviedb.org',
  maxRetries: 2,
  timeoutMs: 10_000,
  deadlineMs: undefined as number | undefined,
  retryDelayMs: 500,
  maxRetryDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  requestTokenMarginMs: 60_000,
  maxConcurrency: GATE_DEFAULTS.maxConcurrency,
  maxRequestsPerSecond: GATE_DEFAULTS.maxRequestsPerSecond,
  maxResponseBytes: 1_048_576,
} as const);
