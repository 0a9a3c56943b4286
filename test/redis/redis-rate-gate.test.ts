// The Redis rate gate against a real redis-server on a loopback port (test/helpers/redis-server.ts) and the
// emulator: what one process's gate learns, another's sees; nothing stays stuck; Redis failing fails no call.
import axios from 'axios';
import nock from 'nock';
import { type RateLimitEvent, TmdbAuthClient, isTmdbConfigurationError } from 'tmdb-auth-client';
import { type RedisStoreEvent, createRedisRateGate } from 'tmdb-auth-client/redis';
import type { TmdbEmulator } from 'tmdb-auth-client/testing';
import { closeEmulatorAfterEach, startEmulator } from '../helpers/emulator';
import { processClient } from '../helpers/redis-gate-client';
import { startRedisBeforeEach, stopRedisAfterEach } from '../helpers/redis-server';

jest.setTimeout(20_000);
closeEmulatorAfterEach();
// nock's layer over node:http (test/helpers/setup-nock.ts) opens a socket per request whatever the agent says; this
// file measures the agents' connections, all to 127.0.0.1, so it takes that layer off (the setup's own afterAll
// restores nothing more).
beforeAll(() => nock.restore());
stopRedisAfterEach();

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An axios instance that counts the requests in flight on every client built with it. */
function countingAxios(counter: { now: number; max: number }) {
  const instance = axios.create({ maxRedirects: 0 });
  instance.interceptors.request.use((config) => {
    counter.now += 1;
    counter.max = Math.max(counter.max, counter.now);
    return config;
  });
  const done = () => {
    counter.now -= 1;
  };
  instance.interceptors.response.use(
    (response) => {
      done();
      return response;
    },
    (error: unknown) => {
      done();
      return Promise.reject(error);
    },
  );
  return instance;
}

async function untilRequests(emulator: TmdbEmulator, count: number): Promise<void> {
  while (emulator.requests.length < count) await wait(5);
}

describe('a rate gate shared through Redis', () => {
  const redis = startRedisBeforeEach();

  it('closes for every process after a 429 in one, for the Retry-After it gave', async () => {
    const emulator = await startEmulator();
    const seenByB: RateLimitEvent[] = [];
    const a = processClient(emulator, await redis.client());
    const b = processClient(emulator, await redis.client(), { onRateLimit: (event) => seenByB.push(event) });
    const inspector = await redis.client();
    emulator.inject({ type: 'rate-limit', retryAfterSeconds: 1 });

    const first = a.createRequestToken();
    // The gate's state is written first by the 429's report: from then on every process sees the pause.
    while ((await inspector.exists('app:gate')) === 0) await wait(5);
    const started = Date.now();
    await b.createRequestToken();
    const waitedMs = Date.now() - started;
    await first;

    expect(emulator.requests.map((r) => r.status)).toEqual([429, 200, 200]);
    expect(waitedMs).toBeGreaterThanOrEqual(800);
    expect(seenByB.map((e) => e.type)).toEqual(['closed', 'reopened']);
    expect(seenByB[0]?.retryAfterMs).toBeGreaterThan(800);
  });

  it('keeps to one concurrency cap across processes (and separate prefixes keep separate caps)', async () => {
    const emulator = await startEmulator();
    emulator.inject({ type: 'latency', ms: 40 }, { times: Infinity });
    const shared = { now: 0, max: 0 };
    const apart = { now: 0, max: 0 };
    const burst = (clients: TmdbAuthClient[]) =>
      Promise.all(clients.flatMap((client) => Array.from({ length: 8 }, () => client.createRequestToken())));

    await burst([
      processClient(emulator, await redis.client(), { maxConcurrency: 2, axios: countingAxios(shared) }),
      processClient(emulator, await redis.client(), { maxConcurrency: 2, axios: countingAxios(shared) }),
    ]);
    await burst([
      processClient(emulator, await redis.client(), {
        keyPrefix: 'one:',
        maxConcurrency: 2,
        axios: countingAxios(apart),
      }),
      processClient(emulator, await redis.client(), {
        keyPrefix: 'two:',
        maxConcurrency: 2,
        axios: countingAxios(apart),
      }),
    ]);

    expect(shared.max).toBe(2);
    expect(apart.max).toBe(4);
  });

  it('shares a set rate: two processes together keep to maxRequestsPerSecond', async () => {
    const emulator = await startEmulator();
    const clients = [await redis.client(), await redis.client()].map((connection) =>
      processClient(emulator, connection, { maxRequestsPerSecond: 20 }),
    );
    const started = Date.now();
    await Promise.all(clients.flatMap((client) => Array.from({ length: 10 }, () => client.createRequestToken())));
    // 20 requests at 20 a second, the first at once: 19 gaps of 50 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('opens a connection per request, so that no process keeps an idle one that counts against the cap', async () => {
    const emulator = await startEmulator();
    const a = processClient(emulator, await redis.client());
    const b = processClient(emulator, await redis.client());
    for (const client of [a, b, a, b]) {
      await client.createRequestToken();
      await wait(50); // the connection closes after its answer
    }
    expect(emulator.peakConnections).toBe(1);
  });

  it('writes only keys with a TTL, and a crashed process’s slot frees itself when its lease runs out', async () => {
    const emulator = await startEmulator();
    const crashing = await redis.client();
    const counter = { now: 0, max: 0 };
    const crashed = processClient(emulator, crashing, {
      maxConcurrency: 1,
      leaseMs: 600,
      axios: countingAxios(counter),
    });
    emulator.inject({ type: 'latency', ms: 3_000 });
    const controller = new AbortController();
    const inFlight = crashed.createRequestToken({ signal: controller.signal }).catch(() => 'aborted');
    while (counter.now === 0) await wait(5);
    // The process dies: its connection goes, and its slot is never given back.
    crashing.disconnect();
    controller.abort();
    await inFlight;

    const inspector = await redis.client();
    const keys = await inspector.keys('app:*');
    expect(keys.sort()).toEqual(['app:leases', 'app:procs']);
    for (const key of keys) expect(await inspector.pttl(key)).toBeGreaterThan(0);

    const started = Date.now();
    const survivor = processClient(emulator, await redis.client(), { maxConcurrency: 1, leaseMs: 600 });
    await survivor.createRequestToken();
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);

    await survivor.createRequestToken();
    for (const key of await inspector.keys('app:*')) expect(await inspector.pttl(key)).toBeGreaterThan(0);
  });
});

