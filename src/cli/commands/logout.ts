import { CliError, usageError } from '../cli-errors';
import { clientFor, type Command } from '../command-context';
import { EXIT_CODES } from '../exit-codes';
import { readSecretLine } from '../read-secret';

const HOW = 'Set TMDB_SESSION_ID, or pipe the session id in: `tmdb-auth logout - < session.txt`.';

/**
 * `tmdb-auth logout`: deletes the user session in `TMDB_SESSION_ID`, or (`logout -`) the one on standard input.
 * Never from the command line, where `ps` and shell history would keep it: a session id does not expire.
 */
export const logoutCommand: Command = async (context) => {
  const [given] = context.args.positionals;
  if (given !== undefined && given !== '-') {
    // Not echoed: it is most likely the session id itself.
    throw usageError(
      '`logout` does not take the session id on the command line, where `ps` and shell history keep it.',
      HOW,
    );
  }
  if (given === '-' && !context.stdin.isTTY) context.out.info('Reading the session id from standard input...');
  const sessionId =
    given === '-'
      ? (
          await readSecretLine(
            context,
            'Session id: ',
            () => new CliError('No session id on standard input.', EXIT_CODES.usage, HOW, 'no_session_id'),
          )
        ).trim()
      : context.env['TMDB_SESSION_ID'] || undefined;
  if (sessionId === undefined) {
    throw new CliError('`logout` needs the session id to delete.', EXIT_CODES.usage, HOW, 'no_session_id');
  }
  context.out.addSecret(sessionId);
  await clientFor(context).deleteSession(sessionId, { signal: context.signal });
  context.out.result('Session deleted.', { deleted: true });
};
