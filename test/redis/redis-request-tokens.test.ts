// getValidRequestToken({ key }) shared through Redis (`shareRequestTokens`), against a real redis-server and the
// emulator: one token per key for every process, one request for it, forgotten everywhere once used.
import type { Redis } from 'ioredis';
import type { RedisStoreEvent } from 'tmdb-auth-client/redis';
import type { TmdbEmulator } from 'tmdb-auth-client/testing';
import { closeEmulatorAfterEach, requestsTo, startEmulator } from '../helpers/emulator';
import { processClient } from '../helpers/redis-gate-client';
import { startRedisBeforeEach, stopRedisAfterEach } from '../helpers/redis-server';

jest.setTimeout(20_000);
closeEmulatorAfterEach();
stopRedisAfterEach();

/** One process of an app: its own client and gate, sharing tokens through `redis`. */
const sharingProcess = (emulator: TmdbEmulator, redis: Redis, onStoreStatus?: (event: RedisStoreEvent) => void) =>
  processClient(emulator, redis, { shareRequestTokens: true, onStoreStatus });

const tokenRequests = (emulator: TmdbEmulator) => requestsTo(emulator, 'GET', '/3/authentication/token/new');

describe('request tokens shared through Redis', () => {
  const redis = startRedisBeforeEach();

  it('gives every process the same token for a key, created by one request', async () => {
    const emulator = await startEmulator();
    const a = sharingProcess(emulator, await redis.client());
    const b = sharingProcess(emulator, await redis.client());

    const tokens = await Promise.all([a, b, a, b].map((client) => client.getValidRequestToken({ key: 'user-1' })));

    expect(new Set(tokens.map((t) => t.requestToken)).size).toBe(1);
    expect(tokenRequests(emulator)).toBe(1);
  });

  it('keeps keys apart, and names neither the key nor the token in Redis’s keys', async () => {
    const emulator = await startEmulator();
    const a = sharingProcess(emulator, await redis.client());
    const b = sharingProcess(emulator, await redis.client());

    const one = await a.getValidRequestToken({ key: 'user-1' });
    const two = await b.getValidRequestToken({ key: 'user-2' });

    expect(one.requestToken).not.toBe(two.requestToken);
    const keys = (await (await redis.client()).keys('app:*')).join(' ');
    expect(keys).not.toMatch(/user-[12]/);
    expect(keys).not.toContain(one.requestToken);
  });

  it('stores a token until it expires, and not longer', async () => {
    const emulator = await startEmulator();
    const token = await sharingProcess(emulator, await redis.client()).getValidRequestToken({ key: 'user-1' });
    const inspector = await redis.client();
    const [tokenKey] = await inspector.keys('app:token:*');
    const ttl = await inspector.pttl(tokenKey as string);
    const lifeLeft = token.expiresAt.getTime() - Date.now();

    expect(ttl).toBeGreaterThan(0);
    expect(Math.abs(ttl - lifeLeft)).toBeLessThan(5_000);
    for (const key of await inspector.keys('app:*')) expect(await inspector.pttl(key)).toBeGreaterThan(0);
  });

  it('forgets a token in every process once another process created a session from it', async () => {
    const emulator = await startEmulator();
    const a = sharingProcess(emulator, await redis.client());
    const b = sharingProcess(emulator, await redis.client());
    const token = await a.getValidRequestToken({ key: 'user-1' });
    emulator.approve(token.requestToken);

    // The user's redirect comes back to the other process.
    await b.createSession(token);
    // The drop is sent without waiting; it is on Redis before the next look-up from the same connection order.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const next = await a.getValidRequestToken({ key: 'user-1' });

    expect(next.requestToken).not.toBe(token.requestToken);
  });

  it('keeps the token in-process when Redis is down, and says so once', async () => {
    const emulator = await startEmulator();
    const status: RedisStoreEvent['type'][] = [];
    const client = sharingProcess(emulator, await redis.client(), (event) => status.push(event.type));
    await redis.kill();

    const token = await client.getValidRequestToken({ key: 'user-1' });
    const again = await client.getValidRequestToken({ key: 'user-1' });

    expect(token.requestToken).toMatch(/^[0-9a-f]{40}$/);
    expect(again).toEqual(token);
    expect(tokenRequests(emulator)).toBe(1);
    expect(status).toEqual(['fallback']);
  });
});
