/**
 * The one fake clock of the tests: a clock and a sleep for the client's and the emulator's `now` and `sleep`
 * options. It moves only when told (`advance`) or when something sleeps, and every wait is recorded, so retry
 * tests run in microseconds and can assert the delays. With `frozen`, sleeping records the wait but leaves the
 * clock where it is, for stubs that carry absolute times (an HTTP-date `Retry-After` written once).
 */
export function fakeTime(startMs = Date.UTC(2026, 10, 29, 12, 0, 0), options: { frozen?: boolean } = {}) {
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
      if (!options.frozen) nowMs += ms;
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

/**
 * A sleep that never ends on its own, only when its signal aborts (with the signal's reason): for tests that show
 * an abort ends a long wait, without a real timer.
 */
export function sleepUntilAborted(_ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((_resolve, reject) => {
    if (signal?.aborted) reject(signal.reason);
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}
