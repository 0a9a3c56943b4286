// The one table of the operations the facade calls. Each entry says how the operation goes over the wire (method,
// path, the spec's operationId and how the facade's arguments map onto the generated method's parameters), what
// it answers (the spec's model name) and which of its arguments are secrets. The operation union, the adapter's
// dispatch, the request info on errors and the redaction of each call all derive from it; tests hold it to the
// spec, the emulator, the contract cases and the API report. Adding an operation: CONTRIBUTING.md's checklist.

/** Which API root, spec document and generated API class an operation belongs to. */
export type TmdbApiVersion = 'v3' | 'v4';

/** How one facade operation goes over the wire. `Args` are the facade's own names for what it sends. */
export interface OperationDefinition<Args extends object> {
  /** v3: `spec/tmdb-auth.yaml`, `AuthenticationApi` on `baseUrl`; v4: `spec/tmdb-auth-v4.yaml`, `AuthApi` on `v4BaseUrl`. */
  readonly api: TmdbApiVersion;
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** The path under its API root, as in its spec document. */
  readonly path: string;
  /**
   * The spec's `operationId`: the emulator's handlers and the contract cases are keyed by it, and the generated
   * method that sends it is its camelCase form (`create-session` -> `createSession`; the adapter proves it exists).
   */
  readonly operationId: string;
  /** The generated method's request parameters built from the arguments; `undefined` when it takes none. */
  readonly request: (args: Args) => object | undefined;
  /** The spec's name for the model a 2xx answer carries. */
  readonly responseModel: string;
  /** The arguments whose values the redactor masks in anything this call's errors say. */
  readonly secrets: readonly (keyof Args & string)[];
  /**
   * TMDb codes that, for this operation, mean an argument was refused rather than the client's credentials,
   * with the advice that ends the error's message (it names the argument, not an option).
   */
  readonly argumentAdvice?: Readonly<Record<number, string>>;
  /**
   * The TMDb code that, answered to a resend after an ambiguous failure (a reset or a timeout once the request
   * was out), means the first attempt already did what was asked: a delete answered "not found". The call then
   * resolves with nothing, so only operations whose facade method returns nothing may have one.
   */
  readonly alreadyDoneCode?: number;
}

// Keeps each entry's literal API, operationId and built parameters' type, which the adapter's proof compares with
// the generated client.
type Entry<Args extends object, Api, Id, Built> = OperationDefinition<Args> & {
  readonly api: Api;
  readonly operationId: Id;
  readonly request: (args: Args) => Built;
};

function operation<
  Args extends object,
  const Api extends TmdbApiVersion,
  const Id extends string,
  Built extends object | undefined,
>(definition: Entry<Args, Api, Id, Built>): Entry<Args, Api, Id, Built> {
  return definition;
}

/** The generated method for an operationId, as openapi-generator names it: `auth-logout` -> `authLogout`. */
export type GeneratedMethodName<Id extends string> = Id extends `${infer Head}-${infer Tail}`
  ? `${Head}${GeneratedMethodName<Capitalize<Tail>>}`
  : Id;

export function generatedMethodName<Id extends string>(operationId: Id): GeneratedMethodName<Id> {
  return operationId.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase()) as GeneratedMethodName<Id>;
}

const V4_NOT_APPROVED =
  'The user has not approved this v4 request token (yet): send them to tmdb.v4.approvalUrl(requestToken), then call tmdb.v4.createAccessToken again after they approve it.';

