import { clientFor, type Command } from '../command-context';

/** `tmdb-auth token`: creates a request token. */
export const tokenCommand: Command = async (context) => {
  const token = await clientFor(context).createRequestToken({ signal: context.signal });
  if (!context.out.json) context.out.info(`Expires at ${token.expiresAt.toISOString()}.`);
  context.out.result(token.requestToken, {
    request_token: token.requestToken,
    expires_at: token.expiresAt.toISOString(),
  });
};
