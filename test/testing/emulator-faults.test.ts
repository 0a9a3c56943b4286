import { TmdbAuthClient, type RetryInfo } from 'tmdb-auth-client';
import {
  EMULATOR_API_KEY,
  startTmdbEmulator,
  type TmdbEmulator,
  type TmdbEmulatorOptions,
} from 'tmdb-auth-client/testing';

let emulator: TmdbEmulator | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

/** An emulator and a client whose waits between attempts are recorded, not slept. */
async function setUp(options?: TmdbEmulatorOptions, maxRetries = 2) {
  emulator = await startTmdbEmulator(options);
  const retries: RetryInfo[] = [];
  const tmdb = new TmdbAuthClient({
    apiKey: EMULATOR_API_KEY,
    baseUrl: emulator.baseUrl,
    approvalBaseUrl: emulator.approvalBaseUrl,
    maxRetries,
    random: () => 0,
    sleep: () => Promise.resolve(),
    onRetry: (info) => retries.push(info),
  });
  return { target: emulator, tmdb, retries };
}

describe('fault injection', () => {
  it('answers 429 with Retry-After, and the client waits as long as it says', async () => {
    const { target, tmdb, retries } = await setUp();
    target.inject({ type: 'rate-limit', retryAfterSeconds: 3 });
    await expect(tmdb.createGuestSession()).resolves.toHaveProperty('guestSessionId');
    expect(retries.map((r) => [r.delayMs, r.error.code])).toEqual([[3000, 'rate_limited']]);
    expect(target.requests.map((r) => [r.status, r.fault])).toEqual([
      [429, 'rate-limit'],
      [200, undefined],
    ]);
    expect(target.violations).toEqual([]);
  });

  it('answers 429 without Retry-After, and the client backs off on its own', async () => {
    const { target, tmdb, retries } = await setUp();
    target.inject({ type: 'rate-limit' });
    await tmdb.createRequestToken();
    expect(retries).toHaveLength(1);
    expect(retries[0]?.error).toMatchObject({ httpStatus: 429, tmdbCode: 25, retryAfterMs: undefined });
  });

  test.each([
    [500, 11],
    [502, 43],
    [503, 9],
    [504, 24],
  ] as const)('answers %i with TMDb code %i', async (status, code) => {
    const { target, tmdb, retries } = await setUp();
    target.inject({ type: 'server-error', status });
    await tmdb.validateKey();
    expect(retries[0]?.error).toMatchObject({ httpStatus: status, tmdbCode: code });
    expect(target.violations).toEqual([]);
  });

  it('fails the next N requests, then answers normally', async () => {
    const { target, tmdb } = await setUp(undefined, 0);
    target.inject({ type: 'server-error', status: 503 }, { times: 2 });
    await expect(tmdb.validateKey()).rejects.toMatchObject({ httpStatus: 503 });
    await expect(tmdb.createRequestToken()).rejects.toMatchObject({ httpStatus: 503 });
    await expect(tmdb.validateKey()).resolves.toBeDefined();
  });

  it('fails only the route it is given, by operationId or by method and path', async () => {
    const { target, tmdb } = await setUp(undefined, 0);
    target.inject({ type: 'server-error', status: 500 }, { route: 'get-new-authentication-guest-session' });
    target.inject({ type: 'server-error', status: 502 }, { route: 'GET /authentication' });
    await expect(tmdb.createRequestToken()).resolves.toBeDefined();
    await expect(tmdb.validateKey()).rejects.toMatchObject({ httpStatus: 502 });
    await expect(tmdb.createGuestSession()).rejects.toMatchObject({ httpStatus: 500 });
    await expect(tmdb.createGuestSession()).resolves.toBeDefined();
  });

  it('keeps failing with times: Infinity until the faults are cleared', async () => {
    const { target, tmdb } = await setUp(undefined, 0);
    target.inject({ type: 'server-error' }, { times: Number.POSITIVE_INFINITY });
    for (let i = 0; i < 3; i++) await expect(tmdb.validateKey()).rejects.toMatchObject({ httpStatus: 503 });
    target.clearFaults();
    await expect(tmdb.validateKey()).resolves.toBeDefined();
  });

  it('resets the connection: a GET is retried, a POST is not (TMDb may have acted on it)', async () => {
    const { target, tmdb, retries } = await setUp();
    target.inject({ type: 'connection-reset' });
    const token = await tmdb.createRequestToken();
    expect(retries[0]?.error.code).toBe('network_error');
    target.approve(token.requestToken);

    target.inject({ type: 'connection-reset' });
    await expect(tmdb.createSession(token)).rejects.toMatchObject({ code: 'network_error' });
    expect(target.requests.at(-1)).toMatchObject({ status: undefined, fault: 'connection-reset' });
  });

  it('delays the answer by the latency given, through its injected sleep', async () => {
    const waits: number[] = [];
    const { target, tmdb } = await setUp({
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    target.inject({ type: 'latency', ms: 2500 }, { route: 'validate-key' });
    await expect(tmdb.validateKey()).resolves.toBeDefined();
    expect(waits).toEqual([2500]);
  });

  it('still checks a faulted request against the spec', async () => {
    const { target } = await setUp();
    target.inject({ type: 'server-error', status: 503 });
    const response = await fetch(`${target.baseUrl}/authentication/session/new?api_key=${EMULATOR_API_KEY}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(503);
    expect(target.violations).toMatchObject([{ direction: 'request', operationId: 'create-session' }]);
  });

  it('refuses a fault it cannot apply, naming the option', async () => {
    const { target } = await setUp();
    expect(() => target.inject({ type: 'latency', ms: Number.NaN })).toThrow(/`ms`/);
    expect(() => target.inject({ type: 'rate-limit' }, { times: 0 })).toThrow(/`times`/);
  });
});
