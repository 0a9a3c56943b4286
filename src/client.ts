import { isTmdbApiError } from './errors';
import { v3ApprovalUrl } from './internal/approval-urls';
import { requireCredential, requireLoginText, requireObject, requireRequestToken } from './internal/argument-checks';
import { executeCall } from './internal/call-executor';
import { createTmdbTransport } from './internal/generated-adapter';
import type { OperationArgs, TmdbOperation, TmdbOperationName } from './internal/operations';
import { Redactor } from './internal/redactor';
import type { RequestTokenSource } from './internal/gate-store';
import { requestTokenSource } from './internal/request-token-source';
import {
  callSettings,
  requestTokenOptions,
  resolveClientOptions,
  type CallSettings,
  type ResolvedClientOptions,
} from './internal/resolve-options';
import { type ResponseBody, toLocalExpiry } from './internal/response-body';
import type { TmdbTransport } from './internal/transport-types';
import type {
  ApprovalUrlOptions,
  GuestSession,
  KeyStatus,
  LoginParams,
  RequestToken,
  RequestTokenInput,
  Session,
  ValidateWithLoginParams,
} from './models';
import type { RequestTokenOptions, TmdbAuthClientOptions, TmdbRequestOptions } from './options';
import { TmdbV4Client } from './v4-client';

// TMDb code 33: the request token expired or was already used.
const REQUEST_TOKEN_INVALID = 33;

/**
 * A client for TMDb v3 authentication: request tokens, user and guest sessions, and the whole login flow, with
 * retries, rate-limit handling, typed errors and no secret in any error.
 *
 * @example
 * const tmdb = new TmdbAuthClient({ apiKey: process.env.TMDB_API_KEY });
 * const token = await tmdb.createRequestToken();
 * console.log('Approve at', tmdb.approvalUrl(token));
 * // ...after the user approves:
 * const { sessionId } = await tmdb.createSession(token);
 */
export class TmdbAuthClient {
  readonly #options: ResolvedClientOptions;
  readonly #transport: TmdbTransport;
  readonly #redactor: Redactor;
  readonly #tokens: RequestTokenSource;
  // Most calls pass no options; they share these settings rather than copying the client's on every call.
  readonly #defaultSettings: CallSettings;

  /** TMDb v4 user authentication (request token, approval, access token, logout); needs `accessToken`. */
  readonly v4: TmdbV4Client;

