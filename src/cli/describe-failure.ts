import {
  isTmdbAbortError,
  isTmdbApiError,
  isTmdbError,
  isTmdbNetworkError,
  isTmdbResponseError,
  isTmdbTimeoutError,
  type TmdbErrorCode,
} from '../errors';
import { CliError, type CliErrorCode, type Wording } from './cli-errors';
import { CREDENTIALS_FIX, V4_CREDENTIALS_FIX } from './credentials';
import { EXIT_CODES, type ExitCode } from './exit-codes';

/** What the command line prints for a failure, and the code it exits with. Every field is always there. */
export interface FailureReport {
  /** Stable: the client's error code (`invalid_api_key`, `timeout`...) or the command line's own. */
  code: TmdbErrorCode | CliErrorCode;
  /** What went wrong; what it quotes from outside our code is masked when printed (see {@link Wording}). */
  message: Wording;
  /** What to do: always our own words. */
  fix: string;
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

/** What to do when TMDb refused the request itself (exit code 4). */
const REFUSAL_FIXES: Partial<Record<TmdbErrorCode, string>> = {
  invalid_credentials: 'Check the username and password, then run the command again.',
  credentials_required: 'Give --username, and the password in TMDB_PASSWORD or at the prompt.',
  account_disabled: 'The user must sort out their account with TMDb (https://www.themoviedb.org).',
  email_not_verified: 'The user must verify their e-mail address with TMDb first.',
  request_token_invalid: 'The request token expired or was used: start again with a new one (`tmdb-auth login`).',
  request_token_not_approved:
    'Approve the request on the page `tmdb-auth approve-url <token>` prints, then try again (or use `tmdb-auth login`, which waits).',
  session_not_found: 'The session does not exist or was already deleted: there is nothing to log out.',
};

/** The same, for a call to TMDb's v4 API (`login --v4`, the demo's v4 part): v4 has its own page and command. */
const V4_REFUSAL_FIXES: Partial<Record<TmdbErrorCode, string>> = {
  request_token_invalid:
    'The v4 request token expired or was used: start again with a new one (`tmdb-auth login --v4`).',
  request_token_not_approved:
    'Run `tmdb-auth login --v4` again and approve the v4 request token on the v4 approval page it prints (.../auth/access?request_token=...); it waits for the approval.',
};

const REFUSAL_FIX = 'TMDb refused what the command sent; its message above says what. Check the input.';

/** The report for an interruption by `signal`. */
export function interruptedReport(signal: 'SIGINT' | 'SIGTERM'): FailureReport {
  return signal === 'SIGINT'
    ? {
        code: 'interrupted',
        message: 'Interrupted (SIGINT).',
        fix: 'Run the command again to start over.',
        exitCode: EXIT_CODES.interrupted,
      }
    : {
        code: 'terminated',
        message: 'Terminated (SIGTERM).',
        fix: 'Run the command again to start over.',
        exitCode: EXIT_CODES.terminated,
      };
}

/**
 * Turns any failure into one code, one message, one fix and an exit code. The client's messages already carry
 * TMDb's message and advice, with every secret the call carried masked (the only ones a server could echo); they
 * are used as they are, never with a stack trace, and not masked again, which would mask ordinary words of
 * TMDb's and ours that a password happens to equal.
 */
export function describeFailure(error: unknown): FailureReport {
  if (error instanceof CliError) {
    return { code: error.code, message: error.wording, fix: error.fix, exitCode: error.exitCode };
  }
  if (!isTmdbError(error)) {
    const said = error instanceof Error ? error.message : String(error);
    return {
      code: 'unexpected',
      message: (outside) => `Unexpected error: ${outside(said)}`,
      fix: 'This is a bug in tmdb-auth-client; please report it with the command you ran.',
      exitCode: EXIT_CODES.unexpected,
    };
  }
  const { code, message } = error;
  if (isTmdbAbortError(error)) return { ...interruptedReport('SIGINT'), code };
  if (code === 'invalid_configuration' || code === 'invalid_argument') {
    const option = (error as { option?: string }).option;
    if (option === 'apiKey' || option === 'accessToken') {
      // The command line's user set environment variables, not options: say so in their terms.
      const inTheirTerms = message
        .replaceAll('`apiKey`', 'TMDB_API_KEY')
        .replaceAll('`accessToken`', 'TMDB_ACCESS_TOKEN');
      return { code, message: inTheirTerms, fix: CREDENTIALS_FIX, exitCode: EXIT_CODES.credentials };
    }
    return { code, message, fix: 'Check the command line options.', exitCode: EXIT_CODES.usage };
  }
  if (isTmdbApiError(error)) {
    const v4 = isV4Call(error);
    if (CREDENTIAL_CODES.has(code)) {
      return { code, message, fix: v4 ? V4_CREDENTIALS_FIX : CREDENTIALS_FIX, exitCode: EXIT_CODES.credentials };
    }
    if (UNAVAILABLE_CODES.has(code) || error.httpStatus >= 500) {
      return { code, message, fix: 'Try again in a minute.', exitCode: EXIT_CODES.unavailable };
    }
    if (v4 && code === 'request_token_not_approved') {
      // The client's advice names the v3 steps (a session); the command line's user is in v4's flow.
      const said =
        error.tmdbCode === undefined ? '' : ` (TMDb code ${error.tmdbCode}: ${error.tmdbMessage ?? 'no message'})`;
      return {
        code,
        message: `The user has not approved the v4 request token (yet): TMDb answered HTTP ${error.httpStatus}${said} to the access token request.`,
        fix: V4_REFUSAL_FIXES[code] as string,
        exitCode: EXIT_CODES.refused,
      };
    }
    const fix = (v4 ? V4_REFUSAL_FIXES[code] : undefined) ?? REFUSAL_FIXES[code] ?? REFUSAL_FIX;
    return { code, message, fix, exitCode: EXIT_CODES.refused };
  }
  if (isTmdbNetworkError(error) || isTmdbTimeoutError(error) || isTmdbResponseError(error)) {
    return {
      code,
      message,
      fix: 'Check the network, and --base-url if you gave one.',
      exitCode: EXIT_CODES.unavailable,
    };
  }
  return {
    code,
    message,
    fix: 'This is a bug in tmdb-auth-client; please report it with the command you ran.',
    exitCode: EXIT_CODES.unexpected,
  };
}

/** Whether the call went to TMDb's v4 API, whose paths (`/auth/request_token`, `/auth/access_token`) are its own. */
function isV4Call(error: { request: { path: string } | undefined }): boolean {
  return error.request?.path.startsWith('/auth/') ?? false;
}
