import nock from 'nock';
import {
  TmdbAbortError,
  TmdbAuthClient,
  TmdbRateLimitError,
  createRateGate,
  type RateLimitEvent,
} from 'tmdb-auth-client';
import { EMULATOR_API_KEY, startTmdbEmulator } from 'tmdb-auth-client/testing';
import { fakeTime, sleepUntilAborted } from './helpers/fake-time';
import { API_KEY, BASE_URL, errorBody, rejectionOf, testClient, tokenBody } from './helpers/tmdb';

const TOKEN = tokenBody('2030-01-01 00:00:00 UTC');
const TOKEN_PATH = '/authentication/token/new';
const OVER_LIMIT = errorBody(25, 'Your request count (41) is over the allowed limit of 40.');

function getToken() {
  return nock(BASE_URL).get(TOKEN_PATH).query(true);
}

/** Answers `times` token requests through `answer`, noting when each arrived (on `now`) and how many were in flight. */
function tokenServer(
  now: () => number,
  times: number,
  answer: (index: number) => [number, object, Record<string, string>?],
) {
  const log: { at: number; inFlight: number }[] = [];
  let inFlight = 0;
  const scope = getToken()
    .times(times)
    .reply((_uri, _body, callback) => {
      inFlight++;
      const index = log.push({ at: now(), inFlight }) - 1;
      // Answer on a later turn of the event loop, so other requests can be in flight meanwhile.
      setImmediate(() => {
        inFlight--;
        const [status, body, headers] = answer(index);
        callback(null, [status, body, headers ?? {}]);
      });
    });
  return { log, scope };
}

