// The cache's bound is private (a client exposes no count of its keys), so this test reaches into it.
import { MAX_REQUEST_TOKEN_KEYS, RequestTokenCache } from '../../src/internal/request-token-cache';
import { fakeTime } from '../helpers/fake-time';

const HOUR = 3_600_000;

function cacheWithCounter() {
  const time = fakeTime();
  let created = 0;
  const cache = new RequestTokenCache(
    async () => ({ requestToken: `token-${++created}`, expiresAt: new Date(time.now() + HOUR) }),
    time.now,
    60_000,
  );
  return { cache, time, created: () => created };
}

describe('the request token cache’s bound', () => {
  it(`keeps at most ${MAX_REQUEST_TOKEN_KEYS} keys, forgetting the least recently used`, async () => {
    const { cache, created } = cacheWithCounter();
    for (let user = 0; user < MAX_REQUEST_TOKEN_KEYS; user++) await cache.get(`user-${user}`);
    await cache.get('user-0'); // used again: now the most recent, so user-1 is the least
    await cache.get('one-too-many');

    expect(cache.size).toBe(MAX_REQUEST_TOKEN_KEYS);
    const before = created();
    await cache.get('user-0');
    expect(created()).toBe(before); // kept
    await cache.get('user-1');
    expect(created()).toBe(before + 1); // forgotten, so made again
  });

  it('drops expired tokens when a new key comes', async () => {
    const { cache, time } = cacheWithCounter();
    await cache.get('ada');
    await cache.get('bob');
    time.advance(HOUR);
    await cache.get('cy');

    expect(cache.size).toBe(1);
  });
});
