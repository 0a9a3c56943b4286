import { usageError } from '../cli-errors';
import { clientFor, type Command } from '../command-context';

/** `tmdb-auth approve-url [token]`: the page where the user approves a request token (a new one if none given). */
export const approveUrlCommand: Command = async (context) => {
  const [given, ...extra] = context.args.positionals;
  if (extra.length > 0) throw usageError('`approve-url` takes at most one request token.');
  const client = clientFor(context);
  const token = given ?? (await client.createRequestToken({ signal: context.signal })).requestToken;
  const url = client.approvalUrl(token, { redirectTo: context.args.redirectTo });
  context.out.result(url, { request_token: token, approval_url: url });
};
