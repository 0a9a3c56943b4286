import { raceAbort, sleep } from '../internal/abort';
import type { TmdbAuthClient } from '../client';
import { isTmdbApiError } from '../errors';
import type { RequestToken, Session } from '../models';
import { CliError } from './cli-errors';
import { EXIT_CODES } from './exit-codes';

/** How often to ask TMDb whether the user has approved, unless `--interval` says otherwise. */
export const DEFAULT_POLL_INTERVAL_MS = 2_000;

export interface WaitOptions {
  /** How long between two tries. */
  intervalMs: number;
  /** When to give up, on the local clock; at the latest when the token expires. */
  deadline: number;
  signal: AbortSignal;
}

/**
 * Tries to create a session from `token` until the user has approved it on the approval page, the token
 * expires, or the deadline passes. TMDb has no way to be told of an approval, so asking again is the only way.
 */
export async function waitForApproval(
  client: TmdbAuthClient,
  token: RequestToken,
  options: WaitOptions,
): Promise<Session> {
  return pollUntilApproved(() => client.createSession(token, { signal: options.signal }), token.expiresAt, options);
}

/**
 * Runs `attempt` (a session or v4 access token from a request token) until it stops failing with
 * `request_token_not_approved`, the token expires at `expiresAt`, or the deadline passes.
 */
export async function pollUntilApproved<T>(
  attempt: () => Promise<T>,
  expiresAt: Date,
  options: WaitOptions,
): Promise<T> {
  const deadline = Math.min(options.deadline, expiresAt.getTime());
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!(isTmdbApiError(error) && error.code === 'request_token_not_approved')) throw error;
    }
    if (Date.now() + options.intervalMs > deadline) throw approvalTimedOut();
    await sleep(options.intervalMs, options.signal);
  }
}

/**
 * Waits for the browser to land on the loopback callback, until the request token expires at `expiresAt` or the
 * deadline passes; then the caller makes the one request that finishes the login.
 * @throws {CliError} when the user denied the request (`denied=true`), or nobody came back in time.
 */
export async function waitForCallback(
  landed: Promise<URLSearchParams>,
  expiresAt: Date,
  options: Pick<WaitOptions, 'deadline' | 'signal'>,
): Promise<void> {
  const deadline = Math.min(options.deadline, expiresAt.getTime());
  let timer: NodeJS.Timeout | undefined;
  const timeUp = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(approvalTimedOut()), Math.max(0, deadline - Date.now()));
  });
  try {
    const query = await raceAbort(Promise.race([landed, timeUp]), options.signal);
    if (query.get('denied') === 'true') {
      throw new CliError(
        'The request was denied on the approval page.',
        EXIT_CODES.refused,
        'Run the command again and approve the request this time.',
        'approval_denied',
      );
    }
  } finally {
    clearTimeout(timer);
  }
}

function approvalTimedOut(): CliError {
  return new CliError(
    'The request token was not approved in time.',
    EXIT_CODES.approvalTimeout,
    'Run the command again and approve the request on the page it prints (or raise --timeout).',
    'approval_timeout',
  );
}
