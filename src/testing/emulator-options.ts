import type { EmulatorRequestRecord } from './emulator-request-record';
import type { TmdbEmulatorRateLimit } from './limits';

/** A TMDb account the emulator knows, for `validate_with_login`. */
export interface TmdbEmulatorUser {
  username: string;
  password: string;
}

/**
 * The TMDb code the emulator answers when a session is created from a request token the user has not approved.
 * TMDb's own answer is not documented per endpoint: 17 (401, "Session denied.") is what it has sent historically,
 * 41 (422, "This request token hasn't been approved by the user.") is in its error table, and 33 (401) has been
 * seen too. Test your code against each if it must survive all three.
 */
export type UnapprovedTokenCode = 17 | 33 | 41;

/** Options of {@link startTmdbEmulator}. Every one has a default: `startTmdbEmulator()` is ready to use. */
export interface TmdbEmulatorOptions {
  /** The port to listen on; 0 picks a free one. @default 0 */
  port?: number | undefined;
  /** v3 API keys the emulator accepts as `api_key`. @default [EMULATOR_API_KEY] */
  apiKeys?: readonly string[] | undefined;
  /** Read access tokens the emulator accepts as `Authorization: Bearer`. @default [EMULATOR_ACCESS_TOKEN] */
  accessTokens?: readonly string[] | undefined;
  /** Accounts `validate_with_login` accepts. @default [EMULATOR_USER] */
  users?: readonly TmdbEmulatorUser[] | undefined;
  /** How long a request token lives. @default 3600000 (60 minutes, as on TMDb) */
  requestTokenLifetimeMs?: number | undefined;
  /** How long a guest session lives. @default 86400000 (24 hours) */
  guestSessionLifetimeMs?: number | undefined;
  /** The answer to a session request with an unapproved token. @default 17 */
  unapprovedTokenCode?: UnapprovedTokenCode | undefined;
  /** How long a v4 request token lives (its JWT `exp`). @default 900000 (15 minutes, as on TMDb) */
  v4RequestTokenLifetimeMs?: number | undefined;
  /**
   * The answer to a v4 access token request with a request token the user has not approved. TMDb's error table
   * gives 41 (422); v3 sends 17 (401) for the same case, and v4 may too: which one v4 sends is not documented.
   * @default 41
   */
  v4UnapprovedTokenCode?: UnapprovedTokenCode | undefined;
  /**
   * Whether the v4 approval page adds `request_token` and `approved=true` to the token's `redirect_to` (as v3's
   * page does) before redirecting there. Whether TMDb does is not documented. @default false
   */
  v4RedirectAddsToken?: boolean | undefined;
  /** The emulator's clock, in milliseconds since the epoch: token expiry and the `Date` header follow it. @default Date.now */
  now?: (() => number) | undefined;
  /** How a `latency` fault waits; must reject when the signal aborts (the emulator closing). @default a setTimeout-based sleep */
  sleep?: ((ms: number, signal: AbortSignal) => Promise<void>) | undefined;
  /** Called after each request is answered (or reset), for logging. Records carry no secret. */
  onRequest?: ((record: EmulatorRequestRecord) => void) | undefined;
  /** A request rate enforced per client address, answered 429 with TMDb code 25 past it. @default none */
  rateLimit?: TmdbEmulatorRateLimit | undefined;
  /** Connections open at once; one past it is closed at once (a reset), as a CDN does. @default none */
  maxConnections?: number | undefined;
  /**
   * Whether a query parameter the operation's spec does not declare is refused. TMDb ignores them (clients send
   * `language=en-US`, or `session_id`, on every call), and by default so does the emulator, noting each on the
   * request's record (`notes`). `true` answers such a request 422 (TMDb code 5; 47 under `/4`) and logs a
   * violation, to hold a client to the spec's exact surface. @default false
   */
  strictQuery?: boolean | undefined;
  /**
   * How many records `requests` keeps, and how many `violations`: past it the oldest are dropped and counted
   * (`droppedRequests`, `droppedViolations`), so a long run holds bounded memory. `Infinity` keeps every one.
   * @default 10000
   */
  maxLoggedRequests?: number | undefined;
}

