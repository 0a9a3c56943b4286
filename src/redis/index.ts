// The entry `tmdb-auth-client/redis`: a rate gate whose state is shared through Redis by every process that uses
// the same key prefix. Node only; it loads no Redis client of its own (the app passes its ioredis client).
import { sleep } from '../internal/abort';
import { duration, invalidOption, optionalFunction, refuseUnknownOptions } from '../internal/option-validators';
import { type AdaptiveGate, GATES } from '../internal/rate-gate';
import { type CreateRateGateOptions, createRateGate, type RateGate } from '../rate-gate';
import { RedisGateStore, type RedisStoreEvent } from './redis-gate-store';
import type { RedisScriptClient } from './redis-script';

export type { RedisStoreEvent } from './redis-gate-store';
export type { RedisScriptClient } from './redis-script';

/** Options of {@link createRedisRateGate}: the gate's limits, and the Redis it shares them through. */
export interface RedisRateGateOptions extends CreateRateGateOptions {
  /**
   * Your Redis client: an `ioredis` client (`new Redis(url)`), connected however your app connects. The gate runs
   * Lua scripts on it (EVALSHA, loaded with EVAL when Redis does not know them) and never closes it.
   */
  redis: RedisScriptClient;
  /**
   * The start of every key the gate writes: processes with the same prefix share one budget. Keys are `<prefix>gate`,
   * `<prefix>leases` and `<prefix>procs`; on Redis Cluster keep the braces (a hash tag), so that every key lands on one slot: a
   * Cluster client with a prefix that has none is refused.
   * @default '{tmdb-auth-client}:'
   */
  keyPrefix?: string | undefined;
  /**
   * How long a Redis command may take before the gate stops waiting for it and goes on with its in-process state
   * (the same rules, this process's own limits); it tries Redis again a second later.
   * @default 50
   */
  storeTimeoutMs?: number | undefined;
  /**
   * How long a concurrency slot stays taken when the process holding it never gives it back (it crashed): a
   * request in flight longer than this no longer counts against `maxConcurrency`. Keep it above `timeoutMs`.
   * @default 30000
   */
  leaseMs?: number | undefined;
  /** Called once when the gate falls back to its in-process state, and once when it is back on Redis. */
  onStoreStatus?: ((event: RedisStoreEvent) => void) | undefined;
  /**
   * Whether the clients on this gate share `getValidRequestToken({ key })`'s tokens through Redis: a user whose
   * redirect comes back to another process finds the same token there, and one process creates a key's token
   * while the others wait for it (a lock of a few seconds). Tokens are stored until they expire, under a hash of
   * the key. Share only between clients with the same API key. Calls without a `key` keep a token of the client's own.
   * @default false
   */
  shareRequestTokens?: boolean | undefined;
}

const DEFAULT_KEY_PREFIX = '{tmdb-auth-client}:';
const KNOWN_OPTIONS = {
  redis: true,
  keyPrefix: true,
  storeTimeoutMs: true,
  leaseMs: true,
  onStoreStatus: true,
  shareRequestTokens: true,
  maxConcurrency: true,
  maxRequestsPerSecond: true,
  onRateLimit: true,
  now: true,
  sleep: true,
} as const;

/** The part of a key Redis Cluster hashes: what stands between the first `{` and the next `}`, when not empty. */
function hashTagOf(keyPrefix: string): string | undefined {
  const open = keyPrefix.indexOf('{');
  const close = open === -1 ? -1 : keyPrefix.indexOf('}', open + 1);
  return close > open + 1 ? keyPrefix.slice(open + 1, close) : undefined;
}

/**
 * Creates a rate gate shared through Redis by every process that uses the same key prefix: a 429 in one process
 * pauses all of them for its `Retry-After`, the rate learnt from TMDb's answers (or `maxRequestsPerSecond`) is one
 * budget for all of them, and `maxConcurrency` counts their requests together. Pass it as a client's `rateGate`.
 * When Redis fails or takes longer than `storeTimeoutMs`, calls go on through the gate's in-process state; no call
 * fails because of Redis.
 *
 * @example
 * import { Redis } from 'ioredis';
 * const rateGate = createRedisRateGate({ redis: new Redis(process.env.REDIS_URL), keyPrefix: '{tmdb}:' });
 * const tmdb = new TmdbAuthClient({ apiKey, rateGate });
 * @throws {TmdbConfigurationError} when an option is unusable.
 */
export function createRedisRateGate(options: RedisRateGateOptions): RateGate {
  if (options === null || typeof options !== 'object') {
    throw invalidOption('options', 'Pass an options object such as `{ redis: new Redis(url) }`.');
  }
  refuseUnknownOptions(options, KNOWN_OPTIONS, ['Redis rate gate option', 'Redis rate gate options']);
  const { redis, keyPrefix = DEFAULT_KEY_PREFIX } = options;
  if (
    redis === null ||
    typeof redis !== 'object' ||
    typeof redis.evalsha !== 'function' ||
    typeof redis.eval !== 'function'
  ) {
    throw invalidOption('redis', '`redis` must be a Redis client such as `new Redis(url)` from ioredis.');
  }
  if (typeof keyPrefix !== 'string' || keyPrefix === '') {
    throw invalidOption('keyPrefix', '`keyPrefix` must be a non-empty string such as `{tmdb}:`.');
  }
  // A Lua script on Redis Cluster may touch the keys of one slot only: without a hash tag every script would fail
  // with CROSSSLOT, and the gate would stay on its in-process fallback for good.
  if ((redis as { isCluster?: unknown }).isCluster === true && hashTagOf(keyPrefix) === undefined) {
    throw invalidOption(
      'keyPrefix',
      `On Redis Cluster \`keyPrefix\` needs a hash tag, such as \`{tmdb}:\`, so that every key the gate writes ` +
        'lands on one slot.',
    );
  }
  const storeTimeoutMs = duration('storeTimeoutMs', options.storeTimeoutMs, { fallback: 50, moreThanZero: true });
  const leaseMs = duration('leaseMs', options.leaseMs, { fallback: 30_000, moreThanZero: true });
  const onStoreStatus = optionalFunction('onStoreStatus', options.onStoreStatus);
  const { shareRequestTokens = false } = options;
  if (typeof shareRequestTokens !== 'boolean') {
    throw invalidOption('shareRequestTokens', '`shareRequestTokens` must be `true` or `false`.');
  }
  const gate = createRateGate({
    maxConcurrency: options.maxConcurrency,
    maxRequestsPerSecond: options.maxRequestsPerSecond,
    onRateLimit: options.onRateLimit,
    now: options.now,
    sleep: options.sleep,
  });
  const fallback = GATES.get(gate) as AdaptiveGate;
  GATES.set(
    gate,
    new RedisGateStore({
      client: redis,
      keyPrefix,
      maxConcurrency: gate.maxConcurrency,
      maxRequestsPerSecond: gate.maxRequestsPerSecond,
      storeTimeoutMs,
      leaseMs: Math.ceil(leaseMs),
      onRateLimit: options.onRateLimit,
      onStoreStatus,
      now: options.now ?? Date.now,
      sleep: options.sleep ?? sleep,
      fallback,
      shareRequestTokens,
    }),
  );
  return gate;
}
