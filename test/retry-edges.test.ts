import nock from 'nock';
import { TmdbAbortError, TmdbApiError } from 'tmdb-auth-client';
import {
  ACCESS_TOKEN,
  BASE_URL,
  SESSION_ID,
  TIMEOUT_MS,
  V4_USER_ACCESS_TOKEN,
  axiosTimeout,
  connectionRefused,
  connectionReset,
  errorBody,
  heldAnswer,
  rejectionOf,
  testClient,
  tokenBody,
} from './helpers/tmdb';

const SESSION_PATH = '/authentication/session';
const NOT_FOUND = errorBody(37, 'The requested session could not be found.');

function deleteSession() {
  return nock(BASE_URL).delete(SESSION_PATH, { session_id: SESSION_ID }).query(true);
}

describe('deleteSession after an ambiguous failure', () => {
  it('resolves when the resend after a reset is answered "not found" (37): the first attempt deleted it', async () => {
    const reset = deleteSession().replyWithError(connectionReset());
    const gone = deleteSession().reply(404, NOT_FOUND);
    const { client } = testClient();

    await expect(client.deleteSession(SESSION_ID)).resolves.toBeUndefined();

    reset.done();
    gone.done();
  });

  it('resolves when the resend after a timeout is answered "not found" (37)', async () => {
    const timedOut = deleteSession().replyWithError(axiosTimeout(TIMEOUT_MS));
    const gone = deleteSession().reply(404, NOT_FOUND);
    const { client } = testClient({ timeoutMs: TIMEOUT_MS });

    await expect(client.deleteSession(SESSION_ID)).resolves.toBeUndefined();

    timedOut.done();
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
    const refused = deleteSession().replyWithError(connectionRefused());
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
    const reset = deleteAccessToken().replyWithError(connectionReset());
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
    // Through the gate, the abort comes once requests are in flight and the rest wait at the gate.
    ['through the rate gate', {}, 1],
    ['with the gate off (all 200 in flight)', { rateGate: false as const, maxConcurrency: 200 }, 200],
  ])(
    '%s: no listener per call (no MaxListenersExceededWarning), and aborting ends all 200 at once',
    async (_, options, inFlight) => {
      const warnings: Error[] = [];
      const onWarning = (warning: Error) => warnings.push(warning);
      process.on('warning', onWarning);
      try {
        // Answers that never come: only the abort ends these calls.
        const answer = heldAnswer(200, tokenBody('2030-01-01 00:00:00 UTC'));
        nock(BASE_URL).get('/authentication/token/new').query(true).times(200).reply(answer.reply);
        const { client } = testClient(options);
        const controller = new AbortController();

        const calls = Array.from({ length: 200 }, () => client.createRequestToken({ signal: controller.signal }));
        await answer.arrived(inFlight);
        controller.abort(new Error('page closed'));
        // Settling at all means the abort ended every call, those in flight and those queued at the gate.
        const outcomes = await Promise.allSettled(calls);
        await new Promise((resolve) => setImmediate(resolve));

        expect(outcomes.every((o) => o.status === 'rejected' && o.reason instanceof TmdbAbortError)).toBe(true);
        expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
      } finally {
        process.off('warning', onWarning);
      }
    },
  );
});
