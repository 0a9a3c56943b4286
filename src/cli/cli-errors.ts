import { EXIT_CODES, type ExitCode } from './exit-codes';

/**
 * The command line's own error codes, in `--json` errors' `code` beside the client's (`invalid_api_key`,
 * `timeout`...). Stable: scripts may branch on them.
 */
export type CliErrorCode =
  | 'usage'
  | 'no_credentials'
  | 'conflicting_credentials'
  | 'no_password'
  | 'no_session_id'
  | 'no_access_token'
  | 'access_token_refused'
  | 'approval_denied'
  | 'approval_timeout'
  | 'port_in_use'
  | 'interrupted'
  | 'terminated'
  | 'unexpected';

/** A failure the command line explains itself: a message, the fix, the exit code and a stable code. */
export class CliError extends Error {
  override readonly name = 'CliError';

  constructor(
    message: string,
    readonly exitCode: ExitCode,
    readonly fix: string,
    readonly code: CliErrorCode,
  ) {
    super(message);
  }
}

/** The command line is wrong. */
export function usageError(message: string, fix = 'Run `tmdb-auth help` for the commands and options.'): CliError {
  return new CliError(message, EXIT_CODES.usage, fix, 'usage');
}