describe('a rate gate whose Redis fails', () => {
  const redis = startRedisBeforeEach();

  it('goes on in-process within storeTimeoutMs when Redis is slow, says so once, and returns when it answers', async () => {
    const emulator = await startEmulator();
    const status: RedisStoreEvent['type'][] = [];
    const client = processClient(emulator, await redis.client(), {
      storeTimeoutMs: 50,
      onStoreStatus: (event) => status.push(event.type),
    });
    await client.createRequestToken();

    const sleeper = await redis.client();
    const asleep = sleeper.call('DEBUG', 'SLEEP', '1');
    await wait(20);
    const started = Date.now();
    await Promise.all(Array.from({ length: 5 }, () => client.createRequestToken()));
    expect(Date.now() - started).toBeLessThan(600);
    expect(status).toEqual(['fallback']);

    await asleep;
    await wait(1_100);
    await client.createRequestToken();
    await wait(50);
    await client.createRequestToken();
    expect(status).toEqual(['fallback', 'recovered']);
  });

  it('sends the calls still waiting at the fallback back to Redis once it answers again', async () => {
    const emulator = await startEmulator();
    emulator.inject({ type: 'latency', ms: 25 }, { times: Infinity });
    const inspector = await redis.client();
    const scriptCalls = async () =>
      [...(await inspector.info('commandstats')).matchAll(/^cmdstat_eval(?:sha)?:calls=(\d+)/gm)].reduce(
        (sum, match) => sum + Number(match[1]),
        0,
      );
    let atRecovery: Promise<number> | undefined;
    const client = processClient(emulator, await redis.client(), {
      maxConcurrency: 1,
      storeTimeoutMs: 50,
      onStoreStatus: (event) => {
        if (event.type === 'recovered') atRecovery = scriptCalls();
      },
    });
    await client.createRequestToken();

    void inspector.call('DEBUG', 'SLEEP', '0.3');
    const burst = await Promise.allSettled(Array.from({ length: 80 }, () => client.createRequestToken()));

    expect(burst.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
    expect(atRecovery).toBeDefined();
    // Each call that came back asked Redis for its turn and gave it back.
    expect((await scriptCalls()) - (await (atRecovery as Promise<number>))).toBeGreaterThanOrEqual(10);
  });

  it('loses no call when Redis restarts in the middle of a burst, and uses it again afterwards', async () => {
    const emulator = await startEmulator({ rateLimit: { requestsPerSecond: 100 } });
    const status: RedisStoreEvent['type'][] = [];
    const clients = [await redis.client(), await redis.client()].map((connection) =>
      processClient(emulator, connection, { storeTimeoutMs: 50, onStoreStatus: (e) => status.push(e.type) }),
    );
    const burst = Promise.allSettled(
      clients.flatMap((client) => Array.from({ length: 75 }, () => client.createRequestToken())),
    );
    await untilRequests(emulator, 20);
    await redis.restart();
    const outcomes = await burst;

    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    await wait(1_100);
    await Promise.all(clients.map((client) => client.createRequestToken()));
    await wait(50);
    expect(status).toContain('fallback');
    expect(status.at(-1)).toBe('recovered');
    expect(await (await redis.client()).exists('app:leases', 'app:gate')).toBeGreaterThan(0);
  });

  it('lets every call through when Redis is down from the start', async () => {
    const emulator = await startEmulator();
    const status: RedisStoreEvent[] = [];
    const client = processClient(emulator, await redis.client(), {
      storeTimeoutMs: 50,
      onStoreStatus: (event) => status.push(event),
    });
    await redis.kill();
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => client.createRequestToken()));
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    expect(status).toHaveLength(1);
    expect(status[0]?.type).toBe('fallback');
  });

  it('keeps each process to its share of the concurrency cap on the fallback, so together they keep to it', async () => {
    const emulator = await startEmulator();
    emulator.inject({ type: 'latency', ms: 25 }, { times: Infinity });
    const counters = Array.from({ length: 4 }, () => ({ now: 0, max: 0 }));
    const clients = await Promise.all(
      counters.map(async (counter) =>
        processClient(emulator, await redis.client(), {
          maxConcurrency: 8,
          storeTimeoutMs: 50,
          axios: countingAxios(counter),
        }),
      ),
    );
    // Twice round, so that each process has seen all four ask Redis for a turn.
    for (let round = 0; round < 2; round++) for (const client of clients) await client.createRequestToken();
    for (const counter of counters) counter.max = 0;

    await redis.kill();
    const outcomes = await Promise.allSettled(
      clients.flatMap((client) => Array.from({ length: 12 }, () => client.createRequestToken())),
    );

    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
    expect(counters.map((counter) => counter.max)).toEqual([2, 2, 2, 2]);
  });
});

