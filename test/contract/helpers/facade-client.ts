import { TmdbAuthClient, type TmdbAuthClientOptions } from 'tmdb-auth-client';
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
  const sleeps: number[] = [];
  const client = new TmdbAuthClient({
    ...auth,
    baseUrl: SPEC_BASE_URL,
    now: () => NOW,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...options,
  });
  return { client, sleeps };
}
