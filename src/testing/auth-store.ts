import { randomBytes } from 'node:crypto';

/** A request token as the emulator keeps it. */
export interface StoredRequestToken {
  readonly value: string;
  readonly expiresAt: number;
  approved: boolean;
}

/** What became of a request token someone tried to use. */
export type TokenLookup =
  | { state: 'live'; token: StoredRequestToken }
  // Never issued, expired and consumed look the same to a caller, as they do on TMDb (code 33).
  | { state: 'invalid' };

/**
 * The emulator's state: request tokens (which expire, are approved, and are consumed by session creation),
 * user sessions (which live until deleted) and guest sessions (which expire). Time comes from the injected clock.
 */
export class AuthStore {
  readonly #tokens = new Map<string, StoredRequestToken>();
  readonly #sessions = new Set<string>();
  readonly #guestSessions = new Map<string, number>();

  readonly #now: () => number;
  readonly #lifetimes: { requestTokenMs: number; guestSessionMs: number };

  constructor(now: () => number, lifetimes: { requestTokenMs: number; guestSessionMs: number }) {
    this.#now = now;
    this.#lifetimes = lifetimes;
  }

  createRequestToken(): StoredRequestToken {
    const token = { value: newId(20), expiresAt: this.#now() + this.#lifetimes.requestTokenMs, approved: false };
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

  /** Approves a live request token; false when it is unknown, expired or consumed. */
  approve(value: string): boolean {
    const lookup = this.lookUpRequestToken(value);
    if (lookup.state !== 'live') return false;
    lookup.token.approved = true;
    return true;
  }

  /** Consumes an approved request token and creates a session from it. */
  createSession(token: StoredRequestToken): string {
    this.#tokens.delete(token.value);
    return this.createSessionWithoutToken();
  }

  /** Creates a session from something other than a request token (a v4 access token). */
  createSessionWithoutToken(): string {
    const sessionId = newId(20);
    this.#sessions.add(sessionId);
    return sessionId;
  }

  hasSession(sessionId: string): boolean {
    return this.#sessions.has(sessionId);
  }

  deleteSession(sessionId: string): boolean {
    return this.#sessions.delete(sessionId);
  }

  createGuestSession(): { id: string; expiresAt: number } {
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

// TMDb's ids are lower-case hex: 40 characters for tokens and sessions, 32 for guest sessions.
function newId(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}
