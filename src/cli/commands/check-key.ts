import { clientFor, type Command } from '../command-context';

/** `tmdb-auth check-key`: asks TMDb whether the credentials in the environment are valid. */
export const checkKeyCommand: Command = async (context) => {
  const status = await clientFor(context).validateKey({ signal: context.signal });
  context.out.result(`The credentials are valid (TMDb: ${status.statusMessage})`, {
    valid: true,
    status_code: status.statusCode,
    status_message: status.statusMessage,
  });
};
