import type { TmdbApiError } from 'tmdb-auth-client';
import { AuthenticationApi, Configuration } from 'tmdb-auth-client/generated';
import { EMULATOR_ACCESS_TOKEN, EMULATOR_API_KEY, EMULATOR_USER, type TmdbEmulator } from 'tmdb-auth-client/testing';
import { browse, closeEmulatorAfterEach, emulatorClient, startEmulator } from '../helpers/emulator';
import { fakeTime } from '../helpers/fake-time';
import { errorBody, rejectionOf } from '../helpers/tmdb';

const HOUR = 60 * 60_000;

closeEmulatorAfterEach();
const start = startEmulator;

const clientOf = emulatorClient;

describe.each([
  { name: 'an API key', credentials: { apiKey: EMULATOR_API_KEY } },
  { name: 'a Bearer read access token', credentials: { accessToken: EMULATOR_ACCESS_TOKEN } },
])('the emulator, used through the client with $name', ({ credentials }) => {
  it('runs the whole flow over a real socket: token, approval page, session, guest session, logout', async () => {
    const target = await start();
    const tmdb = clientOf(target, credentials);

    const token = await tmdb.createRequestToken();
    const page = await browse(tmdb.approvalUrl(token));
    expect(page.status).toBe(200);
    const { sessionId } = await tmdb.createSession(token);
    expect(target.hasSession(sessionId)).toBe(true);
    const guest = await tmdb.createGuestSession();
    expect(target.hasGuestSession(guest.guestSessionId)).toBe(true);
    await tmdb.deleteSession(sessionId);
    expect(target.hasSession(sessionId)).toBe(false);
    await expect(tmdb.validateKey()).resolves.toEqual({ statusCode: 1, statusMessage: 'Success.' });

    expect(target.violations).toEqual([]);
  });
});