  /** @throws {TmdbConfigurationError} when the options are unusable; the error's `option` names the culprit. */
  constructor(options: TmdbAuthClientOptions) {
    this.#options = resolveClientOptions(options);
    const { apiKey, accessToken, v4BaseUrl } = this.#options;
    // The transport reads what it needs from the options: credentials, roots, axios, socket cap and rate gate.
    this.#transport = createTmdbTransport(this.#options);
    this.#redactor = new Redactor([apiKey, accessToken]);
    this.#defaultSettings = callSettings(this.#options.call, undefined);
    this.#tokens = requestTokenSource(
      this.#options.gate,
      () => this.createRequestToken(),
      this.#options.call.now,
      this.#options.requestTokenMarginMs,
    );
    this.v4 = new TmdbV4Client({
      call: (name, args, options, read) => this.#call(name, args, options, read),
      now: () => this.#options.call.now(),
      approvalBaseUrl: this.#options.approvalBaseUrl,
      hasAccessToken: accessToken !== undefined,
      hasV4BaseUrl: v4BaseUrl !== undefined,
    });
  }

  /**
   * Creates a request token for a user to approve. It expires after 60 minutes, and is consumed when a
   * session is created from it. `expiresAt` is on the local clock (see the README, "Token expiry").
   */
  async createRequestToken(options?: TmdbRequestOptions): Promise<RequestToken> {
    return this.#call('createRequestToken', {}, options, (body) => ({
      requestToken: body.string('request_token'),
      expiresAt: this.#localExpiry(body, 'expires_at'),
    }));
  }

  /**
   * Validates a request token with the user's TMDb username and password (sent in a JSON body, never in a URL).
   * TMDb prefers users to approve tokens on its site: see `approvalUrl`.
   *
   * @throws {TmdbApiError} with `code` `invalid_credentials` for a wrong login, `request_token_invalid` for an expired or used token.
   */
  async validateWithLogin(params: ValidateWithLoginParams, options?: TmdbRequestOptions): Promise<RequestToken> {
    const { username, password, requestToken } = requireObject<ValidateWithLoginParams>(params, 'params');
    const args = {
      requestToken: requireRequestToken(requestToken),
      username: requireLoginText(username, 'username'),
      password: requireLoginText(password, 'password'),
    };
    return this.#call('validateWithLogin', args, options, (body) => ({
      requestToken: body.string('request_token'),
      expiresAt: this.#localExpiry(body, 'expires_at'),
    }));
  }

  /**
   * Creates a session from a request token the user approved. The token is consumed, and dropped from the
   * cache `getValidRequestToken` keeps.
   *
   * @throws {TmdbApiError} with `code` `request_token_not_approved` or `request_token_invalid`.
   */
  async createSession(requestToken: RequestTokenInput, options?: TmdbRequestOptions): Promise<Session> {
    const token = requireRequestToken(requestToken);
    try {
      return await this.#call('createSession', { requestToken: token }, options, (body) => ({
        sessionId: body.string('session_id'),
      }));
    } finally {
      // Used or refused, the token is no good to anyone else now.
      this.#tokens.drop(token);
    }
  }

  /** Creates a guest session. Create one per user or device; `expiresAt` is on the local clock. */
  async createGuestSession(options?: TmdbRequestOptions): Promise<GuestSession> {
    return this.#call('createGuestSession', {}, options, (body) => ({
      guestSessionId: body.string('guest_session_id'),
      expiresAt: this.#localExpiry(body, 'expires_at'),
    }));
  }

  /**
   * Ends a user session. When a resend after an unanswered attempt (a reset or a timeout) is told "not found",
   * the first attempt ended it: the call resolves.
   * @throws {TmdbApiError} with `code` `session_not_found` when it did not exist, said on the first attempt.
   */
  async deleteSession(sessionId: string, options?: TmdbRequestOptions): Promise<void> {
    const id = requireCredential(sessionId, 'sessionId');
    await this.#call('deleteSession', { sessionId: id }, options, () => undefined);
  }

  /** Creates a v3 session id from a user's v4 access token. */
  async createSessionFromV4Token(accessToken: string, options?: TmdbRequestOptions): Promise<Session> {
    const token = requireCredential(accessToken, 'accessToken');
    return this.#call('createSessionFromV4Token', { accessToken: token }, options, (body) => ({
      sessionId: body.string('session_id'),
    }));
  }

  /** Checks the client's credentials with TMDb. @throws {TmdbApiError} with `code` `invalid_api_key` when TMDb refuses them. */
  async validateKey(options?: TmdbRequestOptions): Promise<KeyStatus> {
    return this.#call('validateKey', {}, options, (body) => ({
      statusCode: body.integer('status_code'),
      statusMessage: body.string('status_message'),
    }));
  }

  /**
   * Logs a user in with their TMDb username and password: a new request token (never one that
   * `getValidRequestToken` caches), validated with the login, turned into a session. When TMDb says the token expired or was used (code 33), the flow starts once more with a
   * fresh token; a wrong login (code 30) fails at once.
   *
   * @example
   * const { sessionId } = await tmdb.login({ username, password });
   */
  async login(params: LoginParams, options?: TmdbRequestOptions): Promise<Session> {
    const { username, password } = requireObject<LoginParams>(params, 'params');
    requireLoginText(username, 'username');
    requireLoginText(password, 'password');
    for (let round = 1; ; round++) {
      // A token of its own, never the shared one: once validated with this user's password it must not be
      // handed to another caller, who could turn it into a session for this user.
      const token = await this.createRequestToken(options);
      try {
        await this.validateWithLogin({ requestToken: token, username, password }, options);
        return await this.createSession(token, options);
      } catch (error) {
        if (round === 1 && isTmdbApiError(error) && error.tmdbCode === REQUEST_TOKEN_INVALID) continue;
        throw error;
      }
    }
  }

  /**
   * A request token for the redirect flow with more than `requestTokenMarginMs` of life left: the one cached for
   * `key`, or a new one. Callers with the same `key` (a user's or browser session's id) share one token and one
   * request for it; callers with different keys never share a token, so one user's approval can never turn into
   * another user's session. Without a key the client has a single token for every caller: for programs with one
   * user only (a CLI, a desktop app). The client keeps tokens for up to 1,000 keys, forgetting expired ones and
   * then the least recently used.
   *
   * @example
   * const token = await tmdb.getValidRequestToken({ key: request.session.id });
   * response.redirect(tmdb.approvalUrl(token, { redirectTo: 'https://example.com/tmdb/done' }));
   */
  async getValidRequestToken(options?: RequestTokenOptions): Promise<RequestToken> {
    const { key, signal } = requestTokenOptions(options);
    return this.#tokens.get(key, signal);
  }

  /**
   * The TMDb page where the user approves `requestToken`, optionally sending them on to `redirectTo`.
   *
   * @example
   * tmdb.approvalUrl(token, { redirectTo: 'https://example.com/callback' });
   * // 'https://www.themoviedb.org/authenticate/<token>?redirect_to=https%3A%2F%2Fexample.com%2Fcallback'
   */
  approvalUrl(requestToken: RequestTokenInput, options?: ApprovalUrlOptions): string {
    return v3ApprovalUrl(this.#options.approvalBaseUrl, requireRequestToken(requestToken), options);
  }

  #call<N extends TmdbOperationName, T>(
    name: N,
    args: OperationArgs<N>,
    options: TmdbRequestOptions | undefined,
    read: (body: ResponseBody) => T,
  ): Promise<T> {
    return executeCall(
      this.#transport,
      { operation: { name, args } as TmdbOperation, redactor: this.#redactor, read },
      options === undefined ? this.#defaultSettings : callSettings(this.#options.call, options),
      this.#options.gate,
    );
  }

  #localExpiry(body: ResponseBody, field: string): Date {
    return toLocalExpiry(body.tmdbDate(field), body.serverDate, this.#options.call.now());
  }
}
