import nock from 'nock';
import * as tmdbAuth from 'tmdb-auth-client';
import {
  TmdbApiError,
  TmdbError,
  TmdbResponseError,
  isTmdbApiError,
  isTmdbError,
  isTmdbRateLimitError,
  isTmdbResponseError,
} from 'tmdb-auth-client';
import { BASE_URL, REQUEST_TOKEN, errorBody, rejectionOf, testClient } from './helpers/tmdb';

function failCreateSession(status: number, body: unknown, headers: Record<string, string> = {}) {
  nock(BASE_URL)
    .post('/authentication/session/new')
    .query(true)
    .reply(status, body as nock.Body, headers);
  return rejectionOf(testClient({ maxRetries: 0 }).client.createSession(REQUEST_TOKEN));
}

describe('TMDb error answers', () => {
  test.each([
    [401, 7, 'Invalid API key: You must be granted a valid key.', 'invalid_api_key', /`apiKey` or `accessToken`/],
    [401, 10, 'Suspended API key.', 'suspended_api_key', /suspended/],
    [401, 17, 'Session denied.', 'request_token_not_approved', /not approved.*approvalUrl/],
    [401, 30, 'Invalid username and/or password.', 'invalid_credentials', /ask the user/],
    [401, 32, 'Email not verified.', 'email_not_verified', /verify/],
    [
      401,
      33,
      'Invalid request token: The request token is either expired or invalid.',
      'request_token_invalid',
      /new request token/,
    ],
    [422, 41, 'The request token has not been approved by the user.', 'request_token_not_approved', /approvalUrl/],
    [404, 37, 'Session not found.', 'session_not_found', /log the user in again/],
    [400, 26, 'You must provide a username and password.', 'credentials_required', /username and password/],
    [503, 46, 'The API is undergoing maintenance. Try again later.', 'maintenance', /later/],
    [504, 24, 'Your request to the backend server timed out. Try again.', 'backend_timeout', /later/],
  ])(
    'maps HTTP %i with TMDb code %i to a TmdbApiError that says what to do',
    async (status, tmdbCode, tmdbMessage, code, advice) => {
      const error = await failCreateSession(status, errorBody(tmdbCode, tmdbMessage));

      expect(error).toBeInstanceOf(TmdbApiError);
      expect(error).toBeInstanceOf(TmdbError);
      expect(error).toMatchObject({ name: 'TmdbApiError', httpStatus: status, tmdbCode, tmdbMessage, code });
      const message = (error as Error).message;
      expect(message).toContain('POST /authentication/session/new');
      expect(message).toContain(tmdbMessage);
      expect(message).toMatch(advice);
    },
  );

  test.each([
    [401, 'unauthorized'],
    [404, 'not_found'],
    [422, 'invalid_parameters'],
    [500, 'server_error'],
    [418, 'http_error'],
  ])('falls back on the HTTP status (%i -> %s) when the body has no TMDb code', async (status, code) => {
    const error = await failCreateSession(status, '<html><body>Bad gateway</body></html>', {
      'Content-Type': 'text/html',
    });

    expect(error).toMatchObject({ name: 'TmdbApiError', httpStatus: status, code, tmdbCode: undefined });
  });

  it("reads TMDb's second error shape, { errors: [...] }, into tmdbMessage", async () => {
    const error = await failCreateSession(422, { errors: ['request_token must be filled in'] });

    expect(error).toMatchObject({
      httpStatus: 422,
      code: 'invalid_parameters',
      tmdbMessage: 'request_token must be filled in',
    });
  });

  it('turns a 429 into a TmdbRateLimitError, which is also a TmdbApiError', async () => {
    const error = await failCreateSession(
      429,
      errorBody(25, 'Your request count (41) is over the allowed limit of 40.'),
      {
        'Retry-After': '2',
      },
    );

    expect(isTmdbRateLimitError(error)).toBe(true);
    expect(isTmdbApiError(error)).toBe(true);
    expect(error).toMatchObject({
      name: 'TmdbRateLimitError',
      code: 'rate_limited',
      tmdbCode: 25,
      retryAfterMs: 2_000,
    });
  });
});