describe('the rate gate', () => {
  it('holds every call on the client while one call’s 429 is waited out, and waits once for all', async () => {
    const time = fakeTime();
    const start = time.now();
    const server = tokenServer(time.now, 4, (i) =>
      i === 0 ? [429, OVER_LIMIT, { 'Retry-After': '2' }] : [200, TOKEN],
    );
    const client = new TmdbAuthClient({ apiKey: API_KEY, now: time.now, sleep: time.sleep, maxConcurrency: 1 });

    await Promise.all([client.createRequestToken(), client.createRequestToken(), client.createRequestToken()]);

    // The first call met the 429; the other two waited behind it, and nobody was sent before the 2 s were up.
    expect(server.log.map((r) => r.at - start)).toEqual([0, 2_000, 2_000, 2_000]);
    expect(time.sleeps).toEqual([2_000]);
    server.scope.done();
  });

  it('is what made the difference: with `rateGate: false`, the other calls go on into the limit', async () => {
    const time = fakeTime();
    const start = time.now();
    const server = tokenServer(time.now, 4, (i) =>
      i === 0 ? [429, OVER_LIMIT, { 'Retry-After': '2' }] : [200, TOKEN],
    );
    const client = new TmdbAuthClient({ apiKey: API_KEY, now: time.now, sleep: time.sleep, rateGate: false });

    await Promise.all([client.createRequestToken(), client.createRequestToken(), client.createRequestToken()]);

    expect(server.log.map((r) => r.at - start)).toEqual([0, 0, 0, 2_000]);
    server.scope.done();
  });

  it('closes on a 429 without Retry-After too, for the backoff delay', async () => {
    const time = fakeTime();
    const start = time.now();
    const server = tokenServer(time.now, 3, (i) => (i === 0 ? [429, OVER_LIMIT] : [200, TOKEN]));
    const client = new TmdbAuthClient({
      apiKey: API_KEY,
      now: time.now,
      sleep: time.sleep,
      random: () => 0,
      maxConcurrency: 1,
    });

    await Promise.all([client.createRequestToken(), client.createRequestToken()]);

    expect(server.log.map((r) => r.at - start)).toEqual([0, 500, 500]);
    server.scope.done();
  });

  it('reopens gradually: one probe at a time, then a window half the size, and says so through onRateLimit', async () => {
    const time = fakeTime();
    const events: RateLimitEvent[] = [];
    let closed!: () => void;
    const gateClosed = new Promise<void>((resolve) => (closed = resolve));
    const server = tokenServer(time.now, 14, (i) =>
      i === 0 ? [429, OVER_LIMIT, { 'Retry-After': '1' }] : [200, TOKEN],
    );
    const client = new TmdbAuthClient({
      apiKey: API_KEY,
      now: time.now,
      sleep: time.sleep,
      onRateLimit: (event) => {
        events.push(event);
        if (event.type === 'closed') closed();
      },
    });
    // The first call meets the limit; twelve more arrive while the gate is closed.
    const first = client.createRequestToken();
    await gateClosed;
    const others = Array.from({ length: 12 }, () => client.createRequestToken());

    await Promise.all([first, ...others]);

    const afterPause = server.log.slice(1).map((r) => r.inFlight);
    // Two probes, each alone; then two in flight (the window of 4, halved), growing back by one per window of
    // answers: never the twelve at once.
    expect(afterPause.slice(0, 2)).toEqual([1, 1]);
    expect(afterPause.slice(2, 4)).toEqual([1, 2]);
    expect(Math.max(...afterPause)).toBe(4);
    expect(events).toEqual([
      { type: 'closed', retryAfterMs: 1_000, requestsPerSecond: undefined, waiting: 0 },
      { type: 'reopened', retryAfterMs: 0, requestsPerSecond: undefined, waiting: 12 },
    ]);
    server.scope.done();
  });

  it('after a 429 that followed a busy second, keeps to the rate TMDb accepted, less 10%', async () => {
    const time = fakeTime();
    const server = tokenServer(time.now, 15, (i) =>
      i === 10 ? [429, OVER_LIMIT, { 'Retry-After': '1' }] : [200, TOKEN],
    );
    const client = new TmdbAuthClient({ apiKey: API_KEY, now: time.now, sleep: time.sleep, maxConcurrency: 1 });

    // Ten answers accepted within the same second, then a 429 with three calls queued behind it.
    for (let i = 0; i < 10; i++) await client.createRequestToken();
    await Promise.all(Array.from({ length: 4 }, () => client.createRequestToken()));

    // The pause; the probe; then 9 requests a second (one every 111 ms) for the calls that queued.
    expect(time.sleeps.map(Math.round)).toEqual([1_000, 111, 111, 111]);
    server.scope.done();
  });

  it('never has more than maxConcurrency requests in flight', async () => {
    const time = fakeTime();
    const server = tokenServer(time.now, 30, () => [200, TOKEN]);
    const client = new TmdbAuthClient({ apiKey: API_KEY, now: time.now, sleep: time.sleep, maxConcurrency: 3 });

    await Promise.all(Array.from({ length: 30 }, () => client.createRequestToken()));

    expect(Math.max(...server.log.map((r) => r.inFlight))).toBe(3);
    server.scope.done();
  });

  it('caps the default agents’ sockets at maxConcurrency, even with the gate off', async () => {
    const emulator = await startTmdbEmulator({ maxConnections: 3 });
    try {
      const client = new TmdbAuthClient({
        apiKey: EMULATOR_API_KEY,
        baseUrl: emulator.baseUrl,
        rateGate: false,
        maxConcurrency: 3,
        maxRetries: 0,
      });

      await Promise.all(Array.from({ length: 20 }, () => client.createRequestToken()));

      expect(emulator.refusedConnections).toBe(0);
      expect(emulator.requests).toHaveLength(20);
    } finally {
      await emulator.close();
    }
  });
});

