import { raceAbort } from './abort';
import { backoffDelayMs } from './backoff';
import { TmdbAbortError, type TmdbRequestInfo } from './errors';
import type { CallSettings } from './options';
import type { Redactor } from './redact';
import { retryAfterMs } from './retry-after';
import { mayRetry } from './retry-policy';
import { toTmdbError } from './to-tmdb-error';
import type { TmdbOperation, TmdbTransport, WireResponse } from './wire';

/** One logical call: what to send, where it goes, and how to read a successful answer. */
export interface CallPlan<T> {
  operation: TmdbOperation;
  request: TmdbRequestInfo;
  /** Reads a 2xx answer; throws TmdbResponseError when the body is not the expected model. */
  read: (response: WireResponse) => T;
  /** Masks the client's credentials; `secrets` are added to it only when an error is built. */
  redactor: Redactor;
  /** The secrets this call carries (password, tokens, ids). */
  secrets: readonly string[];
}

/**
 * Sends a call, retrying what may heal, until it succeeds, fails for good, runs out of retries or time, or the
 * caller aborts. Always settles with the result or a TmdbError.
 */
export async function executeCall<T>(transport: TmdbTransport, plan: CallPlan<T>, settings: CallSettings): Promise<T> {
  const { signal, now } = settings;
  const deadline = settings.deadlineMs === undefined ? Number.POSITIVE_INFINITY : now() + settings.deadlineMs;
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw aborted(plan.request, signal);
    const timeoutMs = Math.min(settings.timeoutMs, Math.max(1, deadline - now()));
    const outcome = await transport.send(plan.operation, { signal, timeoutMs });
    if (outcome.ok) return plan.read(outcome.response);

    const failure = outcome.failure;
    if (failure.kind === 'cancelled' && signal?.aborted) throw aborted(plan.request, signal);
    const waitAsked = failure.kind === 'http' ? retryAfterMs(failure.response.headers, now()) : undefined;
    const error = toTmdbError(failure, {
      request: plan.request,
      redactor: plan.redactor.with(...plan.secrets),
      attempts: attempt,
      timeoutMs,
      retryAfterMs: waitAsked,
    });
    if (!mayRetry(failure, plan.request.method) || attempt > settings.maxRetries) throw error;

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
      if (signal?.aborted) throw aborted(plan.request, signal);
      throw reason;
    }
  }
}

function aborted(request: TmdbRequestInfo, signal: AbortSignal): TmdbAbortError {
  return new TmdbAbortError(`${request.method} ${request.path} was aborted by the caller's AbortSignal.`, {
    request,
    cause: signal.reason,
  });
}