describe('answers that are not what the operation returns', () => {
  const getToken = () => nock(BASE_URL).get('/authentication/token/new').query(true);

  test.each([
    ['an HTML page from a proxy', '<html><body>Captive portal</body></html>', /HTML/],
    ['an empty body', '', /empty/],
    ['truncated JSON', '{"success": true, "request_tok', /not valid JSON/],
    ['a JSON array', [], /array/],
    ['a missing field', { success: true, expires_at: '2030-01-01 00:00:00 UTC' }, /`request_token` is missing/],
    [
      'a field of the wrong type',
      { success: true, expires_at: '2030-01-01 00:00:00 UTC', request_token: 42 },
      /`request_token` is a number/,
    ],
    ['success: false', { success: false, expires_at: '2030-01-01 00:00:00 UTC', request_token: 'x' }, /success: false/],
    [
      'an ISO date in expires_at',
      { success: true, expires_at: '2030-01-01T00:00:00Z', request_token: 'abc' },
      /`expires_at`/,
    ],
  ])('rejects %s with TmdbResponseError, without retrying', async (_, body, problem) => {
    const scope = getToken()
      .once()
      .reply(200, body as nock.Body);
    const { client, time } = testClient();

    const error = await rejectionOf(client.createRequestToken());

    expect(error).toBeInstanceOf(TmdbResponseError);
    expect(error).toMatchObject({ code: 'invalid_response', httpStatus: 200, attempts: 1 });
    expect((error as Error).message).toMatch(problem);
    expect((error as Error).message).toContain('TokenResponseWithExpiration');
    expect(time.sleeps).toEqual([]);
    scope.done();
  });

  it('counts every attempt that reached TMDb, the one that got the unreadable answer included', async () => {
    const scope = getToken()
      .reply(503, errorBody(9, 'Service offline - try again later.'))
      .get('/authentication/token/new')
      .query(true)
      .reply(200, '<html><body>Captive portal</body></html>');
    const { client } = testClient();

    const error = await rejectionOf(client.createRequestToken());

    expect(error).toMatchObject({ name: 'TmdbResponseError', attempts: 2 });
    scope.done();
  });
});

describe('error guards', () => {
  // Every error class the package exports, by name.
  const classes = Object.entries(tmdbAuth).filter(
    ([, value]) => typeof value === 'function' && (value === TmdbError || value.prototype instanceof TmdbError),
  ) as [string, new (message: string, init: never) => TmdbError][];

  it('exist for every error class', () => {
    expect(classes.map(([name]) => name)).toEqual(
      expect.arrayContaining(['TmdbConfigurationError', 'TmdbArgumentError']),
    );
    for (const [name] of classes) expect(typeof (tmdbAuth as Record<string, unknown>)[`is${name}`]).toBe('function');
  });

  it.each(classes.map(([name]) => name))('is%s matches its class and subclasses only', (name) => {
    const guard = (tmdbAuth as unknown as Record<string, (value: unknown) => boolean>)[`is${name}`] as (
      value: unknown,
    ) => boolean;
    const Type = (tmdbAuth as unknown as Record<string, new (message: string, init: never) => TmdbError>)[name]!;
    for (const [otherName, Other] of classes) {
      const instance = new Other('x', {} as never);
      expect([otherName, guard(instance)]).toEqual([otherName, instance instanceof Type]);
    }
  });

  it('recognise errors from another copy of the package by name', () => {
    // What a second copy's error looks like to this copy: same name and shape, different class.
    class ForeignApiError extends Error {
      override name = 'TmdbApiError';
      code = 'invalid_api_key';
    }
    const foreign = new ForeignApiError('from another copy');

    expect(isTmdbApiError(foreign)).toBe(true);
    expect(isTmdbError(foreign)).toBe(true);
    expect(isTmdbResponseError(foreign)).toBe(false);
    expect(isTmdbApiError(new Error('plain'))).toBe(false);
    expect(isTmdbError({ name: 'TmdbApiError', code: 'x' })).toBe(false);
  });
});

describe('the cause an error keeps', () => {
  it('is a sanitised copy of the library error: name, code and message, no request config', async () => {
    const error = await failCreateSession(401, errorBody(7, 'Invalid API key.'));

    const cause = (error as Error).cause as Error & Record<string, unknown>;
    expect(cause).toBeInstanceOf(Error);
    expect(cause).toMatchObject({
      name: 'AxiosError',
      code: 'ERR_BAD_REQUEST',
      message: 'Request failed with status code 401',
    });
    expect(Object.keys(cause).sort()).toEqual(['code', 'name']);
  });
});
