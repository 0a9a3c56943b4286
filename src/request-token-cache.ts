import { raceAbort } from './abort';
import { TmdbAbortError } from './errors';
import { expiresInMs } from './token-expiry';

/** A request token and when it expires (on the local clock). */
export interface RequestToken {
  readonly requestToken: string;
  readonly expiresAt: Date;
}

/**
 * Holds one request token with life left in it. Any number of concurrent callers share a single creation
 * request (as google-auth-library learnt to after expiry opened thousands of connections at once). A generation
 * counter lets `drop` discard a creation already in flight, so a stale token is never cached after it.
 */
export class RequestTokenCache {
  private cached: RequestToken | undefined;
  private inFlight: Promise<RequestToken> | undefined;
  private generation = 0;

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

  /** Forgets `requestToken` (used or rejected), and any creation in flight. */
  drop(requestToken?: string): void {
    if (requestToken === undefined || this.cached?.requestToken === requestToken) {
      this.cached = undefined;
    }
    if (requestToken === undefined) {
      this.generation++;
      this.inFlight = undefined;
    }
  }

  private async refresh(): Promise<RequestToken> {
    const generation = this.generation;
    try {
      const token = await this.create();
      if (generation === this.generation) this.cached = token;
      return token;
    } finally {
      if (generation === this.generation) this.inFlight = undefined;
    }
  }
}
