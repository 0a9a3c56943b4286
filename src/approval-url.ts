import { TmdbArgumentError } from './errors';
import { requireAbsoluteUrl } from './internal/argument-checks';

/** Options of `approvalUrl`. */
export interface ApprovalUrlOptions {
  /** Where TMDb sends the user after they approve (or deny) the token. Must be an absolute http(s) URL. */
  redirectTo?: string | undefined;
}

/** The page where a user approves a request token: `<approvalBaseUrl>/authenticate/<token>?redirect_to=...`. */
export function buildApprovalUrl(
  approvalBaseUrl: string,
  requestToken: string,
  options: ApprovalUrlOptions = {},
): string {
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
