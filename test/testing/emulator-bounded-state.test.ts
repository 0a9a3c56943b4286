// The emulator may run for a long time (a soak, a dev server): what it holds must stay bounded, and what it logs
// must not carry the ids a caller put in a path.
import {
  EMULATOR_ACCESS_TOKEN,
  EMULATOR_API_KEY,
  startTmdbEmulator,
  type EmulatorRequestRecord,
} from 'tmdb-auth-client/testing';
import { AuthStore } from '../../src/testing/auth-store';
import { V4AuthStore } from '../../src/testing/v4-auth-store';
import { closeEmulatorAfterEach, startEmulator } from '../helpers/emulator';
import { fakeTime } from '../helpers/fake-time';

closeEmulatorAfterEach();

const SESSION_ID = '2629f70fb498edc263a0adb99118ac41f0053e8c';
const HOUR = 60 * 60_000;

describe('the request log’s cap (`maxLoggedRequests`)', () => {
  it('keeps the newest records and counts the dropped ones', async () => {
    const target = await startEmulator({ maxLoggedRequests: 3 });
    for (const path of ['/a', '/b', '/authentication/token/new', '/c', '/d']) {
      await fetch(`${target.baseUrl}${path}?api_key=${EMULATOR_API_KEY}`);
    }

    expect(target.requests.map((record) => record.path)).toEqual(['/3/authentication/token/new', '/3/c', '/3/d']);
    expect(target.droppedRequests).toBe(2);
    // Four 404s broke the spec; the cap holds the violations to the newest three too.
    expect(target.violations.map((violation) => violation.path)).toEqual(['/3/b', '/3/c', '/3/d']);
    expect(target.droppedViolations).toBe(1);
  });

  it('counts nothing dropped under the default cap', async () => {
    const target = await startEmulator();
    await fetch(`${target.baseUrl}/authentication/token/new?api_key=${EMULATOR_API_KEY}`);
    expect([target.requests.length, target.droppedRequests, target.droppedViolations]).toEqual([1, 0, 0]);
  });

  it('keeps every record with Infinity, and none with 0 (onRequest still sees each)', async () => {
    const seen: EmulatorRequestRecord[] = [];
    const none = await startEmulator({ maxLoggedRequests: 0, onRequest: (record) => seen.push(record) });
    await fetch(`${none.baseUrl}/authentication/token/new?api_key=${EMULATOR_API_KEY}`);
    expect([none.requests.length, none.droppedRequests, seen.length]).toEqual([0, 1, 1]);

    const all = await startTmdbEmulator({ maxLoggedRequests: Number.POSITIVE_INFINITY });
    try {
      await fetch(`${all.baseUrl}/authentication/token/new?api_key=${EMULATOR_API_KEY}`);
      expect([all.requests.length, all.droppedRequests]).toEqual([1, 0]);
    } finally {
      await all.close();
    }
  });

  test.each([-1, 1.5, Number.NaN])('refuses maxLoggedRequests: %p, naming the option', async (value) => {
    await expect(startTmdbEmulator({ maxLoggedRequests: value })).rejects.toThrow(
      '`maxLoggedRequests` must be a whole number, 0 or more, or Infinity.',
    );
  });
});

describe('ids in logged paths', () => {
  it('masks a session id, a key or a JWT in an unknown path, in the record and in the violation', async () => {
    const seen: EmulatorRequestRecord[] = [];
    const target = await startEmulator({ onRequest: (record) => seen.push(record) });
    await fetch(`${target.baseUrl}/account/${SESSION_ID}/lists?api_key=${EMULATOR_API_KEY}`);
    await fetch(`${target.baseUrl}/guest_session/${EMULATOR_API_KEY}/rated/movies`);
    await fetch(`${target.v4BaseUrl}/account/${EMULATOR_ACCESS_TOKEN}/lists`);

    expect(target.requests.map((record) => record.path)).toEqual([
      '/3/account/[REDACTED]/lists',
      '/3/guest_session/[REDACTED]/rated/movies',
      '/4/account/[REDACTED]/lists',
    ]);
    expect(seen.map((record) => record.path)).toEqual(target.requests.map((record) => record.path));
    expect(target.violations[0]).toMatchObject({
      path: '/3/account/[REDACTED]/lists',
      problems: ['the spec has no operation GET /account/[REDACTED]/lists under /3'],
    });
    const logged = JSON.stringify([target.requests, target.violations]);
    for (const id of [SESSION_ID, EMULATOR_API_KEY, EMULATOR_ACCESS_TOKEN]) expect(logged).not.toContain(id);
  });

  it('masks an id sent percent-encoded, and keeps words and short numbers', async () => {
    const target = await startEmulator();
    const encoded = [...SESSION_ID].map((c) => `%${c.charCodeAt(0).toString(16)}`).join('');
    await fetch(`${target.baseUrl}/movie/550/account_states/${encoded}`);
    await fetch(`${target.baseUrl}/authentication/token/validate_with_login_again`);
    expect(target.requests.map((record) => record.path)).toEqual([
      '/3/movie/550/account_states/[REDACTED]',
      '/3/authentication/token/validate_with_login_again',
    ]);
  });

  it('cuts a long path to 200 characters', async () => {
    const target = await startEmulator();
    await fetch(`${target.baseUrl}/${'x/'.repeat(2_000)}`);
    const path = target.requests[0]?.path ?? '';
    expect(path.length).toBeLessThanOrEqual(203);
    expect(path.endsWith('...')).toBe(true);
    expect(target.violations[0]?.problems[0]?.length).toBeLessThan(300);
  });
});

describe('expired state, pruned as new state is made', () => {
  it('drops expired v3 request tokens', () => {
    const time = fakeTime();
    const store = new AuthStore(time.now, { requestTokenMs: HOUR, guestSessionMs: 24 * HOUR });
    for (let i = 0; i < 1_000; i++) store.createRequestToken();
    time.advance(HOUR);
    store.createRequestToken();
    expect(store.requestTokenCount).toBe(1);
  });

  it('keeps the request tokens still live', () => {
    const time = fakeTime();
    const store = new AuthStore(time.now, { requestTokenMs: HOUR, guestSessionMs: 24 * HOUR });
    store.createRequestToken();
    time.advance(HOUR / 2);
    const live = store.createRequestToken();
    time.advance(HOUR / 2);
    store.createRequestToken();
    expect(store.requestTokenCount).toBe(2);
    expect(store.lookUpRequestToken(live.value).state).toBe('live');
  });

  it('drops expired guest sessions', () => {
    const time = fakeTime();
    const store = new AuthStore(time.now, { requestTokenMs: HOUR, guestSessionMs: 24 * HOUR });
    for (let i = 0; i < 1_000; i++) store.createGuestSession();
    time.advance(24 * HOUR);
    const guest = store.createGuestSession();
    expect(store.guestSessionCount).toBe(1);
    expect(store.hasGuestSession(guest.id)).toBe(true);
  });

  it('drops expired v4 request tokens', () => {
    const time = fakeTime();
    const store = new V4AuthStore(time.now, 15 * 60_000);
    for (let i = 0; i < 1_000; i++) store.createRequestToken(undefined);
    time.advance(15 * 60_000);
    store.createRequestToken(undefined);
    expect(store.requestTokenCount).toBe(1);
  });
});
