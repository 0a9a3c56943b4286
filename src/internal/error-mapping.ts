import {
  TmdbAbortError,
  TmdbApiError,
  TmdbNetworkError,
  TmdbRateLimitError,
  TmdbResponseError,
  TmdbTimeoutError,
  type TmdbError,
  type TmdbRequestInfo,
} from '../errors';
import type { Redactor } from './redactor';
import { describeTmdbFailure } from './tmdb-codes';
import type { FailureCause, WireFailure, WireResponse } from './transport-types';

export interface FailureContext {
  request: TmdbRequestInfo;
  redactor: Redactor;
  /** How many attempts were made, this one included. */
  attempts: number;
  /** The limit a timeout ran into, in milliseconds: `timeoutMs`, or `deadlineMs` when the deadline came first. */
  timeoutMs: number;
  /** The option `timeoutMs` above is the value of. */
  timeLimit: 'timeoutMs' | 'deadlineMs';
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
      const got =
        failure.statusBeforeBreak === undefined
          ? 'got no answer from TMDb'
          : `got HTTP ${failure.statusBeforeBreak} from TMDb, but the body broke off before its end`;
      return new TmdbNetworkError(
        `${what} ${got}${tries}: ${detail}. Check the network connection and the \`baseUrl\` option.`,
        { request, attempts, systemCode: failure.systemCode, cause: sanitisedCause(failure.cause, redactor) },
      );
    }
    case 'timeout': {
      const message =
        context.timeLimit === 'deadlineMs'
          ? `${what} did not finish within the call's deadline of ${context.timeoutMs} ms (\`deadlineMs\`, for the whole call, retries and waits included)${tries}. TMDb may be slow; raise \`deadlineMs\` or try again later.`
          : `${what} got no complete answer within ${context.timeoutMs} ms (\`timeoutMs\`, for one attempt, body included)${tries}. TMDb may be slow; raise \`timeoutMs\` or try again later.`;
      return new TmdbTimeoutError(message, {
        request,
        attempts,
        timeoutMs: context.timeoutMs,
        option: context.timeLimit,
        cause: sanitisedCause(failure.cause, redactor),
      });
    }
    case 'too-large': {
      const answered = failure.status === undefined ? 'answered' : `answered HTTP ${failure.status}`;
      return new TmdbResponseError(
        `${what} ${answered} with a body larger than ${failure.limitBytes} bytes (\`maxResponseBytes\`); reading stopped there. TMDb's answers are a few hundred bytes: check \`baseUrl\` (a proxy or another server may have answered), or raise \`maxResponseBytes\`.`,
        { request, attempts, httpStatus: failure.status ?? 0 },
      );
    }
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
  if (response.status >= 300 && response.status < 400) return redirectError(response, context, what, tries);
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

// A redirect is never followed, and its body is not read: only its status and the host it points at are told.
function redirectError(response: WireResponse, context: FailureContext, what: string, tries: string): TmdbApiError {
  // A server that was sent the API key could name a host after it: the host is outside text like any other.
  const to = response.locationHost === undefined ? 'elsewhere' : `to ${context.redactor.redact(response.locationHost)}`;
  return new TmdbApiError(
    `${what} was answered with a redirect (HTTP ${response.status}) ${to}${tries}, which this client never follows: it could carry your credentials to another server. TMDb's API does not redirect; check \`baseUrl\` (use TMDb's API root, or your proxy's exact address).`,
    {
      request: context.request,
      attempts: context.attempts,
      httpStatus: response.status,
      code: 'http_error',
      tmdbCode: undefined,
      tmdbMessage: undefined,
    },
  );
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
