import type { TmdbErrorCode } from './error-codes';

export type { TmdbErrorCode } from './error-codes';

/** Where a failed call was going. `path` never carries a query string, so no credential rides along. */
export interface TmdbRequestInfo {
  method: string;
  path: string;
}

interface TmdbErrorInit {
  code: TmdbErrorCode;
  request?: TmdbRequestInfo | undefined;
  cause?: unknown;
}

/**
 * Base class of every error this package throws. Branch on the subclass (or its guard) and on `code`.
 * Messages, stacks, `JSON.stringify` and `util.inspect` output never contain a credential, password,
 * session id or request token.
 */
export class TmdbError extends Error {
  override readonly name: string = 'TmdbError';
  /** A stable string code; see the README's errors table. */
  readonly code: TmdbErrorCode;
  /** The HTTP method and path of the call that failed, when it got as far as a request. */
  readonly request: TmdbRequestInfo | undefined;

  constructor(message: string, init: TmdbErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.request = init.request;
  }

  /** A plain, secret-free view for loggers and `JSON.stringify`. */
  toJSON(): Record<string, unknown> {
    const view: Record<string, unknown> = { name: this.name, code: this.code, message: this.message };
    for (const [key, value] of Object.entries(this)) {
      if (value !== undefined && !(key in view)) view[key] = value;
    }
    return view;
  }
}

/** The options given to `TmdbAuthClient` are unusable (missing credentials, a key in the wrong option...). */
export class TmdbConfigurationError extends TmdbError {
  override readonly name = 'TmdbConfigurationError';
  /** The option at fault. */
  readonly option: string;

  constructor(option: string, message: string) {
    super(message, { code: 'invalid_configuration' });
    this.option = option;
  }
}

/** An argument is unusable (empty, not a string, wrong format); thrown before any request is sent. */
export class TmdbArgumentError extends TmdbError {
  override readonly name = 'TmdbArgumentError';
  /** The argument at fault, when there is one name for it. */
  readonly argument: string | undefined;

  constructor(message: string, argument?: string) {
    super(message, { code: 'invalid_argument' });
    this.argument = argument;
  }
}

interface TmdbApiErrorInit {
  request: TmdbRequestInfo;
  cause?: unknown;
  httpStatus: number;
  code: TmdbErrorCode;
  tmdbCode: number | undefined;
  tmdbMessage: string | undefined;
}

/** TMDb answered with an error status. `tmdbCode` and `tmdbMessage` are TMDb's own, when its body had them. */
export class TmdbApiError extends TmdbError {
  override readonly name: string = 'TmdbApiError';
  /** The HTTP status TMDb answered with. */
  readonly httpStatus: number;
  /** TMDb's `status_code` (7: invalid API key, 30: invalid credentials, 33: request token invalid...). */
  readonly tmdbCode: number | undefined;
  /** TMDb's `status_message`. */
  readonly tmdbMessage: string | undefined;

  constructor(message: string, init: TmdbApiErrorInit) {
    super(message, { code: init.code, request: init.request, cause: init.cause });
    this.httpStatus = init.httpStatus;
    this.tmdbCode = init.tmdbCode;
    this.tmdbMessage = init.tmdbMessage;
  }
}

/**
 * TMDb answered 429, and the client did not (or could not) wait it out: retries were used up, or TMDb asked
 * for a longer wait than `maxRetryAfterMs` or the call's deadline allows.
 */
export class TmdbRateLimitError extends TmdbApiError {
  override readonly name = 'TmdbRateLimitError';
  /** How long TMDb asked to wait (from `Retry-After`), when it said. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, init: TmdbApiErrorInit & { retryAfterMs: number | undefined }) {
    super(message, init);
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** The request did not get an answer: connection refused, reset, DNS failure... */
export class TmdbNetworkError extends TmdbError {
  override readonly name = 'TmdbNetworkError';
  /** The system error code, such as `ECONNREFUSED` or `ECONNRESET`, when there was one. */
  readonly systemCode: string | undefined;

  constructor(message: string, init: { request: TmdbRequestInfo; systemCode: string | undefined; cause?: unknown }) {
    super(message, { code: 'network_error', request: init.request, cause: init.cause });
    this.systemCode = init.systemCode;
  }
}

/** An attempt took longer than `timeoutMs` (or the call ran past `deadlineMs`). */
export class TmdbTimeoutError extends TmdbError {
  override readonly name = 'TmdbTimeoutError';
  /** The limit that ran out, in milliseconds. */
  readonly timeoutMs: number;

  constructor(message: string, init: { request: TmdbRequestInfo; timeoutMs: number; cause?: unknown }) {
    super(message, { code: 'timeout', request: init.request, cause: init.cause });
    this.timeoutMs = init.timeoutMs;
  }
}

/** TMDb (or something in front of it) answered 2xx with a body that is not what the operation returns. */
export class TmdbResponseError extends TmdbError {
  override readonly name = 'TmdbResponseError';
  /** The HTTP status of the answer. */
  readonly httpStatus: number;

  constructor(message: string, init: { request: TmdbRequestInfo; httpStatus: number }) {
    super(message, { code: 'invalid_response', request: init.request });
    this.httpStatus = init.httpStatus;
  }
}

/** The caller's `AbortSignal` ended the call. `cause` is the signal's reason. */
export class TmdbAbortError extends TmdbError {
  override readonly name = 'TmdbAbortError';

  constructor(message: string, init: { request?: TmdbRequestInfo | undefined; cause?: unknown }) {
    super(message, { code: 'aborted', request: init.request, cause: init.cause });
  }
}

// Guards match by name as well as by class, so an error from a second copy of this package (two versions in
// one node_modules tree) is still recognised.
function guard<T extends TmdbError>(type: abstract new (...args: never[]) => T, names: readonly string[]) {
  return (value: unknown): value is T =>
    value instanceof type || (value instanceof Error && names.includes(value.name) && 'code' in value);
}

const API_ERROR_NAMES = ['TmdbApiError', 'TmdbRateLimitError'];

/** True for any error thrown by this package. */
export const isTmdbError = guard(TmdbError, [
  'TmdbError',
  'TmdbConfigurationError',
  'TmdbArgumentError',
  ...API_ERROR_NAMES,
  'TmdbNetworkError',
  'TmdbTimeoutError',
  'TmdbResponseError',
  'TmdbAbortError',
]);
/** True when TMDb answered with an error status (including 429). */
export const isTmdbApiError = guard(TmdbApiError, API_ERROR_NAMES);
/** True when TMDb's rate limit stopped the call. */
export const isTmdbRateLimitError = guard(TmdbRateLimitError, ['TmdbRateLimitError']);
/** True when the request got no answer. */
export const isTmdbNetworkError = guard(TmdbNetworkError, ['TmdbNetworkError']);
/** True when an attempt or the call's deadline timed out. */
export const isTmdbTimeoutError = guard(TmdbTimeoutError, ['TmdbTimeoutError']);
/** True when a 2xx answer did not have the expected body. */
export const isTmdbResponseError = guard(TmdbResponseError, ['TmdbResponseError']);
/** True when the caller's AbortSignal ended the call. */
export const isTmdbAbortError = guard(TmdbAbortError, ['TmdbAbortError']);
