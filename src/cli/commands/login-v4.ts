import { usageError } from '../cli-errors';
import { v4ClientFor, type Command } from '../command-context';
import { listenForCallback } from '../loopback-callback';
import { DEFAULT_POLL_INTERVAL_MS, pollUntilApproved, waitForCallback } from '../wait-for-approval';

/**
 * `tmdb-auth login --v4`: TMDb's v4 user flow. Creates a request token (with the app's read access token), prints
 * the v4 approval page, waits until the user approves there (polling, or with `--callback` the moment the browser
 * lands on a loopback listener), then prints the user's access token and account id.
 */
export const loginV4Command: Command = async (context) => {
  const { out, args, signal } = context;
  if (args.username !== undefined) throw usageError('`login --v4` has no --username: v4 users approve on TMDb’s site.');
  if (args.redirectTo !== undefined && args.callback) {
    throw usageError('--callback sets the redirect itself: give --callback or --redirect-to, not both.');
  }
  const client = v4ClientFor(context);
  const callback = args.callback ? await listenForCallback(args.port) : undefined;
  try {
    const redirectTo = callback?.url ?? args.redirectTo;
    const token = await client.v4.createRequestToken(redirectTo === undefined ? {} : { redirectTo }, { signal });
    out.link(`Open this page and approve the request:\n\n  ${client.v4.approvalUrl(token)}\n`);
    const deadline = args.timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + args.timeoutMs;
    let result;
    if (callback) {
      out.info(`Waiting for your browser to come back to ${callback.url} (Ctrl-C to stop)...`);
      await waitForCallback(callback.arrival(token.requestToken, false), token.expiresAt, { deadline, signal });
      result = await client.v4.createAccessToken(token, { signal });
    } else {
      out.info('Waiting for your approval (Ctrl-C to stop)...');
      result = await pollUntilApproved(() => client.v4.createAccessToken(token, { signal }), token.expiresAt, {
        intervalMs: args.intervalMs ?? DEFAULT_POLL_INTERVAL_MS,
        deadline,
        signal,
      });
    }
    if (!out.json) {
      out.info(
        `Logged in (v4). Account id: ${result.accountId}. The access token below does not expire: keep it secret, ` +
          'end it with `tmdb-auth logout --v4` (it reads TMDB_USER_ACCESS_TOKEN).',
      );
    }
    out.result(result.accessToken, { access_token: result.accessToken, account_id: result.accountId });
  } finally {
    await callback?.close();
  }
};
