import nock from 'nock';
import { TmdbArgumentError, TmdbConfigurationError, type TmdbAuthClientOptions } from 'tmdb-auth-client';
import { httpDate } from './helpers/fake-time';
import { leakedSecrets } from './helpers/secret-scan';
import {
  ACCESS_TOKEN,
  API_KEY,
  REQUEST_TOKEN,
  V4_ACCOUNT_ID,
  V4_REQUEST_TOKEN,
  V4_USER_ACCESS_TOKEN,
  rejectionOf,
  testClient,
} from './helpers/tmdb';

const V4 = 'https://api.themoviedb.org/4';
const MINUTE = 60_000;
const EXP_MS = Date.parse('2026-03-01T12:15:00Z'); // V4_REQUEST_TOKEN's exp

/** A client with the app's read access token (no API key: v4 takes none), its clock at 12:00 on 1 March 2026. */
function v4Client(options: Partial<TmdbAuthClientOptions> = {}) {
  return testClient({ apiKey: undefined, accessToken: ACCESS_TOKEN, ...options }, Date.parse('2026-03-01T12:00:00Z'));
}

const tokenAnswer = (requestToken: string) => ({
  success: true,
  status_code: 1,
  status_message: 'Success.',
  request_token: requestToken,
});

describe('tmdb.v4.createRequestToken', () => {
  it('sends the app’s read access token as Bearer to the v4 root, with redirect_to in a JSON body', async () => {
    const scope = nock(V4, { reqheaders: { authorization: `Bearer ${ACCESS_TOKEN}` } })
      .post('/auth/request_token', { redirect_to: 'https://app.example/done' })
      .reply(200, tokenAnswer(V4_REQUEST_TOKEN));

    await v4Client().client.v4.createRequestToken({ redirectTo: 'https://app.example/done' });

    scope.done();
  });

  it('reads expiresAt from the token’s exp claim, moved onto the local clock with the Date header', async () => {
    // TMDb's clock says 12:05 when it answers, so the token has 10 minutes left; the local clock says 12:00.
    nock(V4)
      .post('/auth/request_token')
      .reply(200, tokenAnswer(V4_REQUEST_TOKEN), { Date: httpDate(EXP_MS - 10 * MINUTE) });
    const { client, time } = v4Client();

    const token = await client.v4.createRequestToken();

    expect(token).toEqual({ requestToken: V4_REQUEST_TOKEN, expiresAt: new Date(time.now() + 10 * MINUTE) });
  });

  it('takes exp as it stands without a Date header, and 15 minutes from the answer for a token without exp', async () => {
    nock(V4).post('/auth/request_token').reply(200, tokenAnswer(V4_REQUEST_TOKEN));
    nock(V4).post('/auth/request_token').reply(200, tokenAnswer(REQUEST_TOKEN));
    const { client, time } = v4Client();

    const withExp = await client.v4.createRequestToken();
    const withoutExp = await client.v4.createRequestToken();

    expect(withExp.expiresAt).toEqual(new Date(EXP_MS));
    expect(withoutExp.expiresAt).toEqual(new Date(time.now() + 15 * MINUTE));
  });

  it('refuses a redirectTo that is not an absolute URL, before sending', async () => {
    const error = await rejectionOf(v4Client().client.v4.createRequestToken({ redirectTo: '/relative' }));
    expect(error).toBeInstanceOf(TmdbArgumentError);
    expect(error).toMatchObject({ argument: 'redirectTo' });
  });
});

