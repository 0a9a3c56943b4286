export { TmdbAuthClient } from './client';
export type {
  GuestSession,
  KeyStatus,
  LoginParams,
  RequestToken,
  RequestTokenInput,
  Session,
  ValidateWithLoginParams,
} from './models';
export type { ApprovalUrlOptions } from './approval-url';
export { DEFAULT_OPTIONS } from './options';
export type {
  RateGateOptions,
  RateLimitEvent,
  RetryInfo,
  RetryOptions,
  TmdbAuthClientOptions,
  TmdbRequestOptions,
} from './options';
export { RateGate, createRateGate } from './rate-gate';
export type { CreateRateGateOptions } from './rate-gate';
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
  isTmdbConfigurationError,
  isTmdbArgumentError,
  isTmdbApiError,
  isTmdbRateLimitError,
  isTmdbNetworkError,
  isTmdbTimeoutError,
  isTmdbResponseError,
  isTmdbAbortError,
} from './errors';
export type { TmdbErrorCode, TmdbErrorInit, TmdbApiErrorInit, TmdbRequestInfo } from './errors';
export { parseTmdbDate } from './tmdb-date';
export { isExpired, expiresInMs } from './token-expiry';
export type { Expiring, ExpiryCheckOptions } from './token-expiry';
