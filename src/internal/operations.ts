// The one table of the operations the facade calls. Each entry says how the operation goes over the wire (method,
// path, the generated method that sends it and how the facade's arguments map onto that method's parameters),
// what it answers (the spec's model name) and which of its arguments are secrets. The operation union, the
// adapter's dispatch, the request info on errors and the redaction of each call all derive from it; a test holds
// it to the spec. Adding an operation: one entry here, one method on TmdbAuthClient, and their tests.

/** How one facade operation goes over the wire. `Args` are the facade's own names for what it sends. */
export interface OperationDefinition<Args extends object> {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** The path under the API root, as in `spec/`. */
  readonly path: string;
  /** The method of the generated `AuthenticationApi` that sends it (the adapter proves it exists). */
  readonly generatedMethod: string;
  /** The generated method's request parameters built from the arguments; `undefined` when it takes none. */
  readonly request: (args: Args) => object | undefined;
  /** The spec's name for the model a 2xx answer carries. */
  readonly responseModel: string;
  /** The arguments whose values the redactor masks in anything this call's errors say. */
  readonly secrets: readonly (keyof Args & string)[];
  /**
   * The TMDb code that, answered to a resend after an ambiguous failure (a reset or a timeout once the request
   * was out), means the first attempt already did what was asked: a delete answered "not found".
   */
  readonly alreadyDoneCode?: number;
}

function operation<Args extends object, const Generated extends string>(
  definition: OperationDefinition<Args> & { readonly generatedMethod: Generated },
): OperationDefinition<Args> & { readonly generatedMethod: Generated } {
  return definition;
}

// The POST forms throughout: a password or a token in a URL would end up in proxy and server logs.
export const OPERATIONS = {
  createRequestToken: operation({
    method: 'GET',
    path: '/authentication/token/new',
    generatedMethod: 'getNewAuthenticationToken',
    request: (_: NoArgs) => undefined,
    responseModel: 'TokenResponseWithExpiration',
    secrets: [],
  }),
  validateWithLogin: operation({
    method: 'POST',
    path: '/authentication/token/validate_with_login',
    generatedMethod: 'validateRequestTokenWithLogin',
    request: (args: { username: string; password: string; requestToken: string }) => ({
      validateWithLoginRequest: { username: args.username, password: args.password, request_token: args.requestToken },
    }),
    responseModel: 'TokenResponseWithExpiration',
    secrets: ['password', 'requestToken'],
  }),
  createSession: operation({
    method: 'POST',
    path: '/authentication/session/new',
    generatedMethod: 'createSession',
    request: (args: { requestToken: string }) => ({ createSessionRequest: { request_token: args.requestToken } }),
    responseModel: 'SessionResponse',
    secrets: ['requestToken'],
  }),
  createGuestSession: operation({
    method: 'GET',
    path: '/authentication/guest_session/new',
    generatedMethod: 'getNewAuthenticationGuestSession',
    request: (_: NoArgs) => undefined,
    responseModel: 'GuestSessionResponse',
    secrets: [],
  }),
  deleteSession: operation({
    method: 'DELETE',
    path: '/authentication/session',
    generatedMethod: 'deleteSession',
    request: (args: { sessionId: string }) => ({ deleteSessionRequest: { session_id: args.sessionId } }),
    responseModel: 'DeleteSessionResponse',
    secrets: ['sessionId'],
    alreadyDoneCode: 37,
  }),
  createSessionFromV4Token: operation({
    method: 'POST',
    path: '/authentication/session/convert/4',
    generatedMethod: 'createSessionFromV4Token',
    request: (args: { accessToken: string }) => ({
      createSessionFromV4TokenRequest: { access_token: args.accessToken },
    }),
    responseModel: 'SessionResponse',
    secrets: ['accessToken'],
  }),
  validateKey: operation({
    method: 'GET',
    path: '/authentication',
    generatedMethod: 'validateKey',
    request: (_: NoArgs) => undefined,
    responseModel: 'ValidateKeyResponse',
    secrets: [],
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
