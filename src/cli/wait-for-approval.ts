import { sleep } from '../abort';
import type { Session, TmdbAuthClient } from '../client';
import { isTmdbApiError } from '../errors';
import type { RequestToken } from '../request-token-cache';
import { CliError } from './cli-errors';
import { EXIT_CODES } from './exit-codes';

export interface WaitOptions {
  /** How long between two tries. */
  intervalMs: number;
  /** When to give up, on the local clock; at the latest when the token expires. */
  deadline: number;
  signal: AbortSignal;
  now?: () => number;
}

// TMDb's answers for "the user has not approved this token yet": 17 historically, 41 in its error table.
const NOT_APPROVED_YET = new Set(['session_denied', 'request_token_not_approved']);

/**
 * Tries to create a session from `token` until the user has approved it on the approval page, the token
 * expires, or the deadline passes. TMDb has no way to be told of an approval, so asking again is the only way.
 */
export async function waitForApproval(
  client: TmdbAuthClient,
  token: RequestToken,
  options: WaitOptions,
): Promise<Session> {
  const now = options.now ?? Date.now;
  const deadline = Math.min(options.deadline, token.expiresAt.getTime());
  for (;;) {
    try {
      return await client.createSession(token, { signal: options.signal });
    } catch (error) {
      if (!(isTmdbApiError(error) && NOT_APPROVED_YET.has(error.code))) throw error;
    }
    if (now() + options.intervalMs > deadline) {
      throw new CliError(
        'The request token was not approved in time.',
        EXIT_CODES.approvalTimeout,
        'Run the command again and approve the request on the page it prints (or raise --timeout).',
      );
    }
    await sleep(options.intervalMs, options.signal);
  }
}
