import { TmdbAbortError } from '../errors';
import type { RequestToken } from '../models';
import { expiresInMs } from '../token-expiry';
import { raceAbort } from './abortable-wait';

/**
 * Holds one request token with life left in it. Any number of concurrent callers share a single creation
 * request (as google-auth-library learnt to after expiry opened thousands of connections at once).
 */
export class RequestTokenCache {
  private cached: RequestToken | undefined;
  private inFlight: Promise<RequestToken> | undefined;

  constructor(
    private readonly create: () => Promise<RequestToken>,
    private readonly now: () => number,
    private readonly marginMs: number,
  ) {}

  /** A token with more than the margin of life left: the cached one, or a new one shared by all who ask now. */
  async get(signal?: AbortSignal): Promise<RequestToken> {
    if (this.cached && expiresInMs(this.cached, this.now()) > this.marginMs) return this.cached;
    this.cached = undefined;
    this.inFlight ??= this.refresh();
    try {
      // The shared request is not tied to any one caller's signal: one caller giving up must not fail the rest.
      return await raceAbort(this.inFlight, signal);
    } catch (error) {
      if (signal?.aborted)
        throw new TmdbAbortError("Getting a request token was aborted by the caller's AbortSignal.", {
          cause: signal.reason,
        });
      throw error;
    }
  }

  /** Forgets `requestToken` if it is the cached one (TMDb consumed or refused it). */
  drop(requestToken: string): void {
    if (this.cached?.requestToken === requestToken) this.cached = undefined;
  }

  private async refresh(): Promise<RequestToken> {
    try {
      // Cached before any waiting caller resumes, so every token handed out can be found by `drop`.
      this.cached = await this.create();
      return this.cached;
    } finally {
      this.inFlight = undefined;
    }
  }
}
