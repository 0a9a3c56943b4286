import type { AuthStore } from './auth-store';

export interface PageReply {
  status: number;
  headers: Record<string, string>;
  html: string;
}

/**
 * The emulator's `GET /authenticate/{request_token}`: TMDb's approval page, with the user already logged in and
 * clicking "Approve". Like TMDb it then sends the browser to `redirect_to`, adding `request_token` and
 * `approved=true` to it.
 */
export function approvalPage(store: AuthStore, requestToken: string, redirectTo: string | null): PageReply {
  if (!store.approve(requestToken)) {
    return page(404, 'This request token is invalid, has expired or was already used. Create a new one.');
  }
  const target = redirectTo === null ? undefined : httpUrl(redirectTo);
  if (target) {
    target.searchParams.set('request_token', requestToken);
    target.searchParams.set('approved', 'true');
    return { status: 302, headers: { location: target.href }, html: '' };
  }
  return page(200, 'Request token approved. You can close this page and go back to the application.');
}

function httpUrl(text: string): URL | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

export function page(status: number, message: string): PageReply {
  return {
    status,
    headers: {},
    html: `<!doctype html><html><head><title>TMDb emulator</title></head><body><p>${message}</p></body></html>\n`,
  };
}
