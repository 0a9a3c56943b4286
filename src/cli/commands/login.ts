import { usageError } from '../cli-errors';
import { clientFor, type Command } from '../command-context';
import { listenForCallback } from '../loopback-callback';
import { readPassword } from '../read-secret';
import { DEFAULT_POLL_INTERVAL_MS, waitForApproval, waitForCallback } from '../wait-for-approval';
import { loginV4Command } from './login-v4';

/**
 * `tmdb-auth login`: TMDb's user flow. Prints the approval page, waits until the user approves the request
 * there (polling, or with `--callback` the moment the browser lands on a loopback listener), then creates and
 * prints a session id. With `--username`, logs in with the password instead (`TMDB_PASSWORD`, or a prompt). With
 * `--v4`, runs v4's flow (`login-v4.ts`).
 */
export const loginCommand: Command = async (context) => {
  const { out, args, signal } = context;
  if (args.port !== undefined && !args.callback) throw usageError('--port is the port of --callback; give both.');
  if (args.v4) return loginV4Command(context);
  if (args.callback && (args.username !== undefined || args.redirectTo !== undefined)) {
    throw usageError(
      '--callback waits for the browser to come back: it goes with neither --username nor --redirect-to.',
    );
  }
  const client = clientFor(context);
  let sessionId: string;
  if (args.username !== undefined) {
    const password = await readPassword(context);
    out.addSecret(password);
    ({ sessionId } = await client.login({ username: args.username, password }, { signal }));
  } else {
    const callback = args.callback ? await listenForCallback(args.port) : undefined;
    try {
      const token = await client.createRequestToken({ signal });
      const redirectTo = callback?.url ?? args.redirectTo;
      out.info(`Open this page and approve the request:\n\n  ${client.approvalUrl(token, { redirectTo })}\n`);
      const deadline = args.timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + args.timeoutMs;
      if (callback) {
        out.info(`Waiting for your browser to come back to ${callback.url} (Ctrl-C to stop)...`);
        await waitForCallback(callback.arrival(token.requestToken, true), token.expiresAt, { deadline, signal });
        ({ sessionId } = await client.createSession(token, { signal }));
      } else {
        out.info('Waiting for your approval (Ctrl-C to stop)...');
        ({ sessionId } = await waitForApproval(client, token, {
          intervalMs: args.intervalMs ?? DEFAULT_POLL_INTERVAL_MS,
          deadline,
          signal,
        }));
      }
    } finally {
      await callback?.close();
    }
  }
  if (!out.json)
    out.info('Logged in. The session id below does not expire: keep it secret, end it with `tmdb-auth logout`.');
  out.result(sessionId, { session_id: sessionId });
};
