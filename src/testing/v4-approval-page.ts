import { page, redirectTarget, type PageReply } from './approval-page';
import type { V4AuthStore } from './v4-auth-store';

/**
 * The emulator's `GET /auth/access?request_token=...`: TMDb's v4 approval page, with a user already logged in and
 * clicking "Approve". Afterwards it sends the browser to the `redirect_to` the token was created with, when there
 * was one. Whether TMDb adds anything to that address is not documented: by default nothing is added;
 * `addToRedirect` adds `request_token` and `approved=true`, as v3's page does.
 */
export function v4ApprovalPage(
  store: V4AuthStore,
  requestToken: string | null,
  accountId: string,
  addToRedirect: boolean,
): PageReply {
  const token = requestToken === null ? undefined : store.liveRequestToken(requestToken);
  if (!token || !store.approve(token.value, accountId)) {
    return page(404, 'This request token is invalid, has expired or was already used. Create a new one.');
  }
  const target = token.redirectTo === undefined ? undefined : redirectTarget(token.redirectTo, isNotScript);
  if (target) {
    if (addToRedirect) {
      target.searchParams.set('request_token', token.value);
      target.searchParams.set('approved', 'true');
    }
    return { status: 302, headers: { location: target.href }, html: '' };
  }
  return page(200, 'Request token approved. You can close this page and go back to the application.');
}

// Apps may redirect to their own scheme (`myapp://tmdb`); a script URL is never followed.
function isNotScript(url: URL): boolean {
  return url.protocol !== 'javascript:' && url.protocol !== 'data:';
}
