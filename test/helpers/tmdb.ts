import nock from 'nock';
import { TmdbAuthClient, type TmdbAuthClientOptions } from 'tmdb-auth-client';
import { fakeTime } from './fake-time';

import { API_KEY, REQUEST_TOKEN } from './fixtures';

export * from './fixtures';

export const BASE_URL = 'https://api.themoviedb.org/3';

/**
 * A client with an API key (unless `options` say otherwise) and an injected clock and sleep, starting at
 * `startMs`; `time.sleeps` records every wait.
 */
export function testClient(options: Partial<TmdbAuthClientOptions> = {}, startMs?: number) {
  const time = fakeTime(startMs);
  const client = new TmdbAuthClient({
    apiKey: API_KEY,
    now: time.now,
    sleep: time.sleep,
    random: () => 0,
    ...options,
  });
  return { client, time };
}

/** nock for TMDb, matching the client's api_key on every request. */
export function tmdb() {
  return nock(BASE_URL).matchHeader('accept', /json/);
}

export const withKey = { api_key: API_KEY };

export function tokenBody(expiresAt: string, requestToken = REQUEST_TOKEN) {
  return { success: true, expires_at: expiresAt, request_token: requestToken };
}

export function errorBody(statusCode: number, statusMessage: string) {
  return { success: false, status_code: statusCode, status_message: statusMessage };
}

/** Settles a promise that is expected to reject, and returns the reason. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/**
 * A timeout as the transport reports it (axios's timeout error, as an axios instance of the caller's raises it), for
 * nock's `replyWithError`: an attempt that times out without waiting for a real timer. The client treats it as its
 * own per-attempt timer running out; test/network/real-timeouts.test.ts holds the two to the same error.
 */
export function axiosTimeout(timeoutMs: number): Error {
  return Object.assign(new Error(`timeout of ${timeoutMs}ms exceeded`), { code: 'ETIMEDOUT' });
}

/**
 * A per-attempt timeout far longer than any answer here takes: the timeouts tests meet are raised
 * (`axiosTimeout(TIMEOUT_MS)`), not waited for.
 */
export const TIMEOUT_MS = 5_000;

/** A connection reset mid-exchange as Node reports it, for nock's `replyWithError`: TMDb may have acted on it. */
export function connectionReset(): Error {
  return Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
}

/** A refused connection as Node reports it, for nock's `replyWithError`: the request never left. */
export function connectionRefused(): Error {
  return Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
}

/**
 * An answer nock holds until the test releases it, for `.reply(held.reply)`: the request is in flight for as long
 * as the test needs, with no real timer. `arrived(n)` resolves once n requests have reached it.
 */
export function heldAnswer(status: number, body: unknown) {
  let arrivals = 0;
  const waiting: { count: number; resolve: () => void }[] = [];
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  return {
    reply: async (): Promise<[number, unknown]> => {
      arrivals += 1;
      for (const waiter of waiting.filter((w) => w.count <= arrivals)) waiter.resolve();
      await released;
      return [status, body];
    },
    arrived: (count = 1) =>
      new Promise<void>((resolve) => (count <= arrivals ? resolve() : waiting.push({ count, resolve }))),
    release,
  };
}
