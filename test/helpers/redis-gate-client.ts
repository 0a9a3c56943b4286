// One process of an app whose rate gate keeps its state in Redis (`tmdb-auth-client/redis`), for the Redis store's
// tests against the emulator: several of these on one redis-server are several processes sharing one budget.
import type { AxiosInstance } from 'axios';
import type { Redis } from 'ioredis';
import { TmdbAuthClient } from 'tmdb-auth-client';
import { createRedisRateGate } from 'tmdb-auth-client/redis';
import { EMULATOR_API_KEY, type TmdbEmulator } from 'tmdb-auth-client/testing';

/** What a test may set on the gate (over the defaults below), and the client's own axios instance. */
export type ProcessClientOptions = Partial<Parameters<typeof createRedisRateGate>[0]> & { axios?: AxiosInstance };

/** A client of `emulator` whose gate keeps its state in `redis` under `app:`, as one process of an app would. */
export function processClient(
  emulator: TmdbEmulator,
  redis: Redis,
  options: ProcessClientOptions = {},
): TmdbAuthClient {
  const { axios, ...gateOptions } = options;
  // A second for Redis to answer: on a loaded machine the default 50 ms would move these tests onto the fallback.
  const rateGate = createRedisRateGate({ redis, keyPrefix: 'app:', storeTimeoutMs: 1_000, ...gateOptions });
  return new TmdbAuthClient({ apiKey: EMULATOR_API_KEY, baseUrl: emulator.baseUrl, rateGate, axios });
}
