import nock from 'nock';
import { TmdbAbortError, TmdbApiError } from 'tmdb-auth-client';
import {
  ACCESS_TOKEN,
  BASE_URL,
  SESSION_ID,
  V4_USER_ACCESS_TOKEN,
  errorBody,
  rejectionOf,
  testClient,
  tokenBody,
} from './helpers/tmdb';

const SESSION_PATH = '/authentication/session';
const NOT_FOUND = errorBody(37, 'The requested session could not be found.');
const DELETED = { success: true };

function deleteSession() {
  return nock(BASE_URL).delete(SESSION_PATH, { session_id: SESSION_ID }).query(true);
}

describe('deleteSession after an ambiguous failure', () => {
  it('resolves when the resend after a reset is answered "not found" (37): the first attempt deleted it', async () => {
    const reset = deleteSession().replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    const gone = deleteSession().reply(404, NOT_FOUND);
    const { client } = testClient();

    await expect(client.deleteSession(SESSION_ID)).resolves.toBeUndefined();

    reset.done();
    gone.done();
  });

  it('resolves when the resend after a timeout is answered "not found" (37)', async () => {
    // The limit covers the whole attempt, and nock takes some 20 ms a request on a busy machine: room for the resend.
    const slow = deleteSession().delay(1_500).reply(200, DELETED);
    const gone = deleteSession().reply(404, NOT_FOUND);
    const { client } = testClient({ timeoutMs: 250 });

    await expect(client.deleteSession(SESSION_ID)).resolves.toBeUndefined();

    slow.done();
    gone.done();
  });

  it('reports "not found" when it came on the first attempt', async () => {
    const gone = deleteSession().reply(404, NOT_FOUND);
    const { client } = testClient();

    const error = await rejectionOf(client.deleteSession(SESSION_ID));

    expect(error).toBeInstanceOf(TmdbApiError);
    expect(error).toMatchObject({ code: 'session_not_found', tmdbCode: 37, attempts: 1 });
    gone.done();
  });

  it('reports "not found" after a failure TMDb did not act on (a refused connection, a 503)', async () => {
    const refused = deleteSession().replyWithError(
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    );
    const offline = deleteSession().reply(503, errorBody(9, 'Service offline.'));
    const gone = deleteSession().reply(404, NOT_FOUND);
    const { client } = testClient();

    const error = await rejectionOf(client.deleteSession(SESSION_ID));

    expect(error).toMatchObject({ code: 'session_not_found', attempts: 3 });
    refused.done();
    offline.done();
    gone.done();
  });
});

describe('v4 deleteAccessToken after an ambiguous failure', () => {
  const V4_ROOT = 'https://api.themoviedb.org/4';
  const INVALID = errorBody(35, 'Invalid token.');
  const deleteAccessToken = () =>
    nock(V4_ROOT).delete('/auth/access_token', { access_token: V4_USER_ACCESS_TOKEN }).query(true);
  const v4Client = () => testClient({ apiKey: undefined, accessToken: ACCESS_TOKEN }).client;

  it('resolves when the resend after a reset is told the token is unknown (35): the first attempt deleted it', async () => {
    const reset = deleteAccessToken().replyWithError(
      Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
    );
    const gone = deleteAccessToken().reply(401, INVALID);

    await expect(v4Client().v4.deleteAccessToken(V4_USER_ACCESS_TOKEN)).resolves.toBeUndefined();

    reset.done();
    gone.done();
  });

  it('reports the unknown token when it came on the first attempt', async () => {
    const scope = deleteAccessToken().reply(401, INVALID);

    const error = await rejectionOf(v4Client().v4.deleteAccessToken(V4_USER_ACCESS_TOKEN));

    expect(error).toMatchObject({ name: 'TmdbApiError', tmdbCode: 35, attempts: 1 });
    scope.done();
  });
});

describe('one AbortSignal shared by 200 concurrent calls', () => {
  test.each([
    ['through the rate gate', {}],
    ['with the gate off (all 200 in flight)', { rateGate: false as const, maxConcurrency: 200 }],
  ])(
    '%s: no listener per call (no MaxListenersExceededWarning), and aborting ends all 200 at once',
    async (_, options) => {
      const warnings: Error[] = [];
      const onWarning = (warning: Error) => warnings.push(warning);
      process.on('warning', onWarning);
      try {
        // Answers that would take a minute: only the abort ends these calls.
        const scope = nock(BASE_URL)
          .get('/authentication/token/new')
          .query(true)
          .times(200)
          .delay(60_000)
          .reply(200, tokenBody('2030-01-01 00:00:00 UTC'));
        const { client } = testClient(options);
        const controller = new AbortController();

        const calls = Array.from({ length: 200 }, () => client.createRequestToken({ signal: controller.signal }));
        // Let the first window of requests leave, and the rest queue at the gate.
        await new Promise((resolve) => setTimeout(resolve, 50));
        controller.abort(new Error('page closed'));
        // The answers would take a minute, past jest's timeout: settling at all means the abort ended every call.
        const outcomes = await Promise.allSettled(calls);
        await new Promise((resolve) => setImmediate(resolve));

        expect(outcomes.every((o) => o.status === 'rejected' && o.reason instanceof TmdbAbortError)).toBe(true);
        expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
        scope.persist(false);
      } finally {
        process.off('warning', onWarning);
        // nock's delayed answers are timers of their own; left pending, they keep jest from exiting for a minute.
        nock.abortPendingRequests();
      }
    },
  );
});