describe('the emulator', () => {
  it('refuses an unknown API key and an unknown Bearer token with code 7', async () => {
    const target = await start();
    for (const credentials of [{ apiKey: 'ffffffffffffffffffffffffffffffff' }, { accessToken: 'eyJ.eyJ.nope' }]) {
      const error = (await rejectionOf(clientOf(target, credentials).createRequestToken())) as TmdbApiError;
      expect(error).toMatchObject({ httpStatus: 401, tmdbCode: 7, code: 'invalid_api_key' });
      expect(error.tmdbMessage).toBe('Invalid API key: You must be granted a valid key.');
    }
    expect(target.violations).toEqual([]);
  });

  it('answers 401 with code 17 ("Session denied.") for a token the user has not approved', async () => {
    const target = await start();
    const tmdb = clientOf(target);
    const token = await tmdb.createRequestToken();
    const error = (await rejectionOf(tmdb.createSession(token))) as TmdbApiError;
    expect(error).toMatchObject({ httpStatus: 401, tmdbCode: 17, tmdbMessage: 'Session denied.' });
  });

  test.each([
    [41, 422, 'request_token_not_approved'],
    [33, 401, 'request_token_invalid'],
  ] as const)('answers code %i (HTTP %i) for an unapproved token when told to', async (code, status, errorCode) => {
    const target = await start({ unapprovedTokenCode: code });
    const tmdb = clientOf(target);
    const error = (await rejectionOf(tmdb.createSession(await tmdb.createRequestToken()))) as TmdbApiError;
    expect(error).toMatchObject({ httpStatus: status, tmdbCode: code, code: errorCode });
    expect(target.violations).toEqual([]);
  });

  it('consumes a request token when it makes a session from it', async () => {
    const target = await start();
    const tmdb = clientOf(target);
    const token = await tmdb.createRequestToken();
    target.approve(token.requestToken);
    await tmdb.createSession(token);
    const error = (await rejectionOf(tmdb.createSession(token))) as TmdbApiError;
    expect(error).toMatchObject({ httpStatus: 401, tmdbCode: 33, code: 'request_token_invalid' });
    expect(() => target.approve(token.requestToken)).toThrow(/no live request token/);
  });

  it('expires request tokens after the configured lifetime, by its own clock', async () => {
    const clock = fakeTime();
    const target = await start({ now: clock.now, requestTokenLifetimeMs: 15 * 60_000 });
    const tmdb = clientOf(target, { apiKey: EMULATOR_API_KEY, now: clock.now });
    const token = await tmdb.createRequestToken();
    expect(token.expiresAt.getTime()).toBe(clock.now() + 15 * 60_000);
    target.approve(token.requestToken);

    clock.advance(15 * 60_000);
    const error = (await rejectionOf(tmdb.createSession(token))) as TmdbApiError;
    expect(error).toMatchObject({ tmdbCode: 33, code: 'request_token_invalid' });
    expect((await browse(tmdb.approvalUrl(token))).status).toBe(404);
  });

  it('says a malformed approval link names no token it issued', async () => {
    const target = await start();
    const page = await browse(`${target.approvalBaseUrl}/authenticate/%E0%A4%A`);
    expect(page.status).toBe(404);
    expect(page.body).toContain('invalid');
  });

  it('stamps every answer with a Date header from its clock, in step with expires_at', async () => {
    const clock = fakeTime(Date.UTC(2016, 7, 26, 16, 4, 39));
    const target = await start({ now: clock.now });
    const api = new AuthenticationApi(new Configuration({ apiKey: EMULATOR_API_KEY }), target.baseUrl);
    const response = await api.getNewAuthenticationToken();
    expect(response.headers['date']).toBe('Fri, 26 Aug 2016 16:04:39 GMT');
    expect(response.data.expires_at).toBe('2016-08-26 17:04:39 UTC');
  });

  it('gives guest sessions an expires_at and forgets them once it has passed', async () => {
    const clock = fakeTime();
    const target = await start({ now: clock.now, guestSessionLifetimeMs: HOUR });
    const guest = await clientOf(target, { apiKey: EMULATOR_API_KEY, now: clock.now }).createGuestSession();
    expect(guest.expiresAt.getTime()).toBe(clock.now() + HOUR);
    clock.advance(HOUR);
    expect(target.hasGuestSession(guest.guestSessionId)).toBe(false);
  });

  it('validates a token with a configured login, and refuses a wrong one with code 30', async () => {
    const target = await start({ users: [{ username: 'ada', password: 'correct horse' }] });
    const tmdb = clientOf(target);
    const { sessionId } = await tmdb.login({ username: 'ada', password: 'correct horse' });
    expect(target.hasSession(sessionId)).toBe(true);
    const error = (await rejectionOf(tmdb.login({ username: 'ada', password: 'wrong' }))) as TmdbApiError;
    expect(error).toMatchObject({ httpStatus: 401, tmdbCode: 30, code: 'invalid_credentials' });
    expect(target.violations).toEqual([]);
  });

  it('serves the seed GET forms of validate_with_login and session/new', async () => {
    const target = await start();
    const api = new AuthenticationApi(new Configuration({ apiKey: EMULATOR_API_KEY }), target.baseUrl);
    const token = (await api.getNewAuthenticationToken()).data.request_token as string;
    const validated = await api.getValidateAuthenticationTokenWithLogin({
      username: EMULATOR_USER.username,
      password: EMULATOR_USER.password,
      requestToken: token,
    });
    expect(validated.data).toMatchObject({ success: true, request_token: token });
    const session = await api.getNewAuthenticationSession({ requestToken: token });
    expect(target.hasSession(session.data.session_id as string)).toBe(true);
    expect(target.violations).toEqual([]);
  });

  it('creates a session from a v4 access token, and refuses what is not one with code 35', async () => {
    const target = await start();
    const tmdb = clientOf(target);
    const { sessionId } = await tmdb.createSessionFromV4Token('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln');
    expect(target.hasSession(sessionId)).toBe(true);
    await expect(rejectionOf(tmdb.createSessionFromV4Token('not-a-jwt'))).resolves.toMatchObject({ tmdbCode: 35 });
  });

  it('answers 404 with code 37 when asked to delete a session it does not know', async () => {
    const target = await start();
    const error = (await rejectionOf(
      clientOf(target).deleteSession('0000000000000000000000000000000000000000'),
    )) as TmdbApiError;
    expect(error).toMatchObject({ httpStatus: 404, tmdbCode: 37, code: 'session_not_found' });
  });

  it('approves on its approval page and follows redirect_to, adding the token and approved=true', async () => {
    const target = await start();
    const tmdb = clientOf(target);
    const token = await tmdb.createRequestToken();
    const page = await browse(tmdb.approvalUrl(token, { redirectTo: 'https://app.example/callback?x=1' }));
    expect(page.status).toBe(302);
    const location = new URL(page.location as string);
    expect(location.origin + location.pathname).toBe('https://app.example/callback');
    expect(Object.fromEntries(location.searchParams)).toEqual({
      x: '1',
      request_token: token.requestToken,
      approved: 'true',
    });
    await expect(tmdb.createSession(token)).resolves.toHaveProperty('sessionId');
  });
});

