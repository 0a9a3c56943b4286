import { buildApprovalUrl, type ApprovalUrlOptions } from './approval-url';
import { executeCall } from './call-executor';
import { isTmdbApiError } from './errors';
import { createTmdbTransport, OPERATION_ROUTES } from './generated-adapter';
import { requireObject, requireRequestToken, requireText, type RequestTokenInput } from './inputs';
import {
  callSettings,
  resolveClientOptions,
  type ResolvedClientOptions,
  type TmdbAuthClientOptions,
  type TmdbRequestOptions,
} from './options';
import { Redactor } from './redact';
import { RequestTokenCache, type RequestToken } from './request-token-cache';
import { ResponseBody } from './response-body';
import { toLocalExpiry } from './token-expiry';
import type { TmdbOperation, TmdbTransport, WireResponse } from './wire';

/** A user session. Session ids do not expire; end one with `deleteSession`. */
export interface Session {
  readonly sessionId: string;
}

/** A guest session, which lets a user rate titles without a TMDb account. */
export interface GuestSession {
  readonly guestSessionId: string;
  readonly expiresAt: Date;
}

/** TMDb's verdict on the credentials in use (only ever a success: a bad key throws). */
export interface KeyStatus {
  readonly statusCode: number;
  readonly statusMessage: string;
}

/** The arguments of `validateWithLogin`. */
export interface ValidateWithLoginParams {
  requestToken: RequestTokenInput;
  username: string;
  password: string;
}

/** The arguments of `login`. */
export interface LoginParams {
  username: string;
  password: string;
}

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
  readonly #tokens: RequestTokenCache;

  /** @throws {TmdbConfigurationError} when the options are unusable; the error's `option` names the culprit. */
  constructor(options: TmdbAuthClientOptions) {
    this.#options = resolveClientOptions(options);
    const { apiKey, accessToken, baseUrl, axios } = this.#options;
    this.#transport = createTmdbTransport({ baseUrl, apiKey, accessToken, axios });
    this.#redactor = new Redactor([apiKey, accessToken]);
    this.#tokens = new RequestTokenCache(
      () => this.createRequestToken(),
      this.#options.call.now,
      this.#options.requestTokenMarginMs,
    );
  }

  /**
   * Creates a request token for a user to approve. It expires after 60 minutes, and is consumed when a
   * session is created from it. `expiresAt` is on the local clock (see the README, "Token expiry").
   */
  async createRequestToken(options?: TmdbRequestOptions): Promise<RequestToken> {
    return this.#call({ name: 'createRequestToken' }, options, [], (body) => ({
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
    const operation = {
      name: 'validateWithLogin',
      requestToken: requireRequestToken(requestToken),
      username: requireText(username, 'username'),
      password: requireText(password, 'password'),
    } as const;
    return this.#call(operation, options, [operation.requestToken, operation.password], (body) => ({
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
      return await this.#call({ name: 'createSession', requestToken: token }, options, [token], (body) => ({
        sessionId: body.string('session_id'),
      }));
    } finally {
      // Used or refused, the token is no good to anyone else now.
      this.#tokens.drop(token);
    }
  }

  /** Creates a guest session. Create one per user or device; `expiresAt` is on the local clock. */
  async createGuestSession(options?: TmdbRequestOptions): Promise<GuestSession> {
    return this.#call({ name: 'createGuestSession' }, options, [], (body) => ({
      guestSessionId: body.string('guest_session_id'),
      expiresAt: this.#localExpiry(body, 'expires_at'),
    }));
  }

  /** Ends a user session. @throws {TmdbApiError} with `code` `session_not_found` when it does not exist. */
  async deleteSession(sessionId: string, options?: TmdbRequestOptions): Promise<void> {
    const id = requireText(sessionId, 'sessionId');
    // `success` is the whole answer here, so it must be there: an empty or mistyped body proves nothing was deleted.
    await this.#call({ name: 'deleteSession', sessionId: id }, options, [id], (body) => {
      body.boolean('success');
    });
  }

  /** Creates a v3 session id from a user's v4 access token. */
  async createSessionFromV4Token(accessToken: string, options?: TmdbRequestOptions): Promise<Session> {
    const token = requireText(accessToken, 'accessToken');
    return this.#call({ name: 'createSessionFromV4Token', accessToken: token }, options, [token], (body) => ({
      sessionId: body.string('session_id'),
    }));
  }

  /** Checks the client's credentials with TMDb. @throws {TmdbApiError} with `code` `invalid_api_key` when TMDb refuses them. */
  async validateKey(options?: TmdbRequestOptions): Promise<KeyStatus> {
    return this.#call({ name: 'validateKey' }, options, [], (body) => ({
      statusCode: body.integer('status_code'),
      statusMessage: body.string('status_message'),
    }));
  }

  /**
   * Logs a user in with their TMDb username and password: a request token, validated with the login, turned
   * into a session. When TMDb says the token expired or was used (code 33), the flow starts once more with a
   * fresh token; a wrong login (code 30) fails at once.
   *
   * @example
   * const { sessionId } = await tmdb.login({ username, password });
   */
  async login(params: LoginParams, options?: TmdbRequestOptions): Promise<Session> {
    const { username, password } = requireObject<LoginParams>(params, 'params');
    requireText(username, 'username');
    requireText(password, 'password');
    for (let round = 1; ; round++) {
      // Taken, not shared: a token validated with this user's login must not reach another caller.
      const token = await this.#tokens.take(options?.signal);
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
   * A request token with more than `requestTokenMarginMs` of life left: the cached one, or a new one. Any number
   * of concurrent callers share one request.
   */
  async getValidRequestToken(options?: Pick<TmdbRequestOptions, 'signal'>): Promise<RequestToken> {
    return this.#tokens.get(options?.signal);
  }

  /**
   * The TMDb page where the user approves `requestToken`, optionally sending them on to `redirectTo`.
   *
   * @example
   * tmdb.approvalUrl(token, { redirectTo: 'https://example.com/callback' });
   * // 'https://www.themoviedb.org/authenticate/<token>?redirect_to=https%3A%2F%2Fexample.com%2Fcallback'
   */
  approvalUrl(requestToken: RequestTokenInput, options?: ApprovalUrlOptions): string {
    return buildApprovalUrl(this.#options.approvalBaseUrl, requireRequestToken(requestToken), options);
  }

  #call<T>(
    operation: TmdbOperation,
    options: TmdbRequestOptions | undefined,
    secrets: string[],
    read: (body: ResponseBody) => T,
  ): Promise<T> {
    const request = OPERATION_ROUTES[operation.name];
    const model = RESPONSE_MODELS[operation.name];
    return executeCall(
      this.#transport,
      {
        operation,
        request,
        redactor: this.#redactor.with(...secrets),
        read: (response: WireResponse) => read(new ResponseBody(response, request, model)),
      },
      callSettings(this.#options.call, options),
    );
  }

  #localExpiry(body: ResponseBody, field: string): Date {
    return toLocalExpiry(body.tmdbDate(field), body.serverDate, this.#options.call.now());
  }
}

/** The spec's name for what each operation answers, for error messages. */
const RESPONSE_MODELS: Readonly<Record<TmdbOperation['name'], string>> = {
  createRequestToken: 'TokenResponseWithExpiration',
  validateWithLogin: 'TokenResponseWithExpiration',
  createSession: 'SessionResponse',
  createGuestSession: 'GuestSessionResponse',
  deleteSession: 'DeleteSessionResponse',
  createSessionFromV4Token: 'SessionResponse',
  validateKey: 'ValidateKeyResponse',
};
