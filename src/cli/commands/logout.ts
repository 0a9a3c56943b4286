import { clientFor, type Command } from '../command-context';
import { readSecretArgument } from '../read-secret';
import { logoutV4Command } from './logout-v4';

/**
 * `tmdb-auth logout`: deletes the user session in `TMDB_SESSION_ID`, or (`logout -`) the one on standard input.
 * Never from the command line, where `ps` and shell history would keep it: a session id does not expire.
 * With `--v4`, deletes a v4 user access token instead.
 */
export const logoutCommand: Command = async (context) => {
  if (context.args.v4) return logoutV4Command(context);
  const sessionId = await readSecretArgument(context, {
    envName: 'TMDB_SESSION_ID',
    what: 'session id',
    command: 'logout',
    missingCode: 'no_session_id',
  });
  await clientFor(context).deleteSession(sessionId, { signal: context.signal });
  context.out.result('Session deleted.', { deleted: true });
};
