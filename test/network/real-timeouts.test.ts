import nock from 'nock';
import { TmdbTimeoutError } from 'tmdb-auth-client';
import { closeEmulatorAfterEach, emulatorClient, startEmulator } from '../helpers/emulator';
import { sleepUntilAborted } from '../helpers/fake-time';
import { BASE_URL, axiosTimeout, rejectionOf, testClient } from '../helpers/tmdb';

// The per-attempt timeout is axios's own timer, so these tests wait on it for real (tens of milliseconds). The unit
// suites raise axios's timeout error themselves (axiosTimeout), without the wait; the first test holds them to it.

closeEmulatorAfterEach();

const getToken = () => nock(BASE_URL).get('/authentication/token/new').query(true);

/** The error a call ends with, as a caller sees it and as it serialises. */
function seen(error: unknown) {
  return { type: (error as Error).constructor, ...JSON.parse(JSON.stringify(error)) };
}

describe('a real per-attempt timeout', () => {
  it('ends the call with the same error as the unit suites’ simulated one (axiosTimeout)', async () => {
    const stalled = getToken().delay(1_000).reply(200, {});
    const real = await rejectionOf(testClient({ maxRetries: 0, timeoutMs: 20 }).client.createRequestToken());
    nock.abortPendingRequests();
    const simulated = getToken().replyWithError(axiosTimeout(20));
    const raised = await rejectionOf(testClient({ maxRetries: 0, timeoutMs: 20 }).client.createRequestToken());

    expect(real).toBeInstanceOf(TmdbTimeoutError);
    expect(real).toMatchObject({ code: 'timeout', timeoutMs: 20, cause: { name: 'AxiosError', code: 'ETIMEDOUT' } });
    expect(seen(raised)).toEqual(seen(real));
    expect((raised as Error).message).toBe((real as Error).message);
    stalled.done();
    simulated.done();
  });

  it('ends an answer the emulator holds back (a latency fault) on a real socket', async () => {
    // This sleep never ends on its own: the only way out is the client giving up.
    const target = await startEmulator({ sleep: sleepUntilAborted });
    target.inject({ type: 'latency', ms: 60_000 });
    const tmdb = emulatorClient(target);

    await expect(tmdb.validateKey({ maxRetries: 0, timeoutMs: 50 })).rejects.toMatchObject({ code: 'timeout' });
  });
});
