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
