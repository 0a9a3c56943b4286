import type { AxiosInstance } from 'axios';
import { TmdbConfigurationError } from '../errors';
import {
  DEFAULT_OPTIONS,
  type RetryInfo,
  type RetryOptions,
  type TmdbAuthClientOptions,
  type TmdbRequestOptions,
} from '../options';
import type { CreateRateGateOptions } from '../rate-gate';
import { sleep } from './abortable-wait';
import { JWT_PATTERN, V3_API_KEY_PATTERN } from './credential-shapes';
import { AdaptiveGate, GATES, type GateSettings } from './rate-gate';

/** RetryOptions with every value validated and filled in. */
export interface RetrySettings {
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
  /** The rate gate every attempt passes through; `undefined` with `rateGate: false`. */
  gate: AdaptiveGate | undefined;
  /** The default agents' socket cap. */
  maxSockets: number;
}

/** Validates the client's options and fills in the defaults. @throws {TmdbConfigurationError} */
export function resolveClientOptions(options: TmdbAuthClientOptions | undefined): ResolvedClientOptions {
  if (options === null || typeof options !== 'object') {
    throw invalidOption('options', 'Pass an options object: `new TmdbAuthClient({ apiKey })` or `{ accessToken }`.');
  }
  const { apiKey, accessToken } = resolveCredentials(options);
  const now = optionalFunction('now', options.now) ?? Date.now;
  const wait = optionalFunction('sleep', options.sleep) ?? sleep;
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
      now,
      sleep: wait,
      random: optionalFunction('random', options.random) ?? Math.random,
    },
    ...clientGate(options, now, wait),
  };
}

/** The client's own gate, the shared one it was given, or none. @throws {TmdbConfigurationError} */
function clientGate(options: TmdbAuthClientOptions, now: () => number, wait: GateSettings['sleep']) {
  const { rateGate, maxConcurrency, maxRequestsPerSecond, onRateLimit } = options;
  if (rateGate === undefined || rateGate === false) {
    const settings = resolveRateGateOptions({ maxConcurrency, maxRequestsPerSecond, onRateLimit, now, sleep: wait });
    return { gate: rateGate === false ? undefined : new AdaptiveGate(settings), maxSockets: settings.maxConcurrency };
  }
  const shared = GATES.get(rateGate);
  if (!shared) throw invalidOption('rateGate', '`rateGate` must be a gate from `createRateGate()`, or `false`.');
  for (const [name, value] of Object.entries({ maxConcurrency, maxRequestsPerSecond, onRateLimit })) {
    if (value !== undefined) {
      throw invalidOption(name, `With a shared \`rateGate\`, set \`${name}\` on it: \`createRateGate({ ${name} })\`.`);
    }
  }
  return { gate: shared, maxSockets: shared.maxConcurrency };
}

/** Validates a rate gate's options and fills in the defaults. @throws {TmdbConfigurationError} */
export function resolveRateGateOptions(options: CreateRateGateOptions | undefined): GateSettings {
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
    maxConcurrency: maxConcurrency ?? DEFAULT_OPTIONS.maxConcurrency,
    maxRequestsPerSecond: maxRequestsPerSecond ?? DEFAULT_OPTIONS.maxRequestsPerSecond,
    onRateLimit: optionalFunction('onRateLimit', options?.onRateLimit),
    now: optionalFunction('now', options?.now) ?? Date.now,
    sleep: optionalFunction('sleep', options?.sleep) ?? sleep,
  };
}

/** Applies one call's options over the client's. @throws {TmdbConfigurationError} */
export function callSettings(
  client: ResolvedClientOptions['call'],
  call: TmdbRequestOptions | undefined,
): CallSettings {
  if (call === undefined) return { ...client, signal: undefined };
  if (call === null || typeof call !== 'object') {
    throw invalidOption('options', 'The last argument must be an options object such as `{ signal, maxRetries }`.');
  }
  if (call.signal !== undefined && !(call.signal instanceof AbortSignal)) {
    throw invalidOption('signal', '`signal` must be an AbortSignal.');
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
    throw invalidOption(
      'apiKey',
      'No credentials: pass `apiKey` (your v3 API key) or `accessToken` (your API Read Access Token), from https://www.themoviedb.org/settings/api.',
    );
  }
  if (apiKey !== undefined && accessToken !== undefined) {
    throw invalidOption('accessToken', 'Pass either `apiKey` or `accessToken`, not both: TMDb needs only one.');
  }
  if (accessToken !== undefined && V3_API_KEY_PATTERN.test(accessToken)) {
    throw invalidOption(
      'accessToken',
      '`accessToken` looks like a v3 API key (32 hexadecimal characters), which TMDb rejects as a Bearer token. Pass it as `apiKey` instead.',
    );
  }
  if (apiKey !== undefined && JWT_PATTERN.test(apiKey)) {
    throw invalidOption(
      'apiKey',
      '`apiKey` looks like an API Read Access Token (a JWT), which TMDb rejects as `api_key`. Pass it as `accessToken` instead.',
    );
  }
  return { apiKey, accessToken };
}

function optionalSecret(name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalidOption(name, `\`${name}\` must be a non-empty string.`);
  }
  if (value.trim() !== value) throw invalidOption(name, `\`${name}\` has leading or trailing white space.`);
  return value;
}

const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

function httpUrl(name: string, value: unknown): string {
  let url: URL;
  try {
    if (typeof value !== 'string') throw new TypeError();
    url = new URL(value);
  } catch {
    throw invalidOption(
      name,
      `\`${name}\` must be an absolute URL such as ${JSON.stringify(DEFAULT_OPTIONS[name as 'baseUrl'])}.`,
    );
  }
  const loopback = LOOPBACK_HOSTS.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw invalidOption(
      name,
      `\`${name}\` must use https (plain http is allowed only on loopback, for tests): credentials would cross the network in clear text.`,
    );
  }
  if (url.search || url.hash || url.username || url.password) {
    throw invalidOption(name, `\`${name}\` must not carry a query string, fragment or user info.`);
  }
  return url.href.replace(/\/+$/, '');
}

function count(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || (value as number) < 0) {
    throw invalidOption(name, `\`${name}\` must be a whole number, zero or more.`);
  }
  return value as number;
}

function duration(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw invalidOption(name, `\`${name}\` must be a finite number of milliseconds, zero or more.`);
  }
  return value;
}

function positiveDuration(name: string, value: unknown, fallback: number): number {
  const ms = duration(name, value, fallback);
  if (ms === 0) throw invalidOption(name, `\`${name}\` must be more than zero milliseconds.`);
  return ms;
}

function optionalPositiveDuration(name: string, value: unknown): number | undefined {
  return value === undefined ? undefined : positiveDuration(name, value, 0);
}

function optionalFunction<T>(name: string, value: T | undefined): T | undefined {
  if (value !== undefined && typeof value !== 'function') {
    throw invalidOption(name, `\`${name}\` must be a function.`);
  }
  return value;
}

function optionalFunctionLike<T>(name: string, value: T | undefined): T | undefined {
  // An axios instance is a function with request methods on it.
  if (
    value !== undefined &&
    (typeof value !== 'function' || typeof (value as { request?: unknown }).request !== 'function')
  ) {
    throw invalidOption(name, `\`${name}\` must be an axios instance (from \`axios.create()\`).`);
  }
  return value;
}

function invalidOption(option: string, message: string): TmdbConfigurationError {
  return new TmdbConfigurationError(message, { option });
}
