import { TmdbConfigurationError, type TmdbApiError, type TmdbAuthClientOptions } from 'tmdb-auth-client';
import { AuthApi, Configuration } from 'tmdb-auth-client/generated/v4';
import { EMULATOR_ACCESS_TOKEN, EMULATOR_API_KEY, type TmdbEmulator } from 'tmdb-auth-client/testing';
import { browse, closeEmulatorAfterEach, emulatorClient, startEmulator } from '../helpers/emulator';
import { fakeTime } from '../helpers/fake-time';
import { jwtClaims } from '../helpers/fixtures';
import { rejectionOf } from '../helpers/tmdb';

const MINUTE = 60_000;
const REDIRECT = 'https://app.example/tmdb/done';

closeEmulatorAfterEach();
const start = startEmulator;

const clientOf = (target: TmdbEmulator, options: Partial<TmdbAuthClientOptions> = {}) =>
  emulatorClient(target, { accessToken: EMULATOR_ACCESS_TOKEN, ...options });

describe('v4 user authentication against the emulator', () => {
  it('runs the whole flow: request token, approval page, access token, v3 session from it, logout', async () => {
    const target = await start();
    const tmdb = clientOf(target);

    const token = await tmdb.v4.createRequestToken({ redirectTo: REDIRECT });
    const early = (await rejectionOf(tmdb.v4.createAccessToken(token))) as TmdbApiError;
    const page = await browse(tmdb.v4.approvalUrl(token));
    const { accessToken, accountId } = await tmdb.v4.createAccessToken(token);
    const { sessionId } = await tmdb.createSessionFromV4Token(accessToken);
    await tmdb.deleteSession(sessionId);
    await tmdb.v4.deleteAccessToken(accessToken);

    expect(early).toMatchObject({ code: 'request_token_not_approved', tmdbCode: 41, httpStatus: 422 });
    expect(page).toMatchObject({ status: 302, location: REDIRECT });
    expect(accountId).toMatch(/^[0-9a-f]{24}$/);
    expect(target.hasAccessToken(accessToken)).toBe(false);
    expect(target.hasSession(sessionId)).toBe(false);
    expect(target.violations).toEqual([]);
  });

  it('runs the same flow through the generated v4 client, on the v4 root with the read access token', async () => {
    const target = await start();
    const api = new AuthApi(new Configuration({ accessToken: EMULATOR_ACCESS_TOKEN }), target.v4BaseUrl);

    const created = (await api.authCreateRequestToken()).data;
    target.approve(created.request_token);
    const exchanged = (
      await api.authCreateAccessToken({ accessTokenRequest: { request_token: created.request_token } })
    ).data;
    const deleted = (await api.authLogout({ deleteAccessTokenRequest: { access_token: exchanged.access_token } })).data;

    expect(created).toMatchObject({ success: true, status_code: 1, status_message: 'Success.' });
    expect(exchanged).toMatchObject({ success: true, account_id: expect.stringMatching(/^[0-9a-f]{24}$/) });
    expect(deleted).toEqual({
      success: true,
      status_code: 13,
      status_message: 'The item/record was deleted successfully.',
    });
    expect(target.v4BaseUrl).toBe(target.baseUrl.replace(/\/3$/, '/4'));
    expect(target.violations).toEqual([]);
  });

  it('issues JWTs shaped like TMDb’s: request tokens expire in 15 minutes, access tokens carry the account and no exp', async () => {
    const target = await start();
    const tmdb = clientOf(target);

    const token = await tmdb.v4.createRequestToken({ redirectTo: REDIRECT });
    target.approve(token.requestToken);
    const { accessToken, accountId } = await tmdb.v4.createAccessToken(token);

    const request = jwtClaims(token.requestToken);
    expect(request).toMatchObject({ scopes: ['pending_request_token'], redirect_to: REDIRECT });
    expect((request['exp'] as number) - (request['nbf'] as number)).toBe(900);
    const access = jwtClaims(accessToken);
    expect(access).toMatchObject({ sub: accountId, scopes: ['api_read', 'api_write'], version: 2 });
    expect(access).not.toHaveProperty('exp');
  });

  it('refuses a deleted access token: no v3 session from it, and no second logout (code 35)', async () => {
    const target = await start();
    const tmdb = clientOf(target);
    const token = await tmdb.v4.createRequestToken();
    target.approve(token.requestToken);
    const { accessToken } = await tmdb.v4.createAccessToken(token);

    await tmdb.v4.deleteAccessToken(accessToken);

    await expect(rejectionOf(tmdb.createSessionFromV4Token(accessToken))).resolves.toMatchObject({
      code: 'invalid_token',
      tmdbCode: 35,
    });
    await expect(rejectionOf(tmdb.v4.deleteAccessToken(accessToken, { maxRetries: 0 }))).resolves.toMatchObject({
      code: 'invalid_token',
      tmdbCode: 35,
    });
  });

  it('consumes a request token: a second exchange is refused with code 33', async () => {
    const target = await start();
    const tmdb = clientOf(target);
    const token = await tmdb.v4.createRequestToken();
    target.approve(token.requestToken);
    await tmdb.v4.createAccessToken(token);

    await expect(rejectionOf(tmdb.v4.createAccessToken(token))).resolves.toMatchObject({
      code: 'request_token_invalid',
      tmdbCode: 33,
    });
  });

  it('answers an unapproved token with the code it is told to (17 here), which the client reads the same way', async () => {
    const target = await start({ v4UnapprovedTokenCode: 17 });
    const tmdb = clientOf(target);
    const token = await tmdb.v4.createRequestToken();

    await expect(rejectionOf(tmdb.v4.createAccessToken(token))).resolves.toMatchObject({
      code: 'request_token_not_approved',
      tmdbCode: 17,
      httpStatus: 401,
    });
    expect(target.violations).toEqual([]);
  });

  it('adds request_token and approved=true to redirect_to when told to, and shows a page when there is none', async () => {
    const target = await start({ v4RedirectAddsToken: true });
    const tmdb = clientOf(target);
    const redirected = await tmdb.v4.createRequestToken({ redirectTo: REDIRECT });
    const plain = await tmdb.v4.createRequestToken();

    const landing = new URL((await browse(tmdb.v4.approvalUrl(redirected))).location ?? '');
    const page = await browse(tmdb.v4.approvalUrl(plain));
    const unknown = await browse(`${target.approvalBaseUrl}/auth/access?request_token=nope`);

    expect(landing.origin + landing.pathname).toBe(REDIRECT);
    expect(Object.fromEntries(landing.searchParams)).toEqual({
      request_token: redirected.requestToken,
      approved: 'true',
    });
    expect(page.status).toBe(200);
    expect(unknown.status).toBe(404);
  });

  it('expires request tokens after 15 minutes by its own clock; the client’s expiresAt is on the client’s clock', async () => {
    const emulatorClock = fakeTime();
    const clientClock = fakeTime(emulatorClock.now() - 3 * MINUTE); // the client's clock is 3 minutes slow
    const target = await start({ now: emulatorClock.now });
    const tmdb = clientOf(target, { now: clientClock.now });

    const token = await tmdb.v4.createRequestToken();
    expect(token.expiresAt.getTime()).toBe(clientClock.now() + 15 * MINUTE);
    emulatorClock.advance(15 * MINUTE);
    expect(() => target.approve(token.requestToken)).toThrow(/no live request token/);
    await expect(rejectionOf(tmdb.v4.createAccessToken(token))).resolves.toMatchObject({ tmdbCode: 33 });
  });

  it('applies injected faults: a 429 on the exchange is retried, a 500 on it is not, a 500 on logout is', async () => {
    const target = await start();
    const tmdb = clientOf(target);
    const token = await tmdb.v4.createRequestToken();
    target.approve(token.requestToken);

    target.inject({ type: 'server-error', status: 500 }, { route: 'auth-create-access-token' });
    await expect(rejectionOf(tmdb.v4.createAccessToken(token))).resolves.toMatchObject({
      attempts: 1,
      httpStatus: 500,
    });
    target.inject({ type: 'rate-limit', retryAfterSeconds: 1 }, { route: 'POST /auth/access_token' });
    const { accessToken } = await tmdb.v4.createAccessToken(token);
    target.inject({ type: 'server-error', status: 500 }, { route: 'auth-logout' });
    await tmdb.v4.deleteAccessToken(accessToken);

    expect(target.requests.filter((r) => r.path.startsWith('/4/')).map((r) => `${r.method} ${r.status}`)).toEqual([
      'POST 200',
      'POST 500',
      'POST 429',
      'POST 200',
      'DELETE 500',
      'DELETE 200',
    ]);
  });

  it('takes no API key on v4: the emulator answers 7, and a client with only apiKey refuses before sending', async () => {
    const target = await start();
    const raw = await fetch(`${target.v4BaseUrl}/auth/request_token?api_key=${EMULATOR_API_KEY}`, { method: 'POST' });
    const tmdb = clientOf(target, { accessToken: undefined, apiKey: EMULATOR_API_KEY });
    const before = target.requests.length;

    const error = await tmdb.v4.createRequestToken().catch((reason: unknown) => reason);

    expect(raw.status).toBe(401);
    expect(await raw.json()).toMatchObject({ status_code: 7 });
    expect(error).toBeInstanceOf(TmdbConfigurationError);
    expect(error).toMatchObject({ option: 'accessToken', attempts: 0 });
    expect(target.requests.length).toBe(before);
  });

  it('finds the v4 root from v4BaseUrl when baseUrl does not end in /3, and refuses without it', async () => {
    const target = await start();
    const origin = target.approvalBaseUrl;
    const withoutRoot = clientOf(target, { baseUrl: `${origin}/api` });
    const withRoot = clientOf(target, { baseUrl: `${origin}/api`, v4BaseUrl: target.v4BaseUrl });

    const error = await withoutRoot.v4.createRequestToken().catch((reason: unknown) => reason);
    const token = await withRoot.v4.createRequestToken();

    expect(error).toBeInstanceOf(TmdbConfigurationError);
    expect(error).toMatchObject({ option: 'v4BaseUrl' });
    expect(token.requestToken).toMatch(/^eyJ/);
  });
});