// The POST forms throughout: a password or a token in a URL would end up in proxy and server logs.
export const OPERATIONS = {
  createRequestToken: operation({
    api: 'v3',
    method: 'GET',
    path: '/authentication/token/new',
    operationId: 'get-new-authentication-token',
    request: (_: NoArgs) => undefined,
    responseModel: 'TokenResponseWithExpiration',
    secrets: [],
  }),
  validateWithLogin: operation({
    api: 'v3',
    method: 'POST',
    path: '/authentication/token/validate_with_login',
    operationId: 'validate-request-token-with-login',
    request: (args: { username: string; password: string; requestToken: string }) => ({
      validateWithLoginRequest: { username: args.username, password: args.password, request_token: args.requestToken },
    }),
    responseModel: 'TokenResponseWithExpiration',
    secrets: ['password', 'requestToken'],
  }),
  createSession: operation({
    api: 'v3',
    method: 'POST',
    path: '/authentication/session/new',
    operationId: 'create-session',
    request: (args: { requestToken: string }) => ({ createSessionRequest: { request_token: args.requestToken } }),
    responseModel: 'SessionResponse',
    secrets: ['requestToken'],
  }),
  createGuestSession: operation({
    api: 'v3',
    method: 'GET',
    path: '/authentication/guest_session/new',
    operationId: 'get-new-authentication-guest-session',
    request: (_: NoArgs) => undefined,
    responseModel: 'GuestSessionResponse',
    secrets: [],
  }),
  deleteSession: operation({
    api: 'v3',
    method: 'DELETE',
    path: '/authentication/session',
    operationId: 'delete-session',
    request: (args: { sessionId: string }) => ({ deleteSessionRequest: { session_id: args.sessionId } }),
    responseModel: 'DeleteSessionResponse',
    secrets: ['sessionId'],
    alreadyDoneCode: 37,
  }),
  createSessionFromV4Token: operation({
    api: 'v3',
    method: 'POST',
    path: '/authentication/session/convert/4',
    operationId: 'create-session-from-v4-token',
    request: (args: { accessToken: string }) => ({
      createSessionFromV4TokenRequest: { access_token: args.accessToken },
    }),
    responseModel: 'SessionResponse',
    secrets: ['accessToken'],
    // The client's own credentials failing get 7 (or 3); 35 here is about the user's token in the body.
    argumentAdvice: {
      35: 'TMDb refused the `accessToken` argument: pass a v4 user access token that the user approved (from TMDb’s v4 `auth/access_token`), not your app’s API Read Access Token or an expired one.',
    },
  }),
  validateKey: operation({
    api: 'v3',
    method: 'GET',
    path: '/authentication',
    operationId: 'validate-key',
    request: (_: NoArgs) => undefined,
    responseModel: 'ValidateKeyResponse',
    secrets: [],
  }),
  // v4 user authentication, on its own API root with the app's read access token.
  v4CreateRequestToken: operation({
    api: 'v4',
    method: 'POST',
    path: '/auth/request_token',
    operationId: 'auth-create-request-token',
    request: (args: { redirectTo?: string | undefined }) => ({
      requestTokenRequest: args.redirectTo === undefined ? {} : { redirect_to: args.redirectTo },
    }),
    responseModel: 'RequestTokenResponse',
    secrets: [],
  }),
  v4CreateAccessToken: operation({
    api: 'v4',
    method: 'POST',
    path: '/auth/access_token',
    operationId: 'auth-create-access-token',
    request: (args: { requestToken: string }) => ({ accessTokenRequest: { request_token: args.requestToken } }),
    responseModel: 'AccessTokenResponse',
    secrets: ['requestToken'],
    // TMDb's shared advice for an unapproved token speaks of v3's session; a v4 token is approved elsewhere.
    argumentAdvice: {
      17: V4_NOT_APPROVED,
      41: V4_NOT_APPROVED,
    },
  }),
  v4DeleteAccessToken: operation({
    api: 'v4',
    method: 'DELETE',
    path: '/auth/access_token',
    operationId: 'auth-logout',
    request: (args: { accessToken: string }) => ({ deleteAccessTokenRequest: { access_token: args.accessToken } }),
    responseModel: 'DeleteAccessTokenResponse',
    secrets: ['accessToken'],
    // TMDb refuses a token it no longer knows with 35: after a resend, the first attempt deleted it.
    alreadyDoneCode: 35,
  }),
};

type NoArgs = Record<string, never>;

export type Operations = typeof OPERATIONS;

export type TmdbOperationName = keyof Operations;

/** What the facade passes to operation `N`. */
export type OperationArgs<N extends TmdbOperationName> =
  Operations[N] extends OperationDefinition<infer Args> ? Args : never;

/** One operation with its arguments, as the executor hands it to the transport. */
export type TmdbOperation = { [N in TmdbOperationName]: { name: N; args: OperationArgs<N> } }[TmdbOperationName];
