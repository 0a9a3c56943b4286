import { TmdbArgumentError } from './errors';

/** What the address a user comes back to after TMDb's approval page says. */
export interface ApprovalRedirect {
  /** The request token the user was asked to approve. */
  requestToken: string;
  /** `true` when the user approved it (`approved=true`); `false` when they denied it or the address does not say. */
  approved: boolean;
}

/**
 * Reads the address TMDb sends the user back to after its approval page (the `redirectTo` of `approvalUrl`):
 * `...?request_token=<token>&approved=true` when the user approved the token, `...&denied=true` when they did
 * not. Loads no HTTP code: a callback page can use it alone.
 *
 * @param url The whole address (`window.location.href`, `request.url`), a path with its query
 *   (`/callback?request_token=...`) or just the query (`?request_token=...`).
 * @returns The token and whether it was approved, or `null` when the address carries no `request_token`.
 * @throws {TmdbArgumentError} when `url` is neither a string nor a `URL`.
 * @example
 * const redirect = parseApprovalRedirect(window.location.href);
 * if (redirect?.approved) {
 *   const { sessionId } = await tmdb.createSession(redirect.requestToken);
 * }
 */
export function parseApprovalRedirect(url: string | URL): ApprovalRedirect | null {
  if (typeof url !== 'string' && !(url instanceof URL)) {
    throw new TmdbArgumentError('`url` must be a string or a URL, such as `window.location.href`.', {
      argument: 'url',
    });
  }
  let query: URLSearchParams;
  try {
    // A relative address or a bare query is read against a placeholder origin: only the query matters.
    query = new URL(url, 'http://localhost').searchParams;
  } catch {
    return null;
  }
  const requestToken = query.get('request_token')?.trim();
  if (!requestToken) return null;
  return { requestToken, approved: query.get('approved') === 'true' && query.get('denied') !== 'true' };
}