describe('the emulator checks every request against the spec', () => {
  async function post(target: TmdbEmulator, path: string, body: string, headers: Record<string, string> = {}) {
    const response = await fetch(`${target.baseUrl}${path}?api_key=${EMULATOR_API_KEY}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  test.each([
    ['a body without request_token', '/authentication/session/new', '{}', /required property 'request_token'/],
    ['a body that is not JSON', '/authentication/session/new', '{request_token:', /not valid JSON/],
    ['an empty body', '/authentication/session/convert/4', '', /required request body is missing/],
    ['a number for a string', '/authentication/session/new', '{"request_token": 5}', /must be string/],
  ])('answers 422 with code 5 to %s, and logs the violation', async (_name, path, body, problem) => {
    const target = await start();
    const answer = await post(target, path, body);
    expect(answer).toEqual({
      status: 422,
      body: errorBody(5, 'Invalid parameters: Your request parameters are incorrect.'),
    });
    expect(target.violations).toHaveLength(1);
    expect(target.violations[0]).toMatchObject({ direction: 'request', method: 'POST', path: `/3${path}` });
    expect(target.violations[0]?.problems.join('\n')).toMatch(problem);
  });

  it('answers 400 with code 26 to a login without a password, as TMDb does', async () => {
    const target = await start();
    const token = await clientOf(target).createRequestToken();
    const answer = await post(
      target,
      '/authentication/token/validate_with_login',
      JSON.stringify({ username: 'demo', password: '', request_token: token.requestToken }),
    );
    expect(answer).toEqual({
      status: 400,
      body: { success: false, status_code: 26, status_message: 'You must provide a username and password.' },
    });
    expect(target.violations[0]?.problems).toEqual([
      'request body: /password must NOT have fewer than 1 characters [schema #/properties/password/minLength]',
    ]);
  });

  it('logs a request without credentials as a violation, and answers it with code 7', async () => {
    const target = await start();
    const response = await fetch(`${target.baseUrl}/authentication/token/new`);
    expect(response.status).toBe(401);
    expect(target.violations[0]?.problems[0]).toMatch(/no credentials/);
  });

  it('answers 404 with code 34 to a path the spec does not have, and logs it', async () => {
    const target = await start();
    const response = await fetch(`${target.approvalBaseUrl}/authentication/token/new?api_key=${EMULATOR_API_KEY}`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ status_code: 34 });
    expect(target.violations[0]?.problems[0]).toMatch(/no operation GET \/authentication\/token\/new/);
  });

  it('keeps secrets out of its request log and violations', async () => {
    const target = await start();
    await post(target, '/authentication/token/validate_with_login', '{"username":"demo","password":"hunter2-secret"}');
    const logged = JSON.stringify([target.requests, target.violations]);
    expect(logged).not.toContain(EMULATOR_API_KEY);
    expect(logged).not.toContain('hunter2-secret');
  });
});
