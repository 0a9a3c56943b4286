import {
  TmdbAbortError,
  TmdbApiError,
  TmdbNetworkError,
  TmdbRateLimitError,
  TmdbTimeoutError,
  type TmdbError,
  type TmdbRequestInfo,
} from '../errors';
import type { Redactor } from './redactor';
import { describeTmdbFailure } from './tmdb-codes';
import type { FailureCause, WireFailure } from './transport-types';

export interface FailureContext {
  request: TmdbRequestInfo;
  redactor: Redactor;
  /** How many attempts were made, this one included. */
  attempts: number;
  timeoutMs: number;
  /** The wait the server asked for, when it did. */
  retryAfterMs: number | undefined;
  /** The operation's advice for TMDb codes that blame an argument (see OperationDefinition). */
  argumentAdvice?: Readonly<Record<number, string>> | undefined;
}

/** Builds the one typed error a caller sees for a failed attempt. Every outside text goes through the redactor. */
export function toTmdbError(failure: WireFailure, context: FailureContext): TmdbError {
  const { request, redactor, attempts } = context;
  const what = `${request.method} ${request.path}`;
  const tries = context.attempts > 1 ? ` (${context.attempts} attempts)` : '';
  switch (failure.kind) {
    case 'http':
      return apiError(failure, context, what, tries);
    case 'network': {
      const detail = redactor.redact(failure.message);
      return new TmdbNetworkError(
        `${what} got no answer from TMDb${tries}: ${detail}. Check the network connection and the \`baseUrl\` option.`,
        { request, attempts, systemCode: failure.systemCode, cause: sanitisedCause(failure.cause, redactor) },
      );
    }
    case 'timeout':
      return new TmdbTimeoutError(
        `${what} got no answer within ${context.timeoutMs} ms${tries}. TMDb may be slow; raise \`timeoutMs\` or try again later.`,
        { request, attempts, timeoutMs: context.timeoutMs, cause: sanitisedCause(failure.cause, redactor) },
      );
    case 'cancelled':
      // Not the caller's signal (the executor handles that): the axios instance it brought cancelled the request.
      return new TmdbAbortError(
        `${what} was cancelled by the axios instance it was sent with (an interceptor or a signal of its own), not by the caller's AbortSignal.`,
        { request, attempts },
      );
  }
}

function apiError(
  failure: Extract<WireFailure, { kind: 'http' }>,
  context: FailureContext,
  what: string,
  tries: string,
): TmdbApiError {
  const response = failure.response;
  const { tmdbCode, tmdbMessage } = readErrorBody(response.body, context.redactor);
  const described = describeTmdbFailure(response.status, tmdbCode);
  const code = described.code;
  const advice = (tmdbCode === undefined ? undefined : context.argumentAdvice?.[tmdbCode]) ?? described.advice;
  const said =
    tmdbCode !== undefined
      ? ` (TMDb code ${tmdbCode}: ${tmdbMessage ?? 'no message'})`
      : tmdbMessage
        ? ` (${tmdbMessage})`
        : '';
  const init = {
    request: context.request,
    attempts: context.attempts,
    httpStatus: response.status,
    code,
    tmdbCode,
    tmdbMessage,
    cause: sanitisedCause(failure.cause, context.redactor),
  };
  if (response.status === 429 || code === 'rate_limited') {
    const wait = context.retryAfterMs === undefined ? '' : ` TMDb asked to wait ${context.retryAfterMs} ms.`;
    return new TmdbRateLimitError(
      `${what} was rate limited with HTTP ${response.status}${said}${tries}.${wait} ${advice}`,
      { ...init, retryAfterMs: context.retryAfterMs },
    );
  }
  return new TmdbApiError(`${what} failed with HTTP ${response.status}${said}${tries}. ${advice}`, init);
}

/** A fresh Error with the library error's name, code and redacted message: nothing else of it is kept. */
function sanitisedCause(cause: FailureCause | undefined, redactor: Redactor): Error | undefined {
  if (!cause) return undefined;
  const error = new Error(redactor.redact(cause.message));
  error.name = cause.name;
  // The stack would point into this file, not at the library's failure; it only adds noise to logs.
  error.stack = `${error.name}: ${error.message}`;
  return cause.code === undefined ? error : Object.assign(error, { code: cause.code });
}

/** TMDb's error body is `{status_code, status_message}`; some 422s send `{errors: [...]}`; a CDN may send nothing. */
function readErrorBody(
  body: unknown,
  redactor: Redactor,
): { tmdbCode: number | undefined; tmdbMessage: string | undefined } {
  if (typeof body !== 'object' || body === null) return { tmdbCode: undefined, tmdbMessage: undefined };
  const record = body as Record<string, unknown>;
  const tmdbCode = Number.isInteger(record['status_code']) ? (record['status_code'] as number) : undefined;
  let tmdbMessage: string | undefined;
  if (typeof record['status_message'] === 'string') tmdbMessage = record['status_message'];
  else if (Array.isArray(record['errors']))
    tmdbMessage = record['errors'].filter((e) => typeof e === 'string').join('; ');
  return { tmdbCode, tmdbMessage: tmdbMessage === undefined ? undefined : redactor.redact(tmdbMessage) };
}
