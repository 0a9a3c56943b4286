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

/**
 * A message for the person at the terminal. Our own words are a string, printed as they are. A message that quotes
 * something from outside our code (the caller's command line, an unexpected error) is a function that passes
 * that part through `outside`, so that only that part is masked for secrets: a password that happens to be an
 * ordinary word ("password") must not mask that word in the advice we wrote.
 */
export type Wording = string | ((outside: (text: string) => string) => string);

/** `wording` as a plain string, with what came from outside left out: for `Error.message`, never printed. */
export function withoutOutside(wording: Wording): string {
  return typeof wording === 'string' ? wording : wording(() => '…');
}

/** A failure the command line explains itself: a message, the fix, the exit code and a stable code. */
export class CliError extends Error {
  override readonly name = 'CliError';

  /**
   * @param wording what went wrong; see {@link Wording} for a message that quotes the caller
   * @param fix what to do about it: always our own words, printed as they are
   */
  constructor(
    readonly wording: Wording,
    readonly exitCode: ExitCode,
    readonly fix: string,
    readonly code: CliErrorCode,
  ) {
    super(withoutOutside(wording));
  }
}

/** The fix for every usage error that has no more precise one. */
export const HELP_HINT = 'Run `tmdb-auth help` for the commands and options.';

/** The command line is wrong. */
export function usageError(wording: Wording, fix = HELP_HINT): CliError {
  return new CliError(wording, EXIT_CODES.usage, fix, 'usage');
}

/** The port a listener was asked for is taken: `what` names the listener ("the emulator", "the --callback listener"). */
export function portInUseError(port: number, what: string): CliError {
  return new CliError(
    `Port ${port} is in use, so ${what} cannot listen on it.`,
    EXIT_CODES.usage,
    'Pick another with --port (0 for any free port).',
    'port_in_use',
  );
}
