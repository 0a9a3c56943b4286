export { TmdbAuthClient } from './client';
export type { TmdbV4Client } from './v4-client';
// Every name in models.ts is a public type: what the client's methods take and return.
export type * from './models';
export { parseApprovalRedirect } from './approval-redirect';
export type { ApprovalRedirect } from './approval-redirect';
export { DEFAULT_OPTIONS } from './options';
export type {
  RequestTokenOptions,
  RetryInfo,
  RetryOptions,
  TmdbAuthClientOptions,
  TmdbRequestOptions,
} from './options';
export { RateGate, createRateGate } from './rate-gate';
export type { CreateRateGateOptions, RateGateOptions, RateLimitEvent } from './rate-gate';
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
