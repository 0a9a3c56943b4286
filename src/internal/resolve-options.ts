import type { AxiosInstance } from 'axios';
import {
  DEFAULT_OPTIONS,
  type RetryInfo,
  type RequestTokenOptions,
  type RetryOptions,
  type TmdbAuthClientOptions,
  type TmdbRequestOptions,
} from '../options';
import { RateGate } from '../rate-gate';
import { sleep } from './abort';
import { CREDENTIAL_CHARACTERS_PATTERN, JWT_PATTERN, V3_API_KEY_PATTERN } from './credential-shapes';
import {
  byteLimit,
  count,
  duration,
  invalidOption,
  optionalFunction,
  optionalFunctionLike,
  optionalSignal,
  refuseUnknownOptions,
} from './option-validators';
import type { GateStore } from './gate-store';
import { GATES } from './rate-gate';

// The option names each options object may carry, in one place per object: any other name is refused, naming the
// closest of these. `satisfies` makes the compiler insist that every option of the public interface is listed,
// so adding an option to `options.ts` without adding it here does not compile.
const RETRY_OPTION_NAMES = {
  maxRetries: true,
  timeoutMs: true,
  deadlineMs: true,
  retryDelayMs: true,
  maxRetryDelayMs: true,
  maxRetryAfterMs: true,
} as const satisfies Record<keyof RetryOptions, true>;

const CLIENT_OPTION_NAMES = {
  ...RETRY_OPTION_NAMES,
  apiKey: true,
  accessToken: true,
  baseUrl: true,
  v4BaseUrl: true,
  rateGate: true,
  maxConcurrency: true,
  maxRequestsPerSecond: true,
  onRateLimit: true,
  approvalBaseUrl: true,
  requestTokenMarginMs: true,
  onRetry: true,
  maxResponseBytes: true,
  axios: true,
  now: true,
  sleep: true,
  random: true,
} as const satisfies Record<keyof TmdbAuthClientOptions, true>;

const REQUEST_OPTION_NAMES = {
  ...RETRY_OPTION_NAMES,
  signal: true,
} as const satisfies Record<keyof TmdbRequestOptions, true>;

const REQUEST_TOKEN_OPTION_NAMES = {
  key: true,
  signal: true,
} as const satisfies Record<keyof RequestTokenOptions, true>;

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
  /** The v4 API root: the option, else `baseUrl` ending in `/3` with `/4` instead; undefined when neither. */
  v4BaseUrl: string | undefined;
  approvalBaseUrl: string;
  requestTokenMarginMs: number;
  axios: AxiosInstance | undefined;
  /** The largest answer read, in decoded bytes; -1 for no limit (axios's own word for none). */
  maxResponseBytes: number;
  call: Omit<CallSettings, 'signal'>;
  /** The rate gate every attempt passes through; `undefined` with `rateGate: false`. */
  gate: GateStore | undefined;
  /** The default agents' socket cap. */
  maxSockets: number;
}

