import type { AuthStore } from './auth-store';

export interface PageReply {
  status: number;
  headers: Record<string, string>;
  html: string;
}

/** What the approval page was asked, from its query string. */
export interface ApprovalRequest {
  /** `redirect_to`: where to send the browser afterwards. */
  redirectTo: string | null;
  /** `user`: who is logged in on the page and approves; the emulator's first user when absent. */
  user: string | null;
  /** `deny=true`: the user clicks "Deny" instead. */
  deny: boolean;
}

/**
 * The emulator's `GET /authenticate/{request_token}`: TMDb's approval page, with a user already logged in and
 * clicking "Approve" (or "Deny", given `deny=true`). Like TMDb it then sends the browser to `redirect_to`, adding
 * `request_token` and `approved=true` (or `denied=true`) to it.
 */
export function approvalPage(
  store: AuthStore,
  requestToken: string,
  request: ApprovalRequest,
  defaultUser: string,
): PageReply {
  const user = request.user ?? defaultUser;
  if (user === '') return page(400, 'The `user` parameter is empty: name the user who approves the request.');
  const done = request.deny ? store.deny(requestToken) : store.approve(requestToken, user);
  if (!done) {
    return page(404, 'This request token is invalid, has expired or was already used. Create a new one.');
  }
  const target = request.redirectTo === null ? undefined : redirectTarget(request.redirectTo, isHttp);
  if (target) {
    target.searchParams.set('request_token', requestToken);
    target.searchParams.set(request.deny ? 'denied' : 'approved', 'true');
    return { status: 302, headers: { location: target.href }, html: '' };
  }
  return page(
    200,
    request.deny
      ? 'Request token denied. You can close this page and go back to the application.'
      : 'Request token approved. You can close this page and go back to the application.',
  );
}

/** Reads the approval page's query string. */
export function approvalRequest(query: URLSearchParams): ApprovalRequest {
  return {
    redirectTo: query.get('redirect_to'),
    user: query.get('user'),
    deny: query.get('deny') === 'true',
  };
}

/** `text` as an absolute URL the page may redirect to, or undefined when it is not one or `accept` refuses it. */
export function redirectTarget(text: string, accept: (url: URL) => boolean): URL | undefined {
  try {
    const url = new URL(text);
    return accept(url) ? url : undefined;
  } catch {
    return undefined;
  }
}

// v3's redirect_to is a web page.
function isHttp(url: URL): boolean {
  return url.protocol === 'http:' || url.protocol === 'https:';
}

export function page(status: number, message: string): PageReply {
  return {
    status,
    headers: {},
    html: `<!doctype html><html><head><title>TMDb emulator</title></head><body><p>${message}</p></body></html>\n`,
  };
}
