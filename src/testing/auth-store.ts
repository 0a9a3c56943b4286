import { randomBytes } from 'node:crypto';

/** A request token as the emulator keeps it. */
export interface StoredRequestToken {
  readonly value: string;
  readonly expiresAt: number;
  /** The user who approved it (on the approval page, or with their password); undefined until then. */
  approvedBy: string | undefined;
  /** The user said no on the approval page; a session from it is refused as unapproved. */
  denied: boolean;
}

/** What became of a request token someone tried to use. */
export type TokenLookup =
  | { state: 'live'; token: StoredRequestToken }
  // Never issued, expired and consumed look the same to a caller, as they do on TMDb (code 33).
  | { state: 'invalid' };

/**
 * The emulator's state: request tokens (which expire, are approved, and are consumed by session creation),
 * user sessions (which live until deleted) and guest sessions (which expire). Time comes from the injected clock.
 * Expired tokens and guest sessions are dropped as new ones are made, so a long run holds only live ones.
 */
export class AuthStore {
  readonly #tokens = new Map<string, StoredRequestToken>();
  // Session id -> the user it belongs to (undefined for sessions converted from a v4 token).
  readonly #sessions = new Map<string, string | undefined>();
  readonly #guestSessions = new Map<string, number>();

  readonly #now: () => number;
  readonly #lifetimes: { requestTokenMs: number; guestSessionMs: number };

  constructor(now: () => number, lifetimes: { requestTokenMs: number; guestSessionMs: number }) {
    this.#now = now;
    this.#lifetimes = lifetimes;
  }

  /** Request tokens held: issued, not consumed, and not yet found expired. */
  get requestTokenCount(): number {
    return this.#tokens.size;
  }

  /** Guest sessions held: created and not yet found expired. */
  get guestSessionCount(): number {
    return this.#guestSessions.size;
  }

  createRequestToken(): StoredRequestToken {
    pruneExpired(this.#tokens, (token) => token.expiresAt, this.#now());
    const token: StoredRequestToken = {
      value: newId(20),
      expiresAt: this.#now() + this.#lifetimes.requestTokenMs,
      approvedBy: undefined,
      denied: false,
    };
    this.#tokens.set(token.value, token);
    return token;
  }

  lookUpRequestToken(value: string): TokenLookup {
    const token = this.#tokens.get(value);
    if (!token) return { state: 'invalid' };
    if (token.expiresAt <= this.#now()) {
      this.#tokens.delete(value);
      return { state: 'invalid' };
    }
    return { state: 'live', token };
  }

  /** `user` approves a live request token; false when it is unknown, expired or consumed. */
  approve(value: string, user: string): boolean {
    const lookup = this.lookUpRequestToken(value);
    if (lookup.state !== 'live') return false;
    lookup.token.approvedBy = user;
    lookup.token.denied = false;
    return true;
  }

  /** The user refuses a live request token; false when it is unknown, expired or consumed. */
  deny(value: string): boolean {
    const lookup = this.lookUpRequestToken(value);
    if (lookup.state !== 'live') return false;
    lookup.token.approvedBy = undefined;
    lookup.token.denied = true;
    return true;
  }

  /** Consumes an approved request token and creates a session, for the user who approved it, from it. */
  createSession(token: StoredRequestToken): string {
    this.#tokens.delete(token.value);
    return this.createSessionWithoutToken(token.approvedBy);
  }

  /** Creates a session from something other than a request token (a v4 access token). */
  createSessionWithoutToken(user?: string): string {
    const sessionId = newId(20);
    this.#sessions.set(sessionId, user);
    return sessionId;
  }

  hasSession(sessionId: string): boolean {
    return this.#sessions.has(sessionId);
  }

  /** The user a session belongs to; undefined when there is no such session, or it came from a v4 token. */
  sessionUser(sessionId: string): string | undefined {
    return this.#sessions.get(sessionId);
  }

  deleteSession(sessionId: string): boolean {
    return this.#sessions.delete(sessionId);
  }

  createGuestSession(): { id: string; expiresAt: number } {
    pruneExpired(this.#guestSessions, (expiresAt) => expiresAt, this.#now());
    const id = newId(16);
    const expiresAt = this.#now() + this.#lifetimes.guestSessionMs;
    this.#guestSessions.set(id, expiresAt);
    return { id, expiresAt };
  }

  hasGuestSession(id: string): boolean {
    const expiresAt = this.#guestSessions.get(id);
    return expiresAt !== undefined && expiresAt > this.#now();
  }
}

/**
 * Drops the expired entries at the front of `entries`. Each lives a fixed time from when it was added, so they
 * expire in the order they were added: the first one still live ends the sweep, and each entry is swept once.
 */
export function pruneExpired<K, V>(entries: Map<K, V>, expiresAt: (value: V) => number, now: number): void {
  for (const [key, value] of entries) {
    if (expiresAt(value) > now) return;
    entries.delete(key);
  }
}

// TMDb's ids are lower-case hex: 40 characters for tokens and sessions, 32 for guest sessions.
function newId(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}
