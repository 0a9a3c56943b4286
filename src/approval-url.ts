import { TmdbArgumentError } from './errors';

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
    let redirect: URL;
    try {
      redirect = new URL(options.redirectTo);
    } catch {
      throw new TmdbArgumentError('`redirectTo` must be an absolute URL such as "https://example.com/tmdb/callback".', {
        argument: 'redirectTo',
      });
    }
    if (redirect.protocol !== 'https:' && redirect.protocol !== 'http:') {
      throw new TmdbArgumentError('`redirectTo` must be an http or https URL.', { argument: 'redirectTo' });
    }
    url.searchParams.set('redirect_to', redirect.href);
  }
  return url.href;
}