describe('createRedisRateGate options', () => {
  const redisLike = { evalsha: () => Promise.resolve(), eval: () => Promise.resolve() };

  it.each([
    [{ redis: {} }, 'redis'],
    [{ redis: redisLike, keyPrefix: '' }, 'keyPrefix'],
    [{ redis: redisLike, storeTimeoutMs: 0 }, 'storeTimeoutMs'],
    [{ redis: redisLike, leaseMs: -1 }, 'leaseMs'],
    [{ redis: redisLike, keyprefix: 'x:' }, 'keyprefix'],
    [{ redis: redisLike, maxConcurrency: 0 }, 'maxConcurrency'],
    // A Redis Cluster client (ioredis's Cluster says `isCluster`) with no hash tag, or an empty one, in the prefix.
    [{ redis: { ...redisLike, isCluster: true }, keyPrefix: 'tmdb:' }, 'keyPrefix'],
    [{ redis: { ...redisLike, isCluster: true }, keyPrefix: '{}tmdb{x}:' }, 'keyPrefix'],
  ])('refuses %p, naming `%s`', (options, option) => {
    let thrown: unknown;
    try {
      createRedisRateGate(options as never);
    } catch (error) {
      thrown = error;
    }
    expect(isTmdbConfigurationError(thrown) && thrown.option).toBe(option);
  });

  it.each(['{tmdb}:', 'app:{tmdb}:', '{tmdb-auth-client}:'])(
    'takes a Redis Cluster client whose prefix %p has a hash tag',
    (keyPrefix) => {
      expect(() => createRedisRateGate({ redis: { ...redisLike, isCluster: true } as never, keyPrefix })).not.toThrow();
    },
  );
});
