import { TmdbAbortError, type TmdbRequestInfo } from '../errors';
import { raceAbort } from './abortable-wait';
import { backoffDelayMs } from './backoff';
import { toTmdbError } from './error-mapping';
import { OPERATIONS, type TmdbOperation, type TmdbOperationName } from './operations';
import type { CallSettings } from './resolve-options';
import type { Redactor } from './redactor';
import { ResponseBody } from './response-body';
import { retryAfterMs } from './retry-after';
import { mayRetry } from './retry-policy';
import type { TmdbTransport } from './transport-types';

/** One logical call: what to send, and how to read a successful answer. */
export interface CallPlan<T> {
  operation: TmdbOperation;
  /** Reads a 2xx answer; throws TmdbResponseError when the body is not the expected model. */
  read: (body: ResponseBody) => T;
  /** Masks the client's credentials; the operation's secret arguments are added only when an error is built. */
  redactor: Redactor;
}

// Built once per operation: every error of a call carries this, and no call should pay for a new one.
const REQUEST_INFO = Object.fromEntries(
  Object.entries(OPERATIONS).map(([name, { method, path }]) => [name, Object.freeze({ method, path })]),
) as Readonly<Record<TmdbOperationName, TmdbRequestInfo>>;

/** The method and path an operation is sent to. */
export function requestInfo(name: TmdbOperationName): TmdbRequestInfo {
  return REQUEST_INFO[name];
}

/**
 * Sends a call, retrying what may heal, until it succeeds, fails for good, runs out of retries or time, or the
 * caller aborts. Always settles with the result or a TmdbError.
 */
export async function executeCall<T>(transport: TmdbTransport, plan: CallPlan<T>, settings: CallSettings): Promise<T> {
  const { signal, now } = settings;
  const definition = OPERATIONS[plan.operation.name];
  const request = REQUEST_INFO[plan.operation.name];
  const deadline = settings.deadlineMs === undefined ? Number.POSITIVE_INFINITY : now() + settings.deadlineMs;
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw aborted(request, signal, attempt - 1);
    const timeoutMs = Math.min(settings.timeoutMs, Math.max(1, deadline - now()));
    const outcome = await transport.send(plan.operation, { signal, timeoutMs });
    if (outcome.ok) return plan.read(new ResponseBody(outcome.response, request, definition.responseModel));

    const failure = outcome.failure;
    if (failure.kind === 'cancelled' && signal?.aborted) throw aborted(request, signal, attempt);
    const waitAsked = failure.kind === 'http' ? retryAfterMs(failure.response.headers, now()) : undefined;
    const error = toTmdbError(failure, {
      request,
      redactor: plan.redactor.with(...secretsOf(plan.operation)),
      attempts: attempt,
      timeoutMs,
      retryAfterMs: waitAsked,
      argumentAdvice: definition.argumentAdvice,
    });
    if (!mayRetry(failure, request.method) || attempt > settings.maxRetries) throw error;

    let delayMs: number;
    if (waitAsked !== undefined) {
      // Waiting less than the server asked only earns another 429; waiting longer than the caller allows is
      // pointless. Either way the caller learns now, with the wait, rather than after a doomed retry.
      if (waitAsked > settings.maxRetryAfterMs || now() + waitAsked > deadline) throw error;
      delayMs = waitAsked;
    } else {
      delayMs = backoffDelayMs(attempt, settings);
      if (now() + delayMs >= deadline) throw error;
    }

    settings.onRetry?.({ attempt, delayMs, error });
    try {
      await raceAbort(settings.sleep(delayMs, signal), signal);
    } catch (reason) {
      if (signal?.aborted) throw aborted(request, signal, attempt);
      throw reason;
    }
  }
}

function secretsOf(operation: TmdbOperation): string[] {
  const args = operation.args as Readonly<Record<string, string>>;
  return OPERATIONS[operation.name].secrets.map((name: string) => args[name] as string);
}

function aborted(request: TmdbRequestInfo, signal: AbortSignal, attempts: number): TmdbAbortError {
  return new TmdbAbortError(`${request.method} ${request.path} was aborted by the caller's AbortSignal.`, {
    request,
    attempts,
    cause: signal.reason,
  });
}
