import { EXIT_CODES, type ExitCode } from './exit-codes';

/** A failure the command line explains itself: a message, the fix, and the exit code. */
export class CliError extends Error {
  override readonly name = 'CliError';

  constructor(
    message: string,
    readonly exitCode: ExitCode,
    readonly fix?: string,
  ) {
    super(message);
  }
}

/** The command line is wrong. */
export function usageError(message: string): CliError {
  return new CliError(message, EXIT_CODES.usage, 'Run `tmdb-auth --help` for the commands and options.');
}
