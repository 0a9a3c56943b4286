import axios, { AxiosError } from 'axios';
import nock from 'nock';
import { TmdbAuthClient, type TmdbAuthClientOptions } from 'tmdb-auth-client';
import { fakeTime } from './helpers/fake-time';
import { leakedSecrets } from './helpers/secret-scan';
import {
  ACCESS_TOKEN,
  API_KEY,
  BASE_URL,
  PASSWORD,
  REQUEST_TOKEN,
  SESSION_ID,
  USERNAME,
  V4_USER_ACCESS_TOKEN as V4_USER_TOKEN,
  GUEST_SESSION_ID,
  axiosTimeout,
  rejectionOf,
} from './helpers/tmdb';

const SECRETS = {
  API_KEY,
  ACCESS_TOKEN,
  PASSWORD,
  REQUEST_TOKEN,
  SESSION_ID,
  V4_USER_TOKEN,
  GUEST_SESSION_ID,
};

// A hostile server: its messages quote back every secret it was sent, in every shape, and ids it may know
// from elsewhere. (A password it can only know from the call that sends one.)
const ECHO = `Bad request token ${REQUEST_TOKEN} for session ${SESSION_ID}, guest ${GUEST_SESSION_ID}, v4 ${V4_USER_TOKEN}; url ?api_key=${API_KEY}&x=1, header Bearer ${ACCESS_TOKEN}, password=${PASSWORD}&, "password": "${PASSWORD}"`;

type Call = (client: TmdbAuthClient) => Promise<unknown>;
const CALLS: [string, string, string, Call][] = [
  [
    'validateWithLogin',
    'POST',
    '/authentication/token/validate_with_login',
    (c) => c.validateWithLogin({ requestToken: REQUEST_TOKEN, username: USERNAME, password: PASSWORD }),
  ],
  ['createSession', 'POST', '/authentication/session/new', (c) => c.createSession(REQUEST_TOKEN)],
  ['deleteSession', 'DELETE', '/authentication/session', (c) => c.deleteSession(SESSION_ID)],
  [
    'createSessionFromV4Token',
    'POST',
    '/authentication/session/convert/4',
    (c) => c.createSessionFromV4Token(V4_USER_TOKEN),
  ],
  ['createGuestSession', 'GET', '/authentication/guest_session/new', (c) => c.createGuestSession()],
];

type Fault = (scope: nock.Interceptor) => nock.Scope;
const FAULTS: [string, Fault, Partial<TmdbAuthClientOptions>?][] = [
  [
    'a TMDb error that quotes the secrets',
    (i) => i.reply(401, { success: false, status_code: 33, status_message: ECHO }),
  ],
  ['a 422 in the errors shape', (i) => i.reply(422, { errors: [ECHO] })],
  [
    'a 429 past maxRetryAfterMs',
    (i) => i.reply(429, { status_code: 25, status_message: ECHO }, { 'Retry-After': '3600' }),
  ],
  ['a timeout', (i) => i.replyWithError(axiosTimeout(10_000))],
  ['a 200 with a body that is not the model', (i) => i.reply(200, { echoed: ECHO })],
  ['a 200 with an HTML page', (i) => i.reply(200, `<html>${ECHO}</html>`)],
];

const CREDENTIALS: [string, Partial<TmdbAuthClientOptions>][] = [
  ['an API key', { apiKey: API_KEY }],
  ['a read access token', { accessToken: ACCESS_TOKEN }],
];

function expectNoSecret(error: unknown) {
  expect(error).toBeInstanceOf(Error);
  expect(leakedSecrets(error, SECRETS)).toEqual([]);
}

describe.each(CREDENTIALS)('no secret in any error, with %s', (_, credentials) => {
  describe.each(CALLS)('%s', (_name, method, path, call) => {
    test.each(FAULTS)('on %s', async (_fault, fault, options = {}) => {
      const interceptor = nock(BASE_URL).intercept(path, method).query(true);
      fault(interceptor);
      const time = fakeTime();
      const client = new TmdbAuthClient({
        ...credentials,
        maxRetries: 0,
        now: time.now,
        sleep: time.sleep,
        ...options,
      } as TmdbAuthClientOptions);

      const error = await rejectionOf(call(client));

      expectNoSecret(error);
      expect((error as Error).message).toContain(path);
    });
  });
});

describe('no secret from an AxiosError, which carries the request config and headers', () => {
  test.each(CREDENTIALS)('with %s', async (_, credentials) => {
    // An adapter that fails the way axios does on a dead network: the AxiosError holds the full config,
    // with the api_key parameter, the Authorization header and the JSON body with the password.
    const failing = axios.create({
      adapter: (config) =>
        Promise.reject(new AxiosError(`connect EHOSTUNREACH for ${config.url} ${ECHO}`, 'EHOSTUNREACH', config, {})),
    });
    const client = new TmdbAuthClient({ ...credentials, axios: failing, maxRetries: 0 } as TmdbAuthClientOptions);

    const error = await rejectionOf(
      client.validateWithLogin({ requestToken: REQUEST_TOKEN, username: USERNAME, password: PASSWORD }),
    );

    expect(error).toMatchObject({ name: 'TmdbNetworkError', systemCode: 'EHOSTUNREACH' });
    expectNoSecret(error);
  });
});

describe('no secret in errors thrown before a request', () => {
  test.each([
    ['an aborted call', (c: TmdbAuthClient) => c.createSession(REQUEST_TOKEN, { signal: AbortSignal.abort() })],
    [
      'an empty password',
      (c: TmdbAuthClient) => c.validateWithLogin({ requestToken: REQUEST_TOKEN, username: USERNAME, password: ' ' }),
    ],
    [
      'a bad redirect',
      (c: TmdbAuthClient) => Promise.resolve().then(() => c.approvalUrl(REQUEST_TOKEN, { redirectTo: 'not a url' })),
    ],
  ])('%s', async (_, call) => {
    expectNoSecret(await rejectionOf(call(new TmdbAuthClient({ apiKey: API_KEY }))));
  });
});

it('the scan itself finds a secret when one is there', () => {
  const leaky = new Error(`oops ${PASSWORD}`);
  expect(() => expectNoSecret(leaky)).toThrow();
});

it('masks a password quoted back bare by the call that sent it', async () => {
  nock(BASE_URL)
    .post('/authentication/token/validate_with_login')
    .query(true)
    .reply(401, { status_code: 30, status_message: `Wrong password ${PASSWORD} for ${USERNAME}` });
  const client = new TmdbAuthClient({ apiKey: API_KEY, maxRetries: 0 });

  const error = await rejectionOf(
    client.validateWithLogin({ requestToken: REQUEST_TOKEN, username: USERNAME, password: PASSWORD }),
  );

  expectNoSecret(error);
  expect((error as Error).message).toContain('[REDACTED]');
});
