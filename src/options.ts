import type { AxiosInstance } from 'axios';
import { sleep } from './abort';
import { TmdbConfigurationError, type TmdbError } from './errors';

/** What `onRetry` is told before each wait. */
export interface RetryInfo {
  /** The number of the attempt that just failed: 1 for the first. */
  attempt: number;
  /** How long the client will wait before the next attempt. */
  delayMs: number;
  /** Why the attempt failed (already redacted). */
  error: TmdbError;
}

/** How a call retries and times out: set for every call on the client, or for one call as its last argument. */
export interface RetryOptions {
  /** Retries after the first attempt, for failures that may heal. @default 2 */
  maxRetries?: number | undefined;
  /** Limit for one attempt, in milliseconds. @default 10000 */
  timeoutMs?: number | undefined;
  /** Limit for a whole call, retries and waits included; no wait is started that would end past it. @default undefined (none) */
  deadlineMs?: number | undefined;
  /** The first backoff delay; it doubles on each retry, less up to 25% jitter. @default 500 */
  retryDelayMs?: number | undefined;
  /** The longest backoff delay. @default 8000 */
  maxRetryDelayMs?: number | undefined;
  /** The longest `Retry-After` the client waits out; a longer one fails the call at once with `TmdbRateLimitError`. @default 60000 */
  maxRetryAfterMs?: number | undefined;
}

/** Options of {@link TmdbAuthClient}. Give exactly one of `apiKey` and `accessToken`. */
export interface TmdbAuthClientOptions extends RetryOptions {
  /** The v3 API key (32 hexadecimal characters), sent as the `api_key` query parameter. */
  apiKey?: string | undefined;
  /** The API Read Access Token (a JWT, "v4 token"), sent as `Authorization: Bearer`. */
  accessToken?: string | undefined;
  /** TMDb's API root. Must be HTTPS, except on loopback (for tests and the emulator). @default 'https://api.themoviedb.org/3' */
  baseUrl?: string | undefined;
  /** Where users approve request tokens; `approvalUrl` builds on it. @default 'https://www.themoviedb.org' */
  approvalBaseUrl?: string | undefined;
  /** How much life a cached request token must have left for `getValidRequestToken` to hand it out. @default 60000 */
  requestTokenMarginMs?: number | undefined;
  /** Called before each wait between attempts. */
  onRetry?: ((info: RetryInfo) => void) | undefined;
  /** The axios instance to send requests with. @default an instance with keep-alive and no redirects */
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

/** The defaults, in one place. */
export const DEFAULT_OPTIONS = {
  baseUrl: 'https://api.themoviedb.org/3',
  approvalBaseUrl: 'https://www.themoviedb.org',
  maxRetries: 2,
  timeoutMs: 10_000,
  deadlineMs: undefined as number | undefined,
  retryDelayMs: 500,
  maxRetryDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  requestTokenMarginMs: 60_000,
} as const;

/** RetryOptions with every value validated and filled in. */
interface RetrySettings {
  maxRetries: number;
  timeoutMs: number;
  deadlineMs: number | undefined;
  retryDelayMs: number;
  maxRetryDelayMs: number;
  maxRetryAfterMs: number;
}

/** The settings one call runs with: defaults < client options < call options. */
export interface CallSettings extends RetrySettings {
  signal: AbortSignal | undefined;
  onRetry: ((info: RetryInfo) => void) | undefined;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
}

export interface ResolvedClientOptions {
  apiKey: string | undefined;
  accessToken: string | undefined;
  baseUrl: string;
  approvalBaseUrl: string;
  requestTokenMarginMs: number;
  axios: AxiosInstance | undefined;
  call: Omit<CallSettings, 'signal'>;
}

const V3_KEY = /^[0-9a-f]{32}$/i;
const JWT = /^eyJ[\w-]*\.[\w-]*\.[\w-]*$/;

/** Validates the client's options and fills in the defaults. @throws {TmdbConfigurationError} */
export function resolveClientOptions(options: TmdbAuthClientOptions | undefined): ResolvedClientOptions {
  if (options === null || typeof options !== 'object') {
    throw new TmdbConfigurationError(
      'options',
      'Pass an options object: `new TmdbAuthClient({ apiKey })` or `{ accessToken }`.',
    );
  }
  const { apiKey, accessToken } = resolveCredentials(options);
  return {
    apiKey,
    accessToken,
    baseUrl: httpUrl('baseUrl', options.baseUrl ?? DEFAULT_OPTIONS.baseUrl),
    approvalBaseUrl: httpUrl('approvalBaseUrl', options.approvalBaseUrl ?? DEFAULT_OPTIONS.approvalBaseUrl),
    requestTokenMarginMs: duration(
      'requestTokenMarginMs',
      options.requestTokenMarginMs,
      DEFAULT_OPTIONS.requestTokenMarginMs,
    ),
    axios: optionalFunctionLike('axios', options.axios),
    call: {
      ...retrySettings(options, DEFAULT_OPTIONS),
      onRetry: optionalFunction('onRetry', options.onRetry),
      now: optionalFunction('now', options.now) ?? Date.now,
      sleep: optionalFunction('sleep', options.sleep) ?? sleep,
      random: optionalFunction('random', options.random) ?? Math.random,
    },
  };
}

/** Applies one call's options over the client's. @throws {TmdbConfigurationError} */
export function callSettings(
  client: ResolvedClientOptions['call'],
  call: TmdbRequestOptions | undefined,
): CallSettings {
  if (call === undefined) return { ...client, signal: undefined };
  if (call === null || typeof call !== 'object') {
    throw new TmdbConfigurationError(
      'options',
      'The last argument must be an options object such as `{ signal, maxRetries }`.',
    );
  }
  if (call.signal !== undefined && !(call.signal instanceof AbortSignal)) {
    throw new TmdbConfigurationError('signal', '`signal` must be an AbortSignal.');
  }
  return { ...client, ...retrySettings(call, client), signal: call.signal };
}

/** Validates `options`' retry settings, taking `fallback`'s where one is not given. @throws {TmdbConfigurationError} */
function retrySettings(options: RetryOptions, fallback: RetrySettings): RetrySettings {
  return {
    maxRetries: count('maxRetries', options.maxRetries, fallback.maxRetries),
    timeoutMs: positiveDuration('timeoutMs', options.timeoutMs, fallback.timeoutMs),
    deadlineMs:
      options.deadlineMs === undefined
        ? fallback.deadlineMs
        : optionalPositiveDuration('deadlineMs', options.deadlineMs),
    retryDelayMs: duration('retryDelayMs', options.retryDelayMs, fallback.retryDelayMs),
    maxRetryDelayMs: duration('maxRetryDelayMs', options.maxRetryDelayMs, fallback.maxRetryDelayMs),
    maxRetryAfterMs: duration('maxRetryAfterMs', options.maxRetryAfterMs, fallback.maxRetryAfterMs),
  };
}

function resolveCredentials(options: TmdbAuthClientOptions) {
  const apiKey = optionalSecret('apiKey', options.apiKey);
  const accessToken = optionalSecret('accessToken', options.accessToken);
  if (apiKey === undefined && accessToken === undefined) {
    throw new TmdbConfigurationError(
      'apiKey',
      'No credentials: pass `apiKey` (your v3 API key) or `accessToken` (your API Read Access Token), from https://www.themoviedb.org/settings/api.',
    );
  }
  if (apiKey !== undefined && accessToken !== undefined) {
    throw new TmdbConfigurationError(
      'accessToken',
      'Pass either `apiKey` or `accessToken`, not both: TMDb needs only one.',
    );
  }
  if (accessToken !== undefined && V3_KEY.test(accessToken)) {
    throw new TmdbConfigurationError(
      'accessToken',
      '`accessToken` looks like a v3 API key (32 hexadecimal characters), which TMDb rejects as a Bearer token. Pass it as `apiKey` instead.',
    );
  }
  if (apiKey !== undefined && JWT.test(apiKey)) {
    throw new TmdbConfigurationError(
      'apiKey',
      '`apiKey` looks like an API Read Access Token (a JWT), which TMDb rejects as `api_key`. Pass it as `accessToken` instead.',
    );
  }
  return { apiKey, accessToken };
}

function optionalSecret(name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TmdbConfigurationError(name, `\`${name}\` must be a non-empty string.`);
  }
  if (value.trim() !== value)
    throw new TmdbConfigurationError(name, `\`${name}\` has leading or trailing white space.`);
  return value;
}

