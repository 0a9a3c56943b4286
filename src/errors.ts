import type { TmdbErrorCode } from './error-codes';

export type { TmdbErrorCode } from './error-codes';

/** Where a failed call was going. `path` never carries a query string, so no credential rides along. */
export interface TmdbRequestInfo {
  method: string;
  path: string;
}

/** What every error is built from: the second argument of each error class's constructor. */
export interface TmdbErrorInit {
  /** The HTTP method and path of the call, when it got as far as a request. */
  request?: TmdbRequestInfo | undefined;
  /** The error behind this one (already stripped of secrets). */
  cause?: unknown;
  /** How many attempts the call made before it failed; 0 when it failed before sending anything. @default 0 */
  attempts?: number | undefined;
}

/**
 * Base class of every error this package throws. Branch on the subclass (or its guard) and on `code`.
 * Messages, stacks, `JSON.stringify` and `util.inspect` output never contain a credential, password,
 * session id or request token.
 */
export class TmdbError extends Error {
  declare readonly name: string;
  /** A stable string code; see docs/errors.md for every one. */
  readonly code: TmdbErrorCode;
  /** The HTTP method and path of the call that failed, when it got as far as a request. */
  readonly request: TmdbRequestInfo | undefined;
  /** How many attempts the call made before it failed; 0 when it failed before sending anything. */
  readonly attempts: number;

  constructor(message: string, init: TmdbErrorInit & { code: TmdbErrorCode }) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.request = init.request;
    this.attempts = init.attempts ?? 0;
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

/** The options given to `TmdbAuthClient` (or to one call) are unusable: a missing credential, a bad value... */
export class TmdbConfigurationError extends TmdbError {
  declare readonly name: 'TmdbConfigurationError';
  /** The option at fault. */
  readonly option: string;

  constructor(message: string, init: TmdbErrorInit & { option: string }) {
    super(message, { ...init, code: 'invalid_configuration' });
    this.option = init.option;
  }
}

/** An argument is unusable (empty, not a string, wrong format); thrown before any request is sent. */
export class TmdbArgumentError extends TmdbError {
  declare readonly name: 'TmdbArgumentError';
  /** The argument at fault. */
  readonly argument: string;

  constructor(message: string, init: TmdbErrorInit & { argument: string }) {
    super(message, { ...init, code: 'invalid_argument' });
    this.argument = init.argument;
  }
}

/** What a {@link TmdbApiError} is built from. */
export interface TmdbApiErrorInit extends TmdbErrorInit {
  /** The stable code, from TMDb's code or else the HTTP status. */
  code: TmdbErrorCode;
  /** The HTTP status TMDb answered with. */
  httpStatus: number;
  /** TMDb's `status_code`, when its body had one. */
  tmdbCode: number | undefined;
  /** TMDb's `status_message` (redacted), when its body had one. */
  tmdbMessage: string | undefined;
}

/** TMDb answered with an error status. `tmdbCode` and `tmdbMessage` are TMDb's own, when its body had them. */
export class TmdbApiError extends TmdbError {
  /** The HTTP status TMDb answered with. */
  readonly httpStatus: number;
  /** TMDb's `status_code` (7: invalid API key, 30: invalid credentials, 33: request token invalid...). */
  readonly tmdbCode: number | undefined;
  /** TMDb's `status_message`. */
  readonly tmdbMessage: string | undefined;

  constructor(message: string, init: TmdbApiErrorInit) {
    super(message, init);
    this.httpStatus = init.httpStatus;
    this.tmdbCode = init.tmdbCode;
    this.tmdbMessage = init.tmdbMessage;
  }
}

/**
 * TMDb answered 429, and the client did not (or could not) wait it out: retries were used up, or TMDb asked
 * for a longer wait than `maxRetryAfterMs` or the call's deadline allows; or the rate gate, closed by another
 * call's 429, stays closed longer than that (then `attempts` may be 0: nothing was sent).
 */
export class TmdbRateLimitError extends TmdbApiError {
  declare readonly name: 'TmdbRateLimitError';
  /** How long TMDb asked to wait (from `Retry-After`), when it said. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, init: TmdbApiErrorInit & { retryAfterMs: number | undefined }) {
    super(message, init);
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** The request did not get an answer: connection refused, reset, DNS failure... */
export class TmdbNetworkError extends TmdbError {
  declare readonly name: 'TmdbNetworkError';
  /** The system error code, such as `ECONNREFUSED` or `ECONNRESET`, when there was one. */
  readonly systemCode: string | undefined;

