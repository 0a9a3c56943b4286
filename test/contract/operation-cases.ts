// How each spec operation is called in the contract suite: through the generated client, and through the
// facade method built on it. The spec decides what a correct exchange is; these entries only say how to make
// one and what the caller's arguments must become on the wire. A new operation in the spec needs an entry here
// (the coverage test names it until it has one).
import type { AxiosResponse } from 'axios';
import { parseTmdbDate, type TmdbAuthClient, type TmdbRequestOptions } from 'tmdb-auth-client';
import type { AuthenticationApi } from 'tmdb-auth-client/generated';
import type { AuthApi } from 'tmdb-auth-client/generated/v4';
import type { ExpectedAuth } from './helpers/request-validator';
import { acceptsCredential, specOperations, type SpecOperation } from './helpers/spec';

// The credentials and login are the ones every suite uses; the tokens and ids here are the spec's examples.
import { ACCESS_TOKEN, API_KEY, PASSWORD, USERNAME, V4_USER_ACCESS_TOKEN, jwtClaims } from '../helpers/fixtures';

export { ACCESS_TOKEN, API_KEY, PASSWORD, USERNAME };
export const REQUEST_TOKEN = '1531f1a558c8357ce8990cf887ff196e8f5402ec';
export const SESSION_ID = '2629f70fb498edc263a0adb99118ac41f0053e8c';
export const V4_ACCESS_TOKEN = V4_USER_ACCESS_TOKEN;
// v4's request token is a JWT (the spec's example, whose `exp` the facade reads).
export const V4_REQUEST_TOKEN =
  'eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJ0ZXN0LWFwcCIsImp0aSI6IjEiLCJzY29wZXMiOlsicGVuZGluZ19yZXF1ZXN0X3Rva2VuIl0sInZlcnNpb24iOjEsIm5iZiI6MTc3MjM2NjQwMCwiZXhwIjoxNzcyMzY3MzAwfQ.c2lnbmF0dXJlLXJ0';
export const REDIRECT_TO = 'https://app.example/tmdb/done';

/** The generated API class of each spec document, aimed at its server. */
export interface GeneratedApis {
  v3: AuthenticationApi;
  v4: AuthApi;
}

/** What a call must put on the wire from its arguments (the spec checks the rest). */
export interface Sends {
  query?: Record<string, string>;
  body?: unknown;
}

export interface GeneratedCase {
  call(apis: GeneratedApis): Promise<AxiosResponse<unknown>>;
  sends: Sends;
}

export interface FacadeCase {
  /** The public method of TmdbAuthClient that runs this operation: `createSession`, or `v4.createAccessToken`. */
  method: string;
  call(client: TmdbAuthClient, options?: TmdbRequestOptions): Promise<unknown>;
  sends: Sends;
  /** What the method returns for a 200 with `body` (and no `Date` header). */
  result(body: Record<string, unknown>): unknown;
  /** The values this call carries that no error may show (the client's credential is added to them). */
  secrets: string[];
}

const login = { username: USERNAME, password: PASSWORD, request_token: REQUEST_TOKEN };

/** Every spec operation, through the generated client. */
export const GENERATED_CASES: Readonly<Record<string, GeneratedCase>> = {
  'get-new-authentication-token': {
    call: ({ v3: api }) => api.getNewAuthenticationToken(),
    sends: {},
  },
  'get-validate-authentication-token-with-login': {
    call: ({ v3: api }) =>
      api.getValidateAuthenticationTokenWithLogin({
        username: USERNAME,
        password: PASSWORD,
        requestToken: REQUEST_TOKEN,
      }),
    sends: { query: login },
  },
  'validate-request-token-with-login': {
    call: ({ v3: api }) => api.validateRequestTokenWithLogin({ validateWithLoginRequest: login }),
    sends: { body: login },
  },
  'get-new-authentication-session': {
    call: ({ v3: api }) => api.getNewAuthenticationSession({ requestToken: REQUEST_TOKEN }),
    sends: { query: { request_token: REQUEST_TOKEN } },
  },
  'create-session': {
    call: ({ v3: api }) => api.createSession({ createSessionRequest: { request_token: REQUEST_TOKEN } }),
    sends: { body: { request_token: REQUEST_TOKEN } },
  },
  'get-new-authentication-guest-session': {
    call: ({ v3: api }) => api.getNewAuthenticationGuestSession(),
    sends: {},
  },
  'delete-session': {
    call: ({ v3: api }) => api.deleteSession({ deleteSessionRequest: { session_id: SESSION_ID } }),
    sends: { body: { session_id: SESSION_ID } },
  },
  'create-session-from-v4-token': {
    call: ({ v3: api }) =>
      api.createSessionFromV4Token({ createSessionFromV4TokenRequest: { access_token: V4_ACCESS_TOKEN } }),
    sends: { body: { access_token: V4_ACCESS_TOKEN } },
  },
  'validate-key': {
    call: ({ v3: api }) => api.validateKey(),
    sends: {},
  },
  'auth-create-request-token': {
    call: ({ v4: api }) => api.authCreateRequestToken({ requestTokenRequest: { redirect_to: REDIRECT_TO } }),
    sends: { body: { redirect_to: REDIRECT_TO } },
  },
  'auth-create-access-token': {
    call: ({ v4: api }) => api.authCreateAccessToken({ accessTokenRequest: { request_token: V4_REQUEST_TOKEN } }),
    sends: { body: { request_token: V4_REQUEST_TOKEN } },
  },
  'auth-logout': {
    call: ({ v4: api }) => api.authLogout({ deleteAccessTokenRequest: { access_token: V4_ACCESS_TOKEN } }),
    sends: { body: { access_token: V4_ACCESS_TOKEN } },
  },
};

