import { TmdbConfigurationError } from './errors';
import { v4ApprovalUrl } from './internal/approval-urls';
import { requireAbsoluteUrl, requireCredential, requireObject, requireRequestToken } from './internal/argument-checks';
import { jwtExpiry } from './internal/jwt-claims';
import type { OperationArgs, TmdbOperationName } from './internal/operations';
import { type ResponseBody, toLocalExpiry } from './internal/response-body';
import type { RequestTokenInput, V4AccessToken, V4RequestToken, V4RequestTokenParams } from './models';
import type { TmdbRequestOptions } from './options';

/** How long a v4 request token lives when its answer gives no `exp` (TMDb's documented 15 minutes). */
const V4_REQUEST_TOKEN_LIFETIME_MS = 15 * 60_000;

/**
 * What `TmdbAuthClient` shares with its `v4`: its call path (executor, retries, redaction, transport), its clock
 * and the settings v4 needs. @internal
 */
export interface V4ClientContext {
  call<N extends TmdbOperationName, T>(
    name: N,
    args: OperationArgs<N>,
    options: TmdbRequestOptions | undefined,
    read: (body: ResponseBody) => T,
  ): Promise<T>;
  now(): number;
  approvalBaseUrl: string;
  /** The app's read access token is configured. */
  hasAccessToken: boolean;
  /** The v4 API root is known (given, or derived from a `baseUrl` ending in `/3`). */
  hasV4BaseUrl: boolean;
}

/**
 * TMDb v4 user authentication, as `tmdb.v4`: a request token the user approves on TMDb's site, exchanged for a
 * user access token and account id, deleted to log out. Calls go through the same retries, rate-limit handling,
 * timeouts, deadlines, abort, typed errors and redaction as the v3 methods. They need the client's `accessToken`
 * (the app's API Read Access Token): v4 takes no API key.
 *
 * @example
 * const tmdb = new TmdbAuthClient({ accessToken: process.env.TMDB_ACCESS_TOKEN });
 * const token = await tmdb.v4.createRequestToken({ redirectTo: 'https://example.com/tmdb/done' });
 * console.log('Approve at', tmdb.v4.approvalUrl(token));
 * // ...after the user approves:
 * const { accessToken, accountId } = await tmdb.v4.createAccessToken(token);
 * const { sessionId } = await tmdb.createSessionFromV4Token(accessToken); // a v3 session for the same user
 */
export class TmdbV4Client {
  readonly #context: V4ClientContext;

  /** @internal `TmdbAuthClient` builds its own `v4`; use that. */
  constructor(context: V4ClientContext) {
    this.#context = context;
  }

  /**
   * Creates a request token for a user to approve at `approvalUrl(token)`; after approving, TMDb sends the browser
   * to `redirectTo` when given. It expires after 15 minutes; `expiresAt` is on the local clock, from the token's
   * `exp` claim (decoded, not verified).
   */
  async createRequestToken(params?: V4RequestTokenParams, options?: TmdbRequestOptions): Promise<V4RequestToken> {
    const { redirectTo } = params === undefined ? {} : requireObject<V4RequestTokenParams>(params, 'params');
    const args = redirectTo === undefined ? {} : { redirectTo: requireAbsoluteUrl(redirectTo, 'redirectTo') };
    this.#requireV4();
    return this.#context.call('v4CreateRequestToken', args, options, (body) => {
      const requestToken = body.string('request_token');
      const now = this.#context.now();
      const exp = jwtExpiry(requestToken);
      return {
        requestToken,
        expiresAt: exp ? toLocalExpiry(exp, body.serverDate, now) : new Date(now + V4_REQUEST_TOKEN_LIFETIME_MS),
      };
    });
  }

  /** The TMDb page where the user approves a v4 request token: `<approvalBaseUrl>/auth/access?request_token=...`. */
  approvalUrl(requestToken: RequestTokenInput): string {
    return v4ApprovalUrl(this.#context.approvalBaseUrl, requireRequestToken(requestToken));
  }

  /**
   * Exchanges a request token the user approved for their access token and account id. The request token is
   * consumed.
   *
   * @throws {TmdbApiError} with `code` `request_token_not_approved` (whichever code TMDb sends for it, 41 or 17)
   * until the user approves, `request_token_invalid` for an expired or used token.
   */
  async createAccessToken(requestToken: RequestTokenInput, options?: TmdbRequestOptions): Promise<V4AccessToken> {
    const token = requireRequestToken(requestToken);
    this.#requireV4();
    return this.#context.call('v4CreateAccessToken', { requestToken: token }, options, (body) => ({
      accessToken: body.string('access_token'),
      accountId: body.string('account_id'),
    }));
  }

  /** Deletes a user access token (logs the user out of v4). @throws {TmdbApiError} with `code` `invalid_token` when it is not valid. */
  async deleteAccessToken(accessToken: string, options?: TmdbRequestOptions): Promise<void> {
    const token = requireCredential(accessToken, 'accessToken');
    this.#requireV4();
    await this.#context.call('v4DeleteAccessToken', { accessToken: token }, options, () => undefined);
  }

  // Refused before anything is sent: TMDb would answer 401 to an API key on v4, and without a v4 root there is
  // nowhere to send.
  #requireV4(): void {
    if (!this.#context.hasAccessToken) {
      throw new TmdbConfigurationError(
        'TMDb v4 takes the API Read Access Token, not a v3 API key: create the client with `accessToken` (from https://www.themoviedb.org/settings/api) to use `tmdb.v4`.',
        { option: 'accessToken' },
      );
    }
    if (!this.#context.hasV4BaseUrl) {
      throw new TmdbConfigurationError(
        '`baseUrl` does not end in `/3`, so the v4 API root cannot be derived from it: set `v4BaseUrl` (such as "https://api.themoviedb.org/4").',
        { option: 'v4BaseUrl' },
      );
    }
  }
}
