/**
 * A clock and a sleep for the client's `now` and `sleep` options: sleeping advances the clock at once, and
 * every wait is recorded, so retry tests run in microseconds and can assert the delays.
 */
export function fakeTime(startMs = Date.UTC(2026, 10, 29, 12, 0, 0)) {
  let nowMs = startMs;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => nowMs,
    advance: (ms: number) => {
      nowMs += ms;
    },
    sleep: async (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      nowMs += ms;
      // Yield to the event loop as a real timer would, so I/O callbacks due before the next attempt run first.
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

/** An HTTP date (`Date` and `Retry-After` header format) for a time in milliseconds. */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** A TMDb `expires_at` value for a time in milliseconds: the emulator's own formatter. */
export { formatTmdbDate as tmdbDate } from 'tmdb-auth-client/testing';