const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

function httpUrl(name: string, value: unknown): string {
  let url: URL;
  try {
    if (typeof value !== 'string') throw new TypeError();
    url = new URL(value);
  } catch {
    throw new TmdbConfigurationError(
      name,
      `\`${name}\` must be an absolute URL such as ${JSON.stringify(DEFAULT_OPTIONS[name as 'baseUrl'])}.`,
    );
  }
  const loopback = LOOPBACK_HOSTS.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new TmdbConfigurationError(
      name,
      `\`${name}\` must use https (plain http is allowed only on loopback, for tests): credentials would cross the network in clear text.`,
    );
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new TmdbConfigurationError(name, `\`${name}\` must not carry a query string, fragment or user info.`);
  }
  return url.href.replace(/\/+$/, '');
}

function count(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || (value as number) < 0) {
    throw new TmdbConfigurationError(name, `\`${name}\` must be a whole number, zero or more.`);
  }
  return value as number;
}

function duration(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new TmdbConfigurationError(name, `\`${name}\` must be a finite number of milliseconds, zero or more.`);
  }
  return value;
}

function positiveDuration(name: string, value: unknown, fallback: number): number {
  const ms = duration(name, value, fallback);
  if (ms === 0) throw new TmdbConfigurationError(name, `\`${name}\` must be more than zero milliseconds.`);
  return ms;
}

function optionalPositiveDuration(name: string, value: unknown): number | undefined {
  return value === undefined ? undefined : positiveDuration(name, value, 0);
}

function optionalFunction<T>(name: string, value: T | undefined): T | undefined {
  if (value !== undefined && typeof value !== 'function') {
    throw new TmdbConfigurationError(name, `\`${name}\` must be a function.`);
  }
  return value;
}

function optionalFunctionLike<T>(name: string, value: T | undefined): T | undefined {
  // An axios instance is a function with request methods on it.
  if (
    value !== undefined &&
    (typeof value !== 'function' || typeof (value as { request?: unknown }).request !== 'function')
  ) {
    throw new TmdbConfigurationError(name, `\`${name}\` must be an axios instance (from \`axios.create()\`).`);
  }
  return value;
}
