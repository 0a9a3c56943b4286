import { TmdbAbortError } from '../errors';
import type { RequestToken } from '../models';
import { expiresInMs } from '../token-expiry';
import { raceAbort } from './abort';

/**
 * The most keys (users, browser sessions) whose tokens one client keeps. Past it the least recently used key's
 * token is forgotten; that user's next `getValidRequestToken` simply creates a new one.
 */
export const MAX_REQUEST_TOKEN_KEYS = 1_000;

/** The scope of a caller that gave no key: one token for the whole client (single-user programs). */
const CLIENT_SCOPE = Symbol('the client’s own scope');

type Scope = string | typeof CLIENT_SCOPE;

interface Entry {
  token: RequestToken | undefined;
  inFlight: Promise<RequestToken> | undefined;
}

/**
 * Request tokens with life left in them, one per key (the caller's user or browser session), so that one user's
 * approval can never become another user's session. Concurrent callers with the same key share one creation
 * request (as google-auth-library learnt to after expiry opened thousands of connections at once). Bounded:
 * expired tokens are dropped whenever a token is created, and past {@link MAX_REQUEST_TOKEN_KEYS} keys the least
 * recently used one is forgotten.
 */
export class RequestTokenCache {
  // A Map keeps insertion order: re-inserting on every use keeps the least recently used key first.
  readonly #entries = new Map<Scope, Entry>();

  constructor(
    private readonly create: () => Promise<RequestToken>,
    private readonly now: () => number,
    private readonly marginMs: number,
    private readonly maxKeys = MAX_REQUEST_TOKEN_KEYS,
  ) {}

  /** A token for `key` with more than the margin of life left: its cached one, or a new one shared by all who ask now. */
  async get(key: string | undefined, signal?: AbortSignal): Promise<RequestToken> {
    const scope: Scope = key ?? CLIENT_SCOPE;
    const entry = this.#use(scope);
    if (entry.token && this.#fresh(entry.token)) return entry.token;
    entry.token = undefined;
    entry.inFlight ??= this.#refresh(scope, entry);
    return awaitSharedToken(entry.inFlight, signal);
  }

  /** Forgets `requestToken` under whichever key holds it (TMDb consumed or refused it). */
  drop(requestToken: string): void {
    for (const [scope, entry] of this.#entries) {
      if (entry.token?.requestToken !== requestToken) continue;
      entry.token = undefined;
      if (!entry.inFlight) this.#entries.delete(scope);
    }
  }

  /** How many keys have a token or a request for one (for tests of the bound). */
  get size(): number {
    return this.#entries.size;
  }

  /** The entry for `scope`, marked as the most recently used; a new one evicts what the bound requires. */
  #use(scope: Scope): Entry {
    let entry = this.#entries.get(scope);
    if (entry) {
      this.#entries.delete(scope);
    } else {
      entry = { token: undefined, inFlight: undefined };
      this.#evict();
    }
    this.#entries.set(scope, entry);
    return entry;
  }

  /**
   * Drops expired tokens (and keys left with none), then makes room for one more key by forgetting the least
   * recently used. Runs only when a new key comes, which costs a request anyway.
   */
  #evict(): void {
    for (const [scope, entry] of this.#entries) {
      if (!entry.inFlight && (!entry.token || expiresInMs(entry.token, this.now()) <= 0)) this.#entries.delete(scope);
    }
    // Callers waiting on an evicted key's request still get its token; it is just not kept.
    for (const scope of this.#entries.keys()) {
      if (this.#entries.size < this.maxKeys) break;
      this.#entries.delete(scope);
    }
  }

  #fresh(token: RequestToken): boolean {
    return expiresInMs(token, this.now()) > this.marginMs;
  }

  async #refresh(scope: Scope, entry: Entry): Promise<RequestToken> {
    try {
      const token = await this.create();
      // Cached before any waiting caller resumes, so every token handed out can be found by `drop`; unless the key
      // was evicted meanwhile, when it is handed to the waiting callers and not kept.
      if (this.#entries.get(scope) === entry) entry.token = token;
      return token;
    } finally {
      entry.inFlight = undefined;
    }
  }
}

/**
 * One caller's wait for a token request shared by everyone who asked for it. The request is not tied to any one
 * caller's signal: one caller giving up must not fail the rest. @throws {TmdbAbortError} when `signal` aborts.
 */
export async function awaitSharedToken(flight: Promise<RequestToken>, signal?: AbortSignal): Promise<RequestToken> {
  try {
    return await raceAbort(flight, signal);
  } catch (error) {
    if (signal?.aborted)
      throw new TmdbAbortError("Getting a request token was aborted by the caller's AbortSignal.", {
        cause: signal.reason,
      });
    throw error;
  }
}