const tokenResult = (body: Record<string, unknown>) => ({
  requestToken: body['request_token'],
  expiresAt: parseTmdbDate(String(body['expires_at'])),
});

/** Every spec operation the facade exposes, through its method. */
export const FACADE_CASES: Readonly<Record<string, FacadeCase>> = {
  'get-new-authentication-token': {
    method: 'createRequestToken',
    call: (client, options) => client.createRequestToken(options),
    sends: {},
    result: tokenResult,
    secrets: [],
  },
  'validate-request-token-with-login': {
    method: 'validateWithLogin',
    call: (client, options) =>
      client.validateWithLogin({ requestToken: REQUEST_TOKEN, username: USERNAME, password: PASSWORD }, options),
    sends: { body: login },
    result: tokenResult,
    secrets: [PASSWORD, REQUEST_TOKEN],
  },
  'create-session': {
    method: 'createSession',
    call: (client, options) => client.createSession(REQUEST_TOKEN, options),
    sends: { body: { request_token: REQUEST_TOKEN } },
    result: (body) => ({ sessionId: body['session_id'] }),
    secrets: [REQUEST_TOKEN],
  },
  'get-new-authentication-guest-session': {
    method: 'createGuestSession',
    call: (client, options) => client.createGuestSession(options),
    sends: {},
    result: (body) => ({
      guestSessionId: body['guest_session_id'],
      expiresAt: parseTmdbDate(String(body['expires_at'])),
    }),
    secrets: [],
  },
  'delete-session': {
    method: 'deleteSession',
    call: (client, options) => client.deleteSession(SESSION_ID, options),
    sends: { body: { session_id: SESSION_ID } },
    result: () => undefined,
    secrets: [SESSION_ID],
  },
  'create-session-from-v4-token': {
    method: 'createSessionFromV4Token',
    call: (client, options) => client.createSessionFromV4Token(V4_ACCESS_TOKEN, options),
    sends: { body: { access_token: V4_ACCESS_TOKEN } },
    result: (body) => ({ sessionId: body['session_id'] }),
    secrets: [V4_ACCESS_TOKEN],
  },
  'validate-key': {
    method: 'validateKey',
    call: (client, options) => client.validateKey(options),
    sends: {},
    result: (body) => ({ statusCode: body['status_code'], statusMessage: body['status_message'] }),
    secrets: [],
  },
  'auth-create-request-token': {
    method: 'v4.createRequestToken',
    call: (client, options) => client.v4.createRequestToken({ redirectTo: REDIRECT_TO }, options),
    sends: { body: { redirect_to: REDIRECT_TO } },
    // Without a Date header the expiry is the token's `exp` as it stands.
    result: (body) => ({
      requestToken: body['request_token'],
      expiresAt: new Date(jwtExp(body['request_token']) * 1000),
    }),
    secrets: [],
  },
  'auth-create-access-token': {
    method: 'v4.createAccessToken',
    call: (client, options) => client.v4.createAccessToken(V4_REQUEST_TOKEN, options),
    sends: { body: { request_token: V4_REQUEST_TOKEN } },
    result: (body) => ({ accessToken: body['access_token'], accountId: body['account_id'] }),
    secrets: [V4_REQUEST_TOKEN],
  },
  'auth-logout': {
    method: 'v4.deleteAccessToken',
    call: (client, options) => client.v4.deleteAccessToken(V4_ACCESS_TOKEN, options),
    sends: { body: { access_token: V4_ACCESS_TOKEN } },
    result: () => undefined,
    secrets: [V4_ACCESS_TOKEN],
  },
};

/** A JWT's `exp` claim, decoded here independently of the facade. */
function jwtExp(token: unknown): number {
  return jwtClaims(String(token))['exp'] as number;
}

/** The facade method a case names (`v4.createAccessToken` is `client.v4.createAccessToken`), or undefined. */
export function facadeMethodOf(client: TmdbAuthClient, method: string): unknown {
  return method.split('.').reduce<unknown>((owner, name) => (owner as Record<string, unknown>)?.[name], client);
}

/**
 * Operations deliberately reachable only through the generated client: the seed's GET forms, whose POST twins
 * the facade uses so that no password or request token travels in a URL.
 */
export const GENERATED_ONLY: Readonly<Record<string, string>> = {
  'get-validate-authentication-token-with-login':
    'the seed GET form puts the password in the URL; the facade uses validate-request-token-with-login (POST)',
  'get-new-authentication-session':
    'the seed GET form puts the request token in the URL; the facade uses create-session (POST)',
};

/** The two ways a client authenticates; every contract test runs with each. */
export const CREDENTIALS: readonly { name: string; auth: ExpectedAuth; secret: string }[] = [
  { name: 'an API key', auth: { apiKey: API_KEY }, secret: API_KEY },
  { name: 'a read access token', auth: { accessToken: ACCESS_TOKEN }, secret: ACCESS_TOKEN },
];

/**
 * Each spec operation the facade calls with this credential (v4's take only the read access token), with its case:
 * `[operationId, operation, case]` rows for `describe.each`.
 */
export function facadeCaseRows(auth: ExpectedAuth): (readonly [string, SpecOperation, FacadeCase])[] {
  return specOperations()
    .filter((operation) => operation.operationId in FACADE_CASES && acceptsCredential(operation, auth))
    .map((operation) => [operation.operationId, operation, FACADE_CASES[operation.operationId] as FacadeCase] as const);
}
