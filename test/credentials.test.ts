import nock from 'nock';
import { TmdbArgumentError, TmdbAuthClient, TmdbConfigurationError, isTmdbError } from 'tmdb-auth-client';
import { leakedSecrets } from './helpers/secret-scan';
import {
  ACCESS_TOKEN,
  API_KEY,
  BASE_URL,
  PASSWORD,
  REQUEST_TOKEN,
  SESSION_ID,
  USERNAME,
  rejectionOf,
  tokenBody,
} from './helpers/tmdb';

const TOKEN = tokenBody('2030-01-01 00:00:00 UTC');

describe('credentials', () => {
  it('sends an API key as the api_key query parameter and no Authorization header', async () => {
    const scope = nock(BASE_URL, { badheaders: ['authorization'] })
      .get('/authentication/token/new')
      .query({ api_key: API_KEY })
      .reply(200, TOKEN);

    await new TmdbAuthClient({ apiKey: API_KEY }).createRequestToken();

    scope.done();
  });

  it('sends a read access token as a Bearer header and no api_key', async () => {
    const scope = nock(BASE_URL, { reqheaders: { authorization: `Bearer ${ACCESS_TOKEN}` } })
      .get('/authentication/token/new')
      .query({})
      .reply(200, TOKEN);

    await new TmdbAuthClient({ accessToken: ACCESS_TOKEN }).createRequestToken();

    scope.done();
  });
});

describe('configuration errors, thrown by the constructor', () => {
  test.each([
    ['no credentials at all', {}, 'apiKey', /pass `apiKey`.*or `accessToken`/],
    ['both credentials', { apiKey: API_KEY, accessToken: ACCESS_TOKEN }, 'accessToken', /not both/],
    ['a v3 key passed as accessToken', { accessToken: API_KEY }, 'accessToken', /looks like a v3 API key.*`apiKey`/],
    [
      'a JWT passed as apiKey',
      { apiKey: ACCESS_TOKEN },
      'apiKey',
      /looks like an API Read Access Token.*`accessToken`/,
    ],
    ['an empty apiKey', { apiKey: '' }, 'apiKey', /non-empty string/],
    ['a whitespace-only accessToken', { accessToken: '   ' }, 'accessToken', /non-empty string/],
    ['a number as apiKey', { apiKey: 42 }, 'apiKey', /non-empty string/],
    ['an apiKey with a trailing newline', { apiKey: `${API_KEY}\n` }, 'apiKey', /white space/],
    ['an http baseUrl off loopback', { apiKey: API_KEY, baseUrl: 'http://api.themoviedb.org/3' }, 'baseUrl', /https/],
    ['a relative baseUrl', { apiKey: API_KEY, baseUrl: '/3' }, 'baseUrl', /absolute URL/],
    ['a baseUrl with a query', { apiKey: API_KEY, baseUrl: 'https://x.test/3?api_key=1' }, 'baseUrl', /query string/],
    ['a negative maxRetries', { apiKey: API_KEY, maxRetries: -1 }, 'maxRetries', /whole number/],
    ['a fractional maxRetries', { apiKey: API_KEY, maxRetries: 1.5 }, 'maxRetries', /whole number/],
    ['a zero timeoutMs', { apiKey: API_KEY, timeoutMs: 0 }, 'timeoutMs', /more than 0 and at most 2147483647/],
    ['an infinite timeoutMs', { apiKey: API_KEY, timeoutMs: Infinity }, 'timeoutMs', /at most 2147483647/],
    ['an onRetry that is not a function', { apiKey: API_KEY, onRetry: 'log' }, 'onRetry', /function/],
    ['an axios option that is not an axios instance', { apiKey: API_KEY, axios: {} }, 'axios', /axios instance/],
  ])('refuses %s, naming the option', (_, options, option, message) => {
    let thrown: unknown;
    try {
      new TmdbAuthClient(options as never);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TmdbConfigurationError);
    expect(thrown).toMatchObject({ name: 'TmdbConfigurationError', code: 'invalid_configuration', option });
    expect((thrown as Error).message).toMatch(message);
    expect(isTmdbError(thrown)).toBe(true);
  });

  it('never repeats the credential it refuses in the message', () => {
    for (const options of [{ accessToken: API_KEY }, { apiKey: ACCESS_TOKEN }, { apiKey: `${API_KEY} ` }]) {
      expect(() => new TmdbAuthClient(options)).toThrow(TmdbConfigurationError);
      expect(() => new TmdbAuthClient(options)).not.toThrow(API_KEY);
      expect(() => new TmdbAuthClient(options)).not.toThrow(ACCESS_TOKEN);
    }
  });

  test.each([
    'http://127.0.0.1:8080/3',
    'http://localhost:3000/3',
    'http://[::1]:9000/3',
    'https://tmdb.proxy.example/3/',
  ])('accepts %s as baseUrl', (baseUrl) => {
    expect(() => new TmdbAuthClient({ apiKey: API_KEY, baseUrl })).not.toThrow();
  });

  it('sends requests under a custom baseUrl, without doubling its trailing slash', async () => {
    const scope = nock('http://127.0.0.1:8080').get('/3/authentication/token/new').query(true).reply(200, TOKEN);

    await new TmdbAuthClient({ apiKey: API_KEY, baseUrl: 'http://127.0.0.1:8080/3/' }).createRequestToken();

    scope.done();
  });
});