/** Validates the client's options and fills in the defaults. @throws {TmdbConfigurationError} */
export function resolveClientOptions(options: TmdbAuthClientOptions | undefined): ResolvedClientOptions {
  if (options === null || typeof options !== 'object') {
    throw invalidOption('options', 'Pass an options object: `new TmdbAuthClient({ apiKey })` or `{ accessToken }`.');
  }
  refuseUnknownOptions(options, CLIENT_OPTION_NAMES, ['client option', 'client options']);
  const { apiKey, accessToken } = resolveCredentials(options);
  const baseUrl = apiRoot('baseUrl', httpUrl('baseUrl', options.baseUrl ?? DEFAULT_OPTIONS.baseUrl));
  const now = optionalFunction('now', options.now) ?? Date.now;
  const wait = optionalFunction('sleep', options.sleep) ?? sleep;
  return {
    apiKey,
    accessToken,
    baseUrl,
    v4BaseUrl:
      options.v4BaseUrl === undefined
        ? /\/3$/.test(baseUrl)
          ? baseUrl.replace(/\/3$/, '/4')
          : undefined
        : apiRoot('v4BaseUrl', httpUrl('v4BaseUrl', options.v4BaseUrl, 'https://api.themoviedb.org/4')),
    approvalBaseUrl: httpUrl('approvalBaseUrl', options.approvalBaseUrl ?? DEFAULT_OPTIONS.approvalBaseUrl),
    requestTokenMarginMs: duration('requestTokenMarginMs', options.requestTokenMarginMs, {
      fallback: DEFAULT_OPTIONS.requestTokenMarginMs,
    }),
    axios: optionalFunctionLike('axios', options.axios),
    maxResponseBytes: byteLimit('maxResponseBytes', options.maxResponseBytes, DEFAULT_OPTIONS.maxResponseBytes),
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
function clientGate(options: TmdbAuthClientOptions, now: () => number, wait: CallSettings['sleep']) {
  const { rateGate, maxConcurrency, maxRequestsPerSecond, onRateLimit } = options;
  if (rateGate === undefined || rateGate === false) {
    // The client's own gate is a RateGate like a shared one, so its limits are checked in one place.
    const own = new RateGate({ maxConcurrency, maxRequestsPerSecond, onRateLimit, now, sleep: wait });
    return { gate: rateGate === false ? undefined : GATES.get(own), maxSockets: own.maxConcurrency };
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

/** Applies one call's options over the client's. @throws {TmdbConfigurationError} */
export function callSettings(
  client: ResolvedClientOptions['call'],
  call: TmdbRequestOptions | undefined,
): CallSettings {
  if (call === undefined) return { ...client, signal: undefined };
  if (call === null || typeof call !== 'object') {
    throw invalidOption('options', 'The last argument must be an options object such as `{ signal, maxRetries }`.');
  }
  refuseUnknownOptions(call, REQUEST_OPTION_NAMES, ['per-call option', 'per-call options']);
  return { ...client, ...retrySettings(call, client), signal: optionalSignal(call.signal) };
}

/** Validates `getValidRequestToken`'s options. @throws {TmdbConfigurationError} */
export function requestTokenOptions(options: RequestTokenOptions | undefined): {
  key: string | undefined;
  signal: AbortSignal | undefined;
} {
  if (options === undefined) return { key: undefined, signal: undefined };
  if (options === null || typeof options !== 'object') {
    throw invalidOption('options', 'The argument must be an options object such as `{ key: userId, signal }`.');
  }
  refuseUnknownOptions(options, REQUEST_TOKEN_OPTION_NAMES, [
    'option of getValidRequestToken',
    'options of getValidRequestToken',
  ]);
  const { key } = options;
  if (key !== undefined && (typeof key !== 'string' || key === '')) {
    throw invalidOption(
      'key',
      '`key` must be a non-empty string: the id of the user (or browser session) the token is for.',
    );
  }
  return { key, signal: optionalSignal(options.signal) };
}

/** Validates `options`' retry settings, taking `fallback`'s where one is not given. @throws {TmdbConfigurationError} */
function retrySettings(options: RetryOptions, fallback: RetrySettings): RetrySettings {
  return {
    maxRetries: count('maxRetries', options.maxRetries, fallback.maxRetries),
    timeoutMs: duration('timeoutMs', options.timeoutMs, { fallback: fallback.timeoutMs, moreThanZero: true }),
    // Infinity means no deadline: on the client, as leaving it out; on a call, it lifts the client's deadline.
    deadlineMs:
      options.deadlineMs === Number.POSITIVE_INFINITY
        ? undefined
        : options.deadlineMs === undefined
          ? fallback.deadlineMs
          : duration('deadlineMs', options.deadlineMs, { fallback: 0, moreThanZero: true, noLimit: true }),
    retryDelayMs: duration('retryDelayMs', options.retryDelayMs, { fallback: fallback.retryDelayMs }),
    maxRetryDelayMs: duration('maxRetryDelayMs', options.maxRetryDelayMs, { fallback: fallback.maxRetryDelayMs }),
    // Infinity means "wait out whatever TMDb asks", clamped to the longest wait a timer keeps.
    maxRetryAfterMs: duration('maxRetryAfterMs', options.maxRetryAfterMs, {
      fallback: fallback.maxRetryAfterMs,
      noLimit: true,
    }),
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
  if (!CREDENTIAL_CHARACTERS_PATTERN.test(value)) {
    throw invalidOption(
      name,
      `\`${name}\` holds a character no TMDb credential has (white space, a control character or a non-ASCII character): copy it again from https://www.themoviedb.org/settings/api.`,
    );
  }
  return value;
}

const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

function httpUrl(name: string, value: unknown, example: string = DEFAULT_OPTIONS[name as 'baseUrl']): string {
  let url: URL;
  try {
    if (typeof value !== 'string') throw new TypeError();
    url = new URL(value);
  } catch {
    throw invalidOption(name, `\`${name}\` must be an absolute URL such as ${JSON.stringify(example)}.`);
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

const TMDB_API_HOST = 'api.themoviedb.org';
// TMDb's other hosts (its web site, images, files) answer API paths with pages or 404s, never with the API.
const TMDB_HOST = /(^|\.)(themoviedb|tmdb)\.org$/;

/**
 * On a TMDb host, only `api.themoviedb.org` under its version (`/3`, `/4`) is the API; anywhere else every call
 * would fail with `not_found` or an HTML page.
 */
function apiRoot(name: 'baseUrl' | 'v4BaseUrl', root: string): string {
  const url = new URL(root);
  const host = url.hostname.replace(/\.$/, '');
  const version = name === 'baseUrl' ? '/3' : '/4';
  const apiRootUrl = JSON.stringify(`https://${TMDB_API_HOST}${version}`);
  const fix = name === 'baseUrl' ? 'Leave `baseUrl` out to use it.' : 'Leave `v4BaseUrl` out: it follows `baseUrl`.';
  if (host !== TMDB_API_HOST && TMDB_HOST.test(host)) {
    throw invalidOption(
      name,
      `\`${name}\` points at ${host}, a TMDb host that does not serve the API (it is TMDb's web site, images or files): TMDb's v${version.slice(1)} API root is ${apiRootUrl}. ${fix}`,
    );
  }
  if (host === TMDB_API_HOST && url.pathname.replace(/\/+$/, '') !== version) {
    throw invalidOption(
      name,
      `\`${name}\` points at TMDb's API without its version: TMDb's v${version.slice(1)} API root is ${apiRootUrl} (with \`${version}\`). ${fix}`,
    );
  }
  return root;
}
