import nock from 'nock';
import { TmdbTimeoutError } from 'tmdb-auth-client';
import { closeEmulatorAfterEach, emulatorClient, startEmulator } from '../helpers/emulator';
import { sleepUntilAborted } from '../helpers/fake-time';
import { BASE_URL, axiosTimeout, rejectionOf, testClient } from '../helpers/tmdb';

// The per-attempt limit is the client's own timer, so these tests wait on it for real (tens of milliseconds). The
// unit suites have the transport report a timeout instead (axiosTimeout), without the wait; the first test holds
// that to what the timer gives.

closeEmulatorAfterEach();

const getToken = () => nock(BASE_URL).get('/authentication/token/new').query(true);

describe('a real per-attempt timeout', () => {
  it('ends the attempt with TmdbTimeoutError naming `timeoutMs`, as a timeout the transport reports does', async () => {
    const stalled = getToken().delay(1_000).reply(200, {});
    const real = await rejectionOf(testClient({ maxRetries: 0, timeoutMs: 20 }).client.createRequestToken());
    nock.abortPendingRequests();
    const reported = getToken().replyWithError(axiosTimeout(20));
    const raised = await rejectionOf(testClient({ maxRetries: 0, timeoutMs: 20 }).client.createRequestToken());

    // The limit is the client's own, not axios's: nothing of axios's is its cause.
    expect(real).toBeInstanceOf(TmdbTimeoutError);
    expect(real).toMatchObject({ code: 'timeout', option: 'timeoutMs', timeoutMs: 20, attempts: 1 });
    expect((real as Error).cause).toBeUndefined();
    expect((real as Error).message).toMatch(/`timeoutMs`/);
    const { name, code, option, timeoutMs, attempts, message } = real as TmdbTimeoutError;
    expect(raised).toBeInstanceOf(TmdbTimeoutError);
    expect(raised).toMatchObject({ name, code, option, timeoutMs, attempts, message });
    stalled.done();
    reported.done();
  });

  it('ends an answer the emulator holds back (a latency fault) on a real socket', async () => {
    // This sleep never ends on its own: the only way out is the client giving up.
    const target = await startEmulator({ sleep: sleepUntilAborted });
    target.inject({ type: 'latency', ms: 60_000 });
    const tmdb = emulatorClient(target);

    await expect(tmdb.validateKey({ maxRetries: 0, timeoutMs: 50 })).rejects.toMatchObject({ code: 'timeout' });
  });
});
