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