describe('a call waiting at the gate', () => {
  // A client whose first call closes the gate for 30 s, with a sleep that only an abort ends.
  function closedFor30s() {
    const time = fakeTime();
    getToken().reply(429, OVER_LIMIT, { 'Retry-After': '30' });
    const client = new TmdbAuthClient({
      apiKey: API_KEY,
      now: time.now,
      sleep: sleepUntilAborted,
    });
    return { client, closing: rejectionOf(client.createRequestToken({ maxRetries: 0 })) };
  }

  it('ends at once when its signal aborts, with TmdbAbortError and nothing sent', async () => {
    const { client, closing } = closedFor30s();
    await closing;
    const controller = new AbortController();

    const waiting = rejectionOf(client.createRequestToken({ signal: controller.signal }));
    controller.abort(new Error('user left'));
    const error = await waiting;

    expect(error).toBeInstanceOf(TmdbAbortError);
    expect(error).toMatchObject({ attempts: 0, cause: new Error('user left') });
  });

  it('fails at once with TmdbRateLimitError and retryAfterMs when the pause would run past its deadline', async () => {
    const { client, closing } = closedFor30s();
    await closing;

    const error = await rejectionOf(client.createRequestToken({ deadlineMs: 5_000 }));

    expect(error).toBeInstanceOf(TmdbRateLimitError);
    expect(error).toMatchObject({ code: 'rate_limited', retryAfterMs: 30_000, attempts: 0 });
  });

  it('fails at once when the pause is longer than its maxRetryAfterMs', async () => {
    const { client, closing } = closedFor30s();
    await closing;

    const error = await rejectionOf(client.createRequestToken({ maxRetryAfterMs: 10_000 }));

    expect(error).toMatchObject({ name: 'TmdbRateLimitError', retryAfterMs: 30_000, attempts: 0 });
  });
});

describe('a gate shared by several clients', () => {
  it('holds the calls of every client when one of them meets a 429', async () => {
    const time = fakeTime();
    const start = time.now();
    const gate = createRateGate({ maxConcurrency: 1, now: time.now, sleep: time.sleep });
    const server = tokenServer(time.now, 3, (i) =>
      i === 0 ? [429, OVER_LIMIT, { 'Retry-After': '3' }] : [200, TOKEN],
    );
    const one = new TmdbAuthClient({ apiKey: API_KEY, now: time.now, sleep: time.sleep, rateGate: gate });
    const two = new TmdbAuthClient({ apiKey: API_KEY, now: time.now, sleep: time.sleep, rateGate: gate });

    await Promise.all([one.createRequestToken(), two.createRequestToken()]);

    expect(server.log.map((r) => r.at - start)).toEqual([0, 3_000, 3_000]);
    expect(gate).toMatchObject({ maxConcurrency: 1, maxRequestsPerSecond: undefined });
    server.scope.done();
  });

  it('takes its limits from the gate: the client refuses its own next to a shared gate', () => {
    const gate = createRateGate();
    expect(() => new TmdbAuthClient({ apiKey: API_KEY, rateGate: gate, maxConcurrency: 5 })).toThrow(
      expect.objectContaining({ name: 'TmdbConfigurationError', option: 'maxConcurrency' }),
    );
    expect(() => new TmdbAuthClient({ apiKey: API_KEY, rateGate: {} as never })).toThrow(
      expect.objectContaining({ option: 'rateGate' }),
    );
  });

  test.each([
    ['maxConcurrency', 0],
    ['maxConcurrency', 2.5],
    ['maxRequestsPerSecond', 0],
    ['maxRequestsPerSecond', Number.POSITIVE_INFINITY],
    ['onRateLimit', 'log'],
  ])('refuses %s %p, naming it', (option, value) => {
    expect(() => createRateGate({ [option]: value })).toThrow(expect.objectContaining({ option }));
    expect(() => new TmdbAuthClient({ apiKey: API_KEY, [option]: value })).toThrow(expect.objectContaining({ option }));
  });
});

describe('maxRequestsPerSecond', () => {
  it('spaces requests evenly from the first one', async () => {
    const { client, time } = testClient({ maxRequestsPerSecond: 4 });
    const server = tokenServer(time.now, 5, () => [200, TOKEN]);

    await Promise.all(Array.from({ length: 5 }, () => client.createRequestToken()));

    expect(time.sleeps).toEqual([250, 250, 250, 250]);
    server.scope.done();
  });
});
