export { TmdbAuthClient } from './client';
export type { GuestSession, KeyStatus, LoginParams, Session, ValidateWithLoginParams } from './client';
export type { RequestToken } from './request-token-cache';
export type { RequestTokenInput } from './inputs';
export type { ApprovalUrlOptions } from './approval-url';
export { DEFAULT_OPTIONS } from './options';
export type { RetryInfo, RetryOptions, TmdbAuthClientOptions, TmdbRequestOptions } from './options';
export {
  TmdbError,
  TmdbApiError,
  TmdbRateLimitError,
  TmdbNetworkError,
  TmdbTimeoutError,
  TmdbResponseError,
  TmdbAbortError,
  TmdbConfigurationError,
  TmdbArgumentError,
  isTmdbError,
  isTmdbApiError,
  isTmdbRateLimitError,
  isTmdbNetworkError,
  isTmdbTimeoutError,
  isTmdbResponseError,
  isTmdbAbortError,
} from './errors';
export type { TmdbErrorCode, TmdbRequestInfo } from './errors';
export { parseTmdbDate } from './tmdb-date';
export { isExpired, expiresInMs } from './token-expiry';
export type { Expiring, ExpiryCheckOptions } from './token-expiry';
