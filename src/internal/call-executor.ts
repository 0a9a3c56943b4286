import {
  TmdbAbortError,
  TmdbRateLimitError,
  isTmdbApiError,
  isTmdbRateLimitError,
  type TmdbRequestInfo,
} from '../errors';
import { onAbort, raceAbort } from './abort';
import { toTmdbError } from './error-mapping';
import type { GateStore } from './gate-store';
import { OPERATIONS, type OperationDefinition, type TmdbOperation, type TmdbOperationName } from './operations';
import type { CallSettings } from './resolve-options';
import type { Redactor } from './redactor';
import { ResponseBody } from './response-body';
import { backoffDelayMs, mayHaveActed, mayRetry, retryAfterMs } from './retry-policy';
import type { TmdbTransport, WireOutcome } from './transport-types';

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

/**
 * Sends a call, retrying what may heal, until it succeeds, fails for good, runs out of retries or time, or the
 * caller aborts. Always settles with the result or a TmdbError. With a gate, every attempt waits its turn there,
 * and a 429 closes the gate for every call on it instead of sending this one to sleep alone.
 */
export async function executeCall<T>(
  transport: TmdbTransport,
  plan: CallPlan<T>,
  settings: CallSettings,
  gate?: GateStore,
): Promise<T> {
  const { signal, now } = settings;
  const definition = OPERATIONS[plan.operation.name] as Pick<
    OperationDefinition<object>,
    'responseModel' | 'alreadyDoneCode' | 'argumentAdvice'
  >;
  const request = REQUEST_INFO[plan.operation.name];
  const deadline = settings.deadlineMs === undefined ? Number.POSITIVE_INFINITY : now() + settings.deadlineMs;
  let ambiguous = false;
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw aborted(request, signal, attempt - 1);
    let sentAt = 0;
    if (gate) {
      const turn = gate.enter({
        signal,
        deadline: Number.isFinite(deadline) ? gate.now() + (deadline - now()) : deadline,
        maxPauseMs: settings.maxRetryAfterMs,
        retry: attempt > 1,
      });
      const refusal = turn && (await turn);
      if (refusal?.kind === 'aborted') throw aborted(request, signal as AbortSignal, attempt - 1);
      if (refusal) throw gateClosed(request, attempt - 1, refusal.retryAfterMs);
      sentAt = gate.now();
    }
    // One limit per attempt, body included: the attempt's timeout, or what is left of the call's deadline.
    const remainingMs = deadline - now();
    const limit: TimeLimit =
      remainingMs < settings.timeoutMs
        ? { option: 'deadlineMs', ms: Math.max(1, remainingMs), reportedMs: settings.deadlineMs as number }
        : { option: 'timeoutMs', ms: settings.timeoutMs, reportedMs: settings.timeoutMs };
    const outcome = await send(transport, plan.operation, signal, limit.ms).catch((reason: unknown) => {
      gate?.leave(sentAt, { kind: 'failed' });
      throw reason;
    });
    if (outcome.ok) {
      gate?.leave(sentAt, { kind: 'accepted' });
      return plan.read(new ResponseBody(outcome.response, request, definition.responseModel, attempt));
    }

    const failure = outcome.failure;
    const waitAsked = failure.kind === 'http' ? retryAfterMs(failure.response.headers, now()) : undefined;
    const error = toTmdbError(failure, {
      request,
      redactor: plan.redactor.with(...secretsOf(plan.operation)),
      attempts: attempt,
      timeoutMs: limit.reportedMs,
      timeLimit: limit.option,
      retryAfterMs: waitAsked,
      argumentAdvice: definition.argumentAdvice,
    });
    const limited = isTmdbRateLimitError(error);
    if (gate) {
      const pauseMs = waitAsked ?? backoffDelayMs(attempt, settings);
      gate.leave(sentAt, limited ? { kind: 'rate-limited', pauseMs } : { kind: 'failed' });
    }
    if (failure.kind === 'cancelled' && signal?.aborted) throw aborted(request, signal, attempt);
    // The call's time is spent: no attempt could start, let alone end, before its deadline.
    if (failure.kind === 'timeout' && limit.option === 'deadlineMs') throw error;
    // A resend found the work done: an earlier attempt that went unanswered did it.
    // Only deletes carry an alreadyDoneCode, and their facade methods return nothing.
    if (ambiguous && isTmdbApiError(error) && error.tmdbCode === definition.alreadyDoneCode) return undefined as T;
    ambiguous ||= mayHaveActed(failure);
    if (!mayRetry(failure, request.method) || attempt > settings.maxRetries) throw error;

    let delayMs: number;
    if (gate && limited) {
      // The gate now holds every call until the pause is over; this one waits there, first in line. What the server
      // asked of this call is reported as asked, not less the millisecond or two the clock moved since.
      delayMs = Math.max(gate.pauseRemainingMs(), waitAsked ?? 0);
      if (delayMs > settings.maxRetryAfterMs || now() + delayMs > deadline) throw error;
      settings.onRetry?.({ attempt, delayMs, error });
      continue;
    }
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

/** The time one attempt may take, and the option it comes from (what a timeout error names). */
interface TimeLimit {
  option: 'timeoutMs' | 'deadlineMs';
  /** How long this attempt may take. */
  ms: number;
  /** The option's value, as the error reports it. */
  reportedMs: number;
}

// The transport gets a signal of the attempt's own: it aborts when the caller's does (one listener on a signal that
// many calls share, not one per request), or when the attempt's time is up. One timer per attempt bounds the whole
// exchange, headers and body, on every runtime: the attempt ends when it fires, whatever the transport does then.
function send(
  transport: TmdbTransport,
  operation: TmdbOperation,
  signal: AbortSignal | undefined,
  limitMs: number,
): Promise<WireOutcome> {
  const controller = new AbortController();
  return new Promise<WireOutcome>((resolve, reject) => {
    let settled = false;
    const finish = (): boolean => {
      if (settled) return false;
      settled = true;
      clearTimeout(timer);
      unsubscribe();
      return true;
    };
    const timer = setTimeout(() => {
      if (!finish()) return;
      controller.abort();
      resolve({ ok: false, failure: { kind: 'timeout' } });
    }, limitMs);
    const unsubscribe = signal ? onAbort(signal, () => controller.abort(signal.reason)) : noop;
    transport.send(operation, { signal: controller.signal }).then(
      (outcome) => {
        if (!finish()) return;
        // A failed attempt may leave a body half read (a size limit, a reset): aborting lets it go at once.
        if (!outcome.ok) controller.abort();
        resolve(outcome);
      },
      (reason: unknown) => {
        if (!finish()) return;
        controller.abort();
        reject(reason);
      },
    );
  });
}

function noop(): void {}

function gateClosed(request: TmdbRequestInfo, attempts: number, retryAfterMs: number): TmdbRateLimitError {
  return new TmdbRateLimitError(
    `${request.method} ${request.path} was not sent: the rate gate stays closed for another ${retryAfterMs} ms after TMDb answered 429, longer than the call's \`maxRetryAfterMs\` or deadline allows. Try again after \`retryAfterMs\`.`,
    {
      request,
      attempts,
      httpStatus: 429,
      code: 'rate_limited',
      tmdbCode: undefined,
      tmdbMessage: undefined,
      retryAfterMs,
    },
  );
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
