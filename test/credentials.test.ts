import nock from 'nock';
import { TmdbAuthClient, TmdbConfigurationError, isTmdbError } from 'tmdb-auth-client';
import { ACCESS_TOKEN, API_KEY, BASE_URL, tokenBody } from './helpers/tmdb';

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
