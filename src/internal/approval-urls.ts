// The addresses of TMDb's approval pages, where a user approves a request token: v3's and v4's.
import { TmdbArgumentError } from '../errors';
import type { ApprovalUrlOptions } from '../models';
import { requireAbsoluteUrl } from './argument-checks';

/** The v3 page: `<approvalBaseUrl>/authenticate/<token>?redirect_to=...`. */
export function v3ApprovalUrl(approvalBaseUrl: string, requestToken: string, options: ApprovalUrlOptions = {}): string {
  const url = new URL(`${approvalBaseUrl}/authenticate/${encodeURIComponent(requestToken)}`);
  if (options.redirectTo !== undefined) {
    const redirect = new URL(requireAbsoluteUrl(options.redirectTo, 'redirectTo'));
    if (redirect.protocol !== 'https:' && redirect.protocol !== 'http:') {
      throw new TmdbArgumentError('`redirectTo` must be an http or https URL.', { argument: 'redirectTo' });
    }
    url.searchParams.set('redirect_to', redirect.href);
  }
  return url.href;
}

/** The v4 page: `<approvalBaseUrl>/auth/access?request_token=...` (the redirect was set when the token was made). */
export function v4ApprovalUrl(approvalBaseUrl: string, requestToken: string): string {
  const url = new URL(`${approvalBaseUrl}/auth/access`);
  url.searchParams.set('request_token', requestToken);
  return url.href;
}
