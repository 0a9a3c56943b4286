import nock from 'nock';
import { TmdbAbortError, TmdbApiError, type TmdbAuthClient } from 'tmdb-auth-client';
import { httpDate, tmdbDate } from './helpers/fake-time';
import { BASE_URL, SESSION_ID, errorBody, heldAnswer, rejectionOf, testClient, tokenBody } from './helpers/tmdb';

const HOUR = 3_600_000;

function tokenAnswer(now: number, token: string, lifeMs = HOUR) {
  return nock(BASE_URL)
    .get('/authentication/token/new')
    .query(true)
    .reply(200, tokenBody(tmdbDate(now + lifeMs), token), { Date: httpDate(now) });
}

/** The next `getValidRequestToken()` creates a new token (TMDb answers 'b' * 40); `used` were all answered. */
async function expectAFreshToken(client: TmdbAuthClient, nowMs: number, ...used: nock.Scope[]) {
  const fresh = tokenAnswer(nowMs, 'b'.repeat(40));
  await expect(client.getValidRequestToken()).resolves.toMatchObject({ requestToken: 'b'.repeat(40) });
  [...used, fresh].forEach((scope) => scope.done());
}

describe('getValidRequestToken', () => {
  it('shares one request among any number of concurrent callers', async () => {
    const { client, time } = testClient();
    const scope = tokenAnswer(time.now(), 'a'.repeat(40));

    const tokens = await Promise.all(Array.from({ length: 50 }, () => client.getValidRequestToken()));

    expect(new Set(tokens.map((t) => t.requestToken))).toEqual(new Set(['a'.repeat(40)]));
    scope.done();
  });

  it('hands out the cached token while it has more than the margin of life left', async () => {
    const { client, time } = testClient({ requestTokenMarginMs: 60_000 });
    const scope = tokenAnswer(time.now(), 'a'.repeat(40));

    const first = await client.getValidRequestToken();
    time.advance(HOUR - 60_001);
    const second = await client.getValidRequestToken();

    expect(second).toBe(first);
    scope.done();
  });

  it('creates a new token once the cached one is within the margin of expiry', async () => {
    const { client, time } = testClient({ requestTokenMarginMs: 60_000 });
    const first = tokenAnswer(time.now(), 'a'.repeat(40));
    await client.getValidRequestToken();
    time.advance(HOUR - 60_000);

    await expectAFreshToken(client, time.now(), first);
  });

  it('drops a token once a session was created from it (TMDb consumes it)', async () => {
    const { client, time } = testClient();
    const first = tokenAnswer(time.now(), 'a'.repeat(40));
    const token = await client.getValidRequestToken();
    nock(BASE_URL)
      .post('/authentication/session/new')
      .query(true)
      .reply(200, { success: true, session_id: SESSION_ID });
    await client.createSession(token);

    await expectAFreshToken(client, time.now(), first);
  });

  it('drops a token TMDb refused to make a session from', async () => {
    const { client, time } = testClient();
    tokenAnswer(time.now(), 'a'.repeat(40));
    const token = await client.getValidRequestToken();
    nock(BASE_URL).post('/authentication/session/new').query(true).reply(401, errorBody(33, 'Invalid request token.'));
    await rejectionOf(client.createSession(token));
    const second = tokenAnswer(time.now(), 'b'.repeat(40));

    await expect(client.getValidRequestToken()).resolves.toMatchObject({ requestToken: 'b'.repeat(40) });
    second.done();
  });

  it('fails every waiting caller when the shared request fails, and tries again on the next call', async () => {
    const { client, time } = testClient({ maxRetries: 0 });
    const failing = nock(BASE_URL)
      .get('/authentication/token/new')
      .query(true)
      .reply(401, errorBody(7, 'Invalid API key.'));

    const results = await Promise.allSettled([client.getValidRequestToken(), client.getValidRequestToken()]);

    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason).toBeInstanceOf(TmdbApiError);
    failing.done();
    const next = tokenAnswer(time.now(), 'c'.repeat(40));
    await expect(client.getValidRequestToken()).resolves.toMatchObject({ requestToken: 'c'.repeat(40) });
    next.done();
  });

  it('lets one caller abort its wait without failing the others', async () => {
    const { client, time } = testClient();
    const answer = heldAnswer(200, tokenBody(tmdbDate(time.now() + HOUR), 'a'.repeat(40)));
    const scope = nock(BASE_URL).get('/authentication/token/new').query(true).reply(answer.reply);
    const controller = new AbortController();

    const impatient = client.getValidRequestToken({ signal: controller.signal });
    const patient = client.getValidRequestToken();
    await answer.arrived();
    controller.abort();
    answer.release();

    await expect(impatient).rejects.toBeInstanceOf(TmdbAbortError);
    await expect(patient).resolves.toMatchObject({ requestToken: 'a'.repeat(40) });
    scope.done();
  });
});

describe('getValidRequestToken({ key }): one token per user', () => {
  it('gives different keys different tokens, and the same key the same one', async () => {
    const { client, time } = testClient();
    const scope = nock(BASE_URL)
      .get('/authentication/token/new')
      .query(true)
      .reply(200, tokenBody(tmdbDate(time.now() + HOUR), 'a'.repeat(40)), { Date: httpDate(time.now()) })
      .get('/authentication/token/new')
      .query(true)
      .reply(200, tokenBody(tmdbDate(time.now() + HOUR), 'b'.repeat(40)), { Date: httpDate(time.now()) });

    const [ada, bob] = await Promise.all([
      client.getValidRequestToken({ key: 'ada' }),
      client.getValidRequestToken({ key: 'bob' }),
    ]);
    const adaAgain = await client.getValidRequestToken({ key: 'ada' });

    expect(ada.requestToken).not.toBe(bob.requestToken);
    expect(adaAgain).toBe(ada);
    scope.done();
  });

  it('keeps the keyless scope apart from every key', async () => {
    const { client, time } = testClient();
    tokenAnswer(time.now(), 'a'.repeat(40));
    tokenAnswer(time.now(), 'b'.repeat(40));

    const single = await client.getValidRequestToken();
    const keyed = await client.getValidRequestToken({ key: 'ada' });

    expect(keyed.requestToken).not.toBe(single.requestToken);
  });

  it('sends one request for 1,000 concurrent callers with one key', async () => {
    const { client, time } = testClient();
    const scope = tokenAnswer(time.now(), 'a'.repeat(40));

    const tokens = await Promise.all(Array.from({ length: 1_000 }, () => client.getValidRequestToken({ key: 'ada' })));

    expect(new Set(tokens.map((t) => t.requestToken))).toEqual(new Set(['a'.repeat(40)]));
    scope.done();
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('drops a token from its key once a session was created from it', async () => {
    const { client, time } = testClient();
    tokenAnswer(time.now(), 'a'.repeat(40));
    const token = await client.getValidRequestToken({ key: 'ada' });
    nock(BASE_URL)
      .post('/authentication/session/new')
      .query(true)
      .reply(200, { success: true, session_id: SESSION_ID });
    await client.createSession(token);
    const second = tokenAnswer(time.now(), 'b'.repeat(40));

    await expect(client.getValidRequestToken({ key: 'ada' })).resolves.toMatchObject({ requestToken: 'b'.repeat(40) });
    second.done();
  });
});