/** The v3 API key a default emulator accepts. Not a real TMDb key. */
export const EMULATOR_API_KEY = 'e30000000000000000000000000000e3';

/** The read access token (JWT-shaped) a default emulator accepts as a Bearer token. Not a real TMDb token. */
export const EMULATOR_ACCESS_TOKEN =
  'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ0bWRiLWF1dGgtZW11bGF0b3IiLCJzY29wZXMiOlsiYXBpX3JlYWQiXX0.ZW11bGF0b3I';

/** The account a default emulator accepts for `validate_with_login`. */
export const EMULATOR_USER: Readonly<TmdbEmulatorUser> = Object.freeze({
  username: 'demo',
  password: 'demo-password',
});

export interface ResolvedEmulatorOptions {
  port: number;
  apiKeys: ReadonlySet<string>;
  accessTokens: ReadonlySet<string>;
  users: readonly TmdbEmulatorUser[];
  requestTokenLifetimeMs: number;
  guestSessionLifetimeMs: number;
  unapprovedTokenCode: UnapprovedTokenCode;
  v4RequestTokenLifetimeMs: number;
  v4UnapprovedTokenCode: UnapprovedTokenCode;
  v4RedirectAddsToken: boolean;
  now: () => number;
  sleep: ((ms: number, signal: AbortSignal) => Promise<void>) | undefined;
  onRequest: ((record: EmulatorRequestRecord) => void) | undefined;
  strictQuery: boolean;
  maxLoggedRequests: number;
}

/** Fills in the defaults and refuses options that cannot work, naming the option. */
export function resolveEmulatorOptions(options: TmdbEmulatorOptions = {}): ResolvedEmulatorOptions {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new TypeError('`port` must be a whole number from 0 to 65535.');
  }
  const unapprovedTokenCode = unapprovedCode('unapprovedTokenCode', options.unapprovedTokenCode, 17);
  const v4UnapprovedTokenCode = unapprovedCode('v4UnapprovedTokenCode', options.v4UnapprovedTokenCode, 41);
  return {
    port,
    apiKeys: new Set(options.apiKeys ?? [EMULATOR_API_KEY]),
    accessTokens: new Set(options.accessTokens ?? [EMULATOR_ACCESS_TOKEN]),
    users: [...(options.users ?? [EMULATOR_USER])],
    requestTokenLifetimeMs: lifetime('requestTokenLifetimeMs', options.requestTokenLifetimeMs, 60 * 60_000),
    guestSessionLifetimeMs: lifetime('guestSessionLifetimeMs', options.guestSessionLifetimeMs, 24 * 60 * 60_000),
    unapprovedTokenCode,
    v4RequestTokenLifetimeMs: lifetime('v4RequestTokenLifetimeMs', options.v4RequestTokenLifetimeMs, 15 * 60_000),
    v4UnapprovedTokenCode,
    v4RedirectAddsToken: options.v4RedirectAddsToken ?? false,
    now: options.now ?? Date.now,
    sleep: options.sleep,
    onRequest: options.onRequest,
    strictQuery: options.strictQuery ?? false,
    maxLoggedRequests: logLimit(options.maxLoggedRequests),
  };
}

function logLimit(value: number | undefined): number {
  if (value === undefined) return 10_000;
  if (value !== Number.POSITIVE_INFINITY && !(Number.isInteger(value) && value >= 0)) {
    throw new TypeError('`maxLoggedRequests` must be a whole number, 0 or more, or Infinity.');
  }
  return value;
}

function lifetime(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new TypeError(`\`${name}\` must be a positive number of milliseconds.`);
  }
  return value;
}

function unapprovedCode(
  name: string,
  value: UnapprovedTokenCode | undefined,
  fallback: UnapprovedTokenCode,
): UnapprovedTokenCode {
  const code = value ?? fallback;
  if (![17, 33, 41].includes(code)) throw new TypeError(`\`${name}\` must be 17, 33 or 41.`);
  return code;
}
