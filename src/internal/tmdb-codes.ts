import type { TmdbErrorCode } from '../error-codes';

/** One of TMDb's `status_code`s: what TMDb sends with it, and what the facade makes of it. */
export interface TmdbCodeInfo {
  /** The HTTP status TMDb answers with. */
  httpStatus: number;
  /** TMDb's `status_message`. */
  message: string;
  /** The stable code a caller branches on. */
  code: TmdbErrorCode;
  /** What the caller should do about it; ends the error message. */
  advice: string;
}

const CHECK_KEY = 'Check the `apiKey` or `accessToken` option.';
const CHECK_ARGUMENTS = 'Check the arguments of the call.';
const NEW_TOKEN = 'Create a new request token (createRequestToken) and start the flow again.';
const LATER = 'This is on TMDb’s side; try again later.';
const NOT_APPROVED =
  'The user has not approved this request token (yet): send them to approvalUrl(requestToken), then create the session after they approve it.';

/**
 * TMDb's published error table (https://developer.themoviedb.org/docs/errors), the auth-relevant rows. The
 * facade maps answers with it; the emulator answers with it.
 */
export const TMDB_CODES = {
  3: {
    httpStatus: 401,
    message: 'Authentication failed: You do not have permissions to access the service.',
    code: 'unauthorized',
    advice: 'These credentials have no permission for this service. ' + CHECK_KEY,
  },
  5: {
    httpStatus: 422,
    message: 'Invalid parameters: Your request parameters are incorrect.',
    code: 'invalid_parameters',
    advice: CHECK_ARGUMENTS,
  },
  7: {
    httpStatus: 401,
    message: 'Invalid API key: You must be granted a valid key.',
    code: 'invalid_api_key',
    advice: 'TMDb does not recognise the key. ' + CHECK_KEY,
  },
  9: {
    httpStatus: 503,
    message: 'Service offline: This service is temporarily offline, try again later.',
    code: 'service_offline',
    advice: LATER,
  },
  10: {
    httpStatus: 401,
    message: 'Suspended API key: Access to your account has been suspended, contact TMDB.',
    code: 'suspended_api_key',
    advice: 'The API key is suspended; contact TMDb.',
  },
  11: {
    httpStatus: 500,
    message: 'Internal error: Something went wrong, contact TMDB.',
    code: 'server_error',
    advice: LATER,
  },
  14: { httpStatus: 401, message: 'Authentication failed.', code: 'authentication_failed', advice: CHECK_KEY },
  15: { httpStatus: 500, message: 'Failed.', code: 'server_error', advice: LATER },
  // On the auth paths TMDb answers 17 when a session is asked for with a token the user has not approved (yet,
  // or ever); 41 says the same on others. One stable code for both, so no caller has to merge them.
  17: { httpStatus: 401, message: 'Session denied.', code: 'request_token_not_approved', advice: NOT_APPROVED },
  18: { httpStatus: 400, message: 'Validation failed.', code: 'invalid_parameters', advice: CHECK_ARGUMENTS },
  24: {
    httpStatus: 504,
    message: 'Your request to the backend server timed out. Try again.',
    code: 'backend_timeout',
    advice: LATER,
  },
  25: {
    httpStatus: 429,
    message: 'Your request count (41) is over the allowed limit of 40.',
    code: 'rate_limited',
    advice: 'Slow down, and wait as long as `retryAfterMs` says before trying again.',
  },
  26: {
    httpStatus: 400,
    message: 'You must provide a username and password.',
    code: 'credentials_required',
    advice: 'Pass a non-empty username and password.',
  },
  30: {
    httpStatus: 401,
    message: 'Invalid username and/or password: You did not provide a valid login.',
    code: 'invalid_credentials',
    advice: 'The username or password is wrong; ask the user to enter them again.',
  },
  31: {
    httpStatus: 401,
    message: 'Account disabled: Your account is no longer active. Contact TMDB if this is an error.',
    code: 'account_disabled',
    advice: 'The user’s TMDb account is disabled; they must contact TMDb.',
  },
  32: {
    httpStatus: 401,
    message: 'Email not verified: Your email address has not been verified.',
    code: 'email_not_verified',
    advice: 'The user must verify their e-mail address with TMDb first.',
  },
  33: {
    httpStatus: 401,
    message: 'Invalid request token: The request token is either expired or invalid.',
    code: 'request_token_invalid',
    advice: 'The request token expired or was already used. ' + NEW_TOKEN,
  },
  34: {
    httpStatus: 404,
    message: 'The resource you requested could not be found.',
    code: 'not_found',
    advice: 'Check the base URL and the path.',
  },
  35: {
    httpStatus: 401,
    message: 'Invalid token.',
    code: 'invalid_token',
    advice: 'The token is invalid. ' + CHECK_KEY,
  },
  36: {
    httpStatus: 401,
    message: 'This token hasn’t been granted write permission by the user.',
    code: 'token_lacks_permission',
    advice: 'This token has no write permission for the call.',
  },
  37: {
    httpStatus: 404,
    message: 'The requested session could not be found.',
    code: 'session_not_found',
    advice: 'The session does not exist or was deleted; log the user in again.',
  },
  41: {
    httpStatus: 422,
    message: "This request token hasn't been approved by the user.",
    code: 'request_token_not_approved',
    advice: NOT_APPROVED,
  },
  43: {
    httpStatus: 502,
    message: "Couldn't connect to the backend server.",
    code: 'backend_unreachable',
    advice: LATER,
  },
  46: {
    httpStatus: 503,
    message: 'The API is undergoing maintenance. Try again later.',
    code: 'maintenance',
    advice: 'TMDb is under maintenance; try again later.',
  },
  47: { httpStatus: 400, message: 'The input is not valid.', code: 'invalid_parameters', advice: CHECK_ARGUMENTS },
} as const satisfies Readonly<Record<number, TmdbCodeInfo>>;

/** One of the TMDb codes in the table. */
export type TmdbCode = keyof typeof TMDB_CODES;

function isKnownCode(code: number): code is TmdbCode {
  return Object.hasOwn(TMDB_CODES, code);
}

/** Looks up the stable code for a TMDb answer, falling back on the HTTP status when TMDb sent no known code. */
export function describeTmdbFailure(
  httpStatus: number,
  tmdbCode: number | undefined,
): { code: TmdbErrorCode; advice: string } {
  if (tmdbCode !== undefined && isKnownCode(tmdbCode)) return TMDB_CODES[tmdbCode];
  if (httpStatus === 401) return { code: 'unauthorized', advice: CHECK_KEY };
  if (httpStatus === 404) return TMDB_CODES[34];
  if (httpStatus === 422 || httpStatus === 400) return { code: 'invalid_parameters', advice: CHECK_ARGUMENTS };
  if (httpStatus === 429) return TMDB_CODES[25];
  if (httpStatus === 503) return TMDB_CODES[9];
  if (httpStatus === 504) return TMDB_CODES[24];
  if (httpStatus >= 500) return TMDB_CODES[11];
  return { code: 'http_error', advice: 'See `httpStatus` and `tmdbMessage`.' };
}

/**
 * TMDb's fixed status messages: public text, the same for everyone, which the redactor leaves readable even when
 * a secret is one of their words.
 */
export const TMDB_STATUS_MESSAGES: readonly string[] = Object.values(TMDB_CODES).map((info) => info.message);
