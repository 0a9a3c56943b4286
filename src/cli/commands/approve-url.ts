import { clientFor, type Command } from '../command-context';

/** `tmdb-auth approve-url [token]`: the page where the user approves a request token (a new one if none given). */
export const approveUrlCommand: Command = async (context) => {
  const [given] = context.args.positionals;
  const client = clientFor(context);
  const token = given ?? (await client.createRequestToken({ signal: context.signal })).requestToken;
  const url = client.approvalUrl(token, { redirectTo: context.args.redirectTo });
  context.out.result(url, { request_token: token, approval_url: url });
};
