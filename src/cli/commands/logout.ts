import { usageError } from '../cli-errors';
import { clientFor, type Command } from '../command-context';
import { logoutV4Command } from './logout-v4';

/** `tmdb-auth logout <session>`: deletes a user session (or the one in `TMDB_SESSION_ID`). */
export const logoutCommand: Command = async (context) => {
  if (context.args.v4) return logoutV4Command(context);
  const [given, ...extra] = context.args.positionals;
  if (extra.length > 0) throw usageError('`logout` takes one session id.');
  const sessionId = given ?? (context.env['TMDB_SESSION_ID'] || undefined);
  if (sessionId === undefined) throw usageError('`logout` needs the session id: `tmdb-auth logout <session>`.');
  await clientFor(context).deleteSession(sessionId, { signal: context.signal });
  context.out.result('Session deleted.', { deleted: true });
};
