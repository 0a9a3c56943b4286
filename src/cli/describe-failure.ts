import {
  isTmdbAbortError,
  isTmdbApiError,
  isTmdbError,
  isTmdbNetworkError,
  isTmdbResponseError,
  isTmdbTimeoutError,
  type TmdbErrorCode,
} from '../errors';
import { CliError } from './cli-errors';
import { CREDENTIALS_FIX } from './credentials';
import { EXIT_CODES, type ExitCode } from './exit-codes';

/** What the command line prints for a failure, and the code it exits with. */
export interface FailureReport {
  message: string;
  fix: string | undefined;
  exitCode: ExitCode;
}

const CREDENTIAL_CODES: ReadonlySet<TmdbErrorCode> = new Set([
  'invalid_api_key',
  'suspended_api_key',
  'unauthorized',
  'authentication_failed',
  'invalid_token',
]);

const UNAVAILABLE_CODES: ReadonlySet<TmdbErrorCode> = new Set([
  'rate_limited',
  'service_offline',
  'maintenance',
  'backend_timeout',
  'backend_unreachable',
  'server_error',
]);

/**
 * Turns any failure into one message, one fix and an exit code. The client's messages already carry TMDb's
 * message and advice, with secrets masked; they are used as they are, never with a stack trace.
 */
export function describeFailure(error: unknown): FailureReport {
  if (error instanceof CliError) return { message: error.message, fix: error.fix, exitCode: error.exitCode };
  if (!isTmdbError(error)) {
    return {
      message: `Unexpected error: ${error instanceof Error ? error.message : String(error)}`,
      fix: 'This is a bug in tmdb-auth-client; please report it with the command you ran.',
      exitCode: EXIT_CODES.unexpected,
    };
  }
  if (isTmdbAbortError(error)) return { message: 'Interrupted.', fix: undefined, exitCode: EXIT_CODES.interrupted };
  if (error.code === 'invalid_configuration' || error.code === 'invalid_argument') {
    const option = (error as { option?: string }).option;
    if (option === 'apiKey' || option === 'accessToken') {
      return { message: error.message, fix: CREDENTIALS_FIX, exitCode: EXIT_CODES.credentials };
    }
    return { message: error.message, fix: 'Check the command line options.', exitCode: EXIT_CODES.usage };
  }
  if (isTmdbApiError(error)) {
    if (CREDENTIAL_CODES.has(error.code)) {
      return { message: error.message, fix: CREDENTIALS_FIX, exitCode: EXIT_CODES.credentials };
    }
    if (UNAVAILABLE_CODES.has(error.code) || error.httpStatus >= 500) {
      return { message: error.message, fix: 'Try again in a minute.', exitCode: EXIT_CODES.unavailable };
    }
    return { message: error.message, fix: undefined, exitCode: EXIT_CODES.refused };
  }
  if (isTmdbNetworkError(error) || isTmdbTimeoutError(error) || isTmdbResponseError(error)) {
    return {
      message: error.message,
      fix: 'Check the network, and --base-url if you gave one.',
      exitCode: EXIT_CODES.unavailable,
    };
  }
  return { message: error.message, fix: undefined, exitCode: EXIT_CODES.unexpected };
}