describe('tmdb.v4.createAccessToken and deleteAccessToken', () => {
  it('exchanges a request token (string or object) for the access token and account id', async () => {
    nock(V4).post('/auth/access_token', { request_token: V4_REQUEST_TOKEN }).twice().reply(200, {
      success: true,
      status_code: 1,
      status_message: 'Success.',
      access_token: V4_USER_ACCESS_TOKEN,
      account_id: V4_ACCOUNT_ID,
    });
    const { client } = v4Client();
    const expected = { accessToken: V4_USER_ACCESS_TOKEN, accountId: V4_ACCOUNT_ID };

    await expect(client.v4.createAccessToken(V4_REQUEST_TOKEN)).resolves.toEqual(expected);
    const token = { requestToken: V4_REQUEST_TOKEN, expiresAt: new Date() };
    await expect(client.v4.createAccessToken(token)).resolves.toEqual(expected);
  });

  it('sends the user’s token in the DELETE body, and the app’s in the header', async () => {
    const scope = nock(V4, { reqheaders: { authorization: `Bearer ${ACCESS_TOKEN}` } })
      .delete('/auth/access_token', { access_token: V4_USER_ACCESS_TOKEN })
      .reply(200, { success: true, status_code: 13, status_message: 'The item/record was deleted successfully.' });

    await expect(v4Client().client.v4.deleteAccessToken(V4_USER_ACCESS_TOKEN)).resolves.toBeUndefined();
    scope.done();
  });

  it.each([
    [17, 401],
    [41, 422],
  ])('calls TMDb code %i (HTTP %i) for an unapproved token request_token_not_approved', async (tmdbCode, status) => {
    nock(V4)
      .post('/auth/access_token')
      .reply(status, { success: false, status_code: tmdbCode, status_message: 'Not approved.' });

    const error = await rejectionOf(v4Client().client.v4.createAccessToken(V4_REQUEST_TOKEN));

    expect(error).toMatchObject({ code: 'request_token_not_approved', tmdbCode, httpStatus: status, attempts: 1 });
    // The advice is v4's: where to approve a v4 token and what to call next, not v3's session steps.
    expect((error as Error).message).toContain('tmdb.v4.approvalUrl(requestToken)');
    expect((error as Error).message).toContain('tmdb.v4.createAccessToken');
    expect((error as Error).message).not.toMatch(/session/i);
  });

  it('keeps request tokens, access tokens and account ids out of errors, even when TMDb quotes them', async () => {
    const echo = `token ${V4_REQUEST_TOKEN}, user ${V4_USER_ACCESS_TOKEN}, account ${V4_ACCOUNT_ID}, "account_id": "${V4_ACCOUNT_ID}", app Bearer ${ACCESS_TOKEN}`;
    nock(V4).post('/auth/access_token').reply(401, { success: false, status_code: 33, status_message: echo });
    nock(V4).delete('/auth/access_token').reply(401, { success: false, status_code: 35, status_message: echo });
    const { client } = v4Client({ maxRetries: 0 });
    const secrets = { V4_REQUEST_TOKEN, V4_USER_ACCESS_TOKEN, V4_ACCOUNT_ID, ACCESS_TOKEN };

    const errors = [
      await rejectionOf(client.v4.createAccessToken(V4_REQUEST_TOKEN)),
      await rejectionOf(client.v4.deleteAccessToken(V4_USER_ACCESS_TOKEN)),
    ];

    for (const error of errors) expect(leakedSecrets(error, secrets)).toEqual([]);
  });
});

describe('the v4 API root and credentials', () => {
  it('derives v4BaseUrl from a baseUrl ending in /3, and takes one given explicitly', async () => {
    nock('http://127.0.0.1:9/4').post('/auth/request_token').reply(200, tokenAnswer(V4_REQUEST_TOKEN));
    nock('https://proxy.example/tmdb-v4').post('/auth/request_token').reply(200, tokenAnswer(V4_REQUEST_TOKEN));

    await v4Client({ baseUrl: 'http://127.0.0.1:9/3' }).client.v4.createRequestToken();
    await v4Client({
      baseUrl: 'https://proxy.example/tmdb',
      v4BaseUrl: 'https://proxy.example/tmdb-v4',
    }).client.v4.createRequestToken();

    expect(nock.isDone()).toBe(true);
  });

  it('refuses a v4 call, naming v4BaseUrl, when baseUrl does not end in /3 and v4BaseUrl is not given', async () => {
    const { client } = v4Client({ baseUrl: 'https://proxy.example/tmdb' });

    for (const call of [
      client.v4.createRequestToken(),
      client.v4.createAccessToken(V4_REQUEST_TOKEN),
      client.v4.deleteAccessToken(V4_USER_ACCESS_TOKEN),
    ]) {
      const error = await rejectionOf(call);
      expect(error).toBeInstanceOf(TmdbConfigurationError);
      expect(error).toMatchObject({ option: 'v4BaseUrl', attempts: 0 });
    }
  });

  it('refuses a v4 call, naming accessToken, on a client with only an API key: v4 takes no api_key', async () => {
    const { client } = v4Client({ accessToken: undefined, apiKey: API_KEY });

    const error = await rejectionOf(client.v4.createRequestToken());

    expect(error).toBeInstanceOf(TmdbConfigurationError);
    expect(error).toMatchObject({ option: 'accessToken', attempts: 0 });
    expect((error as Error).message).toMatch(/API Read Access Token/);
  });

  it('refuses an unusable v4BaseUrl when the client is built, as it does baseUrl', () => {
    expect(() => v4Client({ v4BaseUrl: 'http://api.example/4' })).toThrow(
      expect.objectContaining({ name: 'TmdbConfigurationError', option: 'v4BaseUrl' }),
    );
  });
});

describe('tmdb.v4.approvalUrl', () => {
  it('points at TMDb’s v4 approval page, from a string or the object createRequestToken returned', () => {
    const { client } = v4Client();
    const expected = `https://www.themoviedb.org/auth/access?request_token=${V4_REQUEST_TOKEN}`;

    expect(client.v4.approvalUrl(V4_REQUEST_TOKEN)).toBe(expected);
    expect(client.v4.approvalUrl({ requestToken: V4_REQUEST_TOKEN })).toBe(expected);
    expect(v4Client({ approvalBaseUrl: 'http://127.0.0.1:8632' }).client.v4.approvalUrl('a+b&c')).toBe(
      'http://127.0.0.1:8632/auth/access?request_token=a%2Bb%26c',
    );
  });
});
