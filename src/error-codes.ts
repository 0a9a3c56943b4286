/**
 * Stable, documented string codes for the failures a caller branches on. TMDb's numeric `status_code` is kept
 * beside it as `tmdbCode`; these names do not change when TMDb rewords a message.
 */
export type TmdbErrorCode =
  // From TMDb's own codes
  | 'invalid_api_key'
  | 'suspended_api_key'
  | 'unauthorized'
  | 'authentication_failed'
  | 'invalid_credentials'
  | 'credentials_required'
  | 'account_disabled'
  | 'email_not_verified'
  | 'request_token_invalid'
  | 'request_token_not_approved'
  | 'invalid_token'
  | 'token_lacks_permission'
  | 'session_denied'
  | 'session_not_found'
  | 'not_found'
  | 'invalid_parameters'
  | 'rate_limited'
  | 'service_offline'
  | 'maintenance'
  | 'backend_timeout'
  | 'backend_unreachable'
  | 'server_error'
  | 'http_error'
  // From this client
  | 'network_error'
  | 'timeout'
  | 'invalid_response'
  | 'aborted'
  | 'invalid_configuration'
  | 'invalid_argument';

interface CodeInfo {
  code: TmdbErrorCode;
  /** What the caller should do about it; ends the error message. */
  advice: string;
}

const CHECK_KEY = 'Check the `apiKey` or `accessToken` option.';
const NEW_TOKEN = 'Create a new request token (createRequestToken) and start the flow again.';
const LATER = 'This is on TMDb’s side; try again later.';

/** TMDb `status_code` -> stable code and advice. Source: TMDb's published error table. */
const BY_TMDB_CODE: Readonly<Record<number, CodeInfo>> = {
  3: { code: 'unauthorized', advice: 'These credentials have no permission for this service. ' + CHECK_KEY },
  5: { code: 'invalid_parameters', advice: 'Check the arguments of the call.' },
  7: { code: 'invalid_api_key', advice: 'TMDb does not recognise the key. ' + CHECK_KEY },
  9: { code: 'service_offline', advice: LATER },
  10: { code: 'suspended_api_key', advice: 'The API key is suspended; contact TMDb.' },
  11: { code: 'server_error', advice: LATER },
  14: { code: 'authentication_failed', advice: CHECK_KEY },
  15: { code: 'server_error', advice: LATER },
  // TMDb answers 17 when a session is asked for with a token the user has not approved (yet, or ever).
  17: {
    code: 'session_denied',
    advice: 'The user has not approved this request token: send them to approvalUrl(requestToken), then try again.',
  },
  18: { code: 'invalid_parameters', advice: 'Check the arguments of the call.' },
  24: { code: 'backend_timeout', advice: LATER },
  25: { code: 'rate_limited', advice: 'Slow down, and wait as long as `retryAfterMs` says before trying again.' },
  26: { code: 'credentials_required', advice: 'Pass a non-empty username and password.' },
  30: { code: 'invalid_credentials', advice: 'The username or password is wrong; ask the user to enter them again.' },
  31: { code: 'account_disabled', advice: 'The user’s TMDb account is disabled; they must contact TMDb.' },
  32: { code: 'email_not_verified', advice: 'The user must verify their e-mail address with TMDb first.' },
  33: { code: 'request_token_invalid', advice: 'The request token expired or was already used. ' + NEW_TOKEN },
  34: { code: 'not_found', advice: 'Check the base URL and the path.' },
  35: { code: 'invalid_token', advice: 'The token is invalid. ' + CHECK_KEY },
  36: { code: 'token_lacks_permission', advice: 'This token has no write permission for the call.' },
  37: { code: 'session_not_found', advice: 'The session does not exist or was deleted; log the user in again.' },
  41: {
    code: 'request_token_not_approved',
    advice: 'Send the user to approvalUrl(requestToken) and create the session after they approve it.',
  },
  43: { code: 'backend_unreachable', advice: LATER },
  46: { code: 'maintenance', advice: 'TMDb is under maintenance; try again later.' },
  47: { code: 'invalid_parameters', advice: 'Check the arguments of the call.' },
};

/** Looks up the stable code for a TMDb answer, falling back on the HTTP status when TMDb sent no known code. */
export function describeTmdbFailure(httpStatus: number, tmdbCode: number | undefined): CodeInfo {
  const known = tmdbCode === undefined ? undefined : BY_TMDB_CODE[tmdbCode];
  if (known) return known;
  if (httpStatus === 401) return { code: 'unauthorized', advice: CHECK_KEY };
  if (httpStatus === 404) return { code: 'not_found', advice: 'Check the base URL and the path.' };
  if (httpStatus === 422 || httpStatus === 400) return { code: 'invalid_parameters', advice: 'Check the arguments.' };
  if (httpStatus === 429) return BY_TMDB_CODE[25] as CodeInfo;
  if (httpStatus === 503) return { code: 'service_offline', advice: LATER };
  if (httpStatus === 504) return { code: 'backend_timeout', advice: LATER };
  if (httpStatus >= 500) return { code: 'server_error', advice: LATER };
  return { code: 'http_error', advice: 'See `httpStatus` and `tmdbMessage`.' };
}
