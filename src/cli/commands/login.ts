import { clientFor, type Command } from '../command-context';
import { readPassword } from '../read-secret';
import { DEFAULT_POLL_INTERVAL_MS, waitForApproval } from '../wait-for-approval';

/**
 * `tmdb-auth login`: TMDb's user flow. Prints the approval page, waits until the user approves the request
 * there, then creates and prints a session id. With `--username`, logs in with the password instead
 * (`TMDB_PASSWORD`, or a prompt).
 */
export const loginCommand: Command = async (context) => {
  const { out, args, signal } = context;
  const client = clientFor(context);
  let sessionId: string;
  if (args.username !== undefined) {
    const password = await readPassword(context);
    out.addSecret(password);
    ({ sessionId } = await client.login({ username: args.username, password }, { signal }));
  } else {
    const token = await client.createRequestToken({ signal });
    out.info(
      `Open this page and approve the request:\n\n  ${client.approvalUrl(token, { redirectTo: args.redirectTo })}\n`,
    );
    out.info('Waiting for your approval (Ctrl-C to stop)...');
    ({ sessionId } = await waitForApproval(client, token, {
      intervalMs: args.intervalMs ?? DEFAULT_POLL_INTERVAL_MS,
      deadline: args.timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + args.timeoutMs,
      signal,
    }));
  }
  if (!out.json)
    out.info('Logged in. The session id below does not expire: keep it secret, end it with `tmdb-auth logout`.');
  out.result(sessionId, { session_id: sessionId });
};
