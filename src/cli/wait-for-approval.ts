import { sleep } from '../internal/abortable-wait';
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
  const deadline = Math.min(options.deadline, token.expiresAt.getTime());
  for (;;) {
    try {
      return await client.createSession(token, { signal: options.signal });
    } catch (error) {
      if (!(isTmdbApiError(error) && error.code === 'request_token_not_approved')) throw error;
    }
    if (Date.now() + options.intervalMs > deadline) {
      throw new CliError(
        'The request token was not approved in time.',
        EXIT_CODES.approvalTimeout,
        'Run the command again and approve the request on the page it prints (or raise --timeout).',
        'approval_timeout',
      );
    }
    await sleep(options.intervalMs, options.signal);
  }
}