  constructor(message: string, init: TmdbErrorInit & { systemCode: string | undefined }) {
    super(message, { ...init, code: 'network_error' });
    this.systemCode = init.systemCode;
  }
}

/**
 * An attempt took longer than `timeoutMs`, or the call ran past `deadlineMs`; either counts the whole answer,
 * body included. `option` says which.
 */
export class TmdbTimeoutError extends TmdbError {
  declare readonly name: 'TmdbTimeoutError';
  /** The limit that ran out, in milliseconds: the value of `option`. */
  readonly timeoutMs: number;
  /** The option whose limit ran out: `timeoutMs` (one attempt) or `deadlineMs` (the whole call). */
  readonly option: 'timeoutMs' | 'deadlineMs';

  constructor(
    message: string,
    init: TmdbErrorInit & { timeoutMs: number; option?: 'timeoutMs' | 'deadlineMs' | undefined },
  ) {
    super(message, { ...init, code: 'timeout' });
    this.timeoutMs = init.timeoutMs;
    this.option = init.option ?? 'timeoutMs';
  }
}

/**
 * TMDb (or something in front of it) answered 2xx with a body that is not what the operation returns, or answered
 * with a body larger than `maxResponseBytes` (whatever its status).
 */
export class TmdbResponseError extends TmdbError {
  declare readonly name: 'TmdbResponseError';
  /** The HTTP status of the answer; 0 when the runtime stopped reading it before telling (`fetch`, over the size limit). */
  readonly httpStatus: number;

  constructor(message: string, init: TmdbErrorInit & { httpStatus: number }) {
    super(message, { ...init, code: 'invalid_response' });
    this.httpStatus = init.httpStatus;
  }
}

/**
 * The call was cancelled before it finished: by the caller's `AbortSignal` (then `cause` is the signal's reason),
 * or by the axios instance it was sent with (an interceptor or a signal of its own).
 */
export class TmdbAbortError extends TmdbError {
  declare readonly name: 'TmdbAbortError';

  constructor(message: string, init: TmdbErrorInit = {}) {
    super(message, { ...init, code: 'aborted' });
  }
}

// Each class's name lives on its prototype, set once here: stacks, `util.inspect` and `toJSON` show it, and the
// guards below recognise an error by it when `instanceof` fails (two copies of this package in one tree).
const ERROR_CLASSES = {
  TmdbError,
  TmdbConfigurationError,
  TmdbArgumentError,
  TmdbApiError,
  TmdbRateLimitError,
  TmdbNetworkError,
  TmdbTimeoutError,
  TmdbResponseError,
  TmdbAbortError,
} as const;

for (const [name, type] of Object.entries(ERROR_CLASSES)) {
  Object.defineProperty(type.prototype, 'name', { value: name, writable: true, configurable: true });
}

type ErrorClass<T extends TmdbError> = abstract new (...args: never[]) => T;

function guard<T extends TmdbError>(type: ErrorClass<T>): (value: unknown) => value is T {
  // The names of `type` and of every class that extends it.
  const names = new Set(
    Object.entries(ERROR_CLASSES)
      .filter(([, candidate]) => (candidate as unknown) === type || candidate.prototype instanceof type)
      .map(([name]) => name),
  );
  return (value: unknown): value is T =>
    value instanceof type || (value instanceof Error && names.has(value.name) && 'code' in value);
}

/** True for any error thrown by this package. */
export const isTmdbError = guard(TmdbError);
/** True when the client's or a call's options are unusable. */
export const isTmdbConfigurationError = guard(TmdbConfigurationError);
/** True when an argument was refused before any request was sent. */
export const isTmdbArgumentError = guard(TmdbArgumentError);
/** True when TMDb answered with an error status (including 429). */
export const isTmdbApiError = guard(TmdbApiError);
/** True when TMDb's rate limit stopped the call. */
export const isTmdbRateLimitError = guard(TmdbRateLimitError);
/** True when the request got no answer. */
export const isTmdbNetworkError = guard(TmdbNetworkError);
/** True when an attempt or the call's deadline timed out. */
export const isTmdbTimeoutError = guard(TmdbTimeoutError);
/** True when a 2xx answer did not have the expected body. */
export const isTmdbResponseError = guard(TmdbResponseError);
/** True when the call was cancelled, by the caller's AbortSignal or by the axios instance. */
export const isTmdbAbortError = guard(TmdbAbortError);
