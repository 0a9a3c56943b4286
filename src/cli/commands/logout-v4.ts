import { isTmdbApiError } from '../../errors';
import { CliError } from '../cli-errors';
import { v4ClientFor, type Command } from '../command-context';
import { EXIT_CODES } from '../exit-codes';
import { readSecretArgument } from '../read-secret';

/** `tmdb-auth logout --v4`: deletes a v4 user access token, from TMDB_USER_ACCESS_TOKEN or stdin (`-`). */
export const logoutV4Command: Command = async (context) => {
  // Before reading the token: without the API Read Access Token there is nothing to delete it with.
  const client = v4ClientFor(context);
  const accessToken = await readSecretArgument(context, {
    envName: 'TMDB_USER_ACCESS_TOKEN',
    what: 'user access token',
    command: 'logout --v4',
    missingCode: 'no_access_token',
  });
  try {
    await client.v4.deleteAccessToken(accessToken, { signal: context.signal });
  } catch (error) {
    // Code 35 here is about the user's token, not the app's credentials: TMDb refused the request itself.
    if (isTmdbApiError(error) && error.code === 'invalid_token') {
      throw new CliError(
        error.message,
        EXIT_CODES.refused,
        'The access token was already deleted, or never valid.',
        'access_token_refused',
      );
    }
    throw error;
  }
  context.out.result('Access token deleted.', { deleted: true });
};
