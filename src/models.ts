/** A request token as a string, or the object `createRequestToken` returned. */
export type RequestTokenInput = string | { readonly requestToken: string };

/** A request token and when it expires (on the local clock). */
export interface RequestToken {
  readonly requestToken: string;
  readonly expiresAt: Date;
}

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

/** A v4 request token and when it expires (on the local clock). The user approves it at `tmdb.v4.approvalUrl`. */
export interface V4RequestToken {
  readonly requestToken: string;
  readonly expiresAt: Date;
}

/** The arguments of `tmdb.v4.createRequestToken`. */
export interface V4RequestTokenParams {
  /** Where TMDb sends the browser after the user approves the token (an absolute URL). */
  redirectTo?: string | undefined;
}

/**
 * A user's v4 access token and account id. The token does not expire: end it with `tmdb.v4.deleteAccessToken`.
 * `createSessionFromV4Token` turns it into a v3 session.
 */
export interface V4AccessToken {
  readonly accessToken: string;
  /** The account object id, for TMDb's `/4/account/{account_object_id}` endpoints. */
  readonly accountId: string;
}

/** Options of `approvalUrl`. */
export interface ApprovalUrlOptions {
  /** Where TMDb sends the user after they approve (or deny) the token. Must be an absolute http(s) URL. */
  redirectTo?: string | undefined;
}