// A credential with a character TMDb never issues was pasted wrong; sent, axios would alter it (a header refuses
// CR/LF, a URL encodes the rest), and the altered form would escape masking by value in any echo of it.
const MISPASTED: [string, (value: string) => string][] = [
  ['a line break inside', (value) => `${value.slice(0, 8)}\r\n${value.slice(8)}`],
  ['a NUL', (value) => `${value}\0`],
  ['a space inside', (value) => `${value.slice(0, 8)} ${value.slice(8)}`],
  ['a non-breaking space', (value) => `${value}\u00a0x`],
  ['a non-ASCII letter', (value) => `${value.slice(0, -1)}é`],
  ['a tab', (value) => `${value.slice(0, 8)}\t${value.slice(8)}`],
];

describe('credentials that are not printable ASCII are refused when the client is built, never echoed', () => {
  describe.each([
    ['apiKey', API_KEY],
    ['accessToken', ACCESS_TOKEN],
  ])('%s', (option, credential) => {
    test.each(MISPASTED)('with %s', (_, mangle) => {
      const value = mangle(credential);
      let thrown: unknown;
      try {
        new TmdbAuthClient({ [option]: value });
      } catch (error) {
        thrown = error;
      }

      expect(thrown).toBeInstanceOf(TmdbConfigurationError);
      expect(thrown).toMatchObject({ option });
      expect((thrown as Error).message).toMatch(/holds a character no TMDb credential has/);
      expect(leakedSecrets(thrown, { value, credential, head: credential.slice(0, 8) })).toEqual([]);
    });
  });
});

describe('tokens and ids that are not printable ASCII are refused before any request, never echoed', () => {
  type Call = (client: TmdbAuthClient, value: string) => unknown;
  const CALLS: [string, string, Call][] = [
    ['createSession', 'requestToken', (c, v) => c.createSession(v)],
    ['createSession with the token object', 'requestToken', (c, v) => c.createSession({ requestToken: v })],
    [
      'validateWithLogin',
      'requestToken',
      (c, v) => c.validateWithLogin({ requestToken: v, username: 'u', password: 'p' }),
    ],
    ['deleteSession', 'sessionId', (c, v) => c.deleteSession(v)],
    ['createSessionFromV4Token', 'accessToken', (c, v) => c.createSessionFromV4Token(v)],
    ['approvalUrl', 'requestToken', (c, v) => c.approvalUrl(v)],
    ['v4.createAccessToken', 'requestToken', (c, v) => c.v4.createAccessToken(v)],
    ['v4.deleteAccessToken', 'accessToken', (c, v) => c.v4.deleteAccessToken(v)],
    ['v4.approvalUrl', 'requestToken', (c, v) => c.v4.approvalUrl(v)],
  ];

  describe.each(CALLS)('%s', (_, argument, call) => {
    test.each(MISPASTED)('with %s', async (_mangled, mangle) => {
      const value = mangle(SESSION_ID);
      // No interceptor: a request that went out would fail as a network error, not an argument error.
      const client = new TmdbAuthClient({ accessToken: ACCESS_TOKEN, maxRetries: 0 });

      const error = await rejectionOf(Promise.resolve().then(() => call(client, value)));

      expect(error).toBeInstanceOf(TmdbArgumentError);
      expect(error).toMatchObject({ argument });
      expect((error as Error).message).toMatch(/holds a character TMDb never puts in one/);
      expect(leakedSecrets(error, { value, head: SESSION_ID.slice(0, 8) })).toEqual([]);
    });
  });
});

describe('a username and password may be any Unicode, but no control character', () => {
  const LOGIN_PATH = '/authentication/token/validate_with_login';

  it('sends a Unicode username and password as they are', async () => {
    const login = { username: 'zoë_ü', password: 'pässwörd 🔑 with spaces' };
    const scope = nock(BASE_URL)
      .post(LOGIN_PATH, { ...login, request_token: REQUEST_TOKEN })
      .query(true)
      .reply(200, tokenBody('2030-01-01 00:00:00 UTC'));

    await new TmdbAuthClient({ apiKey: API_KEY }).validateWithLogin({ ...login, requestToken: REQUEST_TOKEN });

    scope.done();
  });

  test.each([
    ['password', 'a trailing newline', `${PASSWORD}\n`],
    ['password', 'a CR LF inside', `correct\r\nhorse`],
    ['password', 'a NUL', `correct\0horse`],
    ['password', 'DEL', `correct\x7fhorse`],
    ['password', 'a C1 control', `correct\u0085horse`],
    ['password', 'half a surrogate pair', `correct\ud83dhorse`],
    ['username', 'a line break', `${USERNAME}\nadmin`],
  ])('refuses a %s with %s, naming it, never showing it', async (argument, _, value) => {
    const login = { username: USERNAME, password: PASSWORD, [argument]: value };
    const client = new TmdbAuthClient({ apiKey: API_KEY, maxRetries: 0 });

    for (const call of [
      () => client.validateWithLogin({ ...login, requestToken: REQUEST_TOKEN }),
      () => client.login(login),
    ]) {
      const error = await rejectionOf(call());

      expect(error).toBeInstanceOf(TmdbArgumentError);
      expect(error).toMatchObject({ argument });
      expect((error as Error).message).toMatch(/holds a control character/);
      expect(leakedSecrets(error, { value, correct: 'correct', horse: 'horse', PASSWORD, USERNAME })).toEqual([]);
    }
  });
});
