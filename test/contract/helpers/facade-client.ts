import { TmdbAuthClient, type TmdbAuthClientOptions } from 'tmdb-auth-client';
import { fakeTime } from '../../helpers/fake-time';
import type { ExpectedAuth } from './request-validator';
import { SPEC_BASE_URL } from './spec';

/** The contract suite's clock: fixed, so waits and expiries are exact. */
export const NOW = Date.parse('2026-03-01T12:00:00Z');

/**
 * A facade client aimed at the spec's server, with time injected: `sleeps` records every wait between attempts,
 * and none of them really waits.
 */
export function facadeClient(
  auth: ExpectedAuth,
  options: Partial<TmdbAuthClientOptions> = {},
): { client: TmdbAuthClient; sleeps: number[] } {
  // Frozen: the fault stubs carry absolute times (an HTTP-date Retry-After) computed from NOW once.
  const time = fakeTime(NOW, { frozen: true });
  const client = new TmdbAuthClient({
    ...auth,
    baseUrl: SPEC_BASE_URL,
    now: time.now,
    sleep: time.sleep,
    random: () => 0.5,
    ...options,
  });
  return { client, sleeps: time.sleeps };
}
